// Bar charts drawn on the server as inline SVG: they need no script, print well, and
// survive a slow connection. Every label and number is also in a table next to the chart.
// Charts are drawn 360 units wide, about a phone's width, so text stays legible there;
// CSS caps their width on a laptop.
import { escapeHtml, trusted, type Html } from "../html.js";

export interface Bar {
  label: string;
  value: number;
}

const W = 360;
const INK = "#7a1f4b";
const fmt = (n: number) => n.toLocaleString("vi-VN");

function frame(id: string, title: string, height: number, body: string): Html {
  const t = escapeHtml(title);
  return trusted(
    `<svg class="chart" id="${id}" role="img" aria-labelledby="${id}-t" viewBox="0 0 ${W} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title id="${id}-t">${t}</title>${body}</svg>`,
  );
}

/** Horizontal bars, each label on its own line above its bar, so long topic names fit a phone. */
export function barChart(id: string, title: string, bars: Bar[]): Html {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 34;
  const room = W - 60;
  const parts = bars.map((b, i) => {
    const y = i * row + 14;
    const w = b.value > 0 ? Math.max(2, Math.round((b.value / max) * room)) : 0;
    return (
      `<text x="0" y="${y}">${escapeHtml(b.label)}</text>` +
      `<rect x="0" y="${y + 5}" width="${w}" height="11" rx="2" fill="${INK}"/>` +
      `<text x="${w + 5}" y="${y + 15}" class="v">${fmt(b.value)}</text>`
    );
  });
  return frame(id, title, Math.max(row, bars.length * row + 4), parts.join(""));
}

/** Vertical columns, e.g. sessions per month. Labels thin out when there are many columns. */
export function columnChart(id: string, title: string, bars: Bar[]): Html {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = 170;
  const base = height - 22;
  const top = 16;
  const slot = W / Math.max(1, bars.length);
  const every = Math.ceil(bars.length / 12);
  const parts = bars.map((b, i) => {
    const h = b.value > 0 ? Math.max(2, Math.round((b.value / max) * (base - top))) : 0;
    const x = i * slot + slot * 0.15;
    const w = slot * 0.7;
    const mid = (i + 0.5) * slot;
    const label = i % every === 0 ? `<text x="${mid}" y="${height - 6}" text-anchor="middle">${escapeHtml(b.label)}</text>` : "";
    return (
      `<rect x="${x.toFixed(1)}" y="${base - h}" width="${w.toFixed(1)}" height="${h}" rx="2" fill="${INK}"/>` +
      `<text x="${mid.toFixed(1)}" y="${base - h - 4}" text-anchor="middle" class="v">${fmt(b.value)}</text>` +
      label
    );
  });
  const axis = `<line x1="0" y1="${base}" x2="${W}" y2="${base}" stroke="#999" stroke-width="1"/>`;
  return frame(id, title, height, axis + parts.join(""));
}
