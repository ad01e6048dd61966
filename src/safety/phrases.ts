// Danger phrases, as data.
//
// DERIVED, NOT SOURCED: this list grows the starting table in docs/reference/project8.md §8, which
// is itself derived by the team. No source lists these phrases. Tune it with Union staff and real,
// consented data. Vietnamese only: ethnic-language phrases are never invented here (docs/reference/project8.md §5);
// add them only from Union-approved speakers.
//
// Template syntax (expanded once at load by compile.ts):
//   [a|b c|]  one of the alternatives; an empty alternative makes the slot optional
//   ^ … $     the phrase must start / end the message (for words that are only alarming alone)
//   *         (exclusions only) any one word
// Write phrases with diacritics when the accents matter: a writer who types "bị bạn" (by a
// friend) or "từ từ" (slowly) then does not match "bị bán" or "tự tử". Unaccented input still matches.
// Chat abbreviations (ck, e, ko, tq …) need no entries: normalize.ts expands them first.

export type DangerCategory =
  | "call_for_help" | "beaten" | "threat_to_life" | "confined" | "trafficking"
  | "sexual_violence" | "forced_marriage" | "self_harm" | "childbirth_emergency" | "missing";

export interface PhraseGroup {
  category: DangerCategory;
  /** 3 = immediate danger to life; 2 = violence, trafficking or sexual violence happening; 1 = concerning */
  severity: 1 | 2 | 3;
  phrases: readonly string[];
}

// Slots are kept short on purpose: matching finds a phrase anywhere in the message, so "tát em"
// already covers "chồng em tát em", and "dượng đánh" covers "bố dượng đánh". Pronouns inside a
// phrase need no slot either: they are fillers ("chồng em đánh", "ép em cưới", "anh ta đánh").
/** Who is hurt (the writer or someone they speak for). */
const V = "[em|tôi|mình|chị|con|cháu|tớ|tui|tao|bé|vợ|mẹ|cả nhà]";
const VS = V.slice(1, -1); // V's alternatives, to combine with others: [|${VS}] = V or nothing

/** Who hurts. "ck"/"ox" need no entry: they expand to "chồng". */
const A = "[chồng|chồng cũ|vợ|bố|ba|cha|dượng|mẹ|mẹ kế|anh|anh trai|anh rể|chú|bác|cậu|ông|người yêu|bạn trai|bạn|nó|hắn|họ|người ta|thằng đó|lão|thầy|hàng xóm|chủ|chủ nhà]";
/** Men a child may name when she tells of being touched (kept short: each one multiplies the phrases compiled). */
const MAN = "[dượng|bố dượng|chú|bác|ông|anh rể|thầy|hàng xóm|bố|cậu|anh họ]";
const ABROAD = "[trung quốc|tàu|bên kia|biên giới|bên kia biên giới|lào|campuchia|nước ngoài|thái lan|malaysia]";
const PAPERS = "[giấy tờ|chứng minh|chứng minh thư|căn cước|căn cước công dân|cccd|cmnd|cmt|hộ chiếu]";

