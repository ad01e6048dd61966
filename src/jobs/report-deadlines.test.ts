// The report-deadline job at chosen days: province staff of the deadline's province are told
// remindDays before and again the day before, once per stage (a second run or another instance
// sends nothing), only inside their own chat window; other provinces' staff are not told.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL_SETTINGS } from "../channels/registry.js";
import { loadConfig } from "../config.js";
import { openTestDatabase, type TestDb } from "../../tests/support/db.js";
import { createTestChannel, FakePlatform } from "../../tests/support/test-channel.js";
import type { JobContext } from "./job.js";
import { reportDeadlines } from "./report-deadlines.js";
import { reminderStageDue } from "../deadlines/deadlines.js";

// 09:00 Vietnam time on these days.
const at = (day: string) => new Date(`${day}T02:00:00Z`);
let database: TestDb;
let platform: FakePlatform;
let ctx: JobContext;

beforeAll(async () => {
  database = await openTestDatabase();
  platform = await new FakePlatform().start();
  const channel = createTestChannel(platform);
  channel.policy = { ...channel.policy, proactive: [{ untilMs: 30 * 86_400_000, policy: "test_open", purpose: "reminder", paid: false }] };
  ctx = { db: database.db, channels: new Map([[channel.id, channel]]), config: loadConfig({ SIMULATOR: "0" }, CHANNEL_SETTINGS), onOutboxQueued: () => undefined };
  const db = database.db;
  await db.staffUser.create({ data: { email: "p14@hoi.vn", name: "Sơn La", passwordHash: "x", role: "province_staff", areaCode: "14", onDutyChat: "test:p14" } });
  await db.staffUser.create({ data: { email: "p14b@hoi.vn", name: "Sơn La 2", passwordHash: "x", role: "province_staff", areaCode: "14" } }); // no chat account
  await db.staffUser.create({ data: { email: "p12@hoi.vn", name: "Lai Châu", passwordHash: "x", role: "province_staff", areaCode: "12", onDutyChat: "test:p12" } });
  await db.conversation.create({ data: { channel: "test", userId: "p14", lastInboundAt: at("2026-12-20") } });
  await db.conversation.create({ data: { channel: "test", userId: "p12", lastInboundAt: at("2026-12-20") } });
  await db.reportDeadline.create({ data: { provinceCode: "14", title: "Báo cáo năm 2026", dueDate: "2027-01-10", remindDays: 7, createdBy: 1 } });
});
afterAll(async () => {
  await platform?.stop();
  await database?.destroy();
});

describe("report deadline job", () => {
  it("runs every morning", () => {
    expect(reportDeadlines().schedule).toEqual({ cron: "30 8 * * *" });
  });

  it("stages: remindDays before, then the day before; none once past", () => {
    const d = { dueDate: "2027-01-10", remindDays: 7, reminderStage: 0 };
    expect(reminderStageDue(d, "2027-01-02")).toBeNull();
    expect(reminderStageDue(d, "2027-01-03")).toBe(1);
    expect(reminderStageDue({ ...d, reminderStage: 1 }, "2027-01-05")).toBeNull();
    expect(reminderStageDue({ ...d, reminderStage: 1 }, "2027-01-09")).toBe(2);
    // A first reminder that comes late (the deadline was set two days before) goes as the last one.
    expect(reminderStageDue(d, "2027-01-10")).toBe(2);
    expect(reminderStageDue(d, "2027-01-11")).toBeNull();
  });

  it("tells the province's staff a week before, once, and not another province", async () => {
    const job = reportDeadlines();
    expect(await job.run(ctx, at("2027-01-02"))).toBeNull();
    expect(await job.run(ctx, at("2027-01-03"))).toEqual({ deadlines: 1, queued: 1, notReached: 1 });
    expect(await job.run(ctx, at("2027-01-03"))).toBeNull();
    expect(await reportDeadlines().run(ctx, at("2027-01-04"))).toBeNull();
    const rows = await database.db.outboxMessage.findMany();
    expect(rows.map((r) => r.recipientId)).toEqual(["p14"]);
    expect(rows[0]!.payload).toContain("Báo cáo năm 2026");
    expect(rows[0]!.payload).toContain("10/01/2027");
    expect(rows[0]!.payload).toContain("còn 7 ngày");
  });

  it("and again the day before", async () => {
    expect(await reportDeadlines().run(ctx, at("2027-01-09"))).toEqual({ deadlines: 1, queued: 1, notReached: 1 });
    expect(await reportDeadlines().run(ctx, at("2027-01-10"))).toBeNull();
    const last = (await database.db.outboxMessage.findMany({ orderBy: { id: "asc" } })).at(-1)!;
    expect(last.payload).toContain("còn 1 ngày");
  });

  it("a closed chat window is counted, not sent", async () => {
    await database.db.reportDeadline.create({ data: { provinceCode: "12", title: "Báo cáo quý", dueDate: "2027-03-05", remindDays: 3, createdBy: 1 } });
    const before = await database.db.outboxMessage.count();
    // Lai Châu's officer last wrote on 20/12: by March the 30-day test window has closed.
    expect(await reportDeadlines().run(ctx, at("2027-03-02"))).toEqual({ deadlines: 1, queued: 0, notReached: 1 });
    expect(await database.db.outboxMessage.count()).toBe(before);
  });
});
