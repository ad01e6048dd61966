// The bot's entry point: every event from the inbox worker comes here.
// (Issue 3 keeps it minimal: greeting, numbered menu, language choice.)
import type { Bot, BotResult, BotTurn } from "../core/bot.js";
import { availableLanguages, translator } from "./i18n.js";
import { mainMenu, menuChoice } from "./menu.js";
import { replyTo } from "./reply.js";

const LANGUAGE_PAYLOAD = /^LANG_([a-z]{2,3})$/;

export function createBot(): Bot {
  return async (turn: BotTurn): Promise<BotResult> => {
    const { event, conversation: conv } = turn;
    let t = translator(conv.language);
    const input = (event.payload ?? event.text ?? "").trim();

    const lang = LANGUAGE_PAYLOAD.exec(input)?.[1];
    if (lang && availableLanguages().includes(lang)) {
      t = translator(lang);
      return { replies: [mainMenu(conv, t, t("language.changed"))], conversation: { language: lang } };
    }
    if (event.kind === "follow" || event.kind === "referral" || input === "GET_STARTED") {
      return { replies: [mainMenu(conv, t, t("greeting"))] };
    }
    if (event.kind !== "text" && event.kind !== "postback") {
      return { replies: [mainMenu(conv, t, t("notUnderstood"))] };
    }
    switch (menuChoice(input)) {
      case "MENU_LANGUAGE":
        return {
          replies: [
            replyTo(
              conv,
              t("language.prompt"),
              availableLanguages().map((l) => ({ kind: "reply" as const, title: translator(l)("languageName"), payload: `LANG_${l}` })),
              t("menu.hint"),
            ),
          ],
        };
      case null:
        return { replies: [mainMenu(conv, t, t("greeting"))] };
      default:
        return { replies: [mainMenu(conv, t, t("notReady"))] };
    }
  };
}
