import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Choice, OutboundMessage } from "../../core/messages.js";
import { MAX_BUTTONS, QUERY_ACTION, renderZalo, TEXT_LIMIT, type ZaloMessageBody } from "./render.js";
import { splitText } from "../shared/split-text.js";

const USER = "8309393969855402319";
const msg = (over: Partial<OutboundMessage>): OutboundMessage => ({ channel: "zalo", recipientId: USER, text: "", ...over });
const bodies = (m: OutboundMessage) => renderZalo(m).map((p) => p.body as ZaloMessageBody);

// Written decomposed (NFD), as some keyboards send it; Zalo must receive NFC.
const SENTENCE = "Nếu bạn đang gặp nguy hiểm, hãy gọi 113 hoặc đường dây nóng 1900 969 680 để được hỗ trợ kịp thời. ".normalize("NFD");

describe("renderZalo text", () => {
  it("splits 5000 characters of Vietnamese into NFC parts of at most 2000, each ending a sentence", () => {
    let long = "";
    while (long.normalize("NFC").length < 5000) long += SENTENCE;
    const parts = bodies(msg({ text: long }));
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const p of parts) {
      expect(p.recipient.user_id).toBe(USER);
      expect(p.message.text.length).toBeLessThanOrEqual(TEXT_LIMIT);
      expect(p.message.text).toBe(p.message.text.normalize("NFC"));
      expect(p.message.text.endsWith("kịp thời.")).toBe(true);
    }
    // Nothing lost but the whitespace at the cuts.
    expect(parts.map((p) => p.message.text).join(" ")).toBe(long.normalize("NFC").trim());
  });

  it("sends short text as one part without attachment", () => {
    expect(bodies(msg({ text: "Xin chào" }))).toEqual([{ recipient: { user_id: USER }, message: { text: "Xin chào" } }]);
  });

  it("falls back to word boundaries, and cuts inside a word only when one word is longer than the limit", () => {
    const words = Array.from({ length: 700 }, (_, i) => `từ${i}`).join(" ");
    for (const part of splitText(words, TEXT_LIMIT)) {
      expect(part.length).toBeLessThanOrEqual(TEXT_LIMIT);
      expect(part).toMatch(/^từ\d+( từ\d+)*$/);
    }
    const giant = "a".repeat(4500);
    expect(splitText(giant, TEXT_LIMIT).map((p) => p.length)).toEqual([2000, 2000, 500]);
  });

  it("never splits a surrogate pair", () => {
    const emoji = "😀".repeat(1500); // 3000 UTF-16 units, no spaces
    const parts = splitText(emoji, TEXT_LIMIT);
    expect(parts.join("")).toBe(emoji);
    for (const p of parts) expect(p.length % 2).toBe(0);
  });

  it("property: parts fit, are non-empty, and keep every non-space character in order", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "ệ", " ", ".", "\n", "!", "😀", "b") , maxLength: 600 }), fc.integer({ min: 2, max: 80 }), (s, max) => {
        const parts = splitText(s, max);
        for (const p of parts) {
          expect(p.length).toBeGreaterThan(0);
          expect(p.length).toBeLessThanOrEqual(max);
        }
        expect(parts.join("").replace(/\s/g, "")).toBe(s.replace(/\s/g, ""));
      }),
    );
  });
});

describe("renderZalo choices", () => {
  const menu: Choice[] = [
    { kind: "reply", title: "Đường dây nóng", payload: "MENU_HOTLINES" },
    { kind: "reply", title: "Địa chỉ tin cậy", payload: "MENU_ADDRESSES" },
    { kind: "call", title: "Gọi 111", phone: "111" },
    { kind: "url", title: "Trang web", url: "https://example.org/help" },
  ];

  it("renders up to five choices as v3 template buttons on the text", () => {
    const [body, ...rest] = bodies(msg({ text: "Chọn một mục:", choices: menu, choicesHint: "Gõ số 1, 2, 3… để chọn." }));
    expect(rest).toEqual([]);
    expect(body!.message).toEqual({
      text: "Chọn một mục:",
      attachment: {
        type: "template",
        payload: {
          buttons: [
            { title: "Đường dây nóng", type: QUERY_ACTION, payload: "MENU_HOTLINES" },
            { title: "Địa chỉ tin cậy", type: QUERY_ACTION, payload: "MENU_ADDRESSES" },
            { title: "Gọi 111", type: "oa.open.phone", payload: { phone_code: "111" } },
            { title: "Trang web", type: "oa.open.url", payload: { url: "https://example.org/help" } },
          ],
        },
      },
    });
  });

  it("degrades more than five choices to a numbered list with the hint from the bot", () => {
    const six: Choice[] = Array.from({ length: MAX_BUTTONS + 1 }, (_, i) => ({ kind: "reply", title: `Mục ${i + 1}`, payload: `P${i + 1}` }));
    const parts = bodies(msg({ text: "Chọn một mục:", choices: six, choicesHint: "Gõ số 1, 2, 3… để chọn." }));
    expect(parts).toHaveLength(1);
    expect(parts[0]!.message.attachment).toBeUndefined();
    expect(parts[0]!.message.text).toBe("Chọn một mục:\n\n1. Mục 1\n2. Mục 2\n3. Mục 3\n4. Mục 4\n5. Mục 5\n6. Mục 6\n\nGõ số 1, 2, 3… để chọn.");
  });

  it("degrades when a title is too long, and shows numbers and links that can no longer be tapped", () => {
    const choices: Choice[] = [{ kind: "reply", title: "x".repeat(101), payload: "P" }, ...menu.slice(2)];
    const text = bodies(msg({ text: "Chọn:", choices }))[0]!.message.text;
    expect(text).toContain("2. Gọi 111: 111");
    expect(text).toContain("3. Trang web: https://example.org/help");
  });

  it("puts the buttons on the last part when the text is split", () => {
    const parts = bodies(msg({ text: SENTENCE.repeat(40), choices: menu.slice(0, 2) }));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.slice(0, -1).every((p) => p.message.attachment === undefined)).toBe(true);
    expect(parts.at(-1)!.message.attachment?.payload.buttons).toHaveLength(2);
  });
});
