// tsx scripts/grow-danger-corpus.ts: writes the generated part of the danger corpus
// (tests/fixtures/danger-corpus-variants.jsonl) from the hand-written base sentences below.
//
// Each base is a sentence the team wrote the way a villager or a team leader might send it;
// each is then typed five ways, as people in the mountain communes do on cheap phones: as
// written, without diacritics, in teen-code (e, ko, ck, vk, j, mún, chít, kuu…), with one typo,
// and either in capitals or run together without spaces. Labels belong to the base (a typo does
// not make a cry for help less of one), so a missed variant is a real miss.
//
// Splits: HOLDOUT bases were written together with the TUNE bases, before the detector changes
// of this round were run against any of them, and tuning never looks at them; the README
// reports recall and precision on them as measured. Deterministic: the same file every run.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

type Base = [text: string, category: string | null];

// ---- danger: calls for help, violence, threats, confinement, trafficking, disappearance,
// sexual abuse (also said indirectly), forced marriage, self-harm, childbirth emergencies.
const TUNE_DANGER: Base[] = [
  ["cứu em với chị ơi", "call_for_help"], ["ai cứu tôi với", "call_for_help"], ["giúp em với, em sợ lắm", "call_for_help"],
  ["chị ơi cứu con em", "call_for_help"], ["em đang gặp nguy hiểm", "call_for_help"], ["báo công an giúp em", "call_for_help"],
  ["gọi 113 hộ em với", "call_for_help"], ["cứu mạng với", "call_for_help"], ["làm ơn giúp em với", "call_for_help"],
  ["chồng em đánh em", "beaten"], ["bố đánh con đau lắm", "beaten"], ["em bị chồng đánh bầm tím", "beaten"],
  ["chồng say rượu về đánh vợ", "beaten"], ["chồng tôi uống rượu về là đánh", "beaten"], ["anh ấy động tí là đánh em", "beaten"],
  ["chồng hay đánh em lắm", "beaten"], ["bố dượng đánh cháu", "beaten"], ["mẹ kế đánh con suốt", "beaten"],
  ["em bị đánh ngất đi", "beaten"], ["ông ấy đánh vợ gần chết", "beaten"], ["nó cầm dao dọa giết em", "threat_to_life"],
  ["chồng dọa giết cả nhà", "threat_to_life"], ["anh ta vác dao đuổi em", "threat_to_life"], ["nó bóp cổ em", "threat_to_life"],
  ["nó dọa đốt nhà", "threat_to_life"], ["em bị nhốt trong nhà", "confined"], ["chồng không cho em ra khỏi nhà", "confined"],
  ["họ giữ điện thoại của em", "confined"], ["nó trói em lại", "confined"], ["em bị bán sang trung quốc", "trafficking"],
  ["người ta lừa em sang bên kia biên giới", "trafficking"], ["con gái tôi bị đưa qua biên giới rồi", "trafficking"],
  ["có người dẫn em gái tôi đi trung quốc", "trafficking"], ["bố nó đưa con bé sang tàu rồi", "trafficking"],
  ["họ giữ hết giấy tờ của em", "trafficking"], ["em không về nước được", "trafficking"], ["vợ tôi bị bắt đi rồi", "trafficking"],
  ["con gái tôi mất tích ba ngày rồi", "missing"], ["em gái tôi đi làm mấy tháng không về", "missing"],
  ["mất liên lạc với con gái", "missing"], ["con tôi đi chợ hai hôm nay chưa về", "missing"], ["không liên lạc được với vợ", "missing"],
  ["em bị hiếp", "sexual_violence"], ["chú hàng xóm sờ vào người cháu", "sexual_violence"], ["dượng hay vào phòng con gái", "sexual_violence"],
  ["bố dượng bắt con ngủ cùng", "sexual_violence"], ["thầy sờ đùi con", "sexual_violence"], ["nó dọa tung ảnh em", "sexual_violence"],
  ["em bị xâm hại", "sexual_violence"], ["bố mẹ ép em lấy chồng", "forced_marriage"], ["em bị bắt nghỉ học để lấy chồng", "forced_marriage"],
  ["nhà trai kéo em về làm vợ", "forced_marriage"], ["em mới 15 tuổi mà bị ép cưới", "forced_marriage"], ["họ gả em cho người lạ", "forced_marriage"],
  ["em muốn chết", "self_harm"], ["em không muốn sống nữa", "self_harm"], ["em định ăn lá ngón", "self_harm"], ["chán sống lắm rồi", "self_harm"],
  ["em muốn tự tử", "self_harm"], ["vợ tôi đau đẻ mà không có xe", "childbirth_emergency"],
  ["chị ơi nó lại đánh em rồi", "beaten"], ["ông chồng say về là đập phá đánh con", "beaten"], ["hàng xóm đánh mẹ em", "beaten"],
  ["em bị lừa sang bên kia làm vợ", "trafficking"], ["con bé bị bán cho người trung quốc", "trafficking"], ["cháu tôi đi với người lạ không thấy về", "missing"],
  ["chú nó sờ vào chỗ kín con bé", "sexual_violence"], ["em bị nó giở trò", "sexual_violence"], ["chị ấy vỡ ối rồi", "childbirth_emergency"],
  ["đẻ xong chảy máu nhiều lắm", "childbirth_emergency"], ["em bé không thở", "childbirth_emergency"], ["có bầu mà ra máu", "childbirth_emergency"],
];

