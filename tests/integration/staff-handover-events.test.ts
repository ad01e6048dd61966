// Live danger flags: /staff/handover/events streams a small JSON (no message text) when a new
// danger flag appears in the staff member's area; connections are bounded and released on
// disconnect.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/staff/handover/events.js";
import { startChatHarness, type ChatHarness } from "../support/chat.js";
import { eventually } from "../support/server.js";
import { makeStaff, StaffClient } from "../support/staff.js";

const COMMUNE = "03478";
let h: ChatHarness;
let communeStaff: StaffClient;
const db = () => h.server.database.db;

interface Stream {
  res: Response;
  text(): string;
  close(): Promise<void>;
}

async function openStream(c: StaffClient): Promise<Stream> {
  const res = await c.request("GET", "/staff/handover/events", undefined, { accept: "text/event-stream" });
  let buf = "";
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buf += decoder.decode(value, { stream: true });
    }
  })().catch(() => undefined);
  return { res, text: () => buf, close: () => reader.cancel().catch(() => undefined) };
}

/** A person whose conversation already carries an area (as after choosing their commune). */
async function villagerIn(communeCode: string, userId: string) {
  await db().conversation.create({ data: { channel: "zalo", userId, provinceCode: "12", communeCode } });
  return h.chat("zalo", userId);
}

beforeAll(async () => {
  h = await startChatHarness();
  const { email } = await makeStaff(db(), { role: "commune_staff", areaCode: COMMUNE });
  communeStaff = new StaffClient(h.server.url);
  await communeStaff.login(email);
});
afterAll(async () => {
  await h?.close();
});

describe("live danger flags over server-sent events", () => {
  it("pushes a new flag in the area, without text, and nothing from other areas", async () => {
    const stream = await openStream(communeStaff);
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get("content-type")).toMatch(/^text\/event-stream/);

    const elsewhere = await villagerIn("03445", "8309393969855470001");
    await elsewhere.say("cứu em với");
    const mine = await villagerIn(COMMUNE, "8309393969855470002");
    await mine.say("chồng đánh em");
    const conv = await db().conversation.findUniqueOrThrow({ where: { channel_userId: { channel: "zalo", userId: mine.userId } } });
    const flag = await db().handover.findFirstOrThrow({ where: { conversationId: conv.id } });

    await eventually(async () => stream.text().includes(`"id":${flag.id}`));
    const events = stream.text().split("\n").filter((l) => l.startsWith("data: ")).map((l) => JSON.parse(l.slice(6)));
    expect(events).toEqual([{ id: flag.id, severity: 2, reason: "danger", createdAt: flag.createdAt.toISOString() }]);
    expect(stream.text()).not.toMatch(/đánh|cứu/);
    await stream.close();
  });

  it("a flag that was already there when the page opened is not news", async () => {
    const stream = await openStream(communeStaff);
    const again = await villagerIn(COMMUNE, "8309393969855470003");
    await again.say("muốn chết");
    const conv = await db().conversation.findUniqueOrThrow({ where: { channel_userId: { channel: "zalo", userId: again.userId } } });
    const flag = await db().handover.findFirstOrThrow({ where: { conversationId: conv.id } });
    await eventually(async () => stream.text().includes(`"id":${flag.id}`));
    expect(stream.text()).not.toMatch(/"severity":2/);
    await stream.close();
  });

  it("streams are bounded per staff member, and a closed one frees its place", async () => {
    const streams: Stream[] = [];
    for (let i = 0; i < DEFAULT_LIMITS.maxPerStaff; i++) streams.push(await openStream(communeStaff));
    expect(streams.every((s) => s.res.status === 200)).toBe(true);
    const refused = await communeStaff.request("GET", "/staff/handover/events", undefined, { accept: "text/event-stream" });
    expect(refused.status).toBe(503);
    await streams.pop()!.close();
    await eventually(async () => {
      const res = await communeStaff.request("GET", "/staff/handover/events", undefined, { accept: "text/event-stream" });
      if (res.status !== 200) return false;
      streams.push({ res, text: () => "", close: () => res.body!.cancel().catch(() => undefined) });
      return true;
    });
    await Promise.all(streams.map((s) => s.close()));
  });

  it("needs a session", async () => {
    const anon = new StaffClient(h.server.url);
    const res = await anon.request("GET", "/staff/handover/events", undefined, { accept: "text/event-stream" });
    expect(res.status).toBe(401);
  });
});