export const PHRASE_GROUPS: readonly PhraseGroup[] = [
  { category: "call_for_help", severity: 3, phrases: [
    // bare "cứu" covers spaced text; the pairs give compact spellings for "cuutoi", "cuuemvoi"
    "cứu", `cứu [|${VS}|mạng] [|với]`, `giúp [|${VS}] với`, `^giúp [|${VS}] [|ạ|ơi|nhé|đi|với ạ]$`,
    "help", "help me", "sos", "s o s", "cấp cứu",
    "[gọi|báo] [công an|cảnh sát|113|115|cấp cứu] [giúp|hộ|ngay|đến|tới|với]",
    `${V} [đang|] [gặp|bị] nguy hiểm`, "đang gặp nguy hiểm", "nguy hiểm đến tính mạng", "đe dọa tính mạng",
  ] },
  { category: "beaten", severity: 2, phrases: [
    "bị [đánh|đánh đập|đập|tát|đấm|bạo hành|bạo lực|hành hạ|ngược đãi|hành hung|đá vào]",
    `bị ${A} [đánh|đánh đập|đập|tát|đấm|bạo hành|hành hạ|hành hung]`,
    `${A} [đánh|đánh đập|bạo hành|hành hạ|hành hung]`,
    `[đánh|đập|tát|đấm|đá|bạo hành|hành hạ] [|cả] ${V}`,
    "đang [bị|] đánh", "say rượu [về|] [đánh|đập]", "[đánh|đập] [bầm tím|thâm tím]",
    // Habitual violence, said as a habit: "về là đánh", "uống rượu vào là đánh", "động tí là đánh".
    "về [là|thì|lại|cái là|rồi] [đánh|đập|tát|đấm|đá|chửi đánh]",
    "[uống rượu|say|say rượu|nhậu|rượu vào|uống say|nhậu say] [về|vào|] [là|thì|lại|rồi|xong] [đánh|đập|tát|đấm|đá|chửi đánh]",
    "[động tí|hở ra|hơi tí|có chuyện gì|không vừa ý|cãi nhau] [là|thì|lại] [đánh|đập|tát|đấm]",
    `${A} [hay|thường|suốt ngày|ngày nào cũng|tối nào cũng|lần nào cũng] [đánh|đập|tát|đấm|đá|chửi đánh]`,
  ] },
  { category: "beaten", severity: 3, phrases: [
    "[đánh|bị đánh] [chết|ngất|gần chết|suýt chết|bất tỉnh|thập tử nhất sinh]",
  ] },
  { category: "threat_to_life", severity: 3, phrases: [
    "[dọa|đe dọa|đòi|định|muốn|sẽ|bảo sẽ|nói sẽ|dọa sẽ] [giết|chém|đâm|bắn]",
    `giết [${VS}|chết|hết|cả nhà]`,
    "[cầm|vác|dí|kề|rút] [dao|rìu|búa|súng|dao phay|mã tấu|kiếm|xà beng|dao găm]",
    `[chém|đâm|dìm|bóp cổ|siết cổ|xiết cổ] ${V}`,
    "bị [chém|đâm|bóp cổ|siết cổ|xiết cổ|dìm nước]", `bị ${A} [dọa giết|chém|đâm|bóp cổ|siết cổ|xiết cổ]`, "[bóp|siết|xiết|bóp chặt] cổ",
    "[dọa|đòi] [đốt|đốt nhà|thiêu|tạt axit|tạt a xít]", "đốt nhà", "tạt axit", "[đổ|tưới] xăng",
    `${V} [sắp|sẽ] chết`, "sắp chết rồi",
  ] },
  { category: "confined", severity: 2, phrases: [
    "bị [nhốt|trói|giam|giam lỏng|xích|khóa trái|canh giữ|bắt nhốt|cấm túc|giữ lại|giữ ở|giữ trong]",
    `[nhốt|trói|giam|xích|khóa] ${V}`, `bị ${A} [nhốt|trói|giam|xích|khóa|giữ|canh]`,
    "không [cho|được] [ra ngoài|ra khỏi nhà|ra|về|về nhà|gặp ai|liên lạc|gọi điện|dùng điện thoại|đi đâu]",
    "[bị|] [giữ|thu|tịch thu|lấy mất|đập|cướp] điện thoại",
  ] },
  { category: "trafficking", severity: 2, phrases: [
    "bị [bắt|lừa|] bán", "bị mua bán", "bị bắt cóc", `bắt cóc ${V}`, `bị ${A} [bán|lừa bán|bắt cóc|lừa sang|đưa sang]`,
    `bị [lừa|dụ|đưa|bắt|dẫn|chở] [sang|qua|đi|lên|ra] ${ABROAD}`, "bị [lừa|dụ] [đi làm|đi|ra nước ngoài]",
    `[lừa|dụ|đưa|bán] [sang|qua] ${ABROAD}`,
    `bán ${V} [sang|qua|làm vợ|làm gái|cho người|cho người ta|cho bọn|cho nó|cho họ]`,
    "[bán|lừa bán] sang [trung quốc|tàu]",
    "[bị|] ép [lấy chồng|lấy|cưới|làm vợ] [trung quốc|tàu|người trung quốc|nước ngoài|đài loan|hàn quốc]",
    `ép ${V} lấy chồng [trung quốc|tàu|nước ngoài]`,
    "không [|thể] về được", "không về nước được", "không cho về nước", `${V} không [được|cho] về`,
    `[bị|] [giữ|thu|lấy|tịch thu|lấy hết|giữ hết|cầm] ${PAPERS}`, `không trả ${PAPERS}`,
    "bị [ép|bắt] [bán dâm|làm gái|tiếp khách]", `ép ${V} [bán dâm|làm gái|tiếp khách]`,
    // Said as a movement: someone took, led or carried a person across ("bố con tôi đưa đi Trung
    // Quốc rồi", "người ta dẫn con gái tôi qua biên giới"), with or without "bị".
    // (Slots kept small: every combination is compiled, and a match is found anywhere in the text.)
    `[đưa|dẫn|dắt|bắt|đem|mang|chở|dụ|lừa|kéo] [|con|con gái|con trai|em gái|cháu gái|vợ|em|chị|cháu|bé|nó] [đi|sang|qua] [trung quốc|tàu|biên giới|bên kia|bên kia biên giới|lào|nước ngoài]`,
    "[đưa|dẫn|dắt|bắt|đem|mang|chở|dụ|lừa] [|con|con gái|em gái|cháu gái|vợ|em|cháu|bé|nó] [đi|] [vượt biên|qua biên]",
    "vượt biên [trái phép|sang|qua|]", "bị [bắt|đem|mang|dẫn|đưa] đi [|rồi|mất|mất rồi|đâu|đâu rồi|biệt tích]$",
  ] },
  { category: "trafficking", severity: 1, phrases: [
    "[sang|qua|bên|ở bên] trung quốc", "bên kia biên giới",
  ] },
  { category: "sexual_violence", severity: 2, phrases: [
    "hiếp", "hiếp dâm", "cưỡng hiếp",
    "bị [hiếp|hiếp dâm|cưỡng hiếp|xâm hại|xâm hại tình dục|sờ mó|sờ soạng|sàm sỡ|quấy rối|quấy rối tình dục|cưỡng bức|dâm ô|làm nhục|giở trò|lột đồ|ép quan hệ|bắt quan hệ|sờ|xâm phạm]",
    `[hiếp|hiếp dâm|cưỡng hiếp|xâm hại|sờ mó|sờ soạng|sàm sỡ|quấy rối|cưỡng bức|dâm ô|lột đồ] ${V}`,
    `[|bị] ${A} [hiếp dâm|xâm hại|sờ mó|sờ soạng|sàm sỡ|quấy rối|cưỡng bức|dâm ô]`,
    "[ép|bắt] quan hệ", `ép ${V} [ngủ cùng|ngủ với]`,
    "[dọa|đòi] tung [ảnh|clip|video]", "tung ảnh nóng", "bị quay [clip|video]", `bắt ${V} cởi [đồ|quần áo]`,
    "sờ [vào|] [ngực|vùng kín|chỗ kín]", "giở trò đồi bại",
    // Said indirectly, as a child or a mother would: who touched, and where ("bố dượng sờ vào người con").
    `${MAN} [sờ|sờ vào|mó|sờ mó|động vào|đụng vào|thò tay vào] [người|đùi|mông|ngực|vùng kín|chỗ kín|quần|váy]`,
    "[sờ|mó|sờ mó|thò tay] [vào|] [người|đùi|mông|quần|váy] [con|cháu|bé|em|con gái|cháu gái|bé gái]",
    "[bắt|ép|đòi|dụ] [con|cháu|bé|em|] [ngủ cùng|ngủ chung|cởi đồ|cởi quần|xem phim sex|xem phim người lớn]",
    `${MAN} [vào phòng|lên giường|chui vào màn] [con|cháu|bé|em|con gái|cháu gái]`,
  ] },
  { category: "forced_marriage", severity: 2, phrases: [
    "bị [bắt|ép|cưỡng ép] [cưới|lấy chồng|lấy vợ|kết hôn|hôn|duyên|lấy]", "ép cưới", "ép duyên", "bắt cưới",
    `[ép|bắt|cưỡng ép] [cưới|lấy chồng|lấy vợ|kết hôn|cưới chồng]`, `[ép|bắt] ${V} lấy`,
    "[bắt|ép] [nghỉ học|bỏ học] [|để|đi|mà] [lấy chồng|cưới|lấy vợ]",
    "bị [bắt|kéo|ép|đưa] [về|đi|] làm [vợ|dâu]", "[bắt|kéo|ép|đưa] [về|đi] làm [vợ|dâu]",
    "bị gả", `gả ${V} cho`, `bị ${A} [ép cưới|ép lấy chồng|bắt cưới|gả]`,
  ] },
  { category: "forced_marriage", severity: 1, phrases: [
    "bắt vợ", "kéo vợ", "bị kéo [đi|về]", `kéo ${V} [về|đi]`,
  ] },
  { category: "missing", severity: 2, phrases: [
    // A person who has disappeared: the first sign of trafficking or worse.
    "mất tích", "bị mất tích", "mất liên lạc", "biệt tích", "bặt tin", "bặt vô âm tín",
    // Days gone without coming back or being heard of ("đi chợ hai hôm nay chưa về", "tìm cả tuần không thấy").
    "[ngày|hôm|tuần|tháng] [nay|rồi|] [chưa|không|vẫn chưa|vẫn không] [về|thấy về|liên lạc được]",
    "[ngày|hôm|tuần|tháng] [nay|rồi|] [không thấy|chưa thấy|vẫn không thấy|vẫn chưa thấy] [|đâu|về]",
    "[đi|theo|bỏ đi] [với|cùng|] [người lạ|người lạ mặt|người không quen]",
    "không thấy [về|đâu|tăm hơi] [mấy|cả|] [ngày|hôm|tuần|tháng|nay]",
    "[không|chẳng] [liên lạc|gọi] được [với|cho] [con|vợ|cháu|em|chị|con gái|con trai|em gái|cháu gái]",
  ] },
  { category: "self_harm", severity: 3, phrases: [
    "muốn [|đi] [chết|tự tử|tự sát|chết đi]", "tự tử", "tự sát", "tự vẫn", "tutu", "tusat",
    "[tự tìm|tìm] đến cái chết", "không [muốn|thiết|còn muốn] sống", "chán sống",
    "[sống|thể sống] không nổi", "không sống nổi", "kết thúc [cuộc đời|cuộc sống|tất cả|mọi thứ]",
    "chết [đi|quách|] cho [xong|rồi|nhẹ]", "lá ngón", "[uống|ăn|hái|nhai] lá ngón",
    "nhảy [sông|suối|cầu|lầu|vực|xuống sông|xuống suối|xuống vực]", "[treo|thắt] cổ",
    "uống thuốc [chuột|sâu|trừ sâu|diệt cỏ|ngủ|độc]", "uống [cả|hết] [vỉ|lọ] thuốc",
    "[cắt|rạch] [tay|cổ tay]",
  ] },
  { category: "childbirth_emergency", severity: 3, phrases: [
    "đang [đẻ|sinh|chuyển dạ|trở dạ|đau đẻ]", "chuyển dạ", "trở dạ", "đau đẻ",
    "[vỡ|rỉ|ra nước|chảy nước] ối", "[chảy|ra|mất] máu nhiều", "[chảy|ra|mất] nhiều máu", "băng huyết",
    "[đẻ|sinh] [không|mãi không|chưa] ra", "khó đẻ", "đẻ khó", "đẻ rơi",
    "sốt [cao|] sau [đẻ|sinh]", "sau [đẻ|sinh] [bị|] sốt", "sót nhau", "[không|chưa] ra nhau",
    "[nhau|nhau thai] [không|chưa] ra", "thai [không|ít] máy",
    "[em bé|đứa bé|trẻ sơ sinh] không [thở|khóc]", "[bé|con|cháu] không thở",
    "[có bầu|bầu|mang thai|có thai] [mà|bị|] [ra máu|co giật|ngất]",
    "[sảy|xảy] thai", "dọa sảy", "[đẻ|sinh] non", "tiền sản giật", "đau bụng dữ dội",
  ] },
];

