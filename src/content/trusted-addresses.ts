// Địa chỉ tin cậy (trusted community addresses) from content/trusted-addresses.csv.
// The real list is not in any source (project8.md §1.2): until the Union supplies it the file is
// SAMPLE data, and every row says so, so every answer built from it can say so too.
// Safety (project8.md §2, §7.8): rows are public contact points (a name, a phone, the contact
// office's position), never where a survivor stays. There is no street-address column on purpose.
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { defaultAreas, type AreaDirectory } from "../areas/index.js";
import { VIETNAM_BOUNDS as B, haversineKm } from "./geo.js";
import { CONTENT_DIR, ContentError, displayPath, readText } from "./schema.js";

export const COLUMNS = ["id", "province_code", "commune_code", "village", "name_vi", "name_en", "kind", "phone", "lat", "lng", "hours_vi", "hours_en", "verified_by", "effective_from", "sample"] as const;
/** Contact points only. A shelter ("nhà tạm lánh") is not a kind and never will be. */
export const KINDS = ["dia-chi-tin-cay", "hoi-lhpn-xa"] as const;
export const SAMPLE_MARKER = /^#.*SAMPLE DATA/i;
/** Placeholder numbers start with 0000: no Vietnamese number does, so no real person is called. */
const PLACEHOLDER_PHONE = /^0000\d*$/;

const coord = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(1, "required")
    .regex(/^-?\d+(\.\d+)?$/, "not a decimal number")
    .transform(Number)
    .pipe(z.number().min(min, `outside Vietnam (${min}…${max})`).max(max, `outside Vietnam (${min}…${max})`));
const optional = z.string().trim().transform((s) => (s === "" ? null : s));

const RowSchema = z.strictObject({
  id: z.string().trim().regex(/^[a-z0-9-]+$/, "lower-case letters, digits and '-'"),
  province_code: z.string().trim().min(1, "required"),
  commune_code: z.string().trim().min(1, "required"),
  village: optional,
  name_vi: z.string().trim().min(1, "required: Vietnamese name"),
  name_en: z.string().trim().min(1, "required: English name"),
  kind: z.enum(KINDS, { error: `must be one of ${KINDS.join(", ")}` }),
  phone: z.string().trim().regex(/^[0-9 .]*$/, "digits, spaces and dots only").transform((s) => s.replace(/\D/g, "")),
  lat: coord(B.latMin, B.latMax),
  lng: coord(B.lngMin, B.lngMax),
  hours_vi: optional,
  hours_en: optional,
  verified_by: optional,
  effective_from: z.union([z.literal(""), z.iso.date("YYYY-MM-DD")]).transform((s) => (s === "" ? null : s)),
  sample: z.enum(["0", "1"], { error: "must be 0 or 1" }),
});

export type TrustedAddress = {
  id: string;
  provinceCode: string;
  communeCode: string;
  village: string | null;
  name: { vi: string; en: string };
  kind: (typeof KINDS)[number];
  /** As printed in the file; dial = digits only, for a phone button. */
  phone: string | null;
  dial: string | null;
  lat: number;
  lng: number;
  hours: { vi: string; en: string } | null;
  verifiedBy: string | null;
  effectiveFrom: string | null;
  /** Sample data: any answer that uses this row must say it is sample, not a real address. */
  isSample: boolean;
  line: number;
};

export type RowError = { line: number; field: string; problem: string };
export type ParseResult = { rows: TrustedAddress[]; errors: RowError[]; isSample: boolean };

