// Quarterly reminders with a fixed clock, a real database, the real Zalo and Messenger
// channels and fake platforms over HTTP: who gets a reminder, who is skipped and why, that a
// second run adds nothing, and that the queued rows are really sent by the outbox worker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../src/i18n.js";
import { buildChannels } from "../../src/channels/registry.js";
import { loadConfig } from "../../src/config.js";
import { MESSENGER_POLICY } from "../../src/channels/messenger/policy.js";
import { ZALO_POLICY } from "../../src/channels/zalo/policy.js";
import type { ChannelRegistry, WindowTier } from "../../src/core/channel.js";
import { OutboxWorker } from "../../src/core/outbox-worker.js";
import { queueReminders, reminderWindow, runReminderJob, selectReminderRecipients } from "../../src/flows/report/reminders.js";
import { createTeam, joinByCode, setRemindersOff } from "../../src/flows/team/membership.js";
import { openTestDatabase, type TestDb } from "../support/db.js";
import { FakeMeta } from "../support/fake-meta.js";
import { FakeZalo } from "../support/fake-zalo.js";
import { eventually, TEST_SECRETS } from "../support/server.js";
import { CHANNEL_SETTINGS } from "../../src/channels/registry.js";

// 23/6/2026 09:00 in Vietnam: one week before Q2 ends on 30/6.
const NOW = new Date("2026-06-23T02:00:00Z");
const H = 3600_000;
const ago = (ms: number, from = NOW) => new Date(from.getTime() - ms);

let database: TestDb;
let zalo: FakeZalo;
let meta: FakeMeta;
let channels: ChannelRegistry;
const db = () => database.db;

type Leader = { channel: "zalo" | "messenger"; userId: string; lastInbound: number | null; language?: string };

async function team(name: string, leaders: Leader[], opts: { sessionDate?: string; active?: boolean } = {}): Promise<number> {
  const { team: t, inviteCode } = await createTeam(db(), { name, provinceCode: "11", communeCode: "03295", villages: ["Bản Có"] }, ago(90 * 24 * H));
  for (const l of leaders) {
    expect((await joinByCode(db(), l.channel, l.userId, inviteCode, ago(90 * 24 * H))).ok).toBe(true);
    if (l.lastInbound !== null) {
      await db().conversation.create({ data: { channel: l.channel, userId: l.userId, language: l.language ?? "vi", lastInboundAt: ago(l.lastInbound) } });
    }
  }
  if (opts.sessionDate) await report(t.id, opts.sessionDate);
  if (opts.active === false) await db().team.update({ where: { id: t.id }, data: { active: false } });
  return t.id;
}

async function report(teamId: number, sessionDate: string): Promise<void> {
  await db().sessionReport.create({
    data: {
      reference: `BC-T${teamId}${sessionDate.replace(/-/g, "")}`,
      teamId,
      provinceCode: "11",
      communeCode: "03295",
      sessionDate,
      village: "Bản Có",
      topics: '["child_marriage"]',
      format: "village_meeting",
      total: 40,
      women: 25,
      men: 15,
      ethnicMinority: 38,
      childrenUnder16: 0,
      languages: '["vi"]',
      reporterChannel: "zalo",
      reporterUserId: "reporter",
    },
  });
}

const rowsOf = (userId: string) => db().outboxMessage.findMany({ where: { recipientId: userId }, orderBy: { id: "asc" } });

beforeAll(async () => {
  database = await openTestDatabase();
  zalo = new FakeZalo();
  meta = new FakeMeta();
  const [z, m] = await Promise.all([zalo.start(), meta.start()]);
  const config = loadConfig({ ...TEST_SECRETS, SIMULATOR: "0", DATABASE_URL: database.url, ZALO_API_BASE: z.url, ZALO_OAUTH_BASE: z.url, GRAPH_API_BASE: m.url, LOG_LEVEL: "silent" }, CHANNEL_SETTINGS);
  channels = buildChannels({ config, db: database.db });

  // No session this quarter: every leader is considered, by window.
  await team("Tổ bản Có", [
    { channel: "zalo", userId: "z-1h", lastInbound: 1 * H },
    { channel: "zalo", userId: "z-30h", lastInbound: 30 * H },
    { channel: "zalo", userId: "z-3d", lastInbound: 72 * H },
    { channel: "zalo", userId: "z-10d", lastInbound: 240 * H },
    { channel: "zalo", userId: "z-never", lastInbound: null },
    { channel: "messenger", userId: "m-1h", lastInbound: 1 * H },
    { channel: "messenger", userId: "m-30h", lastInbound: 30 * H },
    { channel: "messenger", userId: "m-3d", lastInbound: 72 * H },
    { channel: "messenger", userId: "m-10d", lastInbound: 240 * H },
    { channel: "zalo", userId: "z-off", lastInbound: 1 * H },
  ]);
  await setRemindersOff(db(), "zalo", "z-off", true);
  // Reported this quarter (1/4 is its first day): nobody is reminded.
  await team("Tổ đã báo cáo", [{ channel: "zalo", userId: "z-reported", lastInbound: 1 * H }], { sessionDate: "2026-05-10" });
  await team("Tổ báo cáo ngày đầu quý", [{ channel: "messenger", userId: "m-reported", lastInbound: 1 * H }], { sessionDate: "2026-04-01" });
  // Reported only last quarter (31/3): reminded, in the leader's own language.
  await team("Tổ quý trước", [{ channel: "messenger", userId: "m-last-quarter", lastInbound: 2 * H, language: "en" }], { sessionDate: "2026-03-31" });
  // A closed team is never reminded.
  await team("Tổ đã giải thể", [{ channel: "zalo", userId: "z-closed", lastInbound: 1 * H }], { active: false });
});

