// Conversation rows: (channel, userId) → language, flow, step, data. Flows read and
// write them inside the inbox worker's transaction; `version` guards against two
// workers interleaving one person's messages.
import type { Tx } from "../db/client.js";

export interface ConversationRecord {
  id: number;
  channel: string;
  userId: string;
  language: string;
  flow: string | null;
  step: string | null;
  data: Record<string, unknown>;
  /** Official province code: the commune the person named, or the channel account's area. */
  provinceCode: string | null;
  /** Official commune code the person named; never an exact address. */
  communeCode: string | null;
  handledBy: string;
  version: number;
  lastInboundAt: Date | null;
  privacyNoticeAt: Date | null;
  newsOptInAt: Date | null;
  optedOutAt: Date | null;
  unreachableAt: Date | null;
  unreachableReason: string | null;
  /** The last campaign code (poster, link, keyword) she came through, and when. */
  referralCode: string | null;
  referredAt: Date | null;
}

export type ConversationPatch = Partial<
  Pick<ConversationRecord, "language" | "flow" | "step" | "data" | "provinceCode" | "communeCode" | "handledBy" | "privacyNoticeAt" | "newsOptInAt" | "optedOutAt" | "unreachableAt" | "unreachableReason" | "referralCode" | "referredAt">
>;

export class ConcurrentUpdateError extends Error {}

/**
 * `provinceCode`: the area of the account the person wrote to (the Lai Châu OA → Lai Châu's
 * queue). A new conversation starts there; one with no area yet is placed there once. An area
 * the person named later is never overwritten.
 */
export async function loadOrCreateConversation(tx: Tx, channel: string, userId: string, provinceCode: string | null = null): Promise<ConversationRecord> {
  const found = await tx.conversation.findUnique({ where: { channel_userId: { channel, userId } } });
  let row = found ?? (await tx.conversation.create({ data: { channel, userId, provinceCode } }));
  if (found && provinceCode && found.provinceCode === null && found.communeCode === null) {
    row = await tx.conversation.update({ where: { id: found.id }, data: { provinceCode } });
  }
  return { ...row, data: parseData(row.data) };
}

export async function saveConversation(
  tx: Tx,
  conv: ConversationRecord,
  patch: ConversationPatch,
  lastInboundAt?: Date,
): Promise<void> {
  const { data, ...rest } = patch;
  const res = await tx.conversation.updateMany({
    where: { id: conv.id, version: conv.version },
    data: {
      ...rest,
      ...(data !== undefined ? { data: JSON.stringify(data) } : {}),
      ...(lastInboundAt ? { lastInboundAt } : {}),
      version: { increment: 1 },
    },
  });
  if (res.count !== 1) throw new ConcurrentUpdateError(`conversation ${conv.id} changed underneath`);
}

function parseData(s: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(s);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
