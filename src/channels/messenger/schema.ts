// zod shapes of the Messenger webhook body (docs/reference/platforms/messenger.md §2). Tolerant on
// purpose: only the envelope decides 400; an entry or item we cannot read is skipped,
// because Meta retries anything but a 200 and one odd item must not block the batch.
import { z } from "zod";

/** Page ids and PSIDs are strings in practice; accept safe integers too. */
export const Id = z.union([z.string(), z.number().int().nonnegative()]).transform(String);

/** Numbers or digit strings (the 2026 docs show string timestamps); seconds or ms. */
export const Timestamp = z.union([z.number(), z.string().regex(/^\d{1,16}$/).transform(Number)]).transform(toMs);

export const Envelope = z.object({
  object: z.string(),
  entry: z.array(z.unknown()),
});

export const Entry = z.object({
  id: Id.optional(),
  time: Timestamp.optional().catch(undefined),
  messaging: z.array(z.unknown()).optional().catch(undefined),
  standby: z.array(z.unknown()).optional().catch(undefined),
});
export type Entry = z.infer<typeof Entry>;

const Party = z.object({ id: Id.optional().catch(undefined), user_ref: z.unknown().optional() });

export const Item = z.looseObject({
  sender: Party.optional().catch(undefined),
  recipient: Party.optional().catch(undefined),
  timestamp: Timestamp.optional().catch(undefined),
});
export type Item = z.infer<typeof Item>;

export const Referral = z.object({
  ref: z.string().optional().catch(undefined),
  source: z.string().optional().catch(undefined),
});

export const Message = z.object({
  mid: z.string().optional().catch(undefined),
  text: z.string().optional().catch(undefined),
  quick_reply: z.object({ payload: z.string() }).optional().catch(undefined),
  attachments: z.array(z.unknown()).optional().catch(undefined),
});

export const Attachment = z.object({
  type: z.string(),
  payload: z
    .object({
      url: z.string().optional().catch(undefined),
      sticker_id: z.union([z.number(), z.string()]).optional().catch(undefined),
      coordinates: z.object({ lat: z.number(), long: z.number() }).optional().catch(undefined),
    })
    .nullish()
    .catch(undefined),
});

export const Postback = z.object({
  mid: z.string().optional().catch(undefined),
  title: z.string().optional().catch(undefined),
  payload: z.string().optional().catch(undefined),
  referral: Referral.optional().catch(undefined),
});

export const Delivery = z.object({
  mids: z.array(z.string()).optional().catch(undefined),
  watermark: Timestamp.optional().catch(undefined),
});

export const Read = z.object({ watermark: Timestamp });

export const Optin = z.object({
  ref: z.string().optional().catch(undefined),
  type: z.string().optional().catch(undefined),
});

/** 9999-12-31T23:59:59.999Z: PostgreSQL (through Prisma) rejects five-digit years. */
const LATEST_MS = 253_402_300_799_999;

/**
 * Milliseconds since the epoch, or undefined when the value cannot be a time.
 * Values below 1e12 are seconds (courier's referral_seconds.json): 1e12 ms is 2001.
 */
export function toMs(n: number): number | undefined {
  if (!Number.isFinite(n) || n <= 0) return undefined;
  const ms = Math.round(n < 1e12 ? n * 1000 : n);
  return ms <= LATEST_MS ? ms : undefined;
}