afterAll(async () => {
  await database?.destroy();
  await Promise.all([zalo?.stop(), meta?.stop()]);
});

// The channels' own proactive tiers; a channel this build does not have gets the strictest (24 h).
const TIERS: Record<string, WindowTier[] | undefined> = { zalo: ZALO_POLICY.proactive, messenger: MESSENGER_POLICY.proactive };

describe("reminder windows (each channel's proactive tiers)", () => {
  it.each([
    ["zalo", 0, "send"],
    ["zalo", 48 * H, "send"],
    ["zalo", 48 * H + 1, "needs_paid_approval"],
    ["zalo", 7 * 24 * H, "needs_paid_approval"],
    ["zalo", 7 * 24 * H + 1, "outside_window"],
    ["zalo", -5 * 60_000, "send"], // a clock a little ahead: treated as just now
    ["messenger", 24 * H, "send"],
    ["messenger", 24 * H + 1, "outside_window"],
    ["some-new-channel", 2 * H, "send"],
    ["some-new-channel", 25 * H, "outside_window"],
  ] as const)("%s, last message %i ms ago → %s", (channel, age, expected) => {
    expect(reminderWindow(TIERS[channel], ago(age), NOW)).toBe(expected);
  });

  it("never messaged → outside_window", () => {
    expect(reminderWindow(TIERS.zalo, null, NOW)).toBe("outside_window");
  });
});

