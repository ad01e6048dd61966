import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { detectDanger } from "../../../src/safety/danger.js";
import { foldDiacritics } from "../../../src/safety/normalize.js";

// docs/reference/project8.md §8, row by row: the "with diacritics" and the "without diacritics / teen-code" columns.
const SECTION_8: { category: string; withMarks: string[]; without: string[] }[] = [
  { category: "call_for_help",
    withMarks: ["cứu tôi", "cứu em", "cứu với", "giúp tôi với", "giúp em với", "cứu mạng"],
    without: ["cuu toi", "cuu em", "cuu voi", "cuuu", "cứuuu", "giup em voi", "jup em", "júp e", "gjup e", "help me", "sos"] },
  { category: "beaten",
    withMarks: ["bị đánh", "chồng đánh", "chồng đánh em", "bố đánh", "bị đánh đập", "đánh chết", "đang đánh em", "bị đánh máu"],
    without: ["bi danh", "chong danh", "ck đánh", "ck danh em", "ck đánh e", "bo danh", "danh chet", "dg danh e"] },
  { category: "threat_to_life",
    withMarks: ["dọa giết", "nó sẽ giết em", "cầm dao", "cầm rìu", "bóp cổ", "siết cổ"],
    without: ["doa giet", "giet em", "cam dao", "bop co", "xiet co"] },
  { category: "confined",
    withMarks: ["bị nhốt", "không cho ra ngoài", "bị trói", "giữ điện thoại"],
    without: ["bi nhot", "ko cho ra", "k cho ve", "bi troi"] },
  { category: "trafficking",
    withMarks: ["bị bắt bán", "bị bán", "bị lừa sang Trung Quốc", "bị đưa sang Trung Quốc",
      "bị ép lấy chồng Trung Quốc", "không về được", "bị giữ giấy tờ", "bị lừa đi làm"],
    without: ["bi bat ban", "bi ban", "bi lua sang TQ", "sang trung quoc", "bi dua sang tq", "ep lay chong tq",
      "ko ve dc", "k về đc", "giu giay to"] },
  { category: "sexual_violence",
    withMarks: ["bị hiếp", "bị hiếp dâm", "bị xâm hại", "bị sờ mó", "bị ép quan hệ"],
    without: ["bi hiep", "hiếp", "bi xam hai", "bi ep qh", "ep quan he"] },
  { category: "forced_marriage",
    withMarks: ["bị bắt cưới", "bị ép cưới", "bắt vợ", "kéo vợ", "bị bắt về làm vợ"],
    without: ["bi bat cuoi", "ep cuoi", "bat vo", "keo vo"] },
  { category: "self_harm",
    withMarks: ["muốn chết", "tự tử", "không muốn sống nữa", "tự sát", "uống lá ngón", "nhảy sông"],
    without: ["muon chet", "tu tu", "ko muon song", "k mun song", "tu sat", "la ngon", "an la ngon"] },
  { category: "childbirth_emergency",
    withMarks: ["đang đẻ", "chảy máu nhiều", "vỡ ối", "đẻ không ra", "sốt sau đẻ"],
    without: ["dang de", "chay mau nhieu", "vo oi", "de ko ra"] },
];

describe("detectDanger: every §8 phrase", () => {
  for (const row of SECTION_8) {
    const forms = [
      ...row.withMarks.flatMap((p) => [p, foldDiacritics(p), p.toUpperCase(), `em ơi ${p} rồi`]),
      ...row.without.flatMap((p) => [p, p.toUpperCase()]),
    ];
    it.each(forms)(`${row.category}: %j`, (text) => {
      expect(detectDanger(text)?.category).toBe(row.category);
    });
  }
});

describe("detectDanger: how people really type", () => {
  it.each([
    ["CỨU EM VỚI", "call_for_help"],
    ["cuuuu", "call_for_help"],
    ["cuuuuu emmm", "call_for_help"],
    ["ck danh e", "beaten"],
    ["chongdanhem", "beaten"], // no spaces
    ["ckdanhe", "beaten"],
    ["cuutoi", "call_for_help"],
    ["cuutoivoi", "call_for_help"],
    ["bilua sang tq", "trafficking"],
    ["muonchet", "self_harm"],
    ["cuu tio", "call_for_help"], // one-letter typos
    ["chong dahn", "beaten"],
    ["chong dnah em", "beaten"],
    ["chongdahnem", "beaten"], // no spaces and a typo
    ["doa gite", "threat_to_life"],
    ["bi nhto", "confined"],
    ["e bj danh", "beaten"], // j for i
    ["c\u200bứ\u200bu em", "call_for_help"], // zero-width spaces
    ["𝐜𝐮𝐮 𝐞𝐦", "call_for_help"], // "fancy font"
    ["chongf ddanhs em", "beaten"], // Telex typed without the keyboard switched on
    ["chồng em lại đánh em", "beaten"], // fillers between phrase words
    ["bố mẹ bắt em nghỉ học lấy chồng", "forced_marriage"],
    ["e dang o TQ, bi giu het giay to", "trafficking"],
    ["chị ơi em đang ở nhà, chồng em uống rượu say rồi về đánh em với con", "beaten"],
  ])("%j → %s", (text, category) => {
    expect(detectDanger(text)?.category).toBe(category);
  });

  it("reports the most severe match", () => {
    expect(detectDanger("chồng đánh em, em muốn chết")).toMatchObject({ severity: 3, category: "self_harm" });
    expect(detectDanger("ck danh e")).toMatchObject({ severity: 2, category: "beaten" });
  });

  it("routes kéo vợ / bắt vợ gently (severity 1)", () => {
    expect(detectDanger("keo vo")).toMatchObject({ severity: 1, category: "forced_marriage" });
    expect(detectDanger("bắt vợ")).toMatchObject({ severity: 1, category: "forced_marriage" });
    expect(detectDanger("em bị bắt về làm vợ")?.severity).toBe(2);
  });

  it("answers with a phrase from the list, never with the user's text", () => {
    expect(detectDanger("cuuuuu toiiii")?.phrase).not.toContain("uuuu");
  });
});

