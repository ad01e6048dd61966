// npm run eval:danger — recall and precision of the danger detector on the labelled corpus.
//
// Labelling policy of tests/fixtures/danger-corpus.jsonl (synthetic lines written by the team):
// - danger: the writer, or someone they write about, is in danger now or recently (a call for help,
//   violence, threats, confinement, trafficking signs, sexual violence, forced or child marriage
//   including kéo vợ/bắt vợ happening to someone, self-harm, a childbirth emergency), and every bare
//   phrase of docs/reference/project8.md §8 sent on its own.
// - ordinary: greetings, menu digits, requests for information, team-leader reports, hard negatives
//   ("đánh giá", "cứu trợ"), hyperbole ("nóng muốn chết"), and questions about a topic
//   ("tảo hôn là gì", "kéo vợ có vi phạm pháp luật không"): asking about a topic is not a disclosure.
// Lines marked "split":"holdout" were written before the detector and are not tuned against.
// Any match (severity 1, 2 or 3) counts as "detected".
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { detectDanger } from "../src/safety/danger.js";

export interface CorpusLine {
  text: string;
  danger: boolean;
  category?: string;
  split?: string;
}

export interface DangerEval {
  corpus: string;
  lines: number;
  danger: number;
  ordinary: number;
  withoutDiacritics: number;
  recall: number;
  precision: number;
  f1: number;
  holdout: { recall: number; precision: number };
  falseNegatives: string[];
  falsePositives: string[];
}

/** The hand-written corpus and its generated part (scripts/grow-danger-corpus.ts: hand-written bases, typed five ways). */
export const DEFAULT_CORPUS = [
  fileURLToPath(new URL("../tests/fixtures/danger-corpus.jsonl", import.meta.url)),
  fileURLToPath(new URL("../tests/fixtures/danger-corpus-variants.jsonl", import.meta.url)),
];

export function loadCorpus(path: string | readonly string[] = DEFAULT_CORPUS): CorpusLine[] {
  return (typeof path === "string" ? [path] : path)
    .flatMap((p) => readFileSync(p, "utf8").split("\n"))
    .filter((l) => l.trim() !== "")
    .map((l, i) => {
      const o = JSON.parse(l) as CorpusLine;
      if (typeof o.text !== "string" || typeof o.danger !== "boolean") throw new Error(`corpus line ${i + 1}: bad shape`);
      return o;
    });
}

const hasDiacritics = (s: string): boolean => /[\u0300-\u036f]/.test(s.normalize("NFD")) || /[đĐ]/.test(s);
const round = (x: number): number => Math.round(x * 10000) / 10000;

function score(lines: readonly CorpusLine[]): { recall: number; precision: number; fn: string[]; fp: string[] } {
  let tp = 0;
  const fn: string[] = [];
  const fp: string[] = [];
  for (const l of lines) {
    const hit = detectDanger(l.text) !== null;
    if (hit && l.danger) tp++;
    else if (!hit && l.danger) fn.push(l.text);
    else if (hit && !l.danger) fp.push(l.text);
  }
  const recall = tp + fn.length === 0 ? 1 : tp / (tp + fn.length);
  const precision = tp + fp.length === 0 ? 1 : tp / (tp + fp.length);
  return { recall, precision, fn, fp };
}

export function evaluateCorpus(path: string | readonly string[] = DEFAULT_CORPUS): DangerEval {
  const lines = loadCorpus(path);
  const all = score(lines);
  const held = score(lines.filter((l) => l.split === "holdout"));
  const f1 = all.recall + all.precision === 0 ? 0 : (2 * all.recall * all.precision) / (all.recall + all.precision);
  return {
    corpus: (typeof path === "string" ? [path] : path).map((p) => p.split("/").slice(-1)[0]).join(" + "),
    lines: lines.length,
    danger: lines.filter((l) => l.danger).length,
    ordinary: lines.filter((l) => !l.danger).length,
    withoutDiacritics: lines.filter((l) => !hasDiacritics(l.text)).length,
    recall: round(all.recall),
    precision: round(all.precision),
    f1: round(f1),
    holdout: { recall: round(held.recall), precision: round(held.precision) },
    falseNegatives: all.fn,
    falsePositives: all.fp,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(evaluateCorpus(process.argv[2] ?? DEFAULT_CORPUS), null, 2));
}
