// What each word that works anywhere does (see commands.ts for how they are recognised).
import type { BotResult } from "../core/bot.js";
import type { ConversationPatch } from "../core/conversation.js";
import type { OutboundMessage } from "../core/messages.js";
import { forgetUser } from "../privacy/forget.js";
import { back, endFlow, startFlow, type Flow, type FlowContext } from "../flows/machine.js";
import type { HelpContent } from "../flows/help/content.js";
import { hotlinesAnswer } from "../flows/help/hotlines.js";
import { requestHuman } from "../flows/help/human.js";
import type { Command } from "./commands.js";
import { availableLanguages, translator } from "../i18n.js";
import { mainMenu } from "./menu.js";
import { replyTo } from "../core/reply.js";

export type FlowMap = Map<string, Flow<any>>;

export async function onCommand(command: Command, ctx: FlowContext, flows: FlowMap, content: HelpContent): Promise<BotResult | null> {
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
      return activeFlow ? toResult(back(activeFlow, ctx)) : { replies: [mainMenu(conv, t)] };
    case "human":
      // A form in progress is kept: the person can come back to it after talking to staff.
      return { replies: await requestHuman(tx, conv, content, t) };
    case "hotlines":
      return { replies: hotlinesAnswer(conv, content.hotlines, t), conversation: endFlow() };
    case "addresses":
      // The province is known (named before, or the channel account's area): ask for the commune.
      return toResult(startFlow(flows.get("addresses")!, ctx, [], undefined, ctx.conv.provinceCode ? "commune" : undefined));
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
}

export function toResult(out: { replies: OutboundMessage[]; conversation: ConversationPatch }): BotResult {
  return { replies: out.replies, conversation: out.conversation };
}
