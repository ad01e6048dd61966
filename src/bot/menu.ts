// The main menu: short, numbered, answerable by a tap or by typing a digit.
import type { ConversationRecord } from "../core/conversation.js";
import type { Choice, OutboundMessage } from "../core/messages.js";
import type { Translate } from "../i18n.js";
import { replyTo } from "../core/reply.js";

export const MENU_ITEMS = [
  { payload: "MENU_HOTLINES", key: "menu.hotlines" },
  { payload: "MENU_ADDRESSES", key: "menu.addresses" },
  { payload: "MENU_TOPICS", key: "menu.topics" },
  { payload: "MENU_HUMAN", key: "menu.human" },
  { payload: "MENU_LANGUAGE", key: "menu.language" },
  { payload: "MENU_NEWS", key: "menu.news" },
] as const;

export type MenuPayload = (typeof MENU_ITEMS)[number]["payload"];

/** Zalo shows at most 5 buttons: the sixth item is a line of the text, answered by its digit or its words. */
const BUTTONS = 5;

export function mainMenu(conv: ConversationRecord, t: Translate, lead?: string): OutboundMessage {
  const choices: Choice[] = MENU_ITEMS.slice(0, BUTTONS).map((item) => ({ kind: "reply", title: t(item.key), payload: item.payload }));
  const extra = MENU_ITEMS.slice(BUTTONS).map((item, i) => t("menu.extra", { n: BUTTONS + i + 1, title: t(item.key) }));
  const text = [lead, t("menu.title")].filter(Boolean).join("\n");
  return replyTo(conv, [text, ...extra].join("\n"), choices, t("menu.hint"));
}

/** "1" → MENU_HOTLINES, and the payload itself when a button was tapped. */
export function menuChoice(input: string): MenuPayload | null {
  const trimmed = input.trim().toUpperCase();
  const byPayload = MENU_ITEMS.find((i) => i.payload === trimmed);
  if (byPayload) return byPayload.payload;
  const n = Number.parseInt(trimmed, 10);
  if (String(n) === trimmed && n >= 1 && n <= MENU_ITEMS.length) return MENU_ITEMS[n - 1]!.payload;
  return null;
}
