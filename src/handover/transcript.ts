// The last few messages of one conversation, for the staff member who holds it: what the
// person wrote (from the stored inbound events, unless retention already blanked them) and
// what the bot or staff answered (from the outbox bodies). Only the last `limit` lines are
// read, never the whole history.
import { conversationKey, type InboundEvent } from "../core/messages.js";
import type { Channel, ChannelRegistry } from "../core/channel.js";
import type { Db } from "../db/client.js";
import { STAFF_PREFIX } from "./staff-reply.js";

export type LineKind =
  | "text" // `text` holds the words
  | "purged" // blanked by the retention policy
  | "attachment"
  | "location"; // shown as "sent a location", never the coordinates

export interface TranscriptLine {
  from: "person" | "bot" | "staff";
  at: Date;
  kind: LineKind;
  text?: string;
  /** Outbound only: the platform refused it for good. */
  failed?: boolean;
  /** An attachment the person sent: its type ("audio" = a voice message) and the platform's own URL (never copied here). */
  attachment?: { type: string; url?: string };
}

const SHOWN_KINDS = ["text", "postback", "attachment", "location"];

export async function recentMessages(db: Db, channels: ChannelRegistry, conv: { channel: string; userId: string }, limit: number): Promise<TranscriptLine[]> {
  const channel = channels.get(conv.channel);
  const key = conversationKey(conv.channel, conv.userId);
  const [inbound, outbound] = await Promise.all([
    db.inboxEvent.findMany({
      where: { conversationKey: key, kind: { in: SHOWN_KINDS } },
      orderBy: { id: "desc" },
      take: limit,
      select: { id: true, payload: true, receivedAt: true },
    }),
    db.outboxMessage.findMany({
      where: { conversationKey: key },
      orderBy: { id: "desc" },
      take: limit,
      select: { id: true, payload: true, dedupeKey: true, createdAt: true, status: true },
    }),
  ]);
  const lines: (TranscriptLine & { seq: number })[] = [
    ...inbound.map((row) => ({ ...personLine(row.payload, row.receivedAt), seq: row.id })),
    ...outbound.map((row) => ({
      seq: row.id,
      from: row.dedupeKey.startsWith(STAFF_PREFIX) ? ("staff" as const) : ("bot" as const),
      at: row.createdAt,
      ...sentText(row.payload, channel),
      ...(row.status === "failed" ? { failed: true } : {}),
    })),
  ];
  // A person's message is stored before the answers it caused: on equal times it goes first;
  // the parts of one answer are queued in one statement and keep their row order.
  const personFirst = (l: TranscriptLine) => (l.from === "person" ? 0 : 1);
  lines.sort((a, b) => a.at.getTime() - b.at.getTime() || personFirst(a) - personFirst(b) || a.seq - b.seq);
  return lines.slice(-limit).map(({ seq: _seq, ...line }) => line);
}

function personLine(payload: string, at: Date): TranscriptLine {
  const event = parse(payload) as (Partial<InboundEvent> & { purged?: boolean }) | undefined;
  if (!event || event.purged) return { from: "person", at, kind: "purged" };
  if (event.kind === "location") return { from: "person", at, kind: "location" };
  const a = event.kind === "attachment" ? event.attachments?.[0] : undefined;
  const attachment = a ? { attachment: { type: a.type, ...(a.url && /^https:\/\//.test(a.url) ? { url: a.url } : {}) } } : {};
  const text = event.text?.trim() || event.payload?.trim();
  if (text) return { from: "person", at, kind: "text", text, ...attachment };
  return { from: "person", at, kind: event.kind === "attachment" ? "attachment" : "purged", ...attachment };
}

/** The words of a rendered body, read by the channel that rendered it. */
function sentText(payload: string, channel: Channel | undefined): { kind: LineKind; text?: string } {
  const body = parse(payload) as { purged?: boolean } | undefined;
  if (body?.purged) return { kind: "purged" };
  const text = channel?.textOf(body);
  return typeof text === "string" ? { kind: "text", text } : { kind: "attachment" };
}

function parse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
