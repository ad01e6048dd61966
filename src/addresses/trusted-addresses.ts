// Địa chỉ tin cậy (trusted community addresses) from content/trusted-addresses.csv.
// The real list is not in any source (docs/reference/project8.md §1.2): until the Union supplies it the file is
// SAMPLE data, and every row says so, so every answer built from it can say so too.
// Safety (docs/reference/project8.md §2, §7.8): rows are public contact points (a name, a phone, the contact
// office's position), never where a survivor stays. There is no street-address column on purpose.
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { defaultAreas, type AreaDirectory } from "../areas/index.js";
import { VIETNAM_BOUNDS as B, haversineKm } from "./geo.js";
import { CONTENT_DIR, ContentError, displayPath, readText } from "../content/schema.js";
import { isProblemCode, rowError, type ProblemCode, type ProblemVars, type RowError } from "./trusted-address-problems.js";

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
    .regex(/^-?\d+(\.\d+)?$/, "decimal")
    .transform(Number)
    .pipe(z.number().min(min, "outsideVietnam").max(max, "outsideVietnam"));
const optional = z.string().trim().transform((s) => (s === "" ? null : s));

// Messages are problem codes (trusted-address-problems.ts), so the console can translate them.
const RowSchema = z.strictObject({
  id: z.string().trim().regex(/^[a-z0-9-]+$/, "idFormat"),
  province_code: z.string().trim().min(1, "required"),
  commune_code: z.string().trim().min(1, "required"),
  village: optional,
  name_vi: z.string().trim().min(1, "nameViRequired"),
  name_en: z.string().trim().min(1, "nameEnRequired"),
  kind: z.enum(KINDS, { error: "kind" }),
  phone: z.string().trim().regex(/^[0-9 .]*$/, "phoneChars").transform((s) => s.replace(/\D/g, "")),
  lat: coord(B.latMin, B.latMax),
  lng: coord(B.lngMin, B.lngMax),
  hours_vi: optional,
  hours_en: optional,
  verified_by: optional,
  effective_from: z.union([z.literal(""), z.iso.date({ error: "date" })]).transform((s) => (s === "" ? null : s)),
  sample: z.enum(["0", "1"], { error: "sampleFlag" }),
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

export type { RowError } from "./trusted-address-problems.js";
export type ParseResult = { rows: TrustedAddress[]; errors: RowError[]; isSample: boolean };
export type AddressFields = Record<(typeof COLUMNS)[number], string>;

const problemVars = (code: ProblemCode, field: string): ProblemVars | undefined =>
  code === "kind" ? { kinds: KINDS.join(", ") } : code === "outsideVietnam" ? (field === "lat" ? { min: B.latMin, max: B.latMax } : { min: B.lngMin, max: B.lngMax }) : undefined;

/**
 * One row's rules, shared by the CSV importer and the staff console's form and import.
 * `fileIsSample`: the row comes from a file marked SAMPLE DATA. At most one error per field.
 */
export function validateAddressRow(fields: AddressFields, ctx: { line: number; fileIsSample: boolean; areas: AreaDirectory }): { row: TrustedAddress | null; errors: RowError[] } {
  const { line, fileIsSample: isSample, areas } = ctx;
  const errors: RowError[] = [];
  const add = (field: string, code: ProblemCode, vars?: ProblemVars) => {
    if (!errors.some((e) => e.field === field)) errors.push(rowError(line, field, code, vars ?? problemVars(code, field)));
  };
  const parsed = RowSchema.safeParse(fields);
  if (!parsed.success) {
    for (const i of parsed.error.issues) add(String(i.path[0] ?? "(row)"), isProblemCode(i.message) ? i.message : "invalid");
    return { row: null, errors };
  }
  const r = parsed.data;
  const rowSample = isSample || r.sample === "1";
  if (isSample && r.sample === "0") add("sample", "realRowInSampleFile");
  const province = areas.provincesByCode.get(r.province_code);
  const commune = areas.communesByCode.get(r.commune_code);
  if (!province) add("province_code", "unknownProvince", { code: r.province_code });
  if (!commune) add("commune_code", "unknownCommune", { code: r.commune_code });
  else if (commune.provinceCode !== r.province_code) add("commune_code", "communeOtherProvince", { actual: commune.provinceCode, given: r.province_code });
  if (rowSample && r.phone !== "" && !PLACEHOLDER_PHONE.test(r.phone)) add("phone", "samplePhone");
  if (!rowSample && r.phone !== "" && !/^0\d{9,10}$/.test(r.phone)) add("phone", "phoneFormat");
  if (!rowSample && !r.verified_by) add("verified_by", "verifiedByRequired");
  if (!rowSample && !r.effective_from) add("effective_from", "effectiveFromRequired");
  if ((r.hours_vi === null) !== (r.hours_en === null)) add(r.hours_vi === null ? "hours_vi" : "hours_en", "hoursBoth");
  if (errors.length > 0) return { row: null, errors };
  return {
    errors,
    row: {
      id: r.id, provinceCode: r.province_code, communeCode: r.commune_code, village: r.village,
      name: { vi: r.name_vi, en: r.name_en }, kind: r.kind,
      phone: r.phone === "" ? null : fields.phone.trim(), dial: r.phone === "" ? null : r.phone,
      lat: r.lat, lng: r.lng,
      hours: r.hours_vi !== null && r.hours_en !== null ? { vi: r.hours_vi, en: r.hours_en } : null,
      verifiedBy: r.verified_by, effectiveFrom: r.effective_from, isSample: rowSample, line,
    },
  };
}

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
    return { rows: [], errors: [rowError(err.lines ?? 0, "(file)", "notCsv", { message: err.message })], isSample };
  }
  const [header, ...data] = records;
  if (!header) return { rows: [], errors: [rowError(1, "(file)", "noHeader")], isSample };
  const cols = header.record.map((c) => c.trim());
  if (cols.join(",") !== COLUMNS.join(",")) {
    return { rows: [], errors: [rowError(header.info.lines, "(header)", "header", { columns: COLUMNS.join(",") })], isSample };
  }
  const rows: TrustedAddress[] = [];
  const ids = new Set<string>();
  for (const { record, info } of data) {
    // A quoted field may span lines; report where the row starts.
    const line = info.lines - record.join("").split("\n").length + 1;
    const fields = Object.fromEntries(COLUMNS.map((c, i) => [c, record[i] ?? ""])) as AddressFields;
    const { row, errors: rowErrors } = validateAddressRow(fields, { line, fileIsSample: isSample, areas });
    if (record.length !== COLUMNS.length) rowErrors.unshift(rowError(line, "(row)", "rowLength", { got: record.length, want: COLUMNS.length }));
    const id = fields.id.trim();
    if (id !== "" && ids.has(id) && !rowErrors.some((e) => e.field === "id")) rowErrors.push(rowError(line, "id", "duplicateId"));
    ids.add(id);
    if (row && rowErrors.length === 0) rows.push(row);
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
