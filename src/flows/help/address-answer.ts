// Turning trusted-address rows into an answer. Sample rows are always announced as
// sample, so nobody mistakes test data for a real place to go.
import type { Translate } from "../../i18n.js";
import { replyTo } from "../../core/reply.js";
import type { ConversationRecord } from "../../core/conversation.js";
import type { Choice, OutboundMessage } from "../../core/messages.js";
import type { TrustedAddress } from "../../addresses/trusted-addresses.js";

type Row = TrustedAddress & { distanceKm?: number };

export function addressAnswer(conv: ConversationRecord, rows: Row[], title: string, t: Translate, lead: string[] = []): OutboundMessage {
  if (rows.length === 0) return replyTo(conv, [...lead, t("help:addresses.none")].join("\n"));
  const lines = rows.map((r) =>
    t("help:addresses.item", {
      name: conv.language === "vi" ? r.name.vi : r.name.en,
      phone: r.phone ? t("help:danger.phone", { phone: r.phone }) : "",
      distance: r.distanceKm !== undefined ? t("help:addresses.distance", { km: r.distanceKm.toFixed(1) }) : "",
    }),
  );
  const sample = rows.some((r) => r.isSample) ? [t("help:addresses.sample")] : [];
  // Placeholder numbers in sample rows are never offered as call buttons.
  const calls: Choice[] = rows
    .filter((r) => r.dial && !r.isSample)
    .slice(0, 3)
    .map((r) => ({ kind: "call", title: `📞 ${r.phone}`, phone: r.dial! }));
  return replyTo(conv, [...lead, title, ...lines, ...sample].join("\n"), calls.length > 0 ? calls : undefined);
}
