import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ContentError } from "../../../src/content/schema.js";
import { MAX_MESSAGE_CHARS, loadTopics, matchTopic, topicText } from "../../../src/content/topics.js";

const FIX = resolve(import.meta.dirname, "../../fixtures/content");

describe("topics", () => {
  it("the real content has the six awareness topics, each short and sourced", () => {
    const topics = loadTopics();
    expect(topics.map((t) => t.id).sort()).toEqual(["bao-luc-gia-dinh", "binh-dang-gioi", "hon-nhan-can-huyet", "mua-ban-nguoi", "sinh-de-an-toan", "tao-hon"]);
    for (const t of topics) {
      expect(t.messages.length).toBeLessThanOrEqual(3);
      for (const m of t.messages) {
        expect(m.source.length).toBeGreaterThan(0);
        expect([...m.text.vi].length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
        expect(m.text.en).toBeTruthy();
      }
      // No ethnic-language text ships until the Union approves it (docs/reference/project8.md §5).
      expect(t.translations).toEqual({});
    }
  });

  it("falls back to Vietnamese per message, never a partial message", () => {
    const beta = loadTopics(`${FIX}/good`).find((t) => t.id === "beta")!;
    const en = topicText(beta, "en");
    expect(en.messages.map((m) => m.lang)).toEqual(["en", "vi", "en"]);
    expect(en.messages[1]!.text).toBe("Bê-ta tin hai, chưa có tiếng Anh.");
    const xyz = topicText(beta, "xyz");
    expect(xyz.titleLang).toBe("xyz");
    expect(xyz.messages.map((m) => m.lang)).toEqual(["xyz", "vi", "vi"]);
    const unknown = topicText(beta, "hmn");
    expect(unknown.title).toBe("Chủ đề Bê-ta");
    expect(unknown.messages.every((m) => m.lang === "vi")).toBe(true);
  });

  it("uses an approved translation in full", () => {
    const alpha = loadTopics(`${FIX}/good`).find((t) => t.id === "alpha")!;
    expect(topicText(alpha, "hmn").messages.map((m) => m.text)).toEqual(["[hmn placeholder 1]", "[hmn placeholder 2]"]);
    expect(topicText(alpha, "vi").messages[0]!.source[0]!.doc).toBe("project8.md §1");
  });

  it("rejects a non-vi/en translation without approved_by and date", () => {
    let error: unknown;
    try {
      loadTopics(`${FIX}/topic-unapproved-translation`);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContentError);
    const fields = (error as ContentError).issues.map((i) => `${i.id}/${i.field}`);
    expect(fields).toEqual(expect.arrayContaining(["topic gamma/translations.hmn.approved_by", "topic gamma/translations.hmn.date"]));
  });

  it("rejects too many messages, an over-long message and a message without a source", () => {
    let error: ContentError | undefined;
    try {
      loadTopics(`${FIX}/topic-too-many`);
    } catch (e) {
      error = e as ContentError;
    }
    const fields = error?.issues.map((i) => `${i.id}/${i.field}`) ?? [];
    expect(fields).toEqual(
      expect.arrayContaining(["topic delta/messages", "topic epsilon/messages[0].text.vi", "topic epsilon/messages[1].source", "topic epsilon/messages[2].source[0].date"]),
    );
  });

  it("matches typed requests with or without diacritics", () => {
    expect(matchTopic("Tảo hôn là gì?")?.id).toBe("tao-hon");
    expect(matchTopic("toi muon hoi ve TAO HON")?.id).toBe("tao-hon");
    expect(matchTopic("bao luc gia dinh")?.id).toBe("bao-luc-gia-dinh");
    expect(matchTopic("what is human trafficking")?.id).toBe("mua-ban-nguoi");
    expect(matchTopic("gói chính sách sinh đẻ")?.id).toBe("sinh-de-an-toan");
    expect(matchTopic("hon nhan can huyet")?.id).toBe("hon-nhan-can-huyet");
    expect(matchTopic("binh dang gioi")?.id).toBe("binh-dang-gioi");
    expect(matchTopic("xin chào")).toBeNull();
    expect(matchTopic("")).toBeNull();
    // Whole words only: "cay lua" matches, "caylua" does not.
    const fixture = loadTopics(`${FIX}/good`);
    expect(matchTopic("Cây lúa", fixture)?.id).toBe("alpha");
    expect(matchTopic("caylua", fixture)).toBeNull();
  });
});