describe("quarterly reminders", () => {
  const expected: Record<string, string> = {
    "z-1h": "queued",
    "z-30h": "queued",
    "m-1h": "queued",
    "m-last-quarter": "queued",
    "z-3d": "skipped:needs_paid_approval",
    "z-10d": "skipped:outside_window",
    "z-never": "skipped:outside_window",
    "m-30h": "skipped:outside_window",
    "m-3d": "skipped:outside_window",
    "m-10d": "skipped:outside_window",
  };
  const nobody = ["z-off", "z-reported", "m-reported", "z-closed"];

  it("selects the leaders of teams without a session this quarter, split by window", async () => {
    const { send, skipped } = await selectReminderRecipients(db(), channels, NOW);
    expect(send.map((r) => r.userId).sort()).toEqual(["m-1h", "m-last-quarter", "z-1h", "z-30h"]);
    expect(Object.fromEntries(skipped.map((s) => [s.recipient.userId, s.reason]))).toEqual({
      "z-3d": "needs_paid_approval",
      "z-10d": "outside_window",
      "z-never": "outside_window",
      "m-30h": "outside_window",
      "m-3d": "outside_window",
      "m-10d": "outside_window",
    });
    expect(send.find((r) => r.userId === "m-last-quarter")).toMatchObject({ channel: "messenger", teamName: "Tổ quý trước", language: "en" });
  });

  it("queues one decision per person: queued rows with the rendered body, skipped rows with the reason", async () => {
    const run = await queueReminders(db(), channels, NOW);
    expect(run).toEqual({ kind: "1w", quarter: "2026q2", queued: 4, skipped: 6, duplicates: 0 });

    for (const [userId, outcome] of Object.entries(expected)) {
      const rows = await rowsOf(userId);
      const channel = userId.startsWith("z-") ? "zalo" : "messenger";
      expect(rows.length, userId).toBe(1);
      const row = rows[0]!;
      expect(row).toMatchObject({ channel, conversationKey: `${channel}:${userId}`, dedupeKey: `reminder:2026q2:1w:${channel}:${userId}:0` });
      if (outcome === "queued") {
        expect(row.status).toBe("queued");
        expect(row.errorClass).toBeNull();
      } else {
        expect(row).toMatchObject({ status: "skipped", errorClass: "policy", lastError: outcome.slice("skipped:".length), payload: "{}" });
      }
    }
    for (const userId of nobody) expect(await rowsOf(userId), userId).toEqual([]);

    const zaloBody = JSON.parse((await rowsOf("z-1h"))[0]!.payload);
    expect(zaloBody.message.text).toBe(
      translator("vi")("team:reminder", { team: "Tổ bản Có", quarter: 2, year: 2026, end: "30/06/2026", days: 7 }),
    );
    expect(zaloBody.message.text).toContain("tắt nhắc");
    expect(zaloBody.message.attachment.payload.buttons.map((b: { payload: string }) => b.payload)).toEqual(["BC", "TAT NHAC"]);
    const messengerBody = JSON.parse((await rowsOf("m-last-quarter"))[0]!.payload);
    expect(messengerBody).toMatchObject({ messaging_type: "UPDATE", recipient: { id: "m-last-quarter" } });
    expect(messengerBody.message.text).toContain("quarter 2/2026 ends on 30/06/2026 (7 days left)");
  });

  it("a second run the same day queues nothing new", async () => {
    const before = await db().outboxMessage.count();
    expect(await queueReminders(db(), channels, new Date(NOW.getTime() + 3 * H))).toEqual({ kind: "1w", quarter: "2026q2", queued: 0, skipped: 0, duplicates: 10 });
    expect(await db().outboxMessage.count()).toBe(before);
  });

  it("the outbox worker sends the queued rows to the platforms and leaves the skipped ones alone", async () => {
    const worker = new OutboxWorker({ db: db(), channels, pollMs: 50, leaseMs: 30_000, maxAttempts: 3, now: () => NOW });
    await eventually(async () => {
      await worker.tick();
      return (await db().outboxMessage.count({ where: { status: { in: ["queued", "retry", "sending"] } } })) === 0;
    });
    for (const [userId, outcome] of Object.entries(expected)) {
      const [row] = await rowsOf(userId);
      expect(row!.status, userId).toBe(outcome === "queued" ? "sent" : "skipped");
    }
    expect(zalo.sentTexts("z-1h")).toHaveLength(1);
    expect(zalo.sentTexts("z-1h")[0]).toContain("30/06/2026");
    expect(zalo.sentTexts("z-30h")).toHaveLength(1);
    for (const skipped of ["z-3d", "z-10d", "z-never", "z-off", "z-reported", "z-closed"]) expect(zalo.sentTexts(skipped), skipped).toEqual([]);
    expect(meta.sentTexts("m-1h")).toHaveLength(1);
    expect(meta.sentTexts("m-last-quarter")[0]).toContain("stop reminders");
    for (const skipped of ["m-30h", "m-3d", "m-10d", "m-reported"]) expect(meta.requestsFor(skipped), skipped).toEqual([]);
  });

  it("a leader on a channel this build does not run is recorded as skipped", async () => {
    const zaloOnly: ChannelRegistry = new Map([["zalo", channels.get("zalo")!]]);
    const q3 = new Date("2026-09-23T02:00:00Z");
    await db().conversation.update({ where: { channel_userId: { channel: "messenger", userId: "m-1h" } }, data: { lastInboundAt: ago(H, q3) } });
    const run = await queueReminders(db(), zaloOnly, q3);
    expect(run.kind).toBe("1w");
    const [row] = (await rowsOf("m-1h")).filter((r) => r.dedupeKey.startsWith("reminder:2026q3:"));
    expect(row).toMatchObject({ status: "skipped", lastError: "channel_not_configured", dedupeKey: "reminder:2026q3:1w:messenger:m-1h:0" });
  });
});

describe("the daily job", () => {
  it("does nothing on an ordinary day", async () => {
    const before = await db().outboxMessage.count();
    let nudged = 0;
    expect(await runReminderJob({ db: db(), channels, onQueued: () => nudged++ }, new Date("2026-06-24T02:00:00Z"))).toBeNull();
    expect(await db().outboxMessage.count()).toBe(before);
    expect(nudged).toBe(0);
  });

  it("three weeks before the quarter ends: queues (a new decision, distinct from the 1-week one) and nudges the outbox", async () => {
    const day = new Date("2026-12-10T02:00:00Z");
    await db().conversation.update({ where: { channel_userId: { channel: "zalo", userId: "z-1h" } }, data: { lastInboundAt: ago(H, day) } });
    let nudged = 0;
    const run = await runReminderJob({ db: db(), channels, onQueued: () => nudged++ }, day);
    expect(run).toMatchObject({ kind: "3w", quarter: "2026q4" });
    expect(run!.queued).toBeGreaterThanOrEqual(1);
    expect(nudged).toBe(1);
    const [row] = (await rowsOf("z-1h")).filter((r) => r.dedupeKey.startsWith("reminder:2026q4:3w:"));
    expect(row).toMatchObject({ status: "queued", dedupeKey: "reminder:2026q4:3w:zalo:z-1h:0" });
    expect(JSON.parse(row!.payload).message.text).toContain("31/12/2026 (còn 21 ngày)");
  });
});
