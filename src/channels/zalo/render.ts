// OutboundMessage → bodies for POST {ZALO_API_BASE}/v3.0/oa/message/cs (docs/reference/platforms/zalo.md §3).
//
// Buttons use the shape Zalo's own PHP SDK builds for a text message with buttons
// (MessageBuilder 'text'): message.text + attachment {type:"template", payload:{buttons}}.
// UNCONFIRMED against the live v3 cs API: the button count limit (the SDK caps at
// MAX_ELEMENT = 5), the button title limit (we assume 100), and whether the 2,000-character
// text limit also holds when buttons are attached. When a menu does not fit, it degrades
// to a numbered list, which the bot understands by digit.
import type { RenderedPart } from "../../core/channel.js";
import type { Choice, OutboundMessage } from "../../core/messages.js";
import { splitText } from "../shared/split-text.js";

export const TEXT_LIMIT = 2000;
export const MAX_BUTTONS = 5;
export const BUTTON_TITLE_LIMIT = 100;

/**
 * "oa.query.hide" rather than "oa.query.show": both send the payload back as the user's text
 * (a user_send_text event), but "show" also prints it in the chat as if the person had typed
 * it — a machine word like MENU_HOTLINES. Hidden, the person sees only the bot's answer, and
 * the payload reaches the bot's menuChoice() exactly as a Messenger postback would.
 */
export const QUERY_ACTION = "oa.query.hide";

export interface ZaloButton {
  title: string;
  type: "oa.query.hide" | "oa.query.show" | "oa.open.phone" | "oa.open.url";
  payload: string | { phone_code: string } | { url: string };
}

export interface ZaloMessageBody {
  recipient: { user_id: string };
  message: { text: string; attachment?: { type: "template"; payload: { buttons: ZaloButton[] } } };
}

export function renderZalo(msg: OutboundMessage): RenderedPart[] {
  const choices = (msg.choices ?? []).map((c) => ({ ...c, title: c.title.normalize("NFC").trim() }));
  const buttons = choices.length > 0 && fitsAsButtons(choices) ? choices.map(toButton) : undefined;
  let text = msg.text.normalize("NFC");
  if (choices.length > 0 && !buttons) text = withNumberedList(text, choices, msg.choicesHint?.normalize("NFC"));
  const chunks = splitText(text, TEXT_LIMIT);
  if (chunks.length === 0 && buttons) chunks.push(choices.map((c) => c.title).join(" / "));
  return chunks.map((chunk, i) => {
    const last = i === chunks.length - 1;
    const body: ZaloMessageBody = {
      recipient: { user_id: msg.recipientId },
      message: {
        text: chunk,
        ...(last && buttons ? { attachment: { type: "template" as const, payload: { buttons } } } : {}),
      },
    };
    return { recipientId: msg.recipientId, body };
  });
}

function fitsAsButtons(choices: Choice[]): boolean {
  return choices.length <= MAX_BUTTONS && choices.every((c) => c.title.length > 0 && c.title.length <= BUTTON_TITLE_LIMIT);
}

function toButton(c: Choice): ZaloButton {
  switch (c.kind) {
    case "reply":
      return { title: c.title, type: QUERY_ACTION, payload: c.payload };
    case "call":
      return { title: c.title, type: "oa.open.phone", payload: { phone_code: c.phone } };
    case "url":
      return { title: c.title, type: "oa.open.url", payload: { url: c.url } };
  }
}

/** "1. Title" lines; a call or link choice shows its number or address, since nothing can be tapped. */
function withNumberedList(text: string, choices: Choice[], hint: string | undefined): string {
  const lines = choices.map((c, i) => {
    const target = c.kind === "call" ? `: ${c.phone}` : c.kind === "url" ? `: ${c.url}` : "";
    return `${i + 1}. ${c.title}${target}`;
  });
  return [text.trimEnd(), lines.join("\n"), hint].filter((s) => s && s.length > 0).join("\n\n");
}

/** The words of a body renderZalo made (staff transcript): Zalo carries them in message.text. */
export function zaloBodyText(body: unknown): string | undefined {
  const text = (body as { message?: { text?: unknown } } | undefined)?.message?.text;
  return typeof text === "string" ? text : undefined;
}
