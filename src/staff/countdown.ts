// The line on the console's home page and the campaigns page that counts down to the next
// campaign month (content/campaigns.yaml), e.g. "Tháng hành động tiếp theo: …: còn 12 ngày".
import type { NextCampaign } from "../broadcasts/calendar.js";
import { dmyFull } from "../flows/report/quarter.js";
import type { Translate } from "../i18n.js";
import { html, type Html } from "./html.js";
import type { Staff } from "./principal.js";

const lang = (staff: Staff) => (staff.lang === "en" ? "en" : "vi");

/** "Tháng hành động tiếp theo: …, từ 15/11/2026: còn 12 ngày." */
export function countdownLine(t: Translate, staff: Staff, next: NextCampaign | null): Html {
  if (!next) return html`<p class="countdown">${t("staff-campaigns:next.none")}</p>`;
  const names = next.together.map((o) => o.entry.name[lang(staff)]).join("; ");
  const o = next.occurrence;
  const text = next.running
    ? t("staff-campaigns:next.running", { names, from: dmyFull(o.from), to: dmyFull(o.to) })
    : t("staff-campaigns:next.upcoming", { names, from: dmyFull(o.from), days: next.daysUntil });
  return html`<p class="countdown" data-days="${next.daysUntil}"><a href="/staff/campaigns">${text}</a></p>`;
}