/** Up to two of these may sit between two words of a phrase ("chồng lại đánh em", "bố em đánh",
 *  "ép em cưới"): adverbs of time and manner, and pronouns. Folded, so "con" is both còn and con. */
export const FILLERS: readonly string[] = [
  "lai", "da", "vua", "moi", "cu", "hay", "dang", "se", "thuong", "luon", "suot", "van", "cung",
  "lien", "con", "toan", "ay", "ta", "em", "toi", "minh", "tao", "chau", "tui", "chi", "be", "vo", "me", "no",
];

// Hard negatives: a match is dropped when it lies wholly inside one of these. "*" on the left lets
// an exclusion swallow the words a phrase puts in front ("chồng đánh giá", "bị đánh giá").
// Never list a spelling that, without accents, is also a danger phrase (e.g. "bí danh" = "bi danh").
export const EXCLUSIONS: readonly string[] = [
  "[* *|*|] đánh [giá|răng|cầu lông|cầu|bài|bạc|máy|dấu vào|số|vần|cá|bắt|thức|giày|bóng|bóng chuyền|bóng bàn|bóng đá|trứng|phấn|son|đàn|trống|cờ|điện|chữ|tiếng|liều|rơi|mất|thuế|thắng|giặc|cắp|tráo|đố|hơi|vật|võng|đu|golf|lừa|thơ|đồng|vảy|đổ|lộn]",
  "[* *|*|] danh [sách|bạ|hiệu|tính|dự|nghĩa|thiếp|mục|lam|sư|tiếng]",
  "[nghiên|tra] cứu", "[lớp|học|tập huấn|kỹ năng|cách|khóa] sơ cứu",
  "cứu [trợ|tế|đói|sinh|vãn|nước|quốc|thế|cánh|rỗi|chuộc]", "[tìm kiếm|cứu hộ] cứu nạn",
  "cựu [chiến binh|học sinh|sinh viên|giáo viên|cán bộ|thành viên|chủ tịch|bí thư|trưởng thôn|trưởng bản|lãnh đạo|nhân viên]",
  "[nuôi|thịt|con|đàn|lông|chăn] cừu", "cửu [long|chương]",
  "[* *|*|] giết [|chết] [thời gian|gà|lợn|heo|trâu|bò|dê|chó|vịt|ngan|sâu|muỗi|chuột|ruồi|kiến|cỏ|thịt|khuẩn|vi khuẩn|vi rút|virus|con gà|con lợn|con chó]",
  "chết cười", "cười chết", "[* *|*|] [nóng|lạnh|rét|đói|mệt|khát|buồn ngủ|buồn cười|ngon|đẹp|sướng|ngứa|thèm|nhớ|xấu hổ|ngượng|ngại|vui] [quá|lắm|] muốn chết",
  "[cứ|đi|nói|ăn|làm|chậm|thong thả] từ từ", "từ từ [rồi tính|nhé|đã|thôi mà|nào]",
  "[* |] đẻ trứng", "[* |] để [dành|lại|xe|đồ|ý|tiền|quên]",
  "bị bạn [bè|trai|gái|học|cùng lớp|trêu|bắt nạt|chọc]",
  "[hiệp hội|hiệp sĩ|hiệp định|hiệp lực|hiệp đồng|hiệp ước|hiệp thương|hiệp 1|hiệp 2|hiệp một|hiệp hai|hiệp phụ|liên hiệp|thỏa hiệp]",
  "[anh|chị|cô|ông|bà|bác|chú|thầy|em|văn|thị|minh|đức|hoàng|quang|nguyễn|trần|lê|phạm|vũ|đỗ|ngọc|hữu] hiệp",
  "bật vô tuyến", "cách cầm dao", "[* *|*|] tát nước",
  "[gà|lợn|trâu|bò|chó|vịt|con gà|con lợn|con chó|chim] [|*|* *] bị nhốt [|*|* *]", "[* *|*|] bị nhốt trong [chuồng|lồng|cũi]",
  "[* *|*|] mất tích [|*] [đã|] [được tìm thấy|tìm thấy|tìm được|về rồi|đã về|đã về nhà]",
  "[bận|mai|tết|hôm nay|tuần này|tuần sau|cuối tuần|tối nay|chiều nay|sáng mai|mưa|lũ|sạt lở|tắc đường|hết xe|ốm|họp|bận việc] [|*|* *|* * *] không [|thể] về được",
  "không [|thể] về được [vì|do] [bận|mưa|ốm|họp|việc|lũ|tắc đường|hết xe|học]",
  "[xuất khẩu|xuất|buôn bán|du lịch|bán hàng|bán nông sản] [|*] sang trung quốc",
  "[co|có] nên đánh con", "phòng chống [*|* *|* * *]", "[* *|*|] thắt cổ chai", "cắt tay áo",
  // "đang sinh" is childbirth; "đang sinh hoạt" (a Union meeting) and its kin are not.
  "[* *|*|] sinh [hoạt|nhật|viên|sống|lời|lãi|học|thái|động|vật|hóa|trưởng|tố|kế|thành|ra|mệnh|sản|phẩm|khí|lực]",
  "[* *|*|] sờ [vào|] người [thấy|] [nóng|sốt|lạnh|ấm|mát]",
  "[* *|*|] [xuất khẩu|xuất|buôn|bán|chở|đưa|mang] [hàng|nông sản|hàng hóa|chuối|dưa|lợn|trâu|bò|gạo|ngô|chè|quế|thảo quả|gỗ|rau] [|*] [sang|qua|đi|lên] [trung quốc|tàu|biên giới|bên kia|lào]",
  "[* *|*|] [đưa|dẫn|chở|mang] [*|* *|] [đi|sang|qua] [du lịch|tham quan|khám bệnh|chữa bệnh|họp|hội chợ|làm việc]",
  "[tìm kiếm|tìm|danh sách|thông báo] người mất tích [|*|* *]",
];

