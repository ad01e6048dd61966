// The chart in the Word report: sessions per month as columns. Word 2016 and later draw the
// SVG (with its labels); older Word and LibreOffice show the PNG fallback, drawn here pixel by
// pixel with pngjs (columns only: every number is also in the table under the chart).
import { PNG } from "pngjs";
import { columnChart, type Bar } from "./charts.js";

/** The dashboard's column chart as a standalone SVG file (fixed size: Word has no CSS). */
export function chartSvg(title: string, bars: Bar[]): Buffer {
  const svg = columnChart("chart-months", title, bars).value.replace('width="100%" preserveAspectRatio="xMinYMin meet"', 'width="720" height="340"');
  // The console styles small text with CSS classes; in a file, say it inline.
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${svg.replace("<title", '<style>text{font:10px sans-serif;fill:#333}</style><title')}`, "utf8");
}

const INK = [0x7a, 0x1f, 0x4b];

/** The same columns as a PNG, 720 × 340. */
export function chartPng(bars: Bar[]): Buffer {
  const width = 720;
  const height = 340;
  const png = new PNG({ width, height });
  png.data.fill(255);
  const fill = (x0: number, y0: number, w: number, h: number, rgb: number[]) => {
    for (let y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) {
      for (let x = Math.max(0, x0); x < Math.min(width, x0 + w); x++) {
        const i = (y * width + x) * 4;
        png.data[i] = rgb[0]!;
        png.data[i + 1] = rgb[1]!;
        png.data[i + 2] = rgb[2]!;
        png.data[i + 3] = 255;
      }
    }
  };
  const base = height - 40;
  const top = 30;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = width / Math.max(1, bars.length);
  bars.forEach((b, i) => {
    const h = b.value > 0 ? Math.max(3, Math.round((b.value / max) * (base - top))) : 0;
    fill(Math.round(i * slot + slot * 0.15), base - h, Math.max(1, Math.round(slot * 0.7)), h, INK);
  });
  fill(0, base, width, 2, [0x99, 0x99, 0x99]);
  return PNG.sync.write(png);
}
