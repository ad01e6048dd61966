// The new-campaign form: read, checked field by field (each problem names its field), and
// turned into what the campaign row stores. Nothing is created until every field is right and
// the audience has at least one person in it.
import { defaultCalendar, occurrence } from "../../broadcasts/calendar.js";
import type { Audience, AudienceWho } from "../../broadcasts/audience.js";
import { MAX_BUTTON_CHARS, MAX_BUTTONS, type CampaignContent, type CampaignMessage } from "../../broadcasts/messages.js";
import { defaultAreas } from "../../areas/index.js";
import { defaultTopics } from "../../content/topics.js";
import type { Staff } from "../principal.js";

export type FormProblem = { field: string; code: string };

export interface CampaignForm {
  name: string;
  entry_id: string;
  message_vi: string;
  message_en: string;
  /** An awareness topic sent before the typed text (either or both). */
  topic: string;
  /** Quick-reply labels, one per line. */
  buttons: string;
  platforms: string[];
  /** Conversation languages the audience is limited to; none = every language. */
  languages: string[];
  /** Only people who came through this poster / link / keyword code. */
  poster_code: string;
  province_code: string;
  commune_code: string;
  who: string;
  subscribed_only: boolean;
  start_at: string;
  quiet_from: string;
  quiet_to: string;
  per_day: string;
  per_week: string;
  /** Send rounds in all (1 = no repeat), every repeat_days days, inside the campaign month. */
  rounds: string;
  repeat_days: string;
  /** Paid sends (Zalo 48 h–7 d) asked for, at this price per message (VND): always a second person's approval. */
  paid_allowed: boolean;
  paid_price: string;
}

const WHO: AudienceWho[] = ["all", "villagers", "team_leaders"];
const VN = 7 * 3_600_000;

export function blankForm(staff: Staff, entryId: string, name: string, now: Date): CampaignForm {
  const start = new Date(now.getTime() + VN + 3_600_000).toISOString().slice(0, 13) + ":00";
  const area = staff.role === "province_staff" ? { province_code: staff.areaCode ?? "", commune_code: "" } : staff.role === "commune_staff" ? { province_code: "", commune_code: staff.areaCode ?? "" } : { province_code: "", commune_code: "" };
  return { name, entry_id: entryId, message_vi: "", message_en: "", topic: "", buttons: "", platforms: [], languages: [], poster_code: "", ...area, who: "villagers", subscribed_only: false, start_at: start, quiet_from: "21", quiet_to: "7", per_day: "1", per_week: "4", rounds: "1", repeat_days: "7", paid_allowed: false, paid_price: "" };
}

export function readForm(body: Record<string, unknown>): CampaignForm {
  const v = (k: string) => (typeof body[k] === "string" ? (body[k] as string).trim() : "");
  const list = (k: string) => (Array.isArray(body[k]) ? (body[k] as unknown[]) : body[k] === undefined ? [] : [body[k]]).filter((x): x is string => typeof x === "string");
  return {
    name: v("name"), entry_id: v("entry_id"), message_vi: v("message_vi"), message_en: v("message_en"), topic: v("topic"), buttons: v("buttons"), platforms: list("platforms"),
    languages: list("languages"), poster_code: v("poster_code").toUpperCase(),
    province_code: v("province_code"), commune_code: v("commune_code"), who: v("who"), subscribed_only: v("subscribed_only") === "1",
    start_at: v("start_at"), quiet_from: v("quiet_from"), quiet_to: v("quiet_to"), per_day: v("per_day"), per_week: v("per_week") || "4",
    rounds: v("rounds") || "1", repeat_days: v("repeat_days") || "7", paid_allowed: v("paid_allowed") === "1", paid_price: v("paid_price"),
  };
}

/** "2026-12-05T08:00" typed as Vietnam time → the instant. */
export function vietnamLocal(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const t = Date.parse(`${value}:00Z`) - VN;
  return Number.isFinite(t) ? new Date(t) : null;
}

export interface Checked {
  problems: FormProblem[];
  audience?: Audience;
  startAt?: Date;
  rules?: { quietFrom: number; quietTo: number; perDay: number; perWeek: number };
  content?: CampaignContent;
  repeat?: { rounds: number; repeatDays: number };
  paid?: { allowed: boolean; priceVnd: number | null };
}

const DAY = 86_400_000;

/** Button labels, one per line, blanks dropped. */
export function buttonLabels(f: Pick<CampaignForm, "buttons">): string[] {
  return f.buttons.split(/\r?\n/).map((b) => b.trim()).filter((b) => b !== "");
}

/** The last moment of the calendar entry's campaign period around `start` (Vietnam end of day), if it has one. */
function periodEnd(entryId: string, start: Date): Date | null {
  const entry = defaultCalendar().find((e) => e.id === entryId);
  if (!entry) return null;
  const year = new Date(start.getTime() + 7 * 3_600_000).getUTCFullYear();
  for (const y of [year - 1, year]) {
    const o = occurrence(entry, y);
    const end = Date.parse(`${o.to}T23:59:59Z`) - 7 * 3_600_000;
    if (end >= start.getTime()) return new Date(end);
  }
  return null;
}

