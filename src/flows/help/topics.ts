// Awareness topics: a numbered list, then the chosen topic's few short messages
// (≤ 3 screens on a cheap phone), in the person's language or whole in Vietnamese.
import { replyTo } from "../../core/reply.js";
import type { ConversationRecord } from "../../core/conversation.js";
import type { OutboundMessage } from "../../core/messages.js";
import { topicText, type Topic } from "../../content/topics.js";
import type { Translate } from "../../i18n.js";
import type { Flow } from "../machine.js";
import type { HelpContent } from "./content.js";
import { numbered, pickNumber } from "./numbered.js";

export function topicMessages(conv: ConversationRecord, topic: Topic, t: Translate): OutboundMessage[] {
  const text = topicText(topic, conv.language);
  const [first, ...rest] = text.messages;
  return [
    replyTo(conv, first ? `${text.title}\n${first.text}` : text.title),
    ...rest.map((m) => replyTo(conv, m.text)),
    replyTo(conv, t("help:topics.more")),
  ];
}

export function topicsFlow(content: HelpContent): Flow<Record<string, never>> {
  return {
    id: "topics",
    start: "choose",
    init: () => ({}),
    steps: {
      choose: {
        prompt: (ctx) => [
          numbered(ctx.conv, ctx.t("help:topics.choose"), content.topics.map((tp) => topicText(tp, ctx.conv.language).title), ctx.t),
        ],
        handle: (input, ctx) => {
          const topic = pickNumber(input.raw, content.topics);
          return topic ? { done: topicMessages(ctx.conv, topic, ctx.t) } : { reprompt: "help:topics.wrong" };
        },
      },
    },
  };
}