/** Parses and validates the CSV. Every bad row is reported with its line and field; none is dropped silently. */
export function parseTrustedAddresses(csvText: string, areas: AreaDirectory = defaultAreas()): ParseResult {
  const lines = csvText.replace(/^\uFEFF/, "").split(/\r?\n/);
  const isSample = lines.some((l) => SAMPLE_MARKER.test(l));
  // Blank out comment lines instead of dropping them, so csv-parse's line numbers stay the file's.
  const body = lines.map((l) => (l.trimStart().startsWith("#") ? "" : l)).join("\n");
  const errors: RowError[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, { info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number };
    return { rows: [], errors: [{ line: err.lines ?? 0, field: "(file)", problem: `not valid CSV: ${err.message}` }], isSample };
  }
  const [header, ...data] = records;
  if (!header) return { rows: [], errors: [{ line: 1, field: "(file)", problem: "no header line" }], isSample };
  const cols = header.record.map((c) => c.trim());
  if (cols.join(",") !== COLUMNS.join(",")) {
    return { rows: [], errors: [{ line: header.info.lines, field: "(header)", problem: `columns must be exactly: ${COLUMNS.join(",")}` }], isSample };
  }
  const rows: TrustedAddress[] = [];
  const ids = new Set<string>();
  for (const { record, info } of data) {
    // A quoted field may span lines; report where the row starts.
    const line = info.lines - record.join("").split("\n").length + 1;
    const rowErrors: RowError[] = [];
    const add = (field: string, problem: string) => {
      if (!rowErrors.some((e) => e.field === field)) rowErrors.push({ line, field, problem });
    };
    if (record.length !== COLUMNS.length) add("(row)", `has ${record.length} fields, expected ${COLUMNS.length}`);
    const parsed = RowSchema.safeParse(Object.fromEntries(COLUMNS.map((c, i) => [c, record[i] ?? ""])));
    if (!parsed.success) for (const i of parsed.error.issues) add(String(i.path[0] ?? "(row)"), i.message);
    if (parsed.success) {
      const r = parsed.data;
      const rowSample = isSample || r.sample === "1";
      if (ids.has(r.id)) add("id", "duplicate id");
      ids.add(r.id);
      if (isSample && r.sample === "0") add("sample", "the file is marked SAMPLE DATA; a real row needs a real file");
      const province = areas.provincesByCode.get(r.province_code);
      const commune = areas.communesByCode.get(r.commune_code);
      if (!province) add("province_code", `unknown province "${r.province_code}"`);
      if (!commune) add("commune_code", `unknown commune "${r.commune_code}" (not in content/areas.yaml)`);
      else if (commune.provinceCode !== r.province_code) add("commune_code", `belongs to province "${commune.provinceCode}", not "${r.province_code}"`);
      else if (commune.sample && !rowSample) add("commune_code", "a verified row cannot point at a sample (UNCONFIRMED) commune");
      if (rowSample && r.phone !== "" && !PLACEHOLDER_PHONE.test(r.phone)) add("phone", "sample rows must use a placeholder starting 0000 (or none), so no real person is called");
      if (!rowSample && r.phone !== "" && !/^0\d{9,10}$/.test(r.phone)) add("phone", "not a Vietnamese phone number (0 + 9 or 10 digits)");
      if (!rowSample && !r.verified_by) add("verified_by", "required: the person who checked this row (project8.md §1.2, §4.2)");
      if (!rowSample && !r.effective_from) add("effective_from", "required for a verified row");
      if ((r.hours_vi === null) !== (r.hours_en === null)) add(r.hours_vi === null ? "hours_vi" : "hours_en", "give hours in both vi and en, or neither");
      if (rowErrors.length === 0) {
        rows.push({
          id: r.id, provinceCode: r.province_code, communeCode: r.commune_code, village: r.village,
          name: { vi: r.name_vi, en: r.name_en }, kind: r.kind,
          phone: r.phone === "" ? null : (record[COLUMNS.indexOf("phone")] ?? "").trim(), dial: r.phone === "" ? null : r.phone,
          lat: r.lat, lng: r.lng,
          hours: r.hours_vi !== null && r.hours_en !== null ? { vi: r.hours_vi, en: r.hours_en } : null,
          verifiedBy: r.verified_by, effectiveFrom: r.effective_from, isSample: rowSample, line,
        });
      }
    }
    errors.push(...rowErrors);
  }
  return { rows, errors, isSample };
}

/** Loads content/trusted-addresses.csv (dir = content root). Throws ContentError listing every bad row. */
export function loadTrustedAddresses(dir: string = CONTENT_DIR, areas: AreaDirectory = defaultAreas()): TrustedAddress[] {
  const path = join(dir, "trusted-addresses.csv");
  const result = parseTrustedAddresses(readText(path), areas);
  if (result.errors.length > 0) {
    const file = displayPath(path);
    throw new ContentError(result.errors.map((e) => ({ file, id: `line ${e.line}`, field: e.field, problem: e.problem })));
  }
  return result.rows;
}

let cached: TrustedAddress[] | null = null;
export function defaultTrustedAddresses(): TrustedAddress[] {
  return (cached ??= loadTrustedAddresses());
}

export type NearbyAddress = TrustedAddress & { distanceKm: number };

/** The n nearest rows by straight-line distance, nearest first. Bad input gives [] rather than a wrong answer. */
export function nearestAddresses(lat: number, lng: number, n = 3, rows: TrustedAddress[] = defaultTrustedAddresses()): NearbyAddress[] {
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || !(n > 0)) return [];
  return rows
    .map((r) => ({ ...r, distanceKm: haversineKm(lat, lng, r.lat, r.lng) }))
    .sort((a, b) => a.distanceKm - b.distanceKm || a.id.localeCompare(b.id))
    .slice(0, Math.floor(n));
}

export function addressesInCommune(code: string, rows: TrustedAddress[] = defaultTrustedAddresses()): TrustedAddress[] {
  return rows.filter((r) => r.communeCode === code);
}
