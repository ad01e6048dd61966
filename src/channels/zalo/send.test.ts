// The Zalo send path against a fake Zalo over real HTTP: the whole loop through the running
// server, then the outbox worker driven tick by tick with an injected clock, so retries,
// Retry-After, auth recovery and bounds are checked without waiting for real backoff.
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createZaloChannel } from "./index.js";
import type { Channel, ChannelRegistry } from "../../core/channel.js";
import type { OutboundMessage } from "../../core/messages.js";
import { OutboxWorker } from "../../core/outbox-worker.js";
import { FakeZalo, postZaloWebhook } from "../../../tests/support/fake-zalo.js";
import { eventually, startTestServer, type TestServer } from "../../../tests/support/server.js";

const USER = "8309393969855402319";
const OTHER = "8309393969855402300";
const fixture = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), "utf8");

let fake: FakeZalo;
beforeAll(async () => {
  fake = new FakeZalo();
  await fake.start();
});
afterAll(async () => {
  await fake?.stop();
});

describe("Zalo full loop through the running server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ ZALO_API_BASE: fake.url, ZALO_OAUTH_BASE: fake.url });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("a signed user_send_text gets the bot's reply with buttons; a tap and a receipt follow", async () => {
    fake.reset();
    // The fixture's own text is a cry for help ("cứu tôi với"): whatever the bot answers, it
    // must answer at once, through the real webhook → inbox → bot → outbox → Zalo path.
    expect((await postZaloWebhook(server.url, fixture("user_send_text.json"))).status).toBe(200);
    const replies = await eventually(async () => (fake.messages(USER).length > 0 ? fake.messages(USER) : null));
    expect(replies[0]!.message?.text?.length).toBeGreaterThan(0);
    const request = fake.requests.find((r) => r.outcome === "ok")!;
    expect(request.headers["access_token"]).toBe("zalo-access-1");
    expect(request.headers["authorization"]).toBeUndefined();

    // A greeting (from someone else: the cry above may have handed USER to a person) gets the
    // menu as buttons; a tapped button comes back as the user's text.
    expect((await postZaloWebhook(server.url, userText(OTHER, "xin chào", "1751100090000"))).status).toBe(200);
    const menu = await eventually(async () => fake.messages(OTHER).find((m) => m.message?.attachment));
    const buttons = menu.message!.attachment!.payload!.buttons!;
    expect(buttons.length).toBeGreaterThan(0);
    for (const b of buttons) {
      expect(b.title.length).toBeGreaterThan(0);
      if (b.type === "oa.query.hide") expect(typeof b.payload).toBe("string");
      else if (b.type === "oa.open.phone") expect(b.payload).toMatchObject({ phone_code: expect.any(String) });
      else expect(b.type).toBe("oa.open.url");
    }
    const tap = buttons.find((b) => b.type === "oa.query.hide");
    expect(tap?.payload).toBe("MENU_HOTLINES");
    const beforeTap = fake.messages(OTHER).length;
    expect((await postZaloWebhook(server.url, userText(OTHER, tap!.payload as string, "1751100099000"))).status).toBe(200);
    await eventually(async () => fake.messages(OTHER).length > beforeTap);

    const db = server.database.db;
    const sent = await eventually(async () => {
      const rows = await db.outboxMessage.findMany({ where: { status: "sent" }, orderBy: { id: "asc" } });
      return rows.length === fake.messages().length ? rows : null;
    });
    expect(sent[0]!.platformMessageId).toMatch(/^[0-9a-f]{20}$/);

    const seen = JSON.parse(fixture("user_seen_message.json")) as { message: { msg_ids: string[] } };
    seen.message.msg_ids = [sent[0]!.platformMessageId!];
    expect((await postZaloWebhook(server.url, JSON.stringify(seen))).status).toBe(200);
    await eventually(async () => (await db.outboxMessage.findUnique({ where: { id: sent[0]!.id } }))?.status === "read");
  });
});

/** The user_send_text fixture from another user, with other words, a new msg_id and a later timestamp. */
function userText(userId: string, text: string, timestamp: string): string {
  const body = JSON.parse(fixture("user_send_text.json")) as { sender: { id: string }; message: { text: string; msg_id: string }; timestamp: string };
  body.sender = { id: userId };
  body.message = { text, msg_id: `m${timestamp}` };
  body.timestamp = timestamp;
  return JSON.stringify(body);
}

