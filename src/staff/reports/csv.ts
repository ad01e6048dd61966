// CSV that opens cleanly in Excel and LibreOffice in Vietnam: UTF-8 with a BOM (or Excel
// guesses the wrong code page and mangles the tones), CRLF line ends and RFC 4180 quoting.
import { IsoDay, type Cell, type Sheet } from "./sheets.js";

const BOM = "\uFEFF";

/**
 * A text cell a spreadsheet would read as a formula (= + - @, or a leading tab/CR that some
 * programs strip first) gets a leading apostrophe, so a note typed in a chat cannot run
 * anything on a Union officer's computer (CSV/formula injection).
 */
export function neutralise(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function field(c: Cell): string {
  const s = c === null ? "" : typeof c === "number" ? String(c) : c instanceof IsoDay ? c.value : neutralise(c);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Note lines come first, padded to the header's width so every record has the same number of fields. */
export function toCsv(sheet: Sheet): string {
  const width = sheet.headers.length;
  const pad = (cells: Cell[]): Cell[] => [...cells, ...Array<Cell>(Math.max(0, width - cells.length)).fill("")];
  const records: Cell[][] = [...sheet.notes.map((n) => pad([n])), ...(sheet.notes.length > 0 ? [pad([])] : []), sheet.headers, ...sheet.rows];
  return BOM + records.map((r) => r.map(field).join(",")).join("\r\n") + "\r\n";
}
