import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Choice, OutboundMessage } from "../../core/messages.js";
import { BUTTON_TEXT_MAX, QUICK_REPLY_MAX, renderMessenger, TEXT_MAX } from "./render.js";
import { splitText } from "../shared/split-text.js";

// Test strings only: in the app every word comes from locales/ or content/.
const PSID = "1254477777772919";
const msg = (o: Partial<OutboundMessage>): OutboundMessage => ({ channel: "messenger", recipientId: PSID, text: "Chọn một mục:", ...o });
const reply = (n: number, title = `Mục ${n}`): Choice => ({ kind: "reply", title, payload: `P_${n}` });
type Body = { recipient: { id: string }; messaging_type: string; tag?: string; message: Record<string, any> };
const bodies = (m: OutboundMessage) => renderMessenger(m).map((p) => p.body as Body);

describe("renderMessenger", () => {
  it("sends short text as one RESPONSE message", () => {
    const parts = renderMessenger(msg({ text: "Xin chào" }));
    expect(parts).toEqual([{ recipientId: PSID, body: { recipient: { id: PSID }, messaging_type: "RESPONSE", message: { text: "Xin chào" } } }]);
  });

  it("tags staff replies HUMAN_AGENT and reminders UPDATE", () => {
    expect(bodies(msg({ purpose: "human_agent" }))[0]).toMatchObject({ messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" });
    expect(bodies(msg({ purpose: "reminder" }))[0]).toMatchObject({ messaging_type: "UPDATE" });
    expect(bodies(msg({ purpose: "response" }))[0]!.tag).toBeUndefined();
  });

  it("splits long text under the limit, at sentence ends, with quick replies on the last part only", () => {
    const sentence = "Đây là một câu khá dài để kiểm tra việc chia tin nhắn thành nhiều phần. ";
    const text = sentence.repeat(80); // ≈ 5800 characters
    const out = bodies(msg({ text, choices: [reply(1), reply(2)] }));
    expect(out.length).toBeGreaterThan(2);
    for (const b of out) expect(b.message.text.length).toBeLessThanOrEqual(TEXT_MAX);
    for (const b of out.slice(0, -1)) {
      expect(b.message.text.endsWith(".")).toBe(true);
      expect(b.message.quick_replies).toBeUndefined();
    }
    expect(out.at(-1)!.message.quick_replies).toHaveLength(2);
    expect(out.map((b) => b.message.text).join(" ")).toBe(text.trim());
  });

  it("falls back to word boundaries, then to a hard cut", () => {
    const words = Array.from({ length: 600 }, (_, i) => `từ${i}`).join(" ");
    const parts = splitText(words, 100);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(100);
    expect(parts.join(" ")).toBe(words);
    const run = "x".repeat(250);
    expect(splitText(run, 100)).toEqual(["x".repeat(100), "x".repeat(100), "x".repeat(50)]);
    expect(splitText("😀".repeat(3), 3)).toEqual(["😀", "😀", "😀"]); // never half a surrogate pair
  });

  it("offers up to 13 reply choices as quick replies", () => {
    const choices = Array.from({ length: QUICK_REPLY_MAX }, (_, i) => reply(i + 1));
    const [b] = bodies(msg({ choices }));
    expect(b!.message).toEqual({
      text: "Chọn một mục:",
      quick_replies: choices.map((c) => ({ content_type: "text", title: c.title, payload: (c as { payload: string }).payload })),
    });
  });

  it.each([
    ["14 choices", Array.from({ length: 14 }, (_, i) => reply(i + 1))],
    ["a title over 20 characters", [reply(1), reply(2, "Một tiêu đề quá dài cho nút bấm")]],
    ["an empty payload", [{ kind: "reply", title: "A", payload: "" } as Choice]],
    ["more than 3 call buttons", Array.from({ length: 4 }, (_, i): Choice => ({ kind: "call", title: `Gọi ${i}`, phone: "+84 24 3942 1234" }))],
    ["a short-code hotline", [{ kind: "call", title: "Công an", phone: "113" } as Choice]],
  ])("degrades %s to a numbered list introduced by choicesHint", (_name, choices) => {
    const out = bodies(msg({ choices, choicesHint: "Gõ số để chọn." }));
    const last = out.at(-1)!.message;
    expect(last.quick_replies).toBeUndefined();
    expect(last.attachment).toBeUndefined();
    const text = out.map((b) => b.message.text).join("\n");
    expect(text).toContain("Chọn một mục:\n\nGõ số để chọn.\n1. ");
    choices.forEach((c, i) => expect(text).toContain(`${i + 1}. ${c.title}`));
    if (choices[0]!.kind === "call") expect(text).toContain(`1. ${choices[0]!.title}: ${choices[0]!.phone}`);
  });

  it("sends call and link choices as a button template", () => {
    const choices: Choice[] = [
      { kind: "call", title: "Gọi tổng đài", phone: "+84 24 3942 1234" },
      { kind: "url", title: "Trang web", url: "https://example.org/ho-tro" },
      { kind: "reply", title: "Quay lại", payload: "BACK" },
    ];
    const [b] = bodies(msg({ text: "Bạn có thể gọi ngay:", choices }));
    expect(b!.message).toEqual({
      attachment: {
        type: "template",
        payload: {
          template_type: "button",
          text: "Bạn có thể gọi ngay:",
          buttons: [
            { type: "phone_number", title: "Gọi tổng đài", payload: "+842439421234" },
            { type: "web_url", title: "Trang web", url: "https://example.org/ho-tro" },
            { type: "postback", title: "Quay lại", payload: "BACK" },
          ],
        },
      },
    });
  });

  it("keeps button template text within 640 characters", () => {
    const text = "Câu này dài vừa phải để thử giới hạn. ".repeat(40); // ≈ 1500 characters
    const out = bodies(msg({ text, choices: [{ kind: "call", title: "Gọi", phone: "+84912345678" }] }));
    const template = out.at(-1)!.message.attachment.payload;
    expect(template.text.length).toBeLessThanOrEqual(BUTTON_TEXT_MAX);
    expect(out.slice(0, -1).every((b) => typeof b.message.text === "string")).toBe(true);
  });

  it("uses the hint as the text when there is none, and sends nothing for an empty message", () => {
    const [b] = bodies(msg({ text: " ", choices: [reply(1)], choicesHint: "Chọn:" }));
    expect(b!.message).toMatchObject({ text: "Chọn:", quick_replies: [{ title: "Mục 1" }] });
    expect(renderMessenger(msg({ text: "" }))).toEqual([]);
  });

  it("never renders a part over the limits (property)", () => {
    const choice = fc.oneof(
      fc.record({ kind: fc.constant("reply" as const), title: fc.string({ maxLength: 30 }), payload: fc.string({ maxLength: 1100 }) }),
      fc.record({ kind: fc.constant("call" as const), title: fc.string({ maxLength: 30 }), phone: fc.string({ maxLength: 20 }) }),
      fc.record({ kind: fc.constant("url" as const), title: fc.string({ maxLength: 30 }), url: fc.webUrl() }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 5000, unit: "grapheme" }), fc.array(choice, { maxLength: 16 }), fc.option(fc.string({ maxLength: 50 }), { nil: undefined }), (text, choices, hint) => {
        for (const { body } of renderMessenger(msg({ text, choices, ...(hint !== undefined ? { choicesHint: hint } : {}) }))) {
          const m = (body as Body).message;
          const shown: string = m.text ?? m.attachment.payload.text;
          expect(shown.trim().length).toBeGreaterThan(0);
          expect(shown.length).toBeLessThanOrEqual(m.attachment ? BUTTON_TEXT_MAX : TEXT_MAX);
          if (m.quick_replies) expect(m.quick_replies.length).toBeLessThanOrEqual(QUICK_REPLY_MAX);
          if (m.attachment) expect(m.attachment.payload.buttons.length).toBeLessThanOrEqual(3);
        }
      }),
      { numRuns: 300 },
    );
  });
});
