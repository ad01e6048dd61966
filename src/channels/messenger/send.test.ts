// Messenger end to end: a signed webhook → inbox → bot → outbox → the fake Graph API,
// with the platform scripted to fail in each way the error table knows.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Bot } from "../../core/bot.js";
import { resumeChannel } from "../../core/channel-state.js";
import { setLogLevel, setLogSink } from "../../log.js";
import { FakeMeta, pageEvent, postMessengerWebhook } from "../../../tests/support/fake-meta.js";
import { eventually, startTestServer, TEST_SECRETS, type TestServer } from "../../../tests/support/server.js";

const PAGE = TEST_SECRETS.MESSENGER_PAGE_ID;
const WAIT = 20_000;

// A fixed bot: these tests are about the channel and the outbox, not about flows.
const bot: Bot = async ({ event, conversation }) => {
  if (event.kind !== "text" && event.kind !== "postback") return { replies: [] };
  return {
    replies: [
      {
        channel: conversation.channel,
        recipientId: conversation.userId,
        text: `Đã nhận: ${event.text ?? event.payload ?? ""}`,
        choices: [
          { kind: "reply", title: "Có", payload: "YES" },
          { kind: "reply", title: "Không", payload: "NO" },
        ],
        choicesHint: "Gõ 1 hoặc 2.",
      },
    ],
  };
};

let fake: FakeMeta;
let server: TestServer;
let seq = 0;
const logLines: string[] = [];
const newPsid = () => String(7_000_000_000_000_000 + ++seq);

beforeAll(async () => {
  setLogSink((line) => logLines.push(line));
  setLogLevel("debug");
  fake = new FakeMeta();
  const { url } = await fake.start();
  server = await startTestServer({ GRAPH_API_BASE: url, GRAPH_API_VERSION: "v25.0", HTTP_TIMEOUT_MS: "1500" }, { bot });
});
afterAll(async () => {
  await server?.close();
  await fake?.stop();
  setLogLevel("silent");
});
beforeEach(() => fake.reset());

const db = () => server.database.db;

async function userSays(psid: string, text: string): Promise<void> {
  const res = await postMessengerWebhook(
    server.url,
    pageEvent([{ sender: { id: psid }, recipient: { id: PAGE }, timestamp: Date.now(), message: { mid: `mid.${psid}.${++seq}`, text } }]),
  );
  expect(res.status).toBe(200);
}

const rowsFor = (psid: string) => db().outboxMessage.findMany({ where: { recipientId: psid }, orderBy: { id: "asc" } });

async function sentRow(psid: string) {
  return eventually(async () => (await rowsFor(psid)).find((r) => r.status === "sent"), WAIT);
}

