// The page frame: a small nav that fits a phone, the language switch, and the CSRF token
// for forms. No script is needed to read any page (one keeps the header's count of unclaimed
// danger flags live).
import type { Translate } from "../i18n.js";
import { html, type Html } from "./html.js";
import type { Staff } from "./principal.js";

export interface NavItem {
  href: string;
  key: string;
  roles?: Staff["role"][];
}

/** Sections register here (one line each) so the nav stays in one place. */
export const NAV: NavItem[] = [
  { href: "/staff", key: "nav.dashboard" },
  { href: "/staff/reports", key: "nav.reports" },
  { href: "/staff/handover", key: "nav.handover" },
  { href: "/staff/directory", key: "nav.directory" },
  { href: "/staff/teams", key: "nav.teams" },
  { href: "/staff/campaigns", key: "nav.campaigns" },
  { href: "/staff/accounts", key: "nav.accounts", roles: ["centre_admin"] },
  { href: "/staff/incidents", key: "nav.incidents", roles: ["centre_admin"] },
  { href: "/staff/audit", key: "nav.audit", roles: ["centre_admin"] },
];

export function page(t: Translate, staff: Staff | null, title: string, body: Html, opts: { lang: string; path?: string } = { lang: "vi" }): string {
  const other = opts.lang === "vi" ? "en" : "vi";
  const nav = staff
    ? html`<nav aria-label="${t("nav.label")}">${NAV.filter((n) => !n.roles || n.roles.includes(staff.role)).map(
        (n) => html`<a href="${n.href}"${opts.path === n.href ? html` aria-current="page"` : ""}>${t(n.key)}</a>`,
      )}
      <form method="post" action="/staff/logout" class="inline"><input type="hidden" name="_csrf" value="${staff.csrfToken}"><button>${t("nav.logout")}</button></form></nav>`
    : "";
  return html`<!doctype html>
<html lang="${opts.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Chung Tay</title><link rel="stylesheet" href="/staff/assets/staff.css"></head>
<body><header><strong>Chung Tay</strong> <a class="lang" href="?lang=${other}">${t(`lang.${other}`)}</a>
${staff ? html`<span class="who">${staff.name} · ${t(`role.${staff.role}`)}${staff.areaCode ? html` · ${staff.areaCode}` : ""}</span>
<a id="unclaimed-danger" class="alert-badge" href="/staff/handover" data-url="/staff/handover/unclaimed.json" data-template="${t("unclaimed", { n: "{n}" })}" role="status" aria-live="assertive" hidden></a>` : ""}</header>
${nav}<main><h1>${title}</h1>${body}</main>${staff ? html`<script src="/staff/assets/header.js" defer></script>` : ""}</body></html>`.value;
}

export function csrfField(staff: Staff): Html {
  return html`<input type="hidden" name="_csrf" value="${staff.csrfToken}">`;
}