const HOLDOUT_DANGER: Base[] = [
  ["cứu với nó đánh em chết mất", "beaten"], ["chị ơi em sợ lắm chồng em lại say rồi", "beaten"], ["hôm qua ck lại đánh e", "beaten"],
  ["bố em uống rượu vào là đập mẹ", "beaten"], ["em bị ông ấy tát sưng mặt", "beaten"], ["chồng đánh cả con nhỏ", "beaten"],
  ["nó đòi chém em", "threat_to_life"], ["anh ta dí dao vào cổ em", "threat_to_life"], ["nó nói sẽ giết em nếu em bỏ đi", "threat_to_life"],
  ["em bị giam ở nhà người ta", "confined"], ["không được gọi điện cho ai", "confined"], ["họ khóa trái cửa nhốt em", "confined"],
  ["người ta lừa em đi làm rồi bán em", "trafficking"], ["con tôi bị dụ sang lào", "trafficking"], ["có người đưa cháu tôi vượt biên", "trafficking"],
  ["nó mang con gái tôi qua bên kia rồi", "trafficking"], ["em bị ép làm gái", "trafficking"], ["không trả căn cước cho em", "trafficking"],
  ["con trai tôi đi làm ăn xa mất tích rồi", "missing"], ["cháu gái tôi bỏ đi mấy tuần không thấy về", "missing"], ["tìm con gái cả tuần nay không thấy", "missing"],
  ["em gái em bặt tin từ tết", "missing"], ["ông chú sờ mó cháu", "sexual_violence"], ["anh rể động vào người em", "sexual_violence"],
  ["bố dượng bắt em cởi đồ", "sexual_violence"], ["em bị quay clip rồi nó dọa", "sexual_violence"], ["người yêu ép em quan hệ", "sexual_violence"],
  ["nhà bắt em bỏ học đi lấy chồng", "forced_marriage"], ["em bị bắt về làm dâu", "forced_marriage"], ["bố bắt em cưới ông ấy", "forced_marriage"],
  ["em chỉ muốn chết đi cho xong", "self_harm"], ["em sống không nổi nữa", "self_harm"], ["em muốn nhảy sông", "self_harm"],
  ["vợ em sinh mãi không ra", "childbirth_emergency"], ["chị em đau bụng dữ dội đang có bầu", "childbirth_emergency"], ["sau sinh bị sốt cao", "childbirth_emergency"],
  ["giúp em với em không biết làm sao", "call_for_help"], ["em đang nguy hiểm lắm", "call_for_help"], ["ai gọi công an giúp em", "call_for_help"],
  ["cứu con tôi với", "call_for_help"], ["vợ tôi bị người ta dẫn đi mất rồi", "trafficking"], ["cháu em mất tích ở biên giới", "missing"],
  ["dượng cứ đêm là vào phòng em", "sexual_violence"], ["chồng suốt ngày đánh em", "beaten"],
];

