// Normalisation for the danger detector. Villagers type on cheap phones, often without a
// Vietnamese keyboard, in capitals, with drawn-out letters and chat abbreviations; every one
// of those habits must land on the same folded words the phrase list is written in.
// Pure functions only: no I/O, no logging (the input is a private disclosure).

export interface Token {
  /** folded (ASCII), repeat-collapsed, abbreviation-expanded word */
  word: string;
  /** the word as typed (lower-case NFC, repeats collapsed) when it carried diacritics, else null */
  accent: string | null;
  /** true when the word came out of an abbreviation, so the typed accents say nothing about it */
  expanded: boolean;
  /** offsets of the word inside the compact string (all words joined without spaces) */
  start: number;
  end: number;
}

const MARKS = /\p{M}/gu;

/** Lower-case, strip every combining mark, đ → d. NFKD also maps "fancy font" letters (𝐜𝐮𝐮) to ASCII. */
export function foldDiacritics(s: string): string {
  return s.normalize("NFKD").toLowerCase().normalize("NFD").replace(MARKS, "").replace(/đ/g, "d");
}

// How many of a run of one letter to keep. Folded Vietnamese only ever doubles "u" (cứu, hưu:
// always word-final) and "o" (xoong, boong: always before "ng"), so any other double is a typo or
// emphasis ("emmm", "giupp"); "cuuuu" must become "cuu", not "cu", or it stops matching "cứu".
function keepOfRun(letter: string, run: number, rest: string): number {
  if (run < 2) return run;
  if (letter === "u") return 2;
  if (letter === "o") return run === 2 || rest.startsWith("ng") ? 2 : 1;
  if (letter >= "a" && letter <= "z") return 1;
  return run; // digits are hotline numbers ("111", "113"): never touch them
}

/** Collapse drawn-out letters in a folded word ("cuuuu" → "cuu", "emmm" → "em", "khooong" → "khoong"). */
export function collapseRepeats(word: string): string {
  return collapseParallel([...word], [...word]).folded;
}

// Collapses the folded letters and drops the matching typed characters, so "cứuuu" keeps its
// tone mark ("cứu") for the accent check in the matcher.
function collapseParallel(folded: string[], typed: string[]): { folded: string; typed: string } {
  let f = "";
  let t = "";
  let i = 0;
  while (i < folded.length) {
    const letter = folded[i] ?? "";
    let j = i;
    while (j < folded.length && folded[j] === letter) j++;
    const rest = folded.slice(j, j + 2).join("");
    const keep = keepOfRun(letter, j - i, rest);
    for (let k = i; k < i + keep; k++) {
      f += folded[k] ?? "";
      t += typed[k] ?? "";
    }
    i = j;
  }
  return { folded: f, typed: t };
}

// Chat abbreviations seen in Vietnamese texting (keys are folded and already collapsed).
// Values never contain a key, so expanding twice changes nothing.
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  ck: "chong", ox: "chong", vk: "vo", bx: "vo",
  k: "khong", ko: "khong", kg: "khong", kh: "khong", khg: "khong", hk: "khong", hok: "khong",
  khum: "khong", khoong: "khong",
  dc: "duoc", dk: "duoc", e: "em", a: "anh", t: "toi", bn: "ban", ng: "nguoi",
  mn: "moi nguoi", tq: "trung quoc", qh: "quan he", qhe: "quan he", mk: "minh", mik: "minh",
  mh: "minh", dg: "dang", vs: "voi",
  nx: "nua", mun: "muon", r: "roi", lm: "lam", cj: "chi", chj: "chi", ny: "nguoi yeu",
  bme: "bo me", bm: "bo me", sdt: "so dien thoai", dt: "dien thoai", ntn: "nhu the nao",
  bik: "biet", wa: "qua",
  // Teen-code spellings of the words that matter most (chết, cứu): "chít", "chớt", "kuu", "cíu".
  chit: "chet", chek: "chet", chetz: "chet", ciu: "cuu", kiu: "cuu", kuu: "cuu", cuw: "cuu", kuw: "cuu",
  zup: "giup",
};

// Vietnamese has no "j": chat writes it for "gi" at the start ("jup", "j") and for "i" inside
// ("bj" = bị, "mjnh" = mình, "gjup" = giúp).
const unJ = (w: string): string => (w.includes("j") ? w.replace(/^j/, "gi").replace(/j/g, "i") : w);

/** Expand chat abbreviations in a list of folded words ("ck", "danh", "e" → "chong", "danh", "em"). */
export function expandAbbreviations(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of words) {
    const w = raw.includes("j") ? collapseRepeats(unJ(raw)) : raw;
    const exp = ABBREVIATIONS[w];
    if (exp === undefined) out.push(w);
    else out.push(...exp.split(" "));
  }
  return out;
}

