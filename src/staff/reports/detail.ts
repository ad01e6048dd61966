// One report with every field and its correction history (ReportRevision keeps the values a
// report had before each correction). Opening it is audited; outside the area it is a 404.
import type { Request, Response } from "express";
import type { Translate } from "../../i18n.js";
import { dmyFull } from "../../flows/report/quarter.js";
import { audit } from "../audit.js";
import type { StaffContext } from "../context.js";
import { html, type Html } from "../html.js";
import { staffT } from "../i18n.js";
import { page } from "../layout.js";
import type { Staff } from "../principal.js";
import { communeName, provinceName } from "./areas.js";
import { channelLabel, codeLabel, codeLabels, countMapLabel, NS, parseCodes, vnDateTime } from "./labels.js";
import { CASE_KINDS, REFERRAL_PLACES } from "../../flows/report/types.js";
import { findReport, type ListedReport } from "./query.js";
import { conversationKey } from "../../core/messages.js";

/** The fields a leader can correct, in the order the report form asks for them. */
const FIELDS = ["sessionDate", "village", "topics", "format", "total", "women", "men", "ethnicMinority", "childrenUnder16", "languages",
  "menPioneers", "equipment", "materialKinds", "materials", "casesDetected", "referredTo", "referred", "photos", "notes"] as const;
type Field = (typeof FIELDS)[number];
const LABEL: Record<Field, string> = {
  sessionDate: "detail.date", village: "detail.village", topics: "detail.topics", format: "detail.format", total: "group.total", women: "group.women", men: "group.men",
  ethnicMinority: "group.ethnicMinority", childrenUnder16: "group.childrenUnder16", languages: "detail.languages", materials: "detail.materials", referred: "detail.referred", photos: "detail.photos", notes: "detail.notes",
  menPioneers: "detail.menPioneers", equipment: "detail.equipment", materialKinds: "detail.materialKinds", casesDetected: "detail.casesDetected", referredTo: "detail.referredTo",
};

function shown(t: Translate, field: Field, v: unknown): string {
  // Reports sent before these questions existed say nothing about them: "not asked", not "none".
  if ((field === "casesDetected" || field === "referredTo") && (v === null || v === undefined)) return t("detail.notAsked");
  if (field === "menPioneers" && (v === null || v === undefined)) return t("detail.notSaid");
  if (v === null || v === undefined || v === "") return t("detail.none");
  if (field === "sessionDate") return dmyFull(String(v));
  if (field === "topics") return codeLabels(t, "topic", String(v)).join(", ") || t("detail.none");
  if (field === "languages") return codeLabels(t, "language", String(v)).join(", ") || t("detail.none");
  if (field === "format") return codeLabel(t, "format", String(v));
  if (field === "photos") return String(parseCodes(String(v)).length);
  if (field === "menPioneers") return t(v === true ? "detail.yes" : "detail.no");
  if (field === "equipment") return codeLabels(t, "equipment", String(v)).join(", ") || t("detail.none");
  if (field === "materialKinds") return codeLabels(t, "material", String(v)).join(", ") || t("detail.none");
  if (field === "casesDetected") return countMapLabel(t, "case", CASE_KINDS, String(v)) || t("detail.noCases");
  if (field === "referredTo") return countMapLabel(t, "place", REFERRAL_PLACES, String(v)) || t("detail.noCases");
  return typeof v === "number" ? v.toLocaleString("vi-VN") : String(v);
}

/** Only web links become links: a stored "javascript:" value must never be clickable. */
function photoLinks(t: Translate, json: string): Html {
  const urls = parseCodes(json);
  if (urls.length === 0) return html`${t("detail.none")}`;
  return html`<ul class="photos">${urls.map((u, i) =>
    /^https?:\/\//i.test(u) ? html`<li><a href="${u}" target="_blank" rel="noopener noreferrer">${t("detail.photo", { n: i + 1 })}</a></li>` : html`<li>${u}</li>`,
  )}</ul><small>${t("detail.photoNote")}</small>`;
}

