// Conversation scripts through the real path: a signed webhook in, the worker, the outbox,
// and the reply as the fake platform received it. `say()` waits until this person's
// events are processed and replies sent, then returns the new reply texts in order.
import { FakeMeta, pageEvent, postMessengerWebhook } from "./fake-meta.js";
import { FakeZalo, postZaloWebhook } from "./fake-zalo.js";
import { eventually, startTestServer, TEST_SECRETS, type TestServer } from "./server.js";

export interface ChatHarness {
  server: TestServer;
  zalo: FakeZalo;
  meta: FakeMeta;
  chat(channel: "zalo" | "messenger", userId?: string): Chat;
  close(): Promise<void>;
}

export async function startChatHarness(env: Record<string, string> = {}): Promise<ChatHarness> {
  const zalo = new FakeZalo();
  const meta = new FakeMeta();
  const [z, m] = await Promise.all([zalo.start(), meta.start()]);
  const server = await startTestServer({ ZALO_API_BASE: z.url, ZALO_OAUTH_BASE: z.url, GRAPH_API_BASE: m.url, ...env });
  let n = 0;
  return {
    server,
    zalo,
    meta,
    chat: (channel, userId) => new Chat(server, zalo, meta, channel, userId ?? `${channel === "zalo" ? "83093939698554" : "12544777777"}${String(++n).padStart(5, "0")}`),
    async close() {
      await server.close();
      await Promise.all([zalo.stop(), meta.stop()]);
    },
  };
}

export interface Reply {
  text: string;
  /** Titles of buttons / quick replies that came with the message. */
  choices: string[];
}

let seq = 0;

export class Chat {
  private seen = 0;
  constructor(
    private readonly server: TestServer,
    private readonly zalo: FakeZalo,
    private readonly meta: FakeMeta,
    readonly channel: "zalo" | "messenger",
    readonly userId: string,
  ) {}

  /** Types a line; returns the bot's replies as text, each followed by its buttons as "[a | b]". */
  async say(text: string): Promise<string[]> {
    return (await this.send({ text })).map((r) => (r.choices.length > 0 ? `${r.text}\n[${r.choices.join(" | ")}]` : r.text));
  }

  /** Taps a button / quick reply carrying this payload. */
  async tap(payload: string, title = payload): Promise<Reply[]> {
    return this.send({ payload, text: title });
  }

  async location(lat: number, lng: number): Promise<Reply[]> {
    return this.send({ location: { lat, lng } });
  }

  async sticker(): Promise<Reply[]> {
    return this.send({ sticker: true });
  }

  async send(what: { text?: string; payload?: string; location?: { lat: number; lng: number }; sticker?: boolean }, at = Date.now()): Promise<Reply[]> {
    const id = `${Date.now().toString(16)}${(++seq).toString(16).padStart(6, "0")}`;
    const status = this.channel === "zalo" ? await this.postZalo(id, what, at) : await this.postMessenger(id, what, at);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
    await this.settled();
    const all = this.replies();
    const fresh = all.slice(this.seen);
    this.seen = all.length;
    return fresh;
  }

  /** All replies this person has received so far. */
  replies(): Reply[] {
    if (this.channel === "zalo") {
      return this.zalo.messages(this.userId).map((b) => ({
        text: b.message?.text ?? "",
        choices: (b.message?.attachment?.payload?.buttons ?? []).map((x) => x.title),
      }));
    }
    return this.meta.requestsFor(this.userId).filter((r) => r.status === 200).map((r) => metaReply(r.body));
  }

  /** Waits until every stored event of this person is processed and every reply is sent. */
  async settled(): Promise<void> {
    const key = `${this.channel}:${this.userId}`;
    const db = this.server.database.db;
    await eventually(async () => {
      // In this order, not in parallel: an event is marked done in the same transaction that
      // queues its replies, so once the inbox reads done, the outbox read that starts after
      // it sees those replies. (Two parallel reads on PostgreSQL's pool could straddle the
      // commit and both see nothing pending.)
      const pendingIn = await db.inboxEvent.count({ where: { conversationKey: key, status: { in: ["pending", "processing"] } } });
      if (pendingIn > 0) return false;
      const pendingOut = await db.outboxMessage.count({ where: { conversationKey: key, status: { in: ["queued", "sending", "retry"] } } });
      return pendingOut === 0;
    });
  }

  private async postZalo(id: string, what: Parameters<Chat["send"]>[0], at: number): Promise<number> {
    const base = { app_id: TEST_SECRETS.ZALO_APP_ID, sender: { id: this.userId }, recipient: { id: TEST_SECRETS.ZALO_OA_ID }, timestamp: String(at), user_id_by_app: "7300442764876318465" };
    const body = what.location
      ? { ...base, event_name: "user_send_location", message: { msg_id: id, text: "", attachments: [{ type: "location", payload: { coordinates: { latitude: String(what.location.lat), longitude: String(what.location.lng) } } }] } }
      : what.sticker
        ? { ...base, event_name: "user_send_sticker", message: { msg_id: id, attachments: [{ type: "sticker", payload: { id: "bfe458bf64fa8da4d4eb", url: "https://zalo.example/sticker.png" } }] } }
        : // Zalo buttons send their payload back as the person's text.
          { ...base, event_name: "user_send_text", message: { msg_id: id, text: what.payload ?? what.text ?? "" } };
    return (await postZaloWebhook(this.server.url, JSON.stringify(body))).status;
  }

  private async postMessenger(id: string, what: Parameters<Chat["send"]>[0], at: number): Promise<number> {
    const base = { sender: { id: this.userId }, recipient: { id: TEST_SECRETS.MESSENGER_PAGE_ID }, timestamp: at };
    const item = what.location
      ? { ...base, message: { mid: `m_${id}`, attachments: [{ type: "location", payload: { coordinates: { lat: what.location.lat, long: what.location.lng } } }] } }
      : what.sticker
        ? { ...base, message: { mid: `m_${id}`, attachments: [{ type: "image", payload: { url: "https://scontent.example/sticker.png", sticker_id: 369239263222822 } }] } }
        : what.payload
          ? { ...base, message: { mid: `m_${id}`, text: what.text ?? what.payload, quick_reply: { payload: what.payload } } }
          : { ...base, message: { mid: `m_${id}`, text: what.text ?? "" } };
    return (await postMessengerWebhook(this.server.url, pageEvent([item]))).status;
  }
}

function metaReply(body: unknown): Reply {
  const m = (body as { message?: { text?: string; quick_replies?: { title?: string }[]; attachment?: { payload?: { text?: string; buttons?: { title?: string }[] } } } }).message;
  const text = m?.text ?? m?.attachment?.payload?.text ?? "";
  const choices = [...(m?.quick_replies ?? []), ...(m?.attachment?.payload?.buttons ?? [])].map((c) => c.title ?? "");
  return { text, choices };
}
