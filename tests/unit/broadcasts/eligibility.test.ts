// broadcast-policy.md §3, one row per rule, both platforms, the clock fixed: who may get a
// campaign message now, and why not.
import { describe, expect, it } from "vitest";
import { DEFAULT_RULES, decide, inQuietHours, nextVietnamHour, type RecipientState } from "../../../src/broadcasts/eligibility.js";
import { MESSENGER_POLICY } from "../../../src/channels/messenger/policy.js";
import { ZALO_POLICY } from "../../../src/channels/zalo/policy.js";

const H = 3_600_000;
const zalo = { id: "zalo-1", platform: "zalo", policy: ZALO_POLICY };
const messenger = { id: "messenger", platform: "messenger", policy: MESSENGER_POLICY };
// 10:00 in Vietnam (03:00 UTC), a Thursday.
const NOW = new Date("2026-12-03T03:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const person = (p: Partial<RecipientState> = {}): RecipientState => ({ optedOutAt: null, unreachableAt: null, lastInboundAt: ago(H), sentToday: 0, ...p });

type Row = [string, typeof zalo, Partial<RecipientState>, { paused?: boolean; paid?: boolean; now?: Date }, Record<string, unknown>];
const ROWS: Row[] = [
  // 1. opted out / unreachable, whatever else is true
  ["said DỪNG (Zalo)", zalo, { optedOutAt: ago(H) }, { paused: true }, { decision: "skipped", reason: "opted_out" }],
  ["said DỪNG (Messenger)", messenger, { optedOutAt: ago(H) }, {}, { decision: "skipped", reason: "opted_out" }],
  ["unfollowed / blocked (Zalo)", zalo, { unreachableAt: ago(H) }, {}, { decision: "skipped", reason: "unreachable" }],
  ["551 (Messenger)", messenger, { unreachableAt: ago(H) }, {}, { decision: "skipped", reason: "unreachable" }],
  ["already in this campaign", zalo, { alreadyInCampaign: true }, {}, { decision: "skipped", reason: "duplicate_in_campaign" }],
  // 2. the account cannot send
  ["token invalid / restricted (Zalo)", zalo, {}, { paused: true }, { decision: "held", reason: "channel_blocked" }],
  ["token invalid / restricted (Messenger)", messenger, {}, { paused: true }, { decision: "held", reason: "channel_blocked" }],
  // 3. inside the free window
  ["Zalo, wrote 1 h ago", zalo, {}, {}, { decision: "send_now", policy: "zalo_free" }],
  ["Zalo, wrote 47 h ago", zalo, { lastInboundAt: ago(47 * H) }, {}, { decision: "send_now", policy: "zalo_free" }],
  ["Messenger, wrote 23 h ago", messenger, { lastInboundAt: ago(23 * H) }, {}, { decision: "send_now", policy: "messenger_standard" }],
  // 4. Zalo 48 h – 7 d: paid, needs a person's approval
  ["Zalo, wrote 3 days ago", zalo, { lastInboundAt: ago(72 * H) }, {}, { decision: "needs_approval", kind: "paid_window", policy: "zalo_billable" }],
  ["Zalo, 3 days, paid approved", zalo, { lastInboundAt: ago(72 * H) }, { paid: true }, { decision: "send_now", policy: "zalo_billable" }],
  // 6. outside every window
  ["Zalo, wrote 8 days ago", zalo, { lastInboundAt: ago(8 * 24 * H) }, {}, { decision: "skipped", reason: "outside_window" }],
  ["Messenger, wrote 25 h ago (no tag for campaigns)", messenger, { lastInboundAt: ago(25 * H) }, {}, { decision: "skipped", reason: "outside_window" }],
  ["never wrote (Zalo follower)", zalo, { lastInboundAt: null }, {}, { decision: "skipped", reason: "never_messaged" }],
  ["never wrote (Messenger)", messenger, { lastInboundAt: null }, {}, { decision: "skipped", reason: "never_messaged" }],
  // 7. quiet hours and the daily cap: later, not never
  ["22:00 in Vietnam (Zalo)", zalo, {}, { now: new Date("2026-12-03T15:00:00Z") }, { decision: "deferred", reason: "quiet_hours", notBefore: new Date("2026-12-04T00:00:00Z") }],
  ["06:30 in Vietnam (Messenger)", messenger, { lastInboundAt: new Date("2026-12-02T20:00:00Z") }, { now: new Date("2026-12-02T23:30:00Z") }, { decision: "deferred", reason: "quiet_hours", notBefore: new Date("2026-12-03T00:00:00Z") }],
  ["22:00, but the window closes before 07:00", messenger, { lastInboundAt: new Date("2026-12-02T17:00:00Z") }, { now: new Date("2026-12-03T15:00:00Z") }, { decision: "skipped", reason: "outside_window" }],
  ["one campaign message already today", zalo, { sentToday: 1 }, {}, { decision: "deferred", reason: "frequency_cap", notBefore: new Date("2026-12-04T00:00:00Z") }],
  ["capped, and Messenger's window ends first", messenger, { sentToday: 1, lastInboundAt: ago(20 * H) }, {}, { decision: "skipped", reason: "outside_window" }],
];

describe("campaign eligibility (broadcast-policy.md §3)", () => {
  it.each(ROWS)("%s", (_name, channel, state, opts, want) => {
    const got = decide(person(state), channel, opts.paused ?? false, opts.now ?? NOW, { ...DEFAULT_RULES, paidApproved: opts.paid ?? false });
    expect(got).toMatchObject(want);
  });

  it("the margin: a window that ends within 10 minutes is already closed", () => {
    expect(decide(person({ lastInboundAt: ago(24 * H - 5 * 60_000) }), messenger, false, NOW)).toMatchObject({ decision: "skipped", reason: "outside_window" });
  });

  it("quiet hours are Vietnam hours across midnight", () => {
    expect(inQuietHours(new Date("2026-12-03T13:59:00Z"), DEFAULT_RULES)).toBe(false); // 20:59
    expect(inQuietHours(new Date("2026-12-03T14:00:00Z"), DEFAULT_RULES)).toBe(true); // 21:00
    expect(inQuietHours(new Date("2026-12-03T23:59:00Z"), DEFAULT_RULES)).toBe(true); // 06:59
    expect(inQuietHours(new Date("2026-12-04T00:00:00Z"), DEFAULT_RULES)).toBe(false); // 07:00
    expect(nextVietnamHour(new Date("2026-12-03T23:00:00Z"), 7).toISOString()).toBe("2026-12-04T00:00:00.000Z");
  });
});
