// Diacritic-insensitive matching for content keywords and place names.
// Villagers type on cheap phones, often without Vietnamese tones ("tao hon", "quai to"),
// so every comparison in src/content and src/areas goes through fold().
// (src/safety/normalize.ts is the danger detector's own, stricter normaliser; kept separate
// so a change there can never silently change how topics or communes match.)

/** Lower-case, strip tones and marks, đ → d, punctuation → single spaces. Never throws. */
export function fold(text: string): string {
  return String(text)
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** fold() without spaces: "Quài Tở" and "quaito" compare equal. */
export function compact(text: string): string {
  return fold(text).replace(/ /g, "");
}
