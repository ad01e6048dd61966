// The report a commune or province sends upward, as a Word file that follows the outline of
// the Project 8 monitoring report (đề cương báo cáo, seed 004, Lai Châu 2023: I. chỉ đạo, triển
// khai; II. kết quả thực hiện — per Nội dung, indicators, resources, assessment; phương hướng;
// đề xuất, kiến nghị). The seed numbers "Phương hướng" II again; here the sections run I–IV.
// Only Nội dung 1's communication figures are filled, from the same aggregation as the
// dashboard; everything only people can write is a marked blank. Form 2.8's columns are not
// confirmed, so the document says which table its figures belong to and never builds that form.
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { CASE_KINDS, EQUIPMENT_CODES, FORMAT_CODES, MATERIAL_CODES, REFERRAL_PLACES, TOPIC_CODES } from "../../flows/report/types.js";
import type { Translate } from "../../i18n.js";
import type { Aggregate, Counts } from "./aggregate.js";
import type { Bar } from "./charts.js";
import { chartPng, chartSvg } from "./docx-chart.js";
import { codeLabel, type CodeKind } from "./labels.js";

export interface UpwardQuarter {
  label: string;
  teams: number;
  teamsWithSession: number;
}

export interface UpwardArea {
  name: string;
  counts: Counts;
}

export interface UpwardReport {
  area: string;
  from: string;
  to: string;
  generatedOn: string;
  topic?: string;
  team?: string;
  agg: Aggregate;
  quarters: UpwardQuarter[];
  months: Bar[];
  /** The next level down: provinces for the centre, communes for a province. */
  areas: UpwardArea[];
}

