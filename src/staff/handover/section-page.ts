// The console frame for this section's pages (the frame's own words live in the "staff"
// namespace, this section's in "staff-handover"), and the short answer pages for refusals.
import type { Response } from "express";
import { staffT } from "../i18n.js";
import { html, type Html } from "../html.js";
import { page } from "../layout.js";
import type { Staff } from "../principal.js";

export const NS = "staff-handover";

export function sectionT(staff: Staff) {
  return staffT(staff.lang, NS);
}

export function sectionPage(staff: Staff, title: string, body: Html, path?: string): string {
  return page(staffT(staff.lang), staff, title, body, { lang: staff.lang, ...(path ? { path } : {}) });
}

/** A refusal or an error, said plainly, with the way back. */
export function sendMessage(res: Response, staff: Staff, status: number, text: string, back: string): void {
  const t = sectionT(staff);
  const body = html`<p class="error" role="alert">${text}</p><p><a href="${back}">${t(back === "/staff/handover" ? "detail.back" : "detail.backConversation")}</a></p>`;
  res.status(status).type("html").send(sectionPage(staff, t("title"), body, "/staff/handover"));
}

export function sendNotFound(res: Response, staff: Staff): void {
  sendMessage(res, staff, 404, sectionT(staff)("notFound"), "/staff/handover");
}
