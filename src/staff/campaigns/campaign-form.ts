// The new-campaign form: read, checked field by field (each problem names its field), and
// turned into what the campaign row stores. Nothing is created until every field is right and
// the audience has at least one person in it.
import { defaultCalendar } from "../../broadcasts/calendar.js";
import type { Audience, AudienceWho } from "../../broadcasts/audience.js";
import { defaultAreas } from "../../areas/index.js";
import type { Staff } from "../principal.js";

export type FormProblem = { field: string; code: string };

export interface CampaignForm {
  name: string;
  entry_id: string;
  message_vi: string;
  message_en: string;
  platforms: string[];
  province_code: string;
  commune_code: string;
  who: string;
  subscribed_only: boolean;
  start_at: string;
  quiet_from: string;
  quiet_to: string;
  per_day: string;
}

const WHO: AudienceWho[] = ["all", "villagers", "team_leaders"];
const VN = 7 * 3_600_000;

export function blankForm(staff: Staff, entryId: string, name: string, now: Date): CampaignForm {
  const start = new Date(now.getTime() + VN + 3_600_000).toISOString().slice(0, 13) + ":00";
  const area = staff.role === "province_staff" ? { province_code: staff.areaCode ?? "", commune_code: "" } : staff.role === "commune_staff" ? { province_code: "", commune_code: staff.areaCode ?? "" } : { province_code: "", commune_code: "" };
  return { name, entry_id: entryId, message_vi: "", message_en: "", platforms: [], ...area, who: "villagers", subscribed_only: false, start_at: start, quiet_from: "21", quiet_to: "7", per_day: "1" };
}

export function readForm(body: Record<string, unknown>): CampaignForm {
  const v = (k: string) => (typeof body[k] === "string" ? (body[k] as string).trim() : "");
  const list = (k: string) => (Array.isArray(body[k]) ? (body[k] as unknown[]) : body[k] === undefined ? [] : [body[k]]).filter((x): x is string => typeof x === "string");
  return {
    name: v("name"), entry_id: v("entry_id"), message_vi: v("message_vi"), message_en: v("message_en"), platforms: list("platforms"),
    province_code: v("province_code"), commune_code: v("commune_code"), who: v("who"), subscribed_only: v("subscribed_only") === "1",
    start_at: v("start_at"), quiet_from: v("quiet_from"), quiet_to: v("quiet_to"), per_day: v("per_day"),
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
  rules?: { quietFrom: number; quietTo: number; perDay: number };
}

/** Field rules, and the area rule: a commune officer targets her commune, a province officer her province. */
export function checkForm(f: CampaignForm, staff: Staff, platforms: string[], now: Date): Checked {
  const problems: FormProblem[] = [];
  const add = (field: string, code: string) => problems.some((p) => p.field === field) || problems.push({ field, code });
  if (f.name === "") add("name", "required");
  else if (f.name.length > 120) add("name", "tooLong");
  if (f.entry_id !== "" && !defaultCalendar().some((e) => e.id === f.entry_id)) add("entry_id", "unknownEntry");
  if (f.message_vi === "") add("message_vi", "viRequired");
  else if (f.message_vi.length > 1500) add("message_vi", "tooLong");
  if (f.message_en.length > 1500) add("message_en", "tooLong");
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
  if (problems.length > 0) return { problems };
  return {
    problems,
    audience: { platforms: f.platforms, provinceCode, communeCode: f.commune_code || null, who: f.who as AudienceWho, subscribedOnly: f.subscribed_only, languages: [] },
    startAt: startAt!,
    rules: { quietFrom, quietTo, perDay },
  };
}