// Asking about a topic is not a disclosure: a match right after one of these ("cách phòng tránh
// bị xâm hại") or right before one ("kéo vợ có vi phạm pháp luật không") is dropped.
// Single words that are also, without accents, part of a danger report ("chống" = "chồng") must not be here.
export const TOPIC_BEFORE: readonly string[] = [
  "phòng chống", "phòng tránh", "phòng ngừa", "cách phòng", "cách phòng tránh", "cách phòng chống", "cách tránh",
  "cách nhận biết", "nhận biết", "dấu hiệu", "dấu hiệu nhận biết", "triệu chứng", "nguyên nhân", "tục", "hủ tục",
  "phong tục", "tập tục", "nạn", "tình trạng", "xóa bỏ", "tuyên truyền", "tuyên truyền về", "tìm hiểu về",
  "luật về", "làm sao để không", "làm thế nào để không", "làm sao không", "làm gì để không", "thế nào là",
  "hiện tượng", "vấn đề",
];

export const TOPIC_AFTER: readonly string[] = [
  "là gì", "là như thế nào", "có vi phạm", "có phạm pháp", "có phạm tội", "có bị phạt", "bị phạt", "bị xử lý",
  "bị xử phạt", "xử phạt", "phạt bao nhiêu", "có phải là tội", "là tội", "là hủ tục", "là phong tục", "có còn",
  "là vi phạm", "vi phạm pháp luật",
];
