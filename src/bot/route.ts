// Every event from the inbox worker comes here. Order matters and is the safety policy:
// 1. danger first, for every text, even mid-form or while a person holds the conversation;
// 2. a human holds the conversation → the bot stays quiet;
// 3. words that work anywhere (delete my data, exit, menu, cancel, back, talk to someone…);
// 4. a shared location → the nearest trusted addresses;
// 5. the active guided flow; 6. the main menu and keywords; 7. "I didn't understand" + menu.
import type { Bot, BotResult, BotTurn } from "../core/bot.js";
import type { ConversationPatch } from "../core/conversation.js";
import type { OutboundMessage } from "../core/messages.js";
import { fold } from "../content/fold.js";
import { matchTopic } from "../content/topics.js";
import { openHandover } from "../handover/handover.js";
import { forgetUser } from "../privacy/forget.js";
import { detectDanger } from "../safety/danger.js";
import { back, continueFlow, endFlow, repeatStep, startFlow, type Flow, type FlowContext } from "../flows/machine.js";
import { addressesFlow, nearestAnswer } from "../flows/help/addresses.js";
import { dangerAnswer } from "../flows/help/danger-answer.js";
import { hotlinesAnswer } from "../flows/help/hotlines.js";
import { requestHuman } from "../flows/help/human.js";
import { topicMessages, topicsFlow } from "../flows/help/topics.js";
import type { HelpContent } from "../flows/help/content.js";
import { parseCommand, type Command } from "./commands.js";
import { availableLanguages, translator } from "./i18n.js";
import { mainMenu, menuChoice } from "./menu.js";
import { replyTo } from "./reply.js";

const LANGUAGE_PAYLOAD = /^LANG_([a-z]{2,3})$/;
/** After this long away, a person returning to a half-finished flow is reminded where they were. */
const RESUME_AFTER_MS = 60 * 60_000;

export function createBot(content: HelpContent): Bot {
  // Each flow has its own data type; the map only needs to find one by id.
  const flows = new Map<string, Flow<any>>([
    ["addresses", addressesFlow(content)],
    ["topics", topicsFlow(content)],
  ]);

  const respond = async (turn: BotTurn): Promise<BotResult> => {
    const { event, conversation: conv, tx, now } = turn;
    const t = translator(conv.language);
    const ctx: FlowContext = { conv, event, t, tx, now };
    const raw = (event.payload ?? event.text ?? "").trim();
    const activeFlow = conv.flow ? flows.get(conv.flow) : undefined;

    if (event.text) {
      const danger = detectDanger(event.text);
      if (danger) {
        await openHandover(tx, conv.id, "danger", danger.severity, danger.category);
        const replies = dangerAnswer(conv, danger, content, t);
        return { replies: activeFlow ? [...replies, ...repeatStep(activeFlow, ctx)] : replies };
      }
    }
    if (conv.handledBy === "human") return { replies: [] };

    const lang = LANGUAGE_PAYLOAD.exec(raw)?.[1];
    const command: Command | null = lang ? { language: lang } : parseCommand(raw);
    if (command) {
      const handled = await onCommand(command, ctx);
      if (handled) return handled;
    }
    if (event.kind === "location" && event.location) {
      const near = nearestAnswer(conv, event.location.lat, event.location.lng, content, t);
      return { replies: near.replies, conversation: { ...(near.areaCode ? { areaCode: near.areaCode } : {}), ...endFlow() } };
    }
    if (activeFlow && (event.kind === "text" || event.kind === "postback")) {
      const resumed = conv.lastInboundAt && now.getTime() - conv.lastInboundAt.getTime() > RESUME_AFTER_MS;
      const out = await continueFlow(activeFlow, { raw, folded: fold(raw) }, ctx);
      const lead = resumed ? [replyTo(conv, t("help:flow.resume"))] : [];
      return { replies: [...lead, ...out.replies], conversation: out.conversation };
    }
    if (event.kind === "follow" || event.kind === "referral" || raw === "GET_STARTED") {
      return { replies: [mainMenu(conv, t, t("greeting"))] };
    }
    if (event.kind === "text" || event.kind === "postback") {
      const choice = menuChoice(raw);
      if (choice) return (await onCommand(MENU_COMMANDS[choice], ctx))!;
      const topic = matchTopic(raw, content.topics);
      if (topic) return { replies: topicMessages(conv, topic, t) };
    }
    return { replies: [mainMenu(conv, t, t("notUnderstood"))] };
  };

  const onCommand = async (command: Command, ctx: FlowContext): Promise<BotResult | null> => {
    const { conv, t, tx } = ctx;
    const activeFlow = conv.flow ? flows.get(conv.flow) : undefined;
    if (typeof command === "object") {
      if (!availableLanguages().includes(command.language)) return null;
      const tl = translator(command.language);
      return { replies: [mainMenu({ ...conv, language: command.language }, tl, tl("language.changed"))], conversation: { language: command.language } };
    }
    switch (command) {
      case "forget":
        await forgetUser(tx, conv.channel, conv.userId);
        return { replies: [replyTo(conv, t("help:privacy.deleted"))], forgotten: true };
      case "exit":
        return { replies: [replyTo(conv, t("help:exit"))], conversation: endFlow() };
      case "menu":
      case "greeting":
        return { replies: [mainMenu(conv, t, command === "greeting" ? t("greeting") : undefined)], conversation: endFlow() };
      case "cancel":
        return { replies: [mainMenu(conv, t, activeFlow ? t("help:flow.cancelled") : undefined)], conversation: endFlow() };
      case "back":
        if (!activeFlow) return { replies: [mainMenu(conv, t)] };
        return toResult(back(activeFlow, ctx));
      case "human":
        return { replies: await requestHuman(tx, conv, content, t), conversation: endFlow() };
      case "hotlines":
        return { replies: hotlinesAnswer(conv, content.hotlines, t), conversation: endFlow() };
      case "addresses":
        return toResult(startFlow(flows.get("addresses")!, ctx));
      case "topics":
        return toResult(startFlow(flows.get("topics")!, ctx));
      case "language":
        return {
          replies: [
            replyTo(
              conv,
              t("language.prompt"),
              availableLanguages().map((l) => ({ kind: "reply" as const, title: translator(l)("languageName"), payload: `LANG_${l}` })),
            ),
          ],
          conversation: endFlow(),
        };
    }
  };

  return async (turn) => withPrivacyNotice(turn, await respond(turn), content.retentionDays);
}

const MENU_COMMANDS = {
  MENU_HOTLINES: "hotlines",
  MENU_ADDRESSES: "addresses",
  MENU_TOPICS: "topics",
  MENU_HUMAN: "human",
  MENU_LANGUAGE: "language",
} as const satisfies Record<string, Command>;

function toResult(out: { replies: OutboundMessage[]; conversation: ConversationPatch }): BotResult {
  return { replies: out.replies, conversation: out.conversation };
}

/** The first answer a person gets also says how the conversation is kept and how to delete it. */
function withPrivacyNotice(turn: BotTurn, result: BotResult, days: number): BotResult {
  const conv = turn.conversation;
  if (result.forgotten || conv.privacyNoticeAt || result.replies.length === 0) return result;
  const language = result.conversation?.language ?? conv.language;
  const notice = replyTo(conv, translator(language)("help:privacy.notice", { days }));
  return { ...result, replies: [...result.replies, notice], conversation: { ...result.conversation, privacyNoticeAt: turn.now } };
}
