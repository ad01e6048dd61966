// A passing failure of Zalo's OAuth server is not a revoked authorisation: the refresh is
// retried within seconds and nothing is paused. Only a definite refusal pauses the channel
// and tells staff to renew it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startChatHarness, type ChatHarness } from "../support/chat.js";
import { eventually } from "../support/server.js";

let h: ChatHarness;
const db = () => h.server.database.db;

// A fresh server each: a token minted a moment ago and refused at once counts as a definite
// refusal (app disabled), which these cases must not run into.
beforeEach(async () => {
  h = await startChatHarness({ HTTP_TIMEOUT_MS: "500" });
});
afterEach(async () => {
  await h?.close();
});

async function pause() {
  return (await db().channelState.findUnique({ where: { channel: "zalo" } }))?.pausedUntil ?? null;
}

describe("Zalo token refresh failures", () => {
  it("-216 then an HTTP 500 from OAuth: the danger reply still goes out within seconds, no pause", async () => {
    const chat = h.chat("zalo");
    h.zalo.expireAccessToken();
    h.zalo.script([{ endpoint: "token", status: 500 }]);
    const started = h.zalo.refreshCalls().length;
    const replies = await chat.say("cứu em với");
    expect(replies.join("\n")).toMatch(/113/);
    expect(await pause()).toBeNull();
    expect(h.zalo.refreshCalls().slice(started).map((r) => r.outcome)).toEqual(["500", "ok"]);
    const row = await db().outboxMessage.findFirstOrThrow({ where: { conversationKey: `zalo:${chat.userId}` }, orderBy: { id: "asc" } });
    expect(row.status).toBe("sent");
  });

  it("an OAuth timeout is retried the same way", async () => {
    const chat = h.chat("zalo");
    h.zalo.expireAccessToken();
    // Answered only after our client gave up, and without rotating anything.
    h.zalo.script([{ endpoint: "token", delayMs: 1_500, status: 504 }]);
    expect((await chat.say("cứu em với")).join("\n")).toMatch(/113/);
    expect(await pause()).toBeNull();
  });

  it("a definite refusal (spent refresh token) pauses the channel for staff to renew", async () => {
    const chat = h.chat("zalo");
    h.zalo.expireAccessToken();
    h.zalo.revokeRefreshToken();
    const answered = chat.send({ text: "xin chào" }).catch(() => "held"); // never settles: the reply is held
    const until = await eventually(async () => pause());
    expect(until.getTime()).toBeGreaterThan(Date.now());
    const held = await eventually(async () => db().outboxMessage.findFirst({ where: { conversationKey: `zalo:${chat.userId}`, status: "retry" } }));
    void answered;
    expect(held).toMatchObject({ status: "retry", errorClass: "auth" });
  });
});
