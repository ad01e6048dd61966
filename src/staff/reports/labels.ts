// Words for the codes a report stores (topics, format, languages, channel). The labels live
// in locales/<lang>/report.json, shared with the chat flow, so staff read what leaders chose.
import type { Translate } from "../../i18n.js";
import { platformOf } from "../../core/channel.js";

/** This section's i18next namespace: locales/<lang>/staff-reports.json. */
export const NS = "staff-reports";

export type CodeKind = "topic" | "format" | "language" | "equipment" | "material" | "case" | "place";

/** The label of one code; a code the locale does not know is shown as it is, never hidden. */
export function codeLabel(t: Translate, kind: CodeKind, code: string): string {
  const s = t(`report:${kind}.${code}`);
  return s === `${kind}.${code}` || s === `report:${kind}.${code}` ? code : s;
}

/** The codes of a JSON array column ("[\"tao-hon\",\"khac\"]"); bad JSON reads as none. */
export function parseCodes(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.map((x) => String(x)) : [];
  } catch {
    return [];
  }
}

/** A JSON {code: count} column; null (not asked) and bad JSON read as null; only whole counts > 0 are kept. */
export function parseCountMap(json: string | null): Record<string, number> | null {
  if (json === null) return null;
  try {
    const v: unknown = JSON.parse(json);
    if (typeof v !== "object" || v === null || Array.isArray(v)) return null;
    const out: Record<string, number> = {};
    for (const [k, n] of Object.entries(v)) if (Number.isSafeInteger(n) && (n as number) > 0) out[k] = n as number;
    return out;
  } catch {
    return null;
  }
}

/** "Bạo lực 2; Tảo hôn 1" in the order of `codes`, then any code the list lacks. */
export function countMapLabel(t: Translate, kind: CodeKind, codes: readonly string[], json: string | null): string {
  const m = parseCountMap(json);
  if (!m) return "";
  const keys = [...codes.filter((c) => c in m), ...Object.keys(m).filter((k) => !codes.includes(k))];
  return keys.map((k) => `${codeLabel(t, kind, k)} ${m[k]}`).join("; ");
}

export function codeLabels(t: Translate, kind: CodeKind, json: string): string[] {
  return parseCodes(json).map((c) => codeLabel(t, kind, c));
}

export function channelLabel(t: Translate, channel: string): string {
  // An account's channel id ("…-<OA id>") is labelled by its platform.
  const platform = platformOf(channel);
  const s = t(`channel.${platform}`);
  return s === `channel.${platform}` ? platform : s;
}

/** A stored instant as Vietnam local time, "dd/mm/yyyy hh:mm" (the server's time zone does not matter). */
export function vnDateTime(d: Date): string {
  const v = new Date(d.getTime() + 7 * 3600_000).toISOString();
  return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)} ${v.slice(11, 16)}`;
}