describe("Zalo outbox behaviour, tick by tick", () => {
  let server: TestServer;
  let channel: Channel;
  let worker: OutboxWorker;
  let clock: Date;
  let seq = 0;

  beforeAll(async () => {
    server = await startTestServer(
      { ZALO_API_BASE: fake.url, ZALO_OAUTH_BASE: fake.url, OUTBOX_MAX_ATTEMPTS: "3" },
      { workers: false },
    );
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(async () => {
    fake.reset();
    const db = server.database.db;
    await db.outboxMessage.deleteMany();
    await db.channelState.deleteMany();
    channel = newChannel();
    worker = newWorker(new Map([["zalo", channel]]));
  });
  afterEach(() => fake.reset());

  const db = () => server.database.db;
  // A short HTTP timeout only where a test wants timeouts: on a busy CI machine an ordinary
  // call can take longer than a few hundred milliseconds.
  const newChannel = (httpTimeoutMs = 10_000) => createZaloChannel({ config: { ...server.config, HTTP_TIMEOUT_MS: httpTimeoutMs }, db: db() });
  const newWorker = (channels: ChannelRegistry) =>
    new OutboxWorker({ db: db(), channels, pollMs: 50, leaseMs: 30_000, maxAttempts: server.config.OUTBOX_MAX_ATTEMPTS, now: () => clock, random: () => 0.5 });
  const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));

  /** Queues messages the way the inbox worker does: one outbox row per rendered part. */
  async function enqueue(users: string[], text = "Xin chào"): Promise<void> {
    for (const user of users) {
      const msg: OutboundMessage = { channel: "zalo", recipientId: user, text };
      for (const part of channel.render(msg)) {
        await db().outboxMessage.create({
          data: { channel: "zalo", recipientId: part.recipientId, conversationKey: `zalo:${user}`, dedupeKey: `t:${++seq}`, payload: JSON.stringify(part.body) },
        });
      }
    }
    clock = new Date(Date.now() + 1000);
  }
  const rows = () => db().outboxMessage.findMany({ orderBy: { id: "asc" } });
  const messageCalls = () => fake.requests.filter((r) => r.path === "/v3.0/oa/message/cs");

  it("retries a 5xx and delivers the message once", async () => {
    fake.script([{ status: 503 }]);
    await enqueue([USER]);
    await worker.tick();
    const [after503] = await rows();
    expect(after503).toMatchObject({ status: "retry", errorClass: "retryable", attempts: 1 });
    expect(after503!.nextAttemptAt.getTime()).toBeGreaterThan(clock.getTime());
    advance(60_000);
    await worker.tick();
    expect((await rows())[0]).toMatchObject({ status: "sent", attempts: 2 });
    expect(fake.sentTexts(USER)).toEqual(["Xin chào"]);
  });

  it("honours Retry-After on HTTP 429", async () => {
    fake.script([{ status: 429, headers: { "retry-after": "120" } }]);
    await enqueue([USER]);
    const sentAt = clock.getTime();
    await worker.tick();
    const [row] = await rows();
    expect(row).toMatchObject({ status: "retry", errorClass: "rate_limited" });
    expect(row!.nextAttemptAt.getTime() - sentAt).toBeGreaterThanOrEqual(120_000);
    advance(60_000);
    await worker.tick();
    expect(messageCalls()).toHaveLength(1);
    advance(61_000);
    await worker.tick();
    expect((await rows())[0]!.status).toBe("sent");
  });

  it("waits at least a minute after -32 (rate limit in an HTTP 200 body)", async () => {
    fake.script([{ zaloError: -32, message: "Your application reached limit call api" }]);
    await enqueue([USER]);
    const sentAt = clock.getTime();
    await worker.tick();
    const [row] = await rows();
    expect(row).toMatchObject({ status: "retry", errorClass: "rate_limited" });
    expect(row!.nextAttemptAt.getTime() - sentAt).toBeGreaterThanOrEqual(60_000);
  });

  it("fails -230 (7-day window closed) as policy with a reason and never retries it", async () => {
    fake.script([{ zaloError: -230, message: "User has not interacted with the OA in the past 7 days" }]);
    await enqueue([USER]);
    await worker.tick();
    advance(3_600_000);
    await worker.tick();
    const [row] = await rows();
    expect(row).toMatchObject({ status: "failed", errorClass: "policy", attempts: 1 });
    expect(row!.lastError).toContain("zalo_-230");
    expect(messageCalls()).toHaveLength(1);
  });

  it("refreshes exactly once when many concurrent sends meet an expired token, and delivers all", async () => {
    const users = Array.from({ length: 6 }, (_, i) => `83093939698554023${10 + i}`);
    await enqueue(users);
    fake.expireAccessToken();
    for (let i = 0; i < 5 && (await rows()).some((r) => r.status !== "sent"); i++) {
      await worker.tick();
      advance(5_000); // past any short retry backoff, well short of an auth pause (10 min)
    }
    expect((await rows()).map((r) => r.status)).toEqual(users.map(() => "sent"));
    expect(fake.refreshCalls()).toHaveLength(1);
    // The sends really did fail together (otherwise single-flight would not be tested).
    expect(fake.requests.filter((r) => r.outcome === "-216").length).toBeGreaterThan(1);
    const refresh = fake.refreshCalls()[0]!;
    expect(refresh.headers["secret_key"]).toBe("test-app-secret");
    expect(refresh.body).toEqual({ refresh_token: "zalo-refresh-1", app_id: "102719276611582260", grant_type: "refresh_token" });
    const state = await db().channelState.findUniqueOrThrow({ where: { channel: "zalo" } });
    expect(state).toMatchObject({ accessToken: fake.accessToken, refreshToken: fake.refreshToken, pausedUntil: null });
    expect(state.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 24 * 3_600_000);
    for (const u of users) expect(fake.sentTexts(u)).toEqual(["Xin chào"]);
  });

  it("pauses the channel when the refresh is refused, without failing the messages", async () => {
    await enqueue([USER, "8309393969855402399"]);
    fake.expireAccessToken();
    fake.revokeRefreshToken();
    await worker.tick();
    const state = await db().channelState.findUniqueOrThrow({ where: { channel: "zalo" } });
    expect(state.pausedUntil!.getTime()).toBeGreaterThan(clock.getTime());
    expect(state.pausedReason).toContain("zalo_-216");
    for (const row of await rows()) expect(row).toMatchObject({ status: "retry", errorClass: "auth" });
    expect(fake.refreshCalls()).toHaveLength(1);
    // While paused nothing is sent, however often the worker runs.
    const calls = messageCalls().length;
    await worker.tick();
    expect(messageCalls()).toHaveLength(calls);
  });

  it("retries timeouts a bounded number of times, then fails with a reason", async () => {
    channel = newChannel(300);
    worker = newWorker(new Map([["zalo", channel]]));
    fake.script([{ delayMs: 1500 }, { delayMs: 1500 }, { delayMs: 1500 }]);
    await enqueue([USER]);
    for (let i = 0; i < 3; i++) {
      await worker.tick();
      advance(10 * 60_000);
    }
    await worker.tick();
    const [row] = await rows();
    expect(row).toMatchObject({ status: "failed", errorClass: "retryable_exhausted", attempts: 3 });
    expect(row!.lastError).toMatch(/^timeout/);
    expect(messageCalls()).toHaveLength(3);
  });

  it("refreshes ahead of expiry and sends with the new token", async () => {
    await db().channelState.create({
      data: { channel: "zalo", accessToken: "zalo-access-1", refreshToken: "zalo-refresh-1", accessTokenExpiresAt: new Date(Date.now() + 5 * 60_000) },
    });
    await enqueue([USER]);
    await worker.tick();
    expect(fake.refreshCalls()).toHaveLength(1);
    expect((await rows())[0]!.status).toBe("sent");
    expect(messageCalls().map((r) => r.headers["access_token"])).toEqual([fake.accessToken]);
  });

  it("a second instance sees the token another instance refreshed and does not refresh again", async () => {
    const other = newChannel();
    const [part] = channel.render({ channel: "zalo", recipientId: USER, text: "Xin chào" });
    fake.expireAccessToken();
    expect(await other.send(part!)).toMatchObject({ ok: false, errorClass: "auth", code: "zalo_-216" });
    expect(await channel.send(part!)).toMatchObject({ ok: false, errorClass: "auth" });
    expect(await channel.recoverAuth!()).toEqual({ outcome: "renewed" });
    expect(await other.recoverAuth!()).toEqual({ outcome: "renewed" });
    expect(await other.send(part!)).toMatchObject({ ok: true });
    expect(fake.refreshCalls()).toHaveLength(1);
  });

  it("does not loop when a freshly refreshed token is refused at once", async () => {
    const [part] = channel.render({ channel: "zalo", recipientId: USER, text: "Xin chào" });
    fake.expireAccessToken();
    expect((await channel.send(part!)).ok).toBe(false);
    expect(await channel.recoverAuth!()).toEqual({ outcome: "renewed" });
    fake.script([{ expireToken: true }]);
    expect(await channel.send(part!)).toMatchObject({ ok: false, errorClass: "auth" });
    expect(await channel.recoverAuth!()).toEqual({ outcome: "refused" });
    expect(fake.refreshCalls()).toHaveLength(1);
  });
});
