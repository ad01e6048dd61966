// The reply window rules on their own (each channel folder's policy.ts), at the edges: a
// reply may wait a few minutes in the outbox, so each window ends early.
import { describe, expect, it } from "vitest";
import { MESSENGER_POLICY } from "../../src/channels/messenger/policy.js";
import { ZALO_POLICY } from "../../src/channels/zalo/policy.js";
import { replyWindow, SEND_MARGIN_MS, windowDetail } from "../../src/core/windows.js";

const CHANNELS = { messenger: { id: "messenger", platform: "messenger", policy: MESSENGER_POLICY }, zalo: { id: "zalo", platform: "zalo", policy: ZALO_POLICY } } as const;
const channel = (id: string) => CHANNELS[id as keyof typeof CHANNELS];

const now = new Date("2026-03-10T08:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const H = 3_600_000;

describe("reply window", () => {
  it.each([
    ["messenger", 1 * H, "messenger_standard", "response"],
    ["messenger", 24 * H - SEND_MARGIN_MS, "messenger_standard", "response"],
    ["messenger", 24 * H, "messenger_human_agent", "human_agent"],
    ["messenger", 7 * 24 * H - SEND_MARGIN_MS, "messenger_human_agent", "human_agent"],
    ["zalo", 47 * H, "zalo_free", "human_agent"],
    ["zalo", 72 * H, "zalo_billable", "human_agent"],
  ] as const)("%s, last message %d ms ago → %s", (id, age, policy, purpose) => {
    const w = replyWindow(channel(id), ago(age), now);
    expect(w).toMatchObject({ allowed: true, policy, purpose });
    expect(windowDetail(w)).toBe(`policy=${policy}`);
  });

  it.each([
    ["messenger", 7 * 24 * H, "messenger_closed"],
    ["messenger", 8 * 24 * H, "messenger_closed"],
    ["zalo", 7 * 24 * H, "zalo_closed"],
    ["telegram", H, "unsupported_channel"],
  ] as const)("%s, last message %d ms ago → refused (%s)", (id, age, refusal) => {
    expect(replyWindow(channel(id), ago(age), now)).toEqual({ allowed: false, refusal });
  });

  it("a person who never wrote cannot be contacted", () => {
    expect(replyWindow(channel("zalo"), null, now)).toEqual({ allowed: false, refusal: "never_wrote" });
  });
});
