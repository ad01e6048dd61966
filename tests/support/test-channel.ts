// A minimal channel for the core worker tests: a real HTTP "platform" on 127.0.0.1 and a
// Channel that posts to it with axios. Status codes stand in for a platform's error table
// (200 ok, 429 rate limit, 5xx retryable, 400 permanent, 401 auth, 403 policy), so the
// workers' classification is exercised through a real network call, not a mock.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import axios from "axios";
import type { Channel, ErrorClass, RenderedPart, SendResult } from "../../src/core/channel.js";
import type { InboundEvent, OutboundMessage } from "../../src/core/messages.js";
import type { Db } from "../../src/db/client.js";

export interface PlatformRequest {
  recipientId: string;
  text: string;
  token: string;
  at: number;
}

export interface PlatformAnswer {
  status: number;
  retryAfterS?: number;
  delayMs?: number;
  /** Answer only once this settles (a test holds a request open while another arrives). */
  after?: Promise<unknown>;
}

/** Decides the answer to one send; default: 200 after no delay. */
export type Script = (req: PlatformRequest, n: number) => PlatformAnswer;

export class FakePlatform {
  readonly requests: PlatformRequest[] = [];
  script: Script = () => ({ status: 200 });
  /** The only token the platform accepts; POST /refresh swaps it (and counts). */
  validToken = "token-1";
  refreshes = 0;
  private server: Server | null = null;
  private nextId = 0;
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  textsFor(recipientId: string): string[] {
    return this.requests.filter((r) => r.recipientId === recipientId).map((r) => r.text);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.url === "/refresh") {
      this.refreshes++;
      this.validToken = `token-${this.refreshes + 1}`;
      return reply(200, { token: this.validToken });
    }
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { to: string; text: string };
    const token = String(req.headers["authorization"] ?? "").replace(/^Bearer /, "");
    const request: PlatformRequest = { recipientId: body.to, text: body.text, token, at: Date.now() };
    this.requests.push(request);
    if (token !== this.validToken) return reply(401, { error: "invalid token" });
    const answer = this.script(request, this.requests.length);
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    if (answer.after) await answer.after;
    if (answer.status === 200) return reply(200, { id: `pm-${++this.nextId}` });
    const headers: Record<string, string> = answer.retryAfterS !== undefined ? { "retry-after": String(answer.retryAfterS) } : {};
    reply(answer.status, { error: `status ${answer.status}` }, headers);
  }
}

export interface TestChannelOptions {
  id?: string;
  /** When set, recoverAuth() asks the platform for a new token; the answer decides. */
  canRefresh?: boolean;
}

export interface TestChannel extends Channel {
  recoverAuthCalls: number;
  token: string;
}

/** Text containing "|" renders as one part per piece, like a long message split in parts. */
export function createTestChannel(platform: FakePlatform, opts: TestChannelOptions = {}): TestChannel {
  const http = axios.create({ timeout: 5_000, validateStatus: () => true });
  const channel: TestChannel = {
    id: opts.id ?? "test",
    platform: "test",
    account: { externalId: null, name: "Test", provinceCode: null },
    accountsIn: () => [],
    label: "Test",
    policy: { reply: [{ untilMs: 86_400_000, policy: "test_open", purpose: "response", paid: false }], proactive: [] },
    textOf: (body) => (body as { text?: string } | undefined)?.text,
    parseUserId: (raw) => raw || null,
    webhookPath: opts.id ?? "test",
    recoverAuthCalls: 0,
    token: platform.validToken,
    verify: () => ({ ok: true }),
    parse: (body) => ({ ok: true, events: body as InboundEvent[] }),
    render(msg: OutboundMessage): RenderedPart[] {
      return msg.text.split("|").map((text) => ({ recipientId: msg.recipientId, body: { to: msg.recipientId, text } }));
    },
    async send(part: RenderedPart): Promise<SendResult> {
      const res = await http.post(`${platform.url}/send`, part.body, { headers: { authorization: `Bearer ${channel.token}` } });
      if (res.status === 200) return { ok: true, platformMessageId: (res.data as { id: string }).id };
      const retryAfter = res.headers["retry-after"] as string | undefined;
      return {
        ok: false,
        errorClass: classify(res.status),
        code: String(res.status),
        detail: "platform refused",
        ...(retryAfter !== undefined ? { retryAfterMs: Number(retryAfter) * 1000 } : {}),
      };
    },
  };
  if (opts.canRefresh !== undefined) {
    channel.recoverAuth = async () => {
      channel.recoverAuthCalls++;
      if (!opts.canRefresh) return { outcome: "refused" };
      const res = await http.post(`${platform.url}/refresh`, {});
      channel.token = (res.data as { token: string }).token;
      return { outcome: "renewed" };
    };
  }
  return channel;
}

function classify(status: number): ErrorClass {
  if (status === 429) return "rate_limited";
  if (status === 401) return "auth";
  if (status === 403) return "policy";
  if (status >= 500) return "retryable";
  return "permanent";
}

/** An inbound text event for the core tests. */
export function textEvent(userId: string, n: number, channel = "test", text = `msg ${n}`): InboundEvent {
  return {
    channel,
    eventKey: `${userId}-${n}`,
    userId,
    kind: "text",
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    text,
  };
}

/** A clock the test moves by hand: workers take `now`, so nothing waits for real time. */
export function manualClock(start = Date.UTC(2026, 0, 1, 8, 0, 0)): { now: () => Date; advance(ms: number): void; set(d: Date): void } {
  let t = start;
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
    set(d: Date) {
      t = d.getTime();
    },
  };
}

let queued = 0;

/** An outbox row as the inbox worker would queue it, ready at `now`. */
export async function queueReply(db: Db, userId: string, text: string, now: Date, channel = "test", priority = 0): Promise<number> {
  const row = await db.outboxMessage.create({
    data: {
      channel,
      priority,
      recipientId: userId,
      conversationKey: `${channel}:${userId}`,
      dedupeKey: `test:${process.pid}:${++queued}`,
      payload: JSON.stringify({ to: userId, text }),
      nextAttemptAt: now,
    },
  });
  return row.id;
}
