// The A4 poster of a referral code: the campaign, its theme, the keyword to send, a QR code
// per chat link, and the emergency numbers, in Vietnamese with its tones (DejaVu Sans from the
// dejavu-fonts-ttf package, bundled: the PDF's built-in fonts have no Vietnamese letters).
// pdfkit draws the page and qrcode the codes: nothing here is hand-written PDF or QR.
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";

const require = createRequire(import.meta.url);
const FONT = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
const BOLD = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");

export interface PosterContent {
  union: string;
  campaign: string;
  theme: string | null;
  commune: string;
  keyword: string;
  /** "Nhắn … tới Zalo OA / Trang Facebook của Hội …" */
  howTo: string;
  links: string[];
  scanHint: string;
  emergency: { number: string; name: string }[];
  emergencyTitle: string;
}

export async function posterPdf(p: PosterContent): Promise<Buffer> {
  const qrs = await Promise.all(p.links.slice(0, 2).map((l) => QRCode.toBuffer(l, { errorCorrectionLevel: "M", margin: 1, width: 360 })));
  const doc = new PDFDocument({ size: "A4", margin: 48, info: { Title: `${p.campaign} · ${p.keyword}`, Author: p.union } });
  doc.registerFont("regular", FONT);
  doc.registerFont("bold", BOLD);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 96;
  doc.font("bold").fontSize(16).text(p.union, { align: "center", width });
  doc.moveDown(0.5).fontSize(26).text(p.campaign, { align: "center", width });
  if (p.theme) doc.moveDown(0.3).font("regular").fontSize(15).text(p.theme, { align: "center", width });
  doc.moveDown(0.3).font("regular").fontSize(13).text(p.commune, { align: "center", width });
  doc.moveDown(1.2).font("regular").fontSize(16).text(p.howTo, { align: "center", width });
  doc.moveDown(0.4).font("bold").fontSize(40).text(p.keyword, { align: "center", width });
  if (qrs.length > 0) {
    doc.moveDown(0.8).font("regular").fontSize(12).text(p.scanHint, { align: "center", width });
    const size = 180;
    const gap = 40;
    const total = qrs.length * size + (qrs.length - 1) * gap;
    const y = doc.y + 10;
    qrs.forEach((png, i) => doc.image(png, 48 + (width - total) / 2 + i * (size + gap), y, { width: size, height: size }));
    doc.y = y + size + 10;
  }
  doc.moveDown(1).font("bold").fontSize(16).text(p.emergencyTitle, 48, doc.y, { align: "center", width });
  for (const e of p.emergency) doc.font("bold").fontSize(22).text(`${e.number}`, { align: "center", width, continued: true }).font("regular").fontSize(14).text(`  ${e.name}`);
  doc.end();
  return done;
}