describe("detectDanger: hard negatives and ordinary messages", () => {
  it.each([
    "đánh giá", "danh gia", "chồng em đánh giá cao chương trình", "đánh răng", "đánh cầu lông", "danh cau long",
    "đánh bài", "danh bai", "em đánh dấu vào phiếu rồi", "cứu trợ lũ lụt", "cuu tro lu lut", "tra cứu xã mới",
    "nghiên cứu", "cựu chiến binh", "bán hàng", "bán rau", "ban rau", "bán con gà", "giết thời gian", "giet thoi gian",
    "chết cười", "chet cuoi", "buồn cười chết mất", "hôm nay nóng muốn chết", "con dao này bao nhiêu tiền",
    "con dao nay bao nhieu tien", "đẻ trứng", "gà đang đẻ trứng", "em đang để dành tiền",
    "xin chào", "1", "2", "gặp cán bộ", "đường dây nóng", "lịch tiêm chủng", "báo cáo",
    "cho hỏi số điện thoại hội phụ nữ xã", "muốn hỏi về gói hỗ trợ sinh đẻ", "BC 12/6 Nam Xe tao hon 45 nguoi 30 nu",
    // asking about a topic is not a disclosure
    "tảo hôn là gì", "cách phòng chống tảo hôn", "luật phòng chống bạo lực gia đình", "ep cuoi la gi",
    "kéo vợ có vi phạm pháp luật không", "cách phòng tránh bị xâm hại cho con gái",
    "cách làm sao để không bị lừa sang Trung Quốc làm thuê",
    // typed accents settle what plain text leaves open
    "con em bị bạn trêu", "từ từ rồi tính", "vợ ơi", "chạy mau", "chị Hiệp ơi", "Hiệp hội phụ nữ",
    "chợ phiên có bán cam, đào, mận", "mai em bận không về được", "tết này em không về được",
    "em bị lừa mất 2 triệu qua mạng", "chồng đang đi làm", "ck đáng yêu",
  ])("%j", (text) => {
    expect(detectDanger(text)).toBeNull();
  });

  it("keeps plain-text ambiguity on the side of caution", () => {
    expect(detectDanger("bi ban")).not.toBeNull(); // bị bán or bị bạn: cannot tell, so match
    expect(detectDanger("tu tu")).not.toBeNull(); // tự tử or từ từ
    expect(detectDanger("chong danh dau qua")).not.toBeNull(); // đánh đau, not đánh dấu
  });
});

describe("detectDanger: properties", () => {
  const unit = fc.oneof(
    fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
    fc.constantFrom(" ", "cứu", "đánh", "giá", "em", "ck", "bị", "bán", "tq", "chong", "danh", "uuu", "!!"),
  );

  it("never throws and returns null or a well-formed match", () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (s) => {
        const m = detectDanger(s);
        if (m !== null) {
          expect([1, 2, 3]).toContain(m.severity);
          expect(typeof m.category).toBe("string");
          expect(typeof m.phrase).toBe("string");
        }
      }),
      { numRuns: 500 },
    );
    expect(detectDanger("")).toBeNull();
    expect(detectDanger("\ud800\udfff\ud83d")).toBeNull();
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (s) => {
        expect(detectDanger(s)).toEqual(detectDanger(s));
      }),
      { numRuns: 300 },
    );
  });

  it("ignores letter case", () => {
    const word = fc.constantFrom("chồng", "đánh", "em", "cứu", "bị", "bán", "giá", "với", "không", "về", "được", "rồi");
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), (ws) => {
        const s = ws.join(" ");
        expect(detectDanger(s.toUpperCase())).toEqual(detectDanger(s));
      }),
    );
  });

  it("still finds a cry for help inside noise", () => {
    const noise = fc.string({ unit: fc.constantFrom(" ", ".", "!", "?", "😢", "1", "9", "\n"), maxLength: 20 });
    const phrase = fc.constantFrom("cứu em với", "chồng đánh em", "ck danh e", "em bị nhốt", "muon chet", "vỡ ối");
    fc.assert(
      fc.property(noise, phrase, noise, (a, p, b) => {
        expect(detectDanger(`${a}${p}${b}`)).not.toBeNull();
      }),
    );
  });

  it("handles very long messages", () => {
    const long = `${"chị ơi cho em hỏi lịch họp tổ ".repeat(3000)} cứu em`;
    expect(detectDanger(long)?.category).toBe("call_for_help");
    expect(() => detectDanger("x".repeat(200_000))).not.toThrow();
  });
});
