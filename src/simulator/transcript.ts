// What the simulator page shows: per (channel, user), the person's messages and the bot's
// replies as the fake platforms received them. Bounded per conversation; simulator mode only.
import { conversationKey } from "../core/messages.js";
import type { Db } from "../db/client.js";
import { isUniqueViolation } from "../db/errors.js";

export type SimChannel = "zalo" | "messenger";

/** How tapping a chip reaches the bot: as plain text (Zalo oa.query), a quick reply or a postback. */
export type ChipVia = "text" | "quick_reply" | "postback";

export type Chip =
  | { kind: "reply"; title: string; payload: string; via: ChipVia }
  | { kind: "call"; title: string; phone: string }
  | { kind: "url"; title: string; url: string };

export interface TranscriptEntry {
  seq: number;
  from: "user" | "bot";
  at: string;
  text?: string;
  chips?: Chip[];
  location?: { lat: number; lng: number };
  sticker?: boolean;
  /** The webhook refused the user's message (the page shows it greyed out). */
  failed?: boolean;
}

export type NewEntry = Omit<TranscriptEntry, "seq" | "at">;

const MAX_ENTRIES_PER_CONVERSATION = 300;

/**
 * In the database (SimulatorEntry), so with several web instances the page shows what any of
 * them, or any worker, saw. A conversation keeps its newest 300 entries.
 */
export class Transcript {
  /** Adds of one conversation in this process, in the order they were asked for. */
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(private readonly db: Db) {}

  add(channel: SimChannel, userId: string, entry: NewEntry): Promise<TranscriptEntry> {
    const key = conversationKey(channel, userId);
    const run = (this.chains.get(key) ?? Promise.resolve()).catch(() => undefined).then(() => this.insert(key, entry));
    this.chains.set(key, run);
    void run.finally(() => {
      if (this.chains.get(key) === run) this.chains.delete(key);
    }).catch(() => undefined);
    return run;
  }

  private async insert(key: string, entry: NewEntry): Promise<TranscriptEntry> {
    for (let attempt = 0; ; attempt++) {
      const last = await this.db.simulatorEntry.findFirst({ where: { conversationKey: key }, orderBy: { seq: "desc" }, select: { seq: true } });
      const seq = (last?.seq ?? 0) + 1;
      const at = new Date();
      try {
        await this.db.simulatorEntry.create({ data: { conversationKey: key, seq, entry: JSON.stringify(entry), createdAt: at } });
      } catch (err) {
        if (attempt < 5 && isUniqueViolation(err)) continue; // another instance took this number
        throw err;
      }
      if (seq > MAX_ENTRIES_PER_CONVERSATION) await this.db.simulatorEntry.deleteMany({ where: { conversationKey: key, seq: { lte: seq - MAX_ENTRIES_PER_CONVERSATION } } });
      return { ...entry, seq, at: at.toISOString() };
    }
  }

  async markFailed(channel: SimChannel, userId: string, seq: number): Promise<void> {
    const key = conversationKey(channel, userId);
    const row = await this.db.simulatorEntry.findUnique({ where: { conversationKey_seq: { conversationKey: key, seq } } });
    if (!row) return;
    await this.db.simulatorEntry.update({ where: { id: row.id }, data: { entry: JSON.stringify({ ...(JSON.parse(row.entry) as NewEntry), failed: true }) } });
  }

  /** Entries after `after` (the page polls with the last seq it has shown). */
  async since(channel: SimChannel, userId: string, after: number): Promise<{ messages: TranscriptEntry[]; last: number }> {
    const key = conversationKey(channel, userId);
    const rows = await this.db.simulatorEntry.findMany({ where: { conversationKey: key, seq: { gt: after } }, orderBy: { seq: "asc" } });
    const last = rows.at(-1)?.seq ?? (await this.db.simulatorEntry.findFirst({ where: { conversationKey: key }, orderBy: { seq: "desc" }, select: { seq: true } }))?.seq ?? 0;
    return { messages: rows.map((r) => ({ ...(JSON.parse(r.entry) as NewEntry), seq: r.seq, at: r.createdAt.toISOString() })), last };
  }
}
