// What a campaign sends: one or more messages, each an awareness topic from content/topics
// (its title and first message in the person's language, with a button to read the rest) or
// text staff typed per language (Vietnamese required: the fallback for every other language,
// never a guessed translation). Optional quick-reply buttons go on the last message, and the
// last message always ends with how to stop campaign messages.
import { defaultTopics, topicText, type Topic } from "../content/topics.js";
import type { Choice } from "../core/messages.js";

export interface CampaignMessage {
  /** An awareness topic id (content/topics/<id>.yaml). */
  topic?: string;
  /** Typed text per language; `vi` is required when there is no topic. */
  vi?: string;
  en?: string;
  [lang: string]: string | string[] | undefined;
}

export interface CampaignContent {
  messages: CampaignMessage[];
  /** Quick-reply labels (≤ 3, ≤ 20 characters: Messenger's quick-reply title limit); tapping one is typing it. */
  buttons: string[];
}

/** Every campaign message ends with how to stop them (broadcast-policy.md §3). */
export const STOP_LINE = "Nhắn DỪNG để không nhận tin nữa.";
export const MAX_BUTTONS = 3;
export const MAX_BUTTON_CHARS = 20;
export const MAX_CAMPAIGN_MESSAGES = 3;

/** Reads the stored JSON; campaigns made before buttons existed stored the bare message list. */
export function parseContent(json: string): CampaignContent {
  const v = JSON.parse(json) as CampaignMessage[] | CampaignContent;
  return Array.isArray(v) ? { messages: v, buttons: [] } : { messages: v.messages ?? [], buttons: v.buttons ?? [] };
}

export interface RenderedCampaign {
  texts: string[];
  choices: Choice[];
}

function topicById(id: string, topics: Topic[]): Topic | undefined {
  return topics.find((t) => t.id === id);
}

/** The campaign in one person's language: the texts in order, the stop line on the last, and its buttons. */
export function renderCampaign(content: CampaignContent, language: string, topics: Topic[] = defaultTopics()): RenderedCampaign {
  const texts: string[] = [];
  const choices: Choice[] = [];
  for (const m of content.messages) {
    if (m.topic) {
      const topic = topicById(m.topic, topics);
      if (!topic) continue; // checked at creation; a topic removed from content/ later is left out, not guessed
      const tt = topicText(topic, language);
      texts.push(`${tt.title}\n\n${tt.messages[0]!.text}`);
      // Tapping it is typing the topic's first keyword: the bot answers with the whole topic.
      if (topic.messages.length > 1) choices.push({ kind: "reply", title: language === "en" ? "Read more" : "Xem thêm", payload: topic.keywords.vi[0]! });
    } else {
      const own = m[language];
      texts.push(typeof own === "string" && own !== "" ? own : (m.vi ?? ""));
    }
  }
  if (texts.length === 0) texts.push("");
  texts[texts.length - 1] = `${texts[texts.length - 1]}\n\n${STOP_LINE}`.trim();
  for (const b of content.buttons) if (choices.length < MAX_BUTTONS) choices.push({ kind: "reply", title: b, payload: b });
  return { texts, choices };
}

/** The first text in Vietnamese: what a list or an audit line shows. */
export function campaignSummary(content: CampaignContent, topics: Topic[] = defaultTopics()): string {
  const m = content.messages[0];
  if (!m) return "";
  if (m.topic) return topicById(m.topic, topics)?.title.vi ?? m.topic;
  return m.vi ?? "";
}
