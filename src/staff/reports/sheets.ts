// The two export tables, built once and written as CSV or XLSX. Headers are always
// Vietnamese (the Union files its reports in Vietnamese), whatever the console language.
import { defaultAreas } from "../../areas/index.js";
import { dmyFull } from "../../flows/report/quarter.js";
import { TOPIC_CODES } from "../../flows/report/types.js";
import { staffT } from "../i18n.js";
import type { Aggregate, AreaCounts, Counts } from "./aggregate.js";
import { communeName, oldNames, provinceName, REFORM_DAY } from "./areas.js";
import type { ReportFilters } from "./filters.js";
import { channelLabel, codeLabel, codeLabels, NS, parseCodes, vnDateTime } from "./labels.js";
import type { ListedReport } from "./query.js";

/** A calendar day: ISO text in CSV, a real date cell in XLSX. */
export class IsoDay {
  constructor(readonly value: string) {}
}
export type Cell = string | number | null | IsoDay;

export interface Sheet {
  name: string;
  /** Lines above the header (title, period, caveats); empty for the raw export so it stays a plain table. */
  notes: string[];
  headers: string[];
  rows: Cell[][];
}

const vi = () => staffT("vi", NS);

const RAW = ["reference", "date", "province", "provinceCode", "commune", "communeCode", "oldNames", "village", "team", "topics", "format", "total", "women", "men", "ethnicMinority", "childrenUnder16", "languages", "materials", "referred", "notes", "photos", "channel", "sentAt", "revisions"] as const;

export function rawSheet(reports: ListedReport[]): Sheet {
  const t = vi();
  return {
    name: t("export.sheet.raw"),
    notes: [],
    headers: RAW.map((k) => t(`export.raw.${k}`)),
    rows: reports.map((r) => [
      r.reference,
      new IsoDay(r.sessionDate),
      provinceName(r.provinceCode),
      r.provinceCode,
      communeName(r.communeCode),
      r.communeCode,
      // A session before the reform happened in a commune that has since been merged: name it as it was then.
      r.sessionDate < REFORM_DAY ? oldNames(r.communeCode) : "",
      r.village,
      r.teamName,
      codeLabels(t, "topic", r.topics).join("; "),
      codeLabel(t, "format", r.format),
      r.total,
      r.women,
      r.men,
      r.ethnicMinority,
      r.childrenUnder16,
      codeLabels(t, "language", r.languages).join("; "),
      r.materials,
      r.referred,
      r.notes,
      parseCodes(r.photos).length,
      channelLabel(t, r.reporterChannel),
      vnDateTime(r.createdAt),
      r.revisions,
    ]),
  };
}

const COUNTS = ["teams", "teamsWithSession", "sessions", "total", "women", "men", "ethnicMinority", "childrenUnder16", "referred"] as const;

function numbers(c: Counts): number[] {
  return [...COUNTS.map((k) => c[k]), ...TOPIC_CODES.map((code) => c.topics[code] ?? 0)];
}

export interface AggregateContext {
  filters: ReportFilters;
  /** The chosen area in words. */
  area: string;
  topic?: string;
  team?: string;
}

/**
 * Communes, each province's total after its communes, then the grand total: the shape of the
 * Project 8 progress report outline (docs/reference/project8.md §6.2, part II). Form 2.8's columns are not
 * known, so the notes say this is not Form 2.8.
 */
export function aggregateSheet(agg: Aggregate, c: AggregateContext): Sheet {
  const t = vi();
  const a = (k: string, vars?: Record<string, string>) => t(`export.aggregate.${k}`, vars);
  const rows: Cell[][] = [];
  const communesOf = (p: AreaCounts) => agg.communes.filter((x) => x.provinceCode === p.provinceCode);
  for (const p of agg.provinces) {
    for (const x of communesOf(p)) rows.push([provinceName(p.provinceCode), p.provinceCode, communeName(x.communeCode ?? ""), x.communeCode ?? "", ...numbers(x)]);
    rows.push([provinceName(p.provinceCode), p.provinceCode, a("wholeProvince"), "", ...numbers(p)]);
  }
  rows.push([a("grandTotal"), "", "", "", ...numbers(agg.overall)]);
  const notes = [
    a("title"),
    a("period", { from: dmyFull(c.filters.from), to: dmyFull(c.filters.to), area: c.area }),
    ...(c.topic ? [a("topicFilter", { topic: c.topic })] : []),
    ...(c.team ? [a("teamFilter", { team: c.team })] : []),
    a("form28"),
    a("codes", { version: defaultAreas().version }),
    a("counting"),
  ];
  return {
    name: t("export.sheet.aggregate"),
    notes,
    headers: [a("province"), a("provinceCode"), a("commune"), a("communeCode"), ...COUNTS.map((k) => a(k)), ...TOPIC_CODES.map((code) => a("topic", { topic: codeLabel(t, "topic", code) }))],
    rows,
  };
}
