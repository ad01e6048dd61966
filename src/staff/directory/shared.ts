// Pieces every directory and teams page uses: the words, the frame, the communes a staff
// member may choose, problems in the reader's language, and the 404 that hides other areas.
import type { Request, Response } from "express";
import { defaultAreas, type AreaDirectory, type Commune } from "../../areas/index.js";
import type { Translate } from "../../i18n.js";
import type { ProblemCode, ProblemVars } from "../../addresses/trusted-address-problems.js";
import { html, type Html } from "../html.js";
import { staffT } from "../i18n.js";
import { page } from "../layout.js";
import { canSee, type Staff } from "../principal.js";

export const NS = "staff-directory";

/** Problems the console adds to the importer's own: both are shown the same way. */
export type ConsoleProblem = ProblemCode | "outsideArea" | "idTaken";
export type Problem = { line: number; field: string; code: ConsoleProblem; vars?: ProblemVars };

export function staffOf(res: Response): { staff: Staff; t: Translate } {
  const staff = res.locals.staff as Staff;
  return { staff, t: staffT(staff.lang, NS) };
}

export function sendPage(res: Response, title: string, body: Html, path: string, status = 200): void {
  const staff = res.locals.staff as Staff;
  res.status(status).type("html").send(page(staffT(staff.lang), staff, title, body, { lang: staff.lang, path }));
}

/** Outside the staff member's area looks exactly like "does not exist". */
export function notFound(res: Response, path: string): void {
  const { t } = staffOf(res);
  sendPage(res, t("notFound.title"), html`<p>${t("notFound.body")}</p><p><a href="${path}">${t("back")}</a></p>`, path, 404);
}

export function problemText(t: Translate, p: { code: ConsoleProblem; vars?: ProblemVars }): string {
  return t(`problem.${p.code}`, p.vars ?? {});
}

/** The communes this staff member may put an address or a team in, by province then name. */
export function communesInArea(staff: Staff, areas: AreaDirectory = defaultAreas()): Commune[] {
  return areas.provinces.flatMap((p) => p.communes).filter((c) => canSee(staff, { provinceCode: c.provinceCode, communeCode: c.code }));
}

export function communeName(code: string, areas: AreaDirectory = defaultAreas()): string {
  return areas.communesByCode.get(code)?.name ?? code;
}

export function communeSelect(t: Translate, staff: Staff, selected: string, error: string | undefined): Html {
  // Grouped by province: the centre chooses among all 3,321 communes of the 2025 map.
  const areas = defaultAreas();
  const options = communesInArea(staff, areas);
  const groups = [...new Set(options.map((c) => c.provinceCode))].map((code) => ({ province: areas.provincesByCode.get(code)!, communes: options.filter((c) => c.provinceCode === code).sort((a, b) => a.name.localeCompare(b.name, "vi")) }));
  const option = (c: Commune) => html`<option value="${c.code}"${c.code === selected ? html` selected` : ""}>${c.name} · ${c.code}</option>`;
  return html`<label>${t("form.commune")}
<select name="commune_code" required${error ? html` aria-invalid="true" aria-describedby="err-commune_code"` : ""}>
${groups.length === 1 ? groups[0]!.communes.map(option) : groups.map((g) => html`<optgroup label="${g.province.name}">${g.communes.map(option)}</optgroup>`)}
</select></label>${fieldError("commune_code", error)}`;
}

export function fieldError(field: string, error: string | undefined): Html {
  return error ? html`<span class="field-error" id="err-${field}">${error}</span>` : html``;
}

/** A form value as one trimmed string (a repeated or missing key gives ""). */
export function formValue(req: Request, key: string): string {
  const v: unknown = (req.body as Record<string, unknown> | undefined)?.[key];
  return typeof v === "string" ? v.trim() : "";
}

/** Route ids are checked before any query: a non-number is simply not found. */
export function numericId(raw: unknown): number | null {
  const n = Number(raw);
  return typeof raw === "string" && /^\d{1,9}$/.test(raw) && n > 0 ? n : null;
}