describe("Messenger sending", () => {
  it("answers a text message through the Send API with quick replies", async () => {
    const psid = newPsid();
    await userSays(psid, "Xin chào");
    const row = await sentRow(psid);
    expect(fake.sentTexts(psid)).toEqual(["Đã nhận: Xin chào"]);
    const [req] = fake.requestsFor(psid);
    expect(req).toMatchObject({ method: "POST", path: "/v25.0/me/messages", token: TEST_SECRETS.MESSENGER_PAGE_TOKEN });
    expect(req!.body).toEqual({
      recipient: { id: psid },
      messaging_type: "RESPONSE",
      message: {
        text: "Đã nhận: Xin chào",
        quick_replies: [
          { content_type: "text", title: "Có", payload: "YES" },
          { content_type: "text", title: "Không", payload: "NO" },
        ],
      },
    });
    expect(row.platformMessageId).toBe(req!.messageId);
  });

  it("retries after a 5xx and then succeeds", async () => {
    fake.script([{ status: 500 }]);
    const psid = newPsid();
    await userSays(psid, "Một");
    const row = await sentRow(psid);
    expect(fake.requestsFor(psid).map((r) => r.status)).toEqual([500, 200]);
    expect(row.attempts).toBe(2);
  });

  it("retries after a timeout", async () => {
    fake.script([{ delayMs: 3000 }]);
    const psid = newPsid();
    await userSays(psid, "Hai");
    await sentRow(psid);
    expect(fake.requestsFor(psid)).toHaveLength(2);
    expect(fake.sentTexts(psid)).toEqual(["Đã nhận: Hai"]);
  });

  it("backs off on rate limit 613 before retrying", async () => {
    fake.script([{ graphError: { code: 613, message: "Calls to this api have exceeded the rate limit." } }]);
    const psid = newPsid();
    await userSays(psid, "Ba");
    const waiting = await eventually(async () => (await rowsFor(psid)).find((r) => r.status === "retry"), WAIT);
    expect(waiting.errorClass).toBe("rate_limited");
    const failedAt = fake.requestsFor(psid)[0]!.receivedAt.getTime();
    // RATE_LIMIT_POLICY: the first retry waits at least half of 5 s.
    expect(waiting.nextAttemptAt.getTime() - failedAt).toBeGreaterThanOrEqual(2000);
    await sentRow(psid);
    expect(fake.requestsFor(psid).map((r) => r.status)).toEqual([400, 200]);
  });

  it("fails a message outside the 24 h window (10/2018278) as policy, without retrying", async () => {
    fake.script([{ graphError: { code: 10, error_subcode: 2018278, message: "(#10) This message is sent outside of allowed window." } }]);
    const psid = newPsid();
    await userSays(psid, "Bốn");
    const row = await eventually(async () => (await rowsFor(psid)).find((r) => r.status === "failed"), WAIT);
    expect(row).toMatchObject({ errorClass: "policy", attempts: 1 });
    expect(row.lastError).toContain("10/2018278");
    expect(fake.requestsFor(psid)).toHaveLength(1);
  });

  it("moves sent rows to delivered (by mid) and read (by watermark)", async () => {
    const psid = newPsid();
    await userSays(psid, "Năm");
    const first = await sentRow(psid);
    const delivery = pageEvent([{ sender: { id: psid }, recipient: { id: PAGE }, timestamp: Date.now(), delivery: { mids: [first.platformMessageId], watermark: Date.now() } }]);
    expect((await postMessengerWebhook(server.url, delivery)).status).toBe(200);
    await eventually(async () => (await rowsFor(psid))[0]!.status === "delivered", WAIT);

    await userSays(psid, "Sáu");
    await eventually(async () => (await rowsFor(psid)).length === 2 && (await rowsFor(psid))[1]!.status === "sent", WAIT);
    const read = pageEvent([{ sender: { id: psid }, recipient: { id: PAGE }, timestamp: Date.now(), read: { watermark: Date.now() } }]);
    expect((await postMessengerWebhook(server.url, read)).status).toBe(200);
    const rows = await eventually(async () => {
      const r = await rowsFor(psid);
      return r.every((x) => x.status === "read") && r;
    }, WAIT);
    expect(rows.map((r) => Boolean(r.readAt))).toEqual([true, true]);
    expect(rows[0]!.deliveredAt).not.toBeNull();
  });

  it("ignores the echo of its own message", async () => {
    const psid = newPsid();
    await userSays(psid, "Bảy");
    const row = await sentRow(psid);
    const before = await db().inboxEvent.count();
    const echo = pageEvent([
      {
        sender: { id: PAGE },
        recipient: { id: psid },
        timestamp: Date.now(),
        message: { is_echo: true, app_id: Number(TEST_SECRETS.MESSENGER_APP_ID), mid: row.platformMessageId, text: "Đã nhận: Bảy" },
      },
    ]);
    const res = await postMessengerWebhook(server.url, echo);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ stored: 0 });
    expect(await db().inboxEvent.count()).toBe(before);
    expect(await rowsFor(psid)).toHaveLength(1);
    expect(fake.requestsFor(psid)).toHaveLength(1);
  });

  it("pauses the channel on an invalid token (190) and keeps the rows until staff renew it", async () => {
    fake.acceptToken("page-token-2"); // the configured token was revoked
    const a = newPsid();
    await userSays(a, "Tám");
    const state = await eventually(async () => {
      const s = await db().channelState.findUnique({ where: { channel: "messenger" } });
      return s?.pausedUntil && s.pausedUntil > new Date() ? s : null;
    }, WAIT);
    expect(state.pausedReason).toContain("190");
    const held = (await rowsFor(a))[0]!;
    expect(held).toMatchObject({ status: "retry", errorClass: "auth", attempts: 0 });

    // While paused, new replies queue up and nothing is sent.
    const b = newPsid();
    await userSays(b, "Chín");
    await eventually(async () => (await rowsFor(b)).length === 1, WAIT);
    expect(fake.requestsFor(b)).toHaveLength(0);
    expect(fake.requestsFor(a)).toHaveLength(1);

    // Staff store the renewed token and resume; held rows go out with it.
    await db().channelState.update({ where: { channel: "messenger" }, data: { accessToken: "page-token-2" } });
    await resumeChannel(db(), "messenger");
    await db().outboxMessage.updateMany({ where: { recipientId: a }, data: { nextAttemptAt: new Date() } });
    server.outbox.nudge();
    await sentRow(a);
    await sentRow(b);
    expect(fake.sentTexts(a)).toEqual(["Đã nhận: Tám"]);
    expect(fake.requestsFor(b).map((r) => r.token)).toEqual(["page-token-2"]);

    fake.acceptToken(TEST_SECRETS.MESSENGER_PAGE_TOKEN);
    await db().channelState.update({ where: { channel: "messenger" }, data: { accessToken: null } });
  });

  it("logged all of the above without a token or a message text", () => {
    expect(logLines.some((l) => l.includes("messenger send failed"))).toBe(true);
    for (const secret of [TEST_SECRETS.MESSENGER_PAGE_TOKEN, "page-token-2", "access_token", "Đã nhận", "Xin chào"]) {
      expect(logLines.filter((l) => l.includes(secret))).toEqual([]);
    }
  });
});
