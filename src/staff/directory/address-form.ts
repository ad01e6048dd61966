// The add/edit form for one trusted address. It checks a row with the very rules the CSV
// importer uses (validateAddressRow), plus the staff member's area. Inputs are named after
// the CSV columns, so an importer problem lands next to the input it is about.
import { randomBytes } from "node:crypto";
import type { Request } from "express";
import { defaultAreas } from "../../areas/index.js";
import type { Translate } from "../../i18n.js";
import { fold } from "../../content/fold.js";
import { KINDS, validateAddressRow, type AddressFields, type TrustedAddress } from "../../addresses/trusted-addresses.js";
import { html, type Html } from "../html.js";
import { csrfField } from "../layout.js";
import { canSee, type Staff } from "../principal.js";
import { communeSelect, communesInArea, fieldError, formValue, problemText, type Problem } from "./shared.js";

const TEXT_FIELDS = ["village", "name_vi", "name_en", "kind", "phone", "lat", "lng", "hours_vi", "hours_en", "verified_by", "effective_from"] as const;
type Field = "commune_code" | (typeof TEXT_FIELDS)[number];
export type AddressForm = Record<Field, string> & { sample: boolean };

export function blankForm(staff: Staff): AddressForm {
  const first = communesInArea(staff)[0];
  const blank = Object.fromEntries(TEXT_FIELDS.map((f) => [f, ""])) as Record<(typeof TEXT_FIELDS)[number], string>;
  return { ...blank, commune_code: first?.code ?? "", kind: KINDS[1], sample: false };
}

type AddressRecord = {
  communeCode: string; village: string | null; nameVi: string; nameEn: string; kind: string; phone: string | null; lat: number; lng: number;
  hoursVi: string | null; hoursEn: string | null; verifiedBy: string | null; effectiveFrom: string | null; sample: boolean;
};

export function formFromRecord(a: AddressRecord): AddressForm {
  return {
    commune_code: a.communeCode, village: a.village ?? "", name_vi: a.nameVi, name_en: a.nameEn, kind: a.kind,
    phone: a.phone ?? "", lat: String(a.lat), lng: String(a.lng), hours_vi: a.hoursVi ?? "", hours_en: a.hoursEn ?? "",
    verified_by: a.verifiedBy ?? "", effective_from: a.effectiveFrom ?? "", sample: a.sample,
  };
}

export function readForm(req: Request): AddressForm {
  const values = Object.fromEntries(TEXT_FIELDS.map((f) => [f, formValue(req, f)])) as Record<(typeof TEXT_FIELDS)[number], string>;
  return { ...values, commune_code: formValue(req, "commune_code"), sample: formValue(req, "sample") === "1" };
}

/** A readable, stable id for a new row; the random tail keeps two same-named points apart. */
export function newAddressId(form: AddressForm): string {
  const slug = fold(form.name_vi).replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "dia-chi";
  return `${slug}-${randomBytes(3).toString("hex")}`;
}

/** The row to write, or the problems by field. One problem per field, the area first. */
export function checkForm(form: AddressForm, id: string, staff: Staff): { row: TrustedAddress | null; problems: Map<string, Problem> } {
  const areas = defaultAreas();
  const provinceCode = areas.communesByCode.get(form.commune_code)?.provinceCode ?? "";
  const fields: AddressFields = { ...form, id, province_code: provinceCode, sample: form.sample ? "1" : "0" };
  const { row, errors } = validateAddressRow(fields, { line: 0, fileIsSample: false, areas });
  const problems = new Map<string, Problem>();
  if (!canSee(staff, { provinceCode, communeCode: form.commune_code })) problems.set("commune_code", { line: 0, field: "commune_code", code: "outsideArea" });
  for (const e of errors) {
    // The form has no province input: the commune chooses it.
    const field = e.field === "province_code" ? "commune_code" : e.field;
    if (!problems.has(field)) problems.set(field, { ...e, field });
  }
  return { row: problems.size === 0 ? row : null, problems };
}

export function addressFormHtml(t: Translate, staff: Staff, form: AddressForm, problems: Map<string, Problem>, action: string): Html {
  const err = (f: string) => {
    const p = problems.get(f);
    return p ? problemText(t, p) : undefined;
  };
  const input = (f: Exclude<Field, "commune_code" | "kind">, opts: { required?: boolean; mode?: string; hint?: string } = {}) => html`<label>${t(`form.${f}`)}
<input name="${f}" value="${form[f]}"${opts.required ? html` required` : ""}${opts.mode ? html` inputmode="${opts.mode}"` : ""}${err(f) ? html` aria-invalid="true" aria-describedby="err-${f}"` : ""}>
${opts.hint ? html`<small>${opts.hint}</small>` : ""}</label>${fieldError(f, err(f))}`;
  const other = [...problems.values()].filter((p) => !["commune_code", ...TEXT_FIELDS, "sample"].includes(p.field));
  return html`<form method="post" action="${action}" class="card" novalidate>${csrfField(staff)}
${problems.size > 0 ? html`<p class="error" role="alert">${t("form.hasErrors")}</p>` : ""}
${other.map((p) => html`<p class="error">${p.field}: ${problemText(t, p)}</p>`)}
<p class="hint">${t("form.noShelter")}</p>
${communeSelect(t, staff, form.commune_code, err("commune_code"))}
${input("village")}
${input("name_vi", { required: true })}
${input("name_en", { required: true })}
<label>${t("form.kind")}<select name="kind"${err("kind") ? html` aria-invalid="true"` : ""}>${KINDS.map((k) => html`<option value="${k}"${k === form.kind ? html` selected` : ""}>${t(`kind.${k}`)}</option>`)}</select></label>${fieldError("kind", err("kind"))}
${input("phone", { mode: "tel", hint: t("form.phoneHint") })}
${input("lat", { required: true, mode: "decimal", hint: t("form.coordHint") })}
${input("lng", { required: true, mode: "decimal" })}
${input("hours_vi")}
${input("hours_en")}
${input("verified_by", { hint: t("form.verifiedByHint") })}
${input("effective_from", { hint: t("form.effectiveFromHint") })}
<label class="check"><input type="checkbox" name="sample" value="1"${form.sample ? html` checked` : ""}> ${t("form.sample")}</label>${fieldError("sample", err("sample"))}
<p><button>${t("form.save")}</button> <a href="/staff/directory">${t("form.cancel")}</a></p>
</form>`;
}
