// What the simulator page shows: per (channel, user), the person's messages and the bot's
// replies as the fake platforms received them. In memory only and bounded: the simulator
// is a demo on one instance, and nothing here must outlive it or grow without limit.
import { conversationKey } from "../core/messages.js";

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
const MAX_CONVERSATIONS = 500;

export class Transcript {
  private readonly conversations = new Map<string, { next: number; entries: TranscriptEntry[] }>();

  add(channel: SimChannel, userId: string, entry: NewEntry): TranscriptEntry {
    const key = conversationKey(channel, userId);
    let conv = this.conversations.get(key);
    if (!conv) {
      if (this.conversations.size >= MAX_CONVERSATIONS) {
        // Maps iterate in insertion order: the first key is the least recently started.
        const oldest = this.conversations.keys().next().value;
        if (oldest !== undefined) this.conversations.delete(oldest);
      }
      conv = { next: 1, entries: [] };
      this.conversations.set(key, conv);
    }
    const full: TranscriptEntry = { ...entry, seq: conv.next++, at: new Date().toISOString() };
    conv.entries.push(full);
    if (conv.entries.length > MAX_ENTRIES_PER_CONVERSATION) conv.entries.shift();
    return full;
  }

  markFailed(channel: SimChannel, userId: string, seq: number): void {
    const entry = this.conversations.get(conversationKey(channel, userId))?.entries.find((e) => e.seq === seq);
    if (entry) entry.failed = true;
  }

  /** Entries after `after` (the page polls with the last seq it has shown). */
  since(channel: SimChannel, userId: string, after: number): { messages: TranscriptEntry[]; last: number } {
    const conv = this.conversations.get(conversationKey(channel, userId));
    if (!conv) return { messages: [], last: 0 };
    return { messages: conv.entries.filter((e) => e.seq > after), last: conv.next - 1 };
  }
}