const WORD_CHAR = /^[a-z0-9]+$/;
const INVISIBLE = /^\p{Cf}$/u;
const foldCache = new Map<string, string>();

function foldChar(ch: string): string {
  let f = foldCache.get(ch);
  if (f === undefined) {
    f = foldDiacritics(ch);
    if (foldCache.size < 8192) foldCache.set(ch, f);
  }
  return f;
}

const hasRun = (w: string): boolean => {
  for (let i = 1; i < w.length; i++) if (w.charCodeAt(i) === w.charCodeAt(i - 1)) return true;
  return false;
};

/**
 * Split a message into folded, collapsed, expanded words, remembering how each word was typed.
 * Anything that is not a letter or digit separates words, so "cứu!!!em" is two words.
 */
export function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  let folded = "";
  let typed: string[] = [];
  let marked = false;
  let digits = false; // the word being read is a number
  let pos = 0;
  const flush = (): void => {
    if (folded === "") return;
    let word = folded;
    let accent: string | null = marked ? typed.join("") : null;
    if (hasRun(folded)) {
      const c = collapseParallel([...folded], typed);
      word = c.folded;
      if (marked) accent = c.typed;
    }
    if (word.includes("j")) {
      word = collapseRepeats(unJ(word));
      accent = null; // letters changed: the typed accents no longer line up
    }
    const exp = ABBREVIATIONS[word];
    const parts = exp === undefined ? [word] : exp.split(" ");
    for (const w of parts) {
      tokens.push({ word: w, accent: exp === undefined ? accent : null, expanded: exp !== undefined, start: pos, end: pos + w.length });
      pos += w.length;
    }
    folded = "";
    typed = [];
    marked = false;
  };
  // Letters and digits typed together ("goi113", "1vỡ ối") are read as separate words.
  const add = (f: string, ch: string, isMarked: boolean): void => {
    const isDigit = f >= "0" && f <= "9";
    if (folded !== "" && isDigit !== digits) flush();
    digits = isDigit;
    folded += f;
    typed.push(ch);
    if (isMarked) marked = true;
  };
  const text = unspell(s.normalize("NFKC").toLowerCase().normalize("NFC"));
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 128) {
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) add(ch, ch, false);
      else flush();
      continue;
    }
    if (INVISIBLE.test(ch)) continue; // zero-width space/joiner, soft hyphen: not a word break
    const f = foldChar(ch);
    if (f === "") continue; // a stray combining mark belongs to the letter before it
    if (!WORD_CHAR.test(f)) flush();
    else if (f.length === 1) add(f, ch, true);
    else for (const letter of f) add(letter, letter, false); // a compatibility ligature: accents unknown
  }
  flush();
  return tokens;
}

// A word spelt out letter by letter with dots, dashes or stars between ("c.ứ.u", "s-o-s",
// "c*u*u"), typed to slip past filters or for emphasis: read as the word itself. Only runs of
// single letters are joined, so "T.P HCM" or "v.v" stay what they were.
const SPELT = /(?<![\p{L}\p{N}])\p{L}(?:[.\-_*·,'’~]+\p{L})+(?![\p{L}\p{N}])/gu;
function unspell(text: string): string {
  return text.replace(SPELT, (m) => m.replace(/[.\-_*·,'’~]+/gu, ""));
}

/** Words for word-sequence matching, and the same words joined for matching text typed without spaces. */
export function normalizeText(s: string): { words: string[]; compact: string } {
  const words = tokenize(s).map((t) => t.word);
  return { words, compact: words.join("") };
}

// A folded Vietnamese syllable: onset, vowel nucleus, optional final consonant ("uu" is only ever
// final: cứu, hưu). A word that fits is probably what the writer meant, so the matcher does not
// treat it as a typo of a phrase word ("dang" is đang, not a typo of đánh); a word that does not
// fit ("dahn", "tio", "chongdanhem") is a typo or words run together.
const SYLLABLE =
  /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?(uu|(uye|uya|uyu|uoi|uou|ieu|yeu|oai|oay|oeo|uay|uai|uy|ua|ue|ui|uo|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ye|[aeiouy])(ch|ng|nh|[cmnpt])?)$/;

const syllableCache = new Map<string, boolean>();

export function isWellFormedSyllable(word: string): boolean {
  let ok = syllableCache.get(word);
  if (ok === undefined) {
    ok = SYLLABLE.test(word);
    if (syllableCache.size > 20000) syllableCache.clear();
    syllableCache.set(word, ok);
  }
  return ok;
}
