// Zalo OA's messaging windows. Zalo has no message tags: everything the OA writes to a
// person is a consultation ("cs") message, allowed only if the person interacted with the OA
// within 7 days ("có tương tác với OA trong vòng 7 ngày"; after that the API answers -230),
// free within 48 hours of that interaction and billed from 48 hours to 7 days. Source: Zalo
// for Developers, Official Account API, "Tin Tư vấn" (docs.zaloplatforms.com/docs/OA, in
// Vietnamese), and the -230 answers seen from the live API.
import type { MessagingPolicy } from "../../core/channel.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const ZALO_POLICY: MessagingPolicy = {
  // The purpose only says a person wrote it; Zalo sends every tier the same way.
  reply: [
    { untilMs: 2 * DAY, policy: "zalo_free", purpose: "human_agent", paid: false },
    { untilMs: 7 * DAY, policy: "zalo_billable", purpose: "human_agent", paid: true },
  ],
  proactive: [
    { untilMs: 2 * DAY, policy: "zalo_free", purpose: "reminder", paid: false },
    { untilMs: 7 * DAY, policy: "zalo_billable", purpose: "reminder", paid: true },
  ],
};
