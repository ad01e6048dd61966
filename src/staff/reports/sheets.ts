// The two export tables, built once and written as CSV or XLSX. Headers are always
// Vietnamese (the Union files its reports in Vietnamese), whatever the console language.
import { defaultAreas } from "../../areas/index.js";
import { dmyFull } from "../../flows/report/quarter.js";
import { CASE_KINDS, EQUIPMENT_CODES, MATERIAL_CODES, REFERRAL_PLACES, TOPIC_CODES } from "../../flows/report/types.js";
import { staffT } from "../i18n.js";
import type { Aggregate, AreaCounts, Counts } from "./aggregate.js";
import { communeName, oldNames, provinceName, REFORM_DAY } from "./areas.js";
import type { ReportFilters } from "./filters.js";
import { channelLabel, codeLabel, codeLabels, NS, parseCodes, parseCountMap, vnDateTime } from "./labels.js";
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

const RAW = ["reference", "date", "province", "provinceCode", "commune", "communeCode", "oldNames", "village", "team", "topics", "format", "total", "women", "men", "ethnicMinority", "childrenUnder16", "languages",
  "menPioneers", "equipment", "materialKinds", "materials", "referred"] as const;
const RAW_TAIL = ["notes", "photos", "channel", "sentAt", "revisions"] as const;

/** One column per case kind and per place; empty (not 0) for a report that was never asked. */
function byCode(codes: readonly string[], json: string | null): Cell[] {
  const m = parseCountMap(json);
  return codes.map((c) => (m ? (m[c] ?? 0) : null));
}

export function rawSheet(reports: ListedReport[]): Sheet {
  const t = vi();
  return {
    name: t("export.sheet.raw"),
    notes: [],
    headers: [
      ...RAW.map((k) => t(`export.raw.${k}`)),
      ...CASE_KINDS.map((c) => t("export.raw.case", { kind: codeLabel(t, "case", c) })),
      ...REFERRAL_PLACES.map((c) => t("export.raw.place", { place: codeLabel(t, "place", c) })),
      ...RAW_TAIL.map((k) => t(`export.raw.${k}`)),
    ],
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
      r.menPioneers === null ? null : t(r.menPioneers ? "detail.yes" : "detail.no"),
      codeLabels(t, "equipment", r.equipment).join("; "),
      codeLabels(t, "material", r.materialKinds).join("; "),
      r.materials,
      r.referred,
      ...byCode(CASE_KINDS, r.casesDetected),
      ...byCode(REFERRAL_PLACES, r.referredTo),
      r.notes,
      parseCodes(r.photos).length,
      channelLabel(t, r.reporterChannel),
      vnDateTime(r.createdAt),
      r.revisions,
    ]),
  };
}

const COUNTS = ["teams", "teamsWithSession", "sessions", "total", "women", "men", "ethnicMinority", "childrenUnder16", "menPioneerSessions", "materials", "referred", "sessionsAskedCases"] as const;

/** The code-keyed groups after the plain counts, in this order (headers and cells are built from the same list). */
const GROUPS = [
  { key: "cases", kind: "case", codes: CASE_KINDS, header: "case" },
  { key: "referredTo", kind: "place", codes: REFERRAL_PLACES, header: "place" },
  { key: "equipment", kind: "equipment", codes: EQUIPMENT_CODES, header: "equipment" },
  { key: "materialKinds", kind: "material", codes: MATERIAL_CODES, header: "material" },
  { key: "topics", kind: "topic", codes: TOPIC_CODES, header: "topic" },
] as const;

function numbers(c: Counts): number[] {
  return [...COUNTS.map((k) => c[k]), ...GROUPS.flatMap((g) => g.codes.map((code) => c[g.key][code] ?? 0))];
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
    headers: [
      a("province"), a("provinceCode"), a("commune"), a("communeCode"), ...COUNTS.map((k) => a(k)),
      ...GROUPS.flatMap((g) => g.codes.map((code) => a(g.header, { topic: codeLabel(t, g.kind, code) }))),
    ],
    rows,
  };
}