// ---- ordinary: greetings, questions about topics, team leaders' reports, Union life, and the
// harmless words that look like danger ("đánh giá", "sinh hoạt", "xuất khẩu", "cứu trợ").
const TUNE_ORDINARY: Base[] = [
  ["xin chào", null], ["chào chị", null], ["cho em hỏi số điện thoại hỗ trợ", null], ["địa chỉ tin cậy ở xã em ở đâu", null],
  ["tảo hôn là gì", null], ["kéo vợ có vi phạm pháp luật không", null], ["cách phòng tránh bị xâm hại", null], ["làm sao để không bị lừa bán", null],
  ["chi hội đang sinh hoạt", null], ["tối nay chi hội sinh hoạt ở nhà văn hóa", null], ["đánh giá buổi truyền thông rất tốt", null],
  ["em đánh răng rồi", null], ["hợp tác xã xuất khẩu nông sản sang trung quốc", null], ["bán chuối sang trung quốc được giá", null],
  ["báo cáo buổi sinh hoạt tổ truyền thông", null], ["BC 12/11 35 người", null], ["hôm nay mưa to không về được", null],
  ["đi chợ phiên mua gạo", null], ["cứu trợ bà con vùng lũ", null], ["học lớp sơ cứu", null], ["mẹ em sờ vào người thấy nóng", null],
  ["đưa con đi khám bệnh ở huyện", null], ["bố đưa con đi du lịch", null], ["nóng muốn chết", null], ["cười chết mất", null],
  ["em đang sinh viên năm hai", null], ["chúc mừng sinh nhật chị", null], ["đánh cầu lông với các chị", null],
  ["phòng chống bạo lực gia đình", null], ["tuyên truyền về mua bán người", null], ["khi nào có buổi tập huấn", null],
  ["cảm ơn chị nhiều", null], ["em muốn nhận tin chiến dịch", null], ["dừng", null], ["menu", null], ["1", null],
  ["chồng em đi làm xa", null], ["con em đi học về rồi", null], ["vợ tôi đi chợ", null], ["em muốn đăng ký tổ truyền thông", null],
  ["gà nhà em bị nhốt trong chuồng", null], ["giết gà làm cỗ", null], ["thịt lợn tết", null], ["người mất tích được tìm thấy rồi, cảm ơn hội", null],
  ["thông báo tìm người mất tích trên loa xã", null], ["em đi tìm việc làm", null], ["sinh hoạt văn nghệ tối thứ bảy", null],
  ["đánh bài là không tốt", null], ["bố đánh cá ngoài suối", null], ["kinh tế hộ gia đình", null], ["vay vốn ngân hàng chính sách", null],
  ["bình đẳng giới là gì", null], ["hội phụ nữ ơi cho em hỏi", null], ["tháng hành động có hoạt động gì", null],
  ["em là tổ trưởng tổ truyền thông bản Nậm Xe", null], ["cho em xin mẫu báo cáo", null], ["sinh đẻ an toàn ở trạm y tế", null],
  ["đẻ ở nhà có nguy hiểm không", null], ["hôn nhân cận huyết là gì", null],
  ["bà con đi chợ phiên đông lắm", null], ["xã tổ chức đánh giá tổ truyền thông", null], ["ngày mai sinh hoạt chi hội lúc 8 giờ", null],
  ["em đang cho con bú", null], ["ăn cơm chưa chị", null], ["chiều nay họp thôn", null], ["bán lợn được giá", null], ["con em thi đỗ rồi", null],
];

