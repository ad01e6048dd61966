// The same tables as an Excel workbook: numbers stored as numbers, days as real dates,
// text always as text (ExcelJS writes a string cell, never a formula, so "=…" stays inert).
import ExcelJS from "exceljs";
import { IsoDay, type Cell, type Sheet } from "./sheets.js";

function value(c: Cell): ExcelJS.CellValue {
  if (c instanceof IsoDay) return new Date(`${c.value}T00:00:00Z`);
  return c;
}

export async function toXlsx(sheet: Sheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Chung Tay";
  const headerAt = sheet.notes.length > 0 ? sheet.notes.length + 2 : 1;
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: "frozen", ySplit: headerAt }] });
  sheet.notes.forEach((n, i) => {
    ws.addRow([n]).font = { bold: i === 0, italic: i > 0 };
  });
  if (sheet.notes.length > 0) ws.addRow([]);
  const header = ws.addRow(sheet.headers);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "top" };
  for (const r of sheet.rows) {
    const row = ws.addRow(r.map(value));
    r.forEach((c, i) => {
      if (c instanceof IsoDay) row.getCell(i + 1).numFmt = "dd/mm/yyyy";
    });
  }
  sheet.headers.forEach((h, i) => {
    ws.getColumn(i + 1).width = Math.min(28, Math.max(10, h.length + 2));
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