/** A revision's stored JSON; a damaged row shows as "no values" rather than breaking the page. */
function values(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === "object" ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

async function history(ctx: StaffContext, t: Translate, r: ListedReport): Promise<Html> {
  const revisions = await ctx.db.reportRevision.findMany({ where: { reportId: r.id }, orderBy: [{ changedAt: "asc" }, { id: "asc" }] });
  if (revisions.length === 0) return html`<p>${t("detail.noHistory")}</p>`;
  const members = new Set((await ctx.db.teamMember.findMany({ where: { teamId: r.teamId }, select: { channel: true, userId: true } })).map((m) => conversationKey(m.channel, m.userId)));
  const staffIds = revisions.map((v) => /^staff:(\d+)$/.exec(v.changedBy)?.[1]).filter((x): x is string => !!x).map(Number);
  const staffNames = new Map((await ctx.db.staffUser.findMany({ where: { id: { in: staffIds } }, select: { id: true, name: true } })).map((s) => [s.id, s.name]));
  // Who changed it is told by role, not by platform user id: staff need the "who", not the id.
  const who = (by: string): string => {
    const [channel = "", rest = ""] = by.split(/:(.*)/s);
    if (channel === "staff") return t("detail.byStaff", { name: staffNames.get(Number(rest)) ?? `#${rest}` });
    const c = channelLabel(t, channel);
    if (by === conversationKey(r.reporterChannel, r.reporterUserId)) return t("detail.byReporter", { channel: c });
    return members.has(by) ? t("detail.byMember", { channel: c }) : t("detail.byOther", { channel: c });
  };
  const rows = revisions.map((rev, i) => {
    const before = values(rev.previous);
    const next = revisions[i + 1];
    const after: Record<string, unknown> = next ? values(next.previous) : { ...r };
    const changed = FIELDS.filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
    return html`<tr><td>${vnDateTime(rev.changedAt)}</td><td>${who(rev.changedBy)}</td><td>${
      changed.length === 0
        ? t("detail.noChange")
        : html`<ul class="changes">${changed.map((k) => html`<li><b>${t(LABEL[k])}</b>: <del>${shown(t, k, before[k])}</del> → <ins>${shown(t, k, after[k])}</ins></li>`)}</ul>`
    }</td></tr>`;
  });
  return html`<div class="table-wrap"><table><thead><tr><th>${t("detail.changedAt")}</th><th>${t("detail.changedBy")}</th><th>${t("detail.changes")}</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

export async function showDetail(ctx: StaffContext, req: Request, res: Response): Promise<void> {
  const staff = res.locals.staff as Staff;
  const t = staffT(staff.lang, NS);
  const raw = String(req.params.id ?? "");
  const id = /^\d{1,9}$/.test(raw) ? Number(raw) : null;
  const r = id ? await findReport(ctx.db, staff, id) : null;
  if (!r) {
    res.status(404).type("html").send(page(staffT(staff.lang), staff, t("detail.notFound"), html`<p><a href="/staff/reports">${t("detail.back")}</a></p>`, { lang: staff.lang }));
    return;
  }
  await audit(ctx.db, staff, "open", "report", r.id);
  const row = (label: string, value: Html | string) => html`<dt>${label}</dt><dd>${value}</dd>`;
  const value = (k: Field) => shown(t, k, r[k]);
  const body = html`<p><a href="/staff/reports">${t("detail.back")}</a></p>
<dl class="fields">
${row(t("detail.reference"), r.reference)}${row(t("detail.date"), value("sessionDate"))}
${row(t("detail.province"), provinceName(r.provinceCode))}${row(t("detail.commune"), communeName(r.communeCode))}${row(t("detail.village"), r.village)}
${row(t("detail.team"), r.teamName)}${row(t("detail.topics"), value("topics"))}${row(t("detail.format"), value("format"))}
${(["total", "women", "men", "ethnicMinority", "childrenUnder16"] as const).map((k) => row(t(`group.${k}`), value(k)))}
${row(t("detail.languages"), value("languages"))}${row(t("detail.menPioneers"), value("menPioneers"))}${row(t("detail.equipment"), value("equipment"))}
${row(t("detail.materialKinds"), value("materialKinds"))}${row(t("detail.materials"), value("materials"))}
${row(t("detail.casesDetected"), value("casesDetected"))}${row(t("detail.referredTo"), value("referredTo"))}${row(t("detail.referred"), value("referred"))}
${row(t("detail.photos"), photoLinks(t, r.photos))}${row(t("detail.notes"), html`<span class="pre">${value("notes")}</span>`)}
${row(t("detail.channel"), channelLabel(t, r.reporterChannel))}${row(t("detail.createdAt"), vnDateTime(r.createdAt))}
${r.revisions > 0 ? row(t("detail.updatedAt"), vnDateTime(r.updatedAt)) : ""}
</dl>
<h2>${t("detail.history")}</h2>
${await history(ctx, t, r)}`;
  res.type("html").send(page(staffT(staff.lang), staff, t("detail.title", { reference: r.reference }), body, { lang: staff.lang, path: "/staff/reports" }));
}