const HOLDOUT_ORDINARY: Base[] = [
  ["em chào chị ạ", null], ["số tổng đài 111 là gì", null], ["cho em hỏi đường đến trạm y tế", null], ["tổ em họp vào chủ nhật", null],
  ["báo cáo tuần này có 20 người tham gia", null], ["chị ơi mai có sinh hoạt không", null], ["đánh giá cuối năm của chi hội", null],
  ["xuất khẩu quế sang trung quốc", null], ["chở dưa hấu qua biên giới bán", null], ["các cháu đánh răng trước khi ngủ", null],
  ["em sinh năm 2001", null], ["bé nhà em đang sinh hoạt hè", null], ["cách nhận biết dấu hiệu mua bán người", null],
  ["ép cưới có bị phạt không", null], ["hủ tục tảo hôn", null], ["nhà em nuôi đàn gà", null], ["mưa lũ sạt lở đường không đi được", null],
  ["em cảm ơn hội nhiều ạ", null], ["đưa mẹ đi họp hội", null], ["chồng em đi làm ở tỉnh", null], ["vợ em đi khám thai định kỳ", null],
  ["con đi học ở trường dân tộc nội trú", null], ["ngày gia đình việt nam là ngày nào", null], ["em muốn hỏi về vay vốn", null],
  ["sờ vào người cháu thấy sốt", null], ["buồn ngủ muốn chết", null], ["đánh trống khai giảng", null], ["học đánh máy tính", null],
  ["em muốn tìm hiểu về bình đẳng giới", null], ["hội có lớp học nghề không", null], ["mai em về quê ăn tết", null],
  ["tết này không về được vì bận", null], ["gặp cán bộ xã để hỏi giấy tờ", null], ["làm căn cước ở đâu", null], ["2", null],
  ["nhận tin", null], ["hủy nhận tin", null], ["chị ơi em gửi ảnh buổi họp", null], ["em đang đi làm nương", null],
  ["tổ em đánh giá buổi họp tốt", null], ["chở ngô sang trung quốc bán", null], ["các chị sinh hoạt vui lắm", null], ["chồng em đưa con đi khám bệnh", null],
];

// ---- how the same words are typed on a cheap phone.
const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D");
const TEEN: [RegExp, string][] = [
  [/\bem\b/g, "e"], [/\bkhông\b/g, "ko"], [/\bchồng\b/g, "ck"], [/\bvợ\b/g, "vk"], [/\bđược\b/g, "dc"], [/\bvới\b/g, "vs"],
  [/\bgiúp\b/g, "jup"], [/\bmuốn\b/g, "mún"], [/\bchết\b/g, "chít"], [/\bcứu\b/g, "kuu"], [/\brồi\b/g, "r"], [/\bngười\b/g, "ng"],
  [/\bbiết\b/g, "bik"], [/\btrung quốc\b/g, "tq"], [/\bquá\b/g, "wa"], [/\bbị\b/g, "bj"], [/\bgì\b/g, "j"], [/\banh\b/g, "a"],
];
const teen = (s: string) => TEEN.reduce((acc, [re, to]) => acc.replace(re, to), s.toLowerCase());

/** One deterministic typo: a letter dropped from the longest word (or two letters swapped). */
function typo(s: string, n: number): string {
  const words = fold(s).split(" ");
  let at = 0;
  for (let i = 1; i < words.length; i++) if (words[i]!.length > words[at]!.length) at = i;
  const w = words[at]!;
  if (w.length < 4) return fold(s);
  const k = 1 + (n % (w.length - 2));
  words[at] = n % 2 === 0 ? w.slice(0, k) + w.slice(k + 1) : w.slice(0, k) + w[k + 1] + w[k] + w.slice(k + 2);
  return words.join(" ");
}

const lastVariant = (s: string, n: number) => (s.split(" ").length <= 4 && n % 2 === 0 ? fold(s).replace(/ /g, "") : s.toUpperCase());

function variants(text: string, n: number): string[] {
  return [...new Set([text, fold(text), teen(text), typo(text, n), lastVariant(text, n)])];
}

export function grow(): string[] {
  const out: string[] = [];
  // Lines already in the hand-written corpus are not repeated.
  const hand = readFileSync(fileURLToPath(new URL("../tests/fixtures/danger-corpus.jsonl", import.meta.url)), "utf8");
  const seen = new Set(hand.split("\n").filter((l) => l.trim() !== "").map((l) => (JSON.parse(l) as { text: string }).text));
  const add = (bases: Base[], split: string) =>
    bases.forEach(([text, category], n) => {
      for (const v of variants(text, n)) {
        if (seen.has(v)) continue;
        seen.add(v);
        out.push(JSON.stringify({ text: v, danger: category !== null, ...(category ? { category } : {}), split }));
      }
    });
  add(TUNE_DANGER, "tune");
  add(TUNE_ORDINARY, "tune");
  add(HOLDOUT_DANGER, "holdout");
  add(HOLDOUT_ORDINARY, "holdout");
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const path = fileURLToPath(new URL("../tests/fixtures/danger-corpus-variants.jsonl", import.meta.url));
  const lines = grow();
  writeFileSync(path, lines.join("\n") + "\n");
  process.stdout.write(`wrote ${lines.length} lines to ${path}\n`);
}
