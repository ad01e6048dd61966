// The only two shapes the bot sees. Channels turn platform payloads into InboundEvents
// and OutboundMessages into platform calls; nothing in core/ or bot/ knows a platform.

export type ChannelId = string;

/** Events and replies of one person on one channel share this key (they are processed in order by it). */
export function conversationKey(channel: ChannelId, userId: string): string {
  return `${channel}:${userId}`;
}

export type InboundKind =
  | "text" // typed text, or a tapped quick reply / button that the platform sends as text
  | "postback" // a tapped button with a payload (Messenger postback / quick reply payload)
  | "attachment" // image, file, sticker, audio, video, link
  | "location"
  | "follow"
  | "unfollow"
  | "submit_info" // Zalo user_submit_info: we keep only that it happened, never the fields
  | "referral"
  | "delivery" // receipts update the outbox, they never reach the bot
  | "read"
  | "echo" // a message the account sent (the platform reports it): ours, or a person answering from the platform's own inbox
  | "unknown"; // stored for the record and skipped

export interface Attachment {
  type: "image" | "video" | "audio" | "file" | "sticker" | "link" | "other";
  url?: string;
}

export interface InboundEvent {
  channel: ChannelId;
  /** Unique per channel: the platform's message id, or a key derived from the event (see each parser). */
  eventKey: string;
  /** The person, as the platform scopes them (Zalo OA-scoped id, Messenger PSID). */
  userId: string;
  kind: InboundKind;
  /** When the person acted, from the event itself (late deliveries keep their own time). */
  occurredAt: string;
  text?: string;
  /** Machine payload of a tapped button / quick reply. */
  payload?: string;
  attachments?: Attachment[];
  location?: { lat: number; lng: number };
  referral?: { ref?: string; source?: string };
  /** For delivery/read receipts: the platform message ids, or everything up to a watermark. */
  receipt?: { messageIds?: string[]; watermark?: string };
  /** For an echo: the platform's id of the message the account sent (matched against our outbox). */
  echo?: { messageId?: string };
  /** Platform event name, kept for the record (e.g. "user_send_sticker"). */
  platformEvent?: string;
}

export type Choice =
  | { kind: "reply"; title: string; payload: string }
  | { kind: "call"; title: string; phone: string }
  | { kind: "url"; title: string; url: string };

export interface OutboundMessage {
  channel: ChannelId;
  recipientId: string;
  text: string;
  /** Offered as buttons/quick replies where the platform allows, else as "Gõ 1, 2, 3…". */
  choices?: Choice[];
  /** The words used to introduce the numbered list when buttons cannot be used. */
  choicesHint?: string;
  /** "response" is inside the platform's reply window; "human_agent" is a staff reply. */
  purpose?: "response" | "human_agent" | "reminder" | "broadcast";
}
