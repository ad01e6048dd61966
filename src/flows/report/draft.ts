// The report being written, as stored in the conversation between messages.
import type { CaseCounts, EquipmentCode, FormatCode, MaterialCode, Participants, PlaceCounts, SessionLanguage, SessionReport, TopicCode } from "./types.js";

/** Steps answered only when the leader has something to say; the summary can always reach them. */
export const OPTIONAL_STEPS = ["menPioneers", "equipment", "materials", "cases", "referredTo", "photos", "notes"] as const;

/** Steps of the guided form, in the order they are asked. */
export const STEP_ORDER = [
  "date",
  "village",
  "topics",
  "format",
  "total",
  "women",
  "men",
  "ethnicMinority",
  "children",
  "languages",
  // The optional ones: a skip word ("bỏ qua", "0") answers each, and "gửi luôn" skips them all.
  "menPioneers",
  "equipment",
  "materials",
  "cases",
  "referredTo",
  "photos",
  "notes",
] as const;
export type FieldStep = (typeof STEP_ORDER)[number];

export interface ReportDraft {
  teamId: number;
  teamName: string;
  villages: string[];
  /** The day the leader wrote (the event's own time, so a late delivery keeps its day). */
  today: string;
  date?: string;
  village?: string;
  topics?: TopicCode[];
  format?: FormatCode;
  counts: Partial<Participants>;
  languages?: SessionLanguage[];
  materials?: number | null;
  referred?: number;
  menPioneers?: boolean | null;
  equipment?: EquipmentCode[];
  materialKinds?: MaterialCode[];
  casesDetected?: CaseCounts | null;
  referredTo?: PlaceCounts | null;
  photos: string[];
  notes?: string | null;
  /** Steps answered so far; the next question is the first step not in here. */
  done: FieldStep[];
  /** Set when correcting a report already sent. */
  editing?: { reportId: number; reference: string };
  /** The leader said a similar report is not a duplicate. */
  notDuplicate?: boolean;
  /** Reference of the similar report found at confirmation. */
  duplicateOf?: string;
}

export function newDraft(team: { id: number; name: string; villages: string[] }, today: string): ReportDraft {
  return { teamId: team.id, teamName: team.name, villages: team.villages, today, counts: {}, photos: [], done: [] };
}

export function nextStep(d: ReportDraft): FieldStep | "summary" {
  return STEP_ORDER.find((s) => !d.done.includes(s)) ?? "summary";
}

export function markDone(d: ReportDraft, ...steps: FieldStep[]): ReportDraft {
  return { ...d, done: [...new Set([...d.done, ...steps])] };
}

export function unmark(d: ReportDraft, ...steps: FieldStep[]): ReportDraft {
  return { ...d, done: d.done.filter((s) => !steps.includes(s)) };
}

/** Cases of a draft or report added up (0 when none was said). */
export function sumCounts(c: Partial<Record<string, number>> | null | undefined): number {
  return Object.values(c ?? {}).reduce<number>((a, b) => a + (b ?? 0), 0);
}

export function toReport(d: ReportDraft): SessionReport {
  const c = d.counts;
  return {
    date: d.date!,
    village: d.village!,
    topics: d.topics!,
    format: d.format!,
    participants: { total: c.total!, women: c.women!, men: c.men!, ethnicMinority: c.ethnicMinority!, childrenUnder16: c.childrenUnder16! },
    languages: d.languages!,
    materials: d.materials ?? null,
    referred: d.referred ?? 0,
    menPioneers: d.menPioneers ?? null,
    equipment: d.equipment ?? [],
    materialKinds: d.materialKinds ?? [],
    casesDetected: d.casesDetected ?? null,
    referredTo: d.referredTo ?? null,
    photos: d.photos,
    notes: d.notes ?? null,
  };
}

/** A sent report (or one read from shorthand) as a draft with every step answered. */
export function fromReport(base: Omit<ReportDraft, "done" | "counts" | "photos">, r: Partial<SessionReport>): ReportDraft {
  const d: ReportDraft = {
    ...base,
    ...(r.date !== undefined ? { date: r.date } : {}),
    ...(r.village !== undefined ? { village: r.village } : {}),
    ...(r.topics !== undefined ? { topics: r.topics } : {}),
    ...(r.format !== undefined ? { format: r.format } : {}),
    ...(r.languages !== undefined ? { languages: r.languages } : {}),
    ...(r.materials !== undefined ? { materials: r.materials } : {}),
    ...(r.referred !== undefined ? { referred: r.referred } : {}),
    ...(r.menPioneers !== undefined ? { menPioneers: r.menPioneers } : {}),
    ...(r.equipment !== undefined ? { equipment: r.equipment } : {}),
    ...(r.materialKinds !== undefined ? { materialKinds: r.materialKinds } : {}),
    ...(r.casesDetected !== undefined ? { casesDetected: r.casesDetected } : {}),
    ...(r.referredTo !== undefined ? { referredTo: r.referredTo } : {}),
    ...(r.notes !== undefined ? { notes: r.notes } : {}),
    counts: r.participants ? { ...r.participants } : {},
    photos: r.photos ?? [],
    done: [],
  };
  const answered: FieldStep[] = [];
  if (d.date) answered.push("date");
  if (d.village) answered.push("village");
  if (d.topics?.length) answered.push("topics");
  if (d.format) answered.push("format");
  if (r.participants) answered.push("total", "women", "men", "ethnicMinority", "children");
  if (d.languages?.length) answered.push("languages");
  if (r.menPioneers !== undefined) answered.push("menPioneers");
  if (r.equipment !== undefined) answered.push("equipment");
  if (r.materials !== undefined || r.materialKinds !== undefined) answered.push("materials");
  if (r.casesDetected !== undefined || r.referred !== undefined) answered.push("cases");
  if (r.referredTo !== undefined || r.referred !== undefined) answered.push("referredTo");
  // Shorthand has no photos step; a correction keeps the photos it had.
  answered.push("photos");
  if (r.notes !== undefined) answered.push("notes");
  return markDone(d, ...answered);
}
