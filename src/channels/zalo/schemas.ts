// zod shapes of the Zalo webhook bodies we act on (docs/reference/platforms/zalo.md §2.2–2.3). Objects are
// not strict: Zalo adds fields over time and extra keys are simply not read. Ids are
// strings — they exceed 2^53, so a number id has already lost digits and is rejected.
// Lengths are bounded because ids end up in unique indexes (PostgreSQL caps index rows).
import { z } from "zod";

export const zaloId = z.string().min(1).max(64);
const msgId = z.string().min(1).max(128);

/** Epoch milliseconds as Zalo sends them (a digit string); a number is tolerated. */
export const zaloTimestamp = z
  .union([z.string().regex(/^\d{1,15}$/), z.number().int().min(0).max(999_999_999_999_999)])
  .transform((v) => String(Number(v)));

export const envelope = z.object({
  event_name: z.string().min(1).max(64),
  timestamp: zaloTimestamp,
});

const attachment = z.object({
  type: z.string().max(32),
  payload: z.unknown().optional(),
});

export const userMessage = z.object({
  sender: z.object({ id: zaloId }),
  message: z.object({
    msg_id: msgId,
    text: z.string().optional(),
    attachments: z.array(attachment).max(50).optional(),
  }),
});

/** Coordinates arrive as decimal strings ([LOG] real payload); numbers are tolerated. */
const coordinate = z.union([z.string().trim().regex(/^[-+]?\d{1,3}(\.\d+)?$/), z.number()]).transform(Number);

export const locationPayload = z.object({
  coordinates: z.object({
    latitude: coordinate.pipe(z.number().min(-90).max(90)),
    longitude: coordinate.pipe(z.number().min(-180).max(180)),
  }),
});

export const followEvent = z.object({ follower: z.object({ id: zaloId }) });

/** user_submit_info: only the sender is read; `info` (name, phone, address) never is. */
export const submitInfoEvent = z.object({ sender: z.object({ id: zaloId }) });

/** OA-message receipts: sender = OA, recipient = user (zalo.md §2.2). */
export const receiptEvent = z.object({
  recipient: z.object({ id: zaloId }),
  message: z.object({ msg_ids: z.array(msgId).max(1000).optional() }).optional(),
});

/** oa_send_*: what the OA sent (sender = OA, with admin_id when an admin typed it), recipient = user. */
export const oaEcho = z.object({
  recipient: z.object({ id: zaloId }),
  message: z.object({ msg_id: msgId.optional(), text: z.string().max(10_000).optional() }).optional(),
});

export const urlPayload = z.object({ url: z.url({ protocol: /^https?$/ }).max(2048) });
