// The team reminder job at chosen dates: nothing on an ordinary day; on a reminder day the
// leader of a team without a report this quarter is queued once, however often it runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL_SETTINGS } from "../channels/registry.js";
import { loadConfig } from "../config.js";
import { createTeam, joinByCode } from "../flows/team/membership.js";
import { openTestDatabase, type TestDb } from "../../tests/support/db.js";
import { createTestChannel, FakePlatform } from "../../tests/support/test-channel.js";
import type { JobContext } from "./job.js";
import { teamReminders } from "./team-reminders.js";

// 23/6/2026 09:00 in Vietnam: one week before Q2 ends; 24/6 is an ordinary day.
const REMINDER_DAY = new Date("2026-06-23T02:00:00Z");
const ORDINARY_DAY = new Date("2026-06-24T02:00:00Z");
let database: TestDb;
let platform: FakePlatform;
let ctx: JobContext;
let nudged = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  platform = await new FakePlatform().start();
  const channel = createTestChannel(platform);
  // The test channel's own window: a reminder may go within a day of the leader's last message.
  channel.policy = { ...channel.policy, proactive: [{ untilMs: 86_400_000, policy: "test_open", purpose: "reminder", paid: false }] };
  const config = loadConfig({ SIMULATOR: "0" }, CHANNEL_SETTINGS);
  ctx = { db: database.db, channels: new Map([[channel.id, channel]]), config, onOutboxQueued: () => nudged++ };
  const { inviteCode } = await createTeam(database.db, { name: "Tổ bản Có", provinceCode: "11", communeCode: "03295", villages: ["Bản Có"] }, new Date("2026-01-05T02:00:00Z"));
  expect((await joinByCode(database.db, channel.id, "leader-1", inviteCode, new Date("2026-01-05T02:00:00Z"))).ok).toBe(true);
  await database.db.conversation.create({ data: { channel: channel.id, userId: "leader-1", lastInboundAt: new Date(REMINDER_DAY.getTime() - 3_600_000) } });
});
afterAll(async () => {
  await platform?.stop();
  await database?.destroy();
});

describe("team reminder job", () => {
  it("runs daily at 09:00 Vietnam time", () => {
    expect(teamReminders().schedule).toEqual({ cron: "0 9 * * *" });
  });

  it("does nothing on an ordinary day", async () => {
    expect(await teamReminders().run(ctx, ORDINARY_DAY)).toBeNull();
    expect(await database.db.outboxMessage.count()).toBe(0);
  });

  it("queues the leader's reminder on a reminder day, once", async () => {
    expect(await teamReminders().run(ctx, REMINDER_DAY)).toMatchObject({ kind: "1w", quarter: "2026q2", queued: 1, skipped: 0 });
    expect(await teamReminders().run(ctx, REMINDER_DAY)).toMatchObject({ queued: 0, duplicates: 1 });
    const rows = await database.db.outboxMessage.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ recipientId: "leader-1", status: "queued" });
    expect(rows[0]!.createdAt.getTime()).toBe(REMINDER_DAY.getTime());
    expect(nudged).toBe(1);
  });
});
