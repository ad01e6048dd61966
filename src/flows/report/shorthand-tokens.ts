// Turns a shorthand line into folded tokens. Pure; never throws on any string.
// Separators are anything that is not a letter or digit (spaces, , ; . - / : …), so
// "nu:30", "nu-30" and "nu 30" read alike; apostrophes join ("H'Mông" → "hmong"); a run of
// letters and digits splits where the two meet ("nu30" → "nu" "30", "45ng" → "45" "ng")
// but keeps a shared chunk number, so the parser knows they were typed together.

export type TokenKind = "word" | "num" | "date";

export interface Token {
  kind: TokenKind;
  /** folded: lower case, no tone or vowel marks, đ → d */
  word: string;
  /** as typed (NFKC), for the "not understood" list and accent checks */
  raw: string;
  /** tokens typed with no separator between them share a chunk */
  chunk: number;
  /** a , ; | or line break comes before this token: phrases and numbers never reach across it */
  barrier: boolean;
  /** a number typed "nu -5" / "nu: -5": a minus sign, not a dash used as a separator or bullet */
  minus: boolean;
  /** a date token's parts as typed */
  date?: { day: string; month: string; year: string | undefined };
}

const PREFIX = /^\s*(?:bc|b[aáàảãạ]o[ \t]*c[aáàảãạ]o)(?!\p{L})/iu;
const NOTE_MARK = /(?<![\p{L}\p{N}])(?:gc|ghi[ \t]*ch[uúùủũụ])(?![\p{L}\p{N}])[ \t]*[:：]?/iu;
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029\u0085\v\f]/;
// d/m, d-m, d.m with an optional year; not glued to a word or number before it ("t45-12" is no date).
const DATE = /(?<![\p{L}\p{N}])(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{1,4}))?(?!\d)/gu;
// "ngày12/6" typed without a space: the date regex will not start inside a word.
const GLUED_DAY = /(?<=ng[aàáảãạ]y)(?=\d)/giu;
const APOSTROPHE = /^['’‘ʼ`´]$/u;
const WORD_CHAR = /^[\p{L}\p{N}]+$/u;
const BARRIER = /^[,;|，；]$/u;
const SIGN_CONTEXT = /^[\s:=：]$/u;

/** The text after the "BC" / "báo cáo" prefix, or null when the message is not shorthand. */
export function stripPrefix(text: string): string | null {
  const nfc = text.normalize("NFC");
  const m = PREFIX.exec(nfc);
  return m ? nfc.slice(m[0].length) : null;
}

/** Splits off the notes: "gc:" / "ghi chú:" to the end of its line. Several notes join with " / ". */
export function splitNotes(body: string): { lines: string[]; notes: string | null } {
  const lines: string[] = [];
  const notes: string[] = [];
  for (const line of body.split(LINE_BREAK)) {
    const m = NOTE_MARK.exec(line);
    if (!m) {
      lines.push(line);
      continue;
    }
    lines.push(line.slice(0, m.index));
    const note = line.slice(m.index + m[0].length).trim();
    if (note !== "") notes.push(note);
  }
  return { lines, notes: notes.length > 0 ? notes.join(" / ") : null };
}

const foldCache = new Map<string, string>();
function foldChar(ch: string): string {
  let f = foldCache.get(ch);
  if (f === undefined) {
    f = ch.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d");
    if (foldCache.size < 4096) foldCache.set(ch, f);
  }
  return f;
}

/** Tokens of the body lines (notes already removed). */
export function tokenize(lines: readonly string[]): Token[] {
  const tokens: Token[] = [];
  let chunk = 0;
  for (const rawLine of lines) {
    const line = rawLine.normalize("NFKC").replace(GLUED_DAY, " ");
    const state = { barrier: true, prev1: "", prev2: "" };
    let last = 0;
    for (const m of line.matchAll(DATE)) {
      chunk = words(line.slice(last, m.index), tokens, chunk, state) + 1;
      const [text, day = "", month = "", year] = m;
      tokens.push({ kind: "date", word: text, raw: text, chunk, barrier: state.barrier, minus: false, date: { day, month, year } });
      state.barrier = false;
      state.prev2 = text.at(-2) ?? "";
      state.prev1 = text.at(-1) ?? "";
      chunk++;
      last = m.index + text.length;
    }
    chunk = words(line.slice(last), tokens, chunk, state) + 1;
  }
  return tokens;
}

interface LineState { barrier: boolean; prev1: string; prev2: string }

// Returns the chunk number in use after the text, so the caller can continue counting.
function words(text: string, out: Token[], startChunk: number, st: LineState): number {
  let chunk = startChunk;
  let cur: Token | null = null;
  let inChunk = false;
  for (const ch of text) {
    if (APOSTROPHE.test(ch)) continue; // joins "h'mong"; never a separator
    const f = foldChar(ch);
    if (f === "") continue; // a stray combining mark belongs to the letter before it
    if (!WORD_CHAR.test(f)) {
      if (cur) out.push(cur);
      cur = null;
      if (inChunk) chunk++;
      inChunk = false;
      if (BARRIER.test(ch)) st.barrier = true;
    } else {
      const digit = /^[0-9]+$/.test(f);
      if (cur && (cur.kind === "num") !== digit) {
        out.push(cur);
        cur = null;
      }
      if (!cur) {
        const minus: boolean = digit && st.prev1 === "-" && (st.prev2 === "" || SIGN_CONTEXT.test(st.prev2));
        cur = { kind: digit ? "num" : "word", word: "", raw: "", chunk, barrier: st.barrier, minus };
        st.barrier = false;
      }
      cur.word += f;
      cur.raw += ch;
      inChunk = true;
    }
    st.prev2 = st.prev1;
    st.prev1 = ch;
  }
  if (cur) out.push(cur);
  return chunk;
}
