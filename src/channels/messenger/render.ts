// OutboundMessage → Send API request bodies (docs/reference/platforms/messenger.md §3). Long text becomes
// several messages; choices become quick replies (all "reply") or a button template (calls,
// links, ≤ 3); anything over the limits becomes a numbered list the person answers by typing.
// The only words added here come from the message itself (choicesHint, titles).
import type { RenderedPart } from "../../core/channel.js";
import type { Choice, OutboundMessage } from "../../core/messages.js";
import { splitText } from "../shared/split-text.js";

/** Meta's text limit is 2000 (UNCONFIRMED; failures reported above 1994): keep a margin. */
export const TEXT_MAX = 1900;
export const QUICK_REPLY_MAX = 13;
export const BUTTON_MAX = 3;
/** Button template text (N/send-messages/template/button). */
export const BUTTON_TEXT_MAX = 640;
/** Quick reply and button titles (N/send-messages/quick-replies, buttons/call). */
export const TITLE_MAX = 20;
export const PAYLOAD_MAX = 1000;

type Plan = "none" | "quick_replies" | "buttons" | "list";

export function renderMessenger(msg: OutboundMessage): RenderedPart[] {
  const choices = msg.choices ?? [];
  let plan = planFor(choices);
  let text = msg.text.trim();
  // Quick replies and templates need text above them; without any, say it as a list.
  if (text === "" && plan !== "none") text = msg.choicesHint?.trim() ?? "";
  if (text === "" && plan !== "none") plan = "list";
  if (plan === "list") text = withNumberedList(text, choices, msg.choicesHint);

  const chunks = splitText(text, TEXT_MAX);
  if (plan === "buttons" && chunks.length > 0) chunks.push(...splitText(chunks.pop()!, BUTTON_TEXT_MAX));
  const envelope = sendEnvelope(msg);
  return chunks.map((chunk, i) => {
    const last = i === chunks.length - 1;
    let message: unknown = { text: chunk };
    if (last && plan === "quick_replies") message = { text: chunk, quick_replies: choices.map(quickReply) };
    if (last && plan === "buttons") {
      message = { attachment: { type: "template", payload: { template_type: "button", text: chunk, buttons: choices.map(button) } } };
    }
    return { recipientId: msg.recipientId, body: { ...envelope, message } };
  });
}

/** RESPONSE inside the 24 h window; a staff reply uses the HUMAN_AGENT tag (7 days). */
function sendEnvelope(msg: OutboundMessage): Record<string, unknown> {
  const recipient = { id: msg.recipientId };
  if (msg.purpose === "human_agent") return { recipient, messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" };
  // Reminders and broadcasts are not answers to a message: UPDATE is Meta's type for them.
  if (msg.purpose === "reminder" || msg.purpose === "broadcast") return { recipient, messaging_type: "UPDATE" };
  return { recipient, messaging_type: "RESPONSE" };
}

function planFor(choices: Choice[]): Plan {
  if (choices.length === 0) return "none";
  if (!choices.every(fitsButtonTitle)) return "list";
  if (choices.every((c) => c.kind === "reply")) {
    return choices.length <= QUICK_REPLY_MAX && choices.every(fitsButton) ? "quick_replies" : "list";
  }
  if (choices.length <= BUTTON_MAX && choices.every(fitsButton)) return "buttons";
  return "list";
}

function fitsButtonTitle(c: Choice): boolean {
  const n = [...c.title.trim()].length;
  return n > 0 && n <= TITLE_MAX;
}

function fitsButton(c: Choice): boolean {
  if (c.kind === "reply") return c.payload.length > 0 && c.payload.length <= PAYLOAD_MAX;
  if (c.kind === "call") return e164(c.phone) !== undefined;
  return /^https?:\/\/\S+$/i.test(c.url) && c.url.length <= 2000;
}

/** Call buttons need "+<country><number>"; short hotlines such as 111 or 113 cannot be buttons. */
export function e164(phone: string): string | undefined {
  const compact = phone.replace(/[\s.()-]/g, "");
  return /^\+[1-9]\d{6,14}$/.test(compact) ? compact : undefined;
}

function quickReply(c: Choice): unknown {
  return { content_type: "text", title: c.title.trim(), payload: c.kind === "reply" ? c.payload : c.title };
}

function button(c: Choice): unknown {
  const title = c.title.trim();
  if (c.kind === "call") return { type: "phone_number", title, payload: e164(c.phone) };
  if (c.kind === "url") return { type: "web_url", title, url: c.url };
  return { type: "postback", title, payload: c.payload };
}

/** "1. Title" lines (with the number or link for calls and links), introduced by the hint. */
function withNumberedList(text: string, choices: Choice[], hint: string | undefined): string {
  const lines = choices.map((c, i) => {
    const target = c.kind === "call" ? `: ${c.phone}` : c.kind === "url" ? `: ${c.url}` : "";
    return `${i + 1}. ${c.title.trim()}${target}`;
  });
  const list = [hint?.trim(), ...lines].filter((l): l is string => Boolean(l)).join("\n");
  return text ? `${text}\n\n${list}` : list;
}

/** The words of a body renderMessenger made: message.text, or the button template's payload.text. */
export function messengerBodyText(body: unknown): string | undefined {
  const m = (body as { message?: { text?: unknown; attachment?: { payload?: { text?: unknown } } } } | undefined)?.message;
  const text = m?.text ?? m?.attachment?.payload?.text;
  return typeof text === "string" ? text : undefined;
}