/** Field rules, and the area rule: a commune officer targets her commune, a province officer her province. */
export function checkForm(f: CampaignForm, staff: Staff, platforms: string[], now: Date, languages: string[] = ["vi", "en"]): Checked {
  const problems: FormProblem[] = [];
  const add = (field: string, code: string) => problems.some((p) => p.field === field) || problems.push({ field, code });
  if (f.name === "") add("name", "required");
  else if (f.name.length > 120) add("name", "tooLong");
  if (f.entry_id !== "" && !defaultCalendar().some((e) => e.id === f.entry_id)) add("entry_id", "unknownEntry");
  if (f.topic !== "" && !defaultTopics().some((t) => t.id === f.topic)) add("topic", "unknownTopic");
  // Vietnamese is the fallback of every language: typed text needs it; a topic alone brings its own.
  if (f.message_vi === "" && (f.topic === "" || f.message_en !== "")) add("message_vi", "viRequired");
  else if (f.message_vi.length > 1500) add("message_vi", "tooLong");
  if (f.message_en.length > 1500) add("message_en", "tooLong");
  const buttons = buttonLabels(f);
  if (buttons.length > MAX_BUTTONS || buttons.some((b) => [...b].length > MAX_BUTTON_CHARS)) add("buttons", "buttons");
  if (f.languages.some((l) => !languages.includes(l))) add("languages", "unknownLanguage");
  if (f.poster_code !== "" && !/^[A-Z0-9]{4,8}$/.test(f.poster_code)) add("poster_code", "unknownCode");
  if (f.platforms.some((p) => !platforms.includes(p))) add("platforms", "unknownPlatform");
  if (!WHO.includes(f.who as AudienceWho)) add("who", "required");
  const areas = defaultAreas();
  const commune = f.commune_code ? areas.communesByCode.get(f.commune_code) : undefined;
  if (f.province_code && !areas.provincesByCode.has(f.province_code)) add("province_code", "unknownArea");
  if (f.commune_code && !commune) add("commune_code", "unknownArea");
  if (commune && f.province_code && commune.provinceCode !== f.province_code) add("commune_code", "otherProvince");
  const provinceCode = commune?.provinceCode ?? (f.province_code || null);
  if (staff.role === "province_staff" && provinceCode !== staff.areaCode) add("province_code", "outsideArea");
  if (staff.role === "commune_staff" && f.commune_code !== staff.areaCode) add("commune_code", "outsideArea");
  const startAt = vietnamLocal(f.start_at);
  if (!startAt) add("start_at", "dateTime");
  else if (startAt.getTime() < now.getTime() - 5 * 60_000) add("start_at", "past");
  const hour = (s: string) => (/^\d{1,2}$/.test(s) && Number(s) <= 23 ? Number(s) : NaN);
  const quietFrom = hour(f.quiet_from);
  const quietTo = hour(f.quiet_to);
  if (Number.isNaN(quietFrom)) add("quiet_from", "hour");
  if (Number.isNaN(quietTo)) add("quiet_to", "hour");
  const perDay = /^\d$/.test(f.per_day) ? Number(f.per_day) : NaN;
  if (!(perDay >= 1 && perDay <= 3)) add("per_day", "perDay");
  const perWeek = /^\d{1,2}$/.test(f.per_week) ? Number(f.per_week) : NaN;
  if (!(perWeek >= 1 && perWeek <= 14) || perWeek < perDay) add("per_week", "perWeek");
  const rounds = /^\d{1,2}$/.test(f.rounds) ? Number(f.rounds) : NaN;
  const repeatDays = /^\d{1,2}$/.test(f.repeat_days) ? Number(f.repeat_days) : NaN;
  if (!(rounds >= 1 && rounds <= 5)) add("rounds", "rounds");
  else if (rounds > 1 && !(repeatDays >= 1 && repeatDays <= 15)) add("repeat_days", "repeatDays");
  else if (rounds > 1 && startAt) {
    // Repeats stay inside the campaign month (or within a month of the start without a calendar entry).
    const last = startAt.getTime() + (rounds - 1) * repeatDays * DAY;
    const end = f.entry_id ? periodEnd(f.entry_id, startAt) : new Date(startAt.getTime() + 31 * DAY);
    if (!end || last > end.getTime()) add("rounds", "outsideMonth");
  }
  const price = /^\d{1,6}$/.test(f.paid_price) ? Number(f.paid_price) : NaN;
  if (f.paid_allowed && !(price >= 1 && price <= 100_000)) add("paid_price", "price");
  if (problems.length > 0) return { problems };
  const messages: CampaignMessage[] = [];
  if (f.topic) messages.push({ topic: f.topic });
  if (f.message_vi) messages.push({ vi: f.message_vi, ...(f.message_en ? { en: f.message_en } : {}) });
  return {
    problems,
    audience: { platforms: f.platforms, provinceCode, communeCode: f.commune_code || null, who: f.who as AudienceWho, subscribedOnly: f.subscribed_only, languages: f.languages, referralCode: f.poster_code || null },
    startAt: startAt!,
    rules: { quietFrom, quietTo, perDay, perWeek },
    content: { messages, buttons },
    repeat: { rounds, repeatDays: rounds > 1 ? repeatDays : 0 },
    paid: { allowed: f.paid_allowed, priceVnd: f.paid_allowed ? price : null },
  };
}
