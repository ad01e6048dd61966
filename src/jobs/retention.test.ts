// The retention job at a chosen moment: what is older than RETENTION_DAYS is blanked, what is
// newer stays, tombstones go after ERASED_KEYS_DAYS.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL_SETTINGS } from "../channels/registry.js";
import { loadConfig } from "../config.js";
import { openTestDatabase, type TestDb } from "../../tests/support/db.js";
import type { JobContext } from "./job.js";
import { retention } from "./retention.js";

const DAY = 86_400_000;
const NOW = new Date("2026-12-03T20:15:00Z"); // 03:15 on 4/12 in Vietnam
let database: TestDb;
let ctx: JobContext;

beforeAll(async () => {
  database = await openTestDatabase();
  const config = loadConfig({ SIMULATOR: "0", RETENTION_DAYS: "30", ERASED_KEYS_DAYS: "7" }, CHANNEL_SETTINGS);
  ctx = { db: database.db, channels: new Map(), config, onOutboxQueued: () => undefined };
  const at = (days: number) => new Date(NOW.getTime() - days * DAY);
  const event = (key: string, days: number, kind = "text") => ({
    channel: "zalo",
    eventKey: key,
    conversationKey: kind === "erased" ? "erased" : "zalo:u1",
    kind,
    payload: kind === "erased" ? "{}" : JSON.stringify({ channel: "zalo", eventKey: key, userId: "u1", kind: "text", text: "chồng em đánh em", occurredAt: at(days).toISOString() }),
    status: kind === "erased" ? "skipped" : "done",
    occurredAt: at(days),
    receivedAt: at(days),
  });
  await database.db.inboxEvent.createMany({ data: [event("old", 31), event("new", 29), event("tomb-old", 8, "erased"), event("tomb-new", 6, "erased")] });
  const reply = (key: string, days: number) => ({ channel: "zalo", recipientId: "u1", conversationKey: "zalo:u1", dedupeKey: key, payload: '{"message":{"text":"Gọi 0912 345 678"}}', status: "sent", createdAt: at(days) });
  await database.db.outboxMessage.createMany({ data: [reply("r-old", 31), reply("r-new", 29)] });
});
afterAll(async () => {
  await database?.destroy();
});

describe("retention job", () => {
  it("runs daily at 03:15 Vietnam time", () => {
    expect(retention().schedule).toEqual({ cron: "15 3 * * *" });
  });

  it("blanks what is past RETENTION_DAYS, keeps the rest, deletes old tombstones", async () => {
    const report = await retention().run(ctx, NOW);
    expect(report).toMatchObject({ inbound: 1, outbound: 1, tombstones: 1, retentionDays: 30 });
    const byKey = async (k: string) => (await database.db.inboxEvent.findFirst({ where: { eventKey: k } }))?.payload ?? null;
    expect(await byKey("old")).not.toContain("đánh");
    expect(await byKey("new")).toContain("đánh");
    expect(await byKey("tomb-old")).toBeNull();
    expect(await byKey("tomb-new")).toBe("{}");
    const out = await database.db.outboxMessage.findMany({ orderBy: { dedupeKey: "asc" } });
    expect(out.map((r) => [r.dedupeKey, r.payload.includes("0912")])).toEqual([["r-new", true], ["r-old", false]]);
    // A second run the same night finds nothing more to do.
    expect(await retention().run(ctx, NOW)).toMatchObject({ inbound: 0, outbound: 0, tombstones: 0 });
  });
});
