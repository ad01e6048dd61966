// The parser alone (pure): edge cases the fixture tables do not reach, and a property
// test that no body makes it throw or produce an event the store could choke on.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseMessengerBody, safeKey } from "./parse.js";

const PAGE = "682498302938465";
const PSID = "1254477777772919";
const body = (items: unknown[], entry: Record<string, unknown> = {}) => ({ object: "page", entry: [{ id: PAGE, time: 1458692752478, messaging: items, ...entry }] });
const item = (o: Record<string, unknown>) => ({ sender: { id: PSID }, recipient: { id: PAGE }, timestamp: 1458692752478, ...o });

describe("parseMessengerBody", () => {
  it.each([
    ["a string", "page"],
    ["null", null],
    ["no entry", { object: "page" }],
    ["entry not an array", { object: "page", entry: {} }],
    ["object not a string", { object: 1, entry: [] }],
  ])("rejects %s (→ 400)", (_name, b) => {
    expect(parseMessengerBody(b).ok).toBe(false);
  });

  it("ignores other objects (instagram, …) without an error, so Meta does not retry them", () => {
    expect(parseMessengerBody({ object: "instagram", entry: [{ id: "1", messaging: [item({ message: { mid: "x", text: "hi" } })] }] })).toEqual({ ok: true, events: [] });
  });

  it("skips unreadable entries and items but keeps the rest of the batch", () => {
    const r = parseMessengerBody({ object: "page", entry: [5, { id: {} }, { id: PAGE, messaging: [7, null, item({ message: { mid: "ok", text: "hi" } })] }] });
    expect(r.ok && r.events.map((e) => e.eventKey)).toEqual(["ok"]);
  });

  it("skips senders without a PSID (user_ref only)", () => {
    const r = parseMessengerBody(body([{ sender: { user_ref: "guest" }, recipient: { id: PAGE }, timestamp: 1, message: { mid: "m", text: "hi" } }]));
    expect(r).toEqual({ ok: true, events: [] });
  });

  it("uses entry.time when the item has no timestamp, and never throws on absurd times", () => {
    const r = parseMessengerBody(body([{ sender: { id: PSID }, recipient: { id: PAGE }, referral: { ref: "a" } }]));
    expect(r.ok && r.events[0]).toMatchObject({ eventKey: `referral:${PSID}:1458692752478:a`, occurredAt: new Date(1458692752478).toISOString() });
    const odd = parseMessengerBody(body([item({ timestamp: 1e300, message: { mid: "t", text: "x" } })], { time: -5 }));
    expect(odd.ok && odd.events[0]!.eventKey).toBe("t");
  });

  it("hashes keys that are too long or not printable", () => {
    expect(safeKey("mid.abc")).toBe("mid.abc");
    expect(safeKey("m".repeat(201))).toMatch(/^h:[0-9a-f]{64}$/);
    expect(safeKey("a\u0000b")).toMatch(/^h:/);
    expect(safeKey("a\u0000b")).toBe(safeKey("a\u0000b"));
  });

  it("keeps a delivery with only mids, and ignores a read without a watermark", () => {
    const r = parseMessengerBody(body([item({ delivery: { mids: ["m_1"] } }), item({ read: {} })]));
    expect(r.ok && r.events).toHaveLength(1);
    expect(r.ok && r.events[0]).toMatchObject({ kind: "delivery", receipt: { messageIds: ["m_1"] } });
  });

  it("drops the notification token of an opt-in", () => {
    const r = parseMessengerBody(body([item({ optin: { type: "notification_messages", notification_messages_token: "SECRET-TOKEN" } })]));
    expect(JSON.stringify(r)).not.toContain("SECRET-TOKEN");
  });

  it("never throws, and every event is storable (property)", () => {
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(PSID), fc.constant(PAGE));
    const anyValue = fc.oneof(leaf, fc.anything());
    const party = fc.oneof(fc.record({ id: fc.oneof(fc.constant(PSID), fc.constant(PAGE), leaf) }, { requiredKeys: [] }), anyValue);
    const event = fc.record(
      {
        sender: party,
        recipient: party,
        timestamp: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(1458692752478)),
        message: fc.oneof(anyValue, fc.record({ mid: anyValue, text: anyValue, is_echo: anyValue, quick_reply: anyValue, attachments: fc.array(anyValue) }, { requiredKeys: [] })),
        postback: fc.oneof(anyValue, fc.record({ mid: anyValue, title: anyValue, payload: anyValue, referral: anyValue }, { requiredKeys: [] })),
        delivery: fc.record({ mids: anyValue, watermark: anyValue }, { requiredKeys: [] }),
        read: fc.record({ watermark: anyValue }, { requiredKeys: [] }),
        referral: anyValue,
        optin: anyValue,
      },
      { requiredKeys: [] },
    );
    const entry = fc.oneof(anyValue, fc.record({ id: fc.oneof(fc.constant(PAGE), leaf), time: anyValue, messaging: fc.oneof(fc.array(event), anyValue), standby: fc.array(event) }, { requiredKeys: [] }));
    const bodyArb = fc.oneof(fc.jsonValue(), fc.record({ object: fc.oneof(fc.constant("page"), leaf), entry: fc.oneof(fc.array(entry), anyValue) }));
    fc.assert(
      fc.property(bodyArb, (b) => {
        const r = parseMessengerBody(b);
        if (!r.ok) return;
        for (const e of r.events) {
          expect(e.eventKey.length).toBeLessThanOrEqual(200);
          expect(e.eventKey).toMatch(/^[\x20-\x7e]+$/);
          expect(e.userId).toMatch(/^[\x21-\x7e]{1,128}$/);
          expect(e.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT/); // four-digit years: PostgreSQL stores them
          expect(() => JSON.stringify(e)).not.toThrow();
        }
      }),
      { numRuns: 2000 },
    );
  });
});