const num = (n: number) => n.toLocaleString("vi-VN");
export const pct = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 1000) / 10}`.replace(".", ",") : "0");

const h1 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_1 });
const h2 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2 });
const h3 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_3 });
const p = (text: string) => new Paragraph({ children: [new TextRun(text)] });
const note = (text: string) => new Paragraph({ children: [new TextRun({ text, italics: true })] });

/** A part only people can write: highlighted, bracketed, so nobody sends it unfilled by mistake. */
function blank(t: Translate, hint: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: `[${t("docx.fillMark")}: ${hint}]`, highlight: "yellow", bold: true })] });
}

function cell(text: string, opts: { bold?: boolean; right?: boolean } = {}): TableCell {
  return new TableCell({ children: [new Paragraph({ alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold: opts.bold ?? false })] })] });
}

/** A table with a bold Vietnamese header row; numbers right-aligned. */
function table(head: string[], rows: (string | number)[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => cell(h, { bold: true })) }),
      ...rows.map((r) => new TableRow({ children: r.map((v) => (typeof v === "number" ? cell(num(v), { right: true }) : cell(v))) })),
    ],
  });
}

function caption(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, bold: true })], spacing: { before: 200 } });
}

function byCode(t: Translate, kind: CodeKind, codes: readonly string[], counts: Record<string, number>): (string | number)[][] {
  const keys = [...codes, ...Object.keys(counts).filter((k) => !codes.includes(k)).sort()];
  return keys.map((k) => [codeLabel(t, kind, k), counts[k] ?? 0]);
}

function contentOne(t: Translate, r: UpwardReport): (Paragraph | Table)[] {
  const o = r.agg.overall;
  const d = (k: string, vars?: Record<string, string | number>) => t(`docx.${k}`, vars);
  return [
    h3(d("content1")),
    p(d("content1Intro", { sessions: num(o.sessions), total: num(o.total), women: num(o.women), ethnicMinority: num(o.ethnicMinority), teams: num(o.teamsWithSession), of: num(o.teams) })),
    caption(d("table.people")),
    table([d("col.indicator"), d("col.count")], [
      [d("row.sessions"), o.sessions],
      [d("row.total"), o.total],
      [d("row.women"), o.women],
      [d("row.men"), o.men],
      [d("row.ethnicMinority"), o.ethnicMinority],
      [d("row.childrenUnder16"), o.childrenUnder16],
      [d("row.menPioneerSessions"), o.menPioneerSessions],
      [d("row.materials"), o.materials],
      [d("row.referred"), o.referred],
    ]),
    caption(d("table.teams")),
    table([d("col.quarter"), d("col.teams"), d("col.teamsWithSession"), d("col.share")], [
      ...r.quarters.map((q) => [q.label, q.teams, q.teamsWithSession, pct(q.teamsWithSession, q.teams)]),
      [d("row.wholePeriod"), o.teams, o.teamsWithSession, pct(o.teamsWithSession, o.teams)],
    ]),
    note(d("teamsNote")),
    caption(d("table.topics")),
    table([d("col.topic"), d("col.sessions")], byCode(t, "topic", TOPIC_CODES, o.topics)),
    note(d("topicsNote")),
    caption(d("table.formats")),
    table([d("col.format"), d("col.sessions")], byCode(t, "format", FORMAT_CODES, o.formats)),
    caption(d("table.resources")),
    table([d("col.item"), d("col.sessions")], [...byCode(t, "equipment", EQUIPMENT_CODES, o.equipment), ...byCode(t, "material", MATERIAL_CODES, o.materialKinds)]),
    caption(d("table.cases")),
    table([d("col.caseKind"), d("col.cases")], byCode(t, "case", CASE_KINDS, o.cases)),
    caption(d("table.referred")),
    table([d("col.place"), d("col.cases")], byCode(t, "place", REFERRAL_PLACES, o.referredTo)),
    note(d("casesNote", { asked: num(o.sessionsAskedCases), sessions: num(o.sessions) })),
    ...(r.areas.length > 0
      ? [
          caption(d("table.areas")),
          table([d("col.area"), d("col.sessions"), d("col.total"), d("col.women"), d("col.men"), d("col.ethnicMinority"), d("col.children")],
            r.areas.map((a) => [a.name, a.counts.sessions, a.counts.total, a.counts.women, a.counts.men, a.counts.ethnicMinority, a.counts.childrenUnder16])),
        ]
      : []),
    caption(d("chart")),
    new Paragraph({
      children: [new ImageRun({ type: "svg", data: chartSvg(d("chart"), r.months), transformation: { width: 600, height: 283 }, fallback: { type: "png", data: chartPng(r.months) }, altText: { name: d("chart"), description: d("chart"), title: d("chart") } })],
    }),
    table([d("col.month"), d("col.sessions")], r.months.map((m) => [m.label, m.value])),
    blank(t, d("fill.content1")),
  ];
}

export function upwardDocument(t: Translate, r: UpwardReport): Document {
  const d = (k: string, vars?: Record<string, string | number>) => t(`docx.${k}`, vars);
  const filters = [...(r.topic ? [d("topicFilter", { topic: r.topic })] : []), ...(r.team ? [d("teamFilter", { team: r.team })] : [])];
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: d("union", { area: r.area }), bold: true })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, heading: HeadingLevel.TITLE, children: [new TextRun({ text: d("title"), bold: true })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(d("subtitle", { area: r.area, from: r.from, to: r.to }))] }),
    note(d("draftNote", { date: r.generatedOn })),
    ...filters.map(note),
    h1(d("s1")),
    h2(d("s1_1")), blank(t, d("fill.s1_1")),
    h2(d("s1_2")), blank(t, d("fill.s1_2")),
    h2(d("s1_3")), blank(t, d("fill.s1_3")),
    h1(d("s2")),
    h2(d("s2_1")),
    ...contentOne(t, r),
    h3(d("content2")),
    p(d("content2Referred", { n: num(r.agg.overall.referredTo.dctc ?? 0) })),
    blank(t, d("fill.content2")),
    h3(d("content3")), blank(t, d("fill.content3")),
    h3(d("content4")), blank(t, d("fill.content4")),
    h2(d("s2_2")),
    note(d("form28")),
    blank(t, d("fill.s2_2")),
    h2(d("s2_3")), blank(t, d("fill.s2_3")),
    h2(d("s2_4")), blank(t, d("fill.s2_4")),
    h1(d("s3")), blank(t, d("fill.s3")),
    h1(d("s4")), blank(t, d("fill.s4")),
  ];
  return new Document({
    creator: "Chung Tay",
    title: d("title"),
    description: d("subtitle", { area: r.area, from: r.from, to: r.to }),
    styles: { default: { document: { run: { font: "Times New Roman", size: 26 } } } },
    sections: [{ children }],
  });
}

export async function upwardDocx(t: Translate, r: UpwardReport): Promise<Buffer> {
  return Packer.toBuffer(upwardDocument(t, r));
}
