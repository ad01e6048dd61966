// Builds the webhook request a platform would send for what the simulated person did,
// and signs the exact bytes the way that platform does, so the bot's real verification,
// parsing and storage run for simulator traffic too.
import { createHash, createHmac, randomBytes } from "node:crypto";
import type { Config } from "../config.js";
import type { ChipVia, SimChannel } from "./transcript.js";
import { zaloSettings } from "../channels/zalo/config.js";
import { messengerSettings } from "../channels/messenger/config.js";

export type SimAction =
  | { type: "text"; text: string }
  | { type: "tap"; title: string; payload: string; via: ChipVia }
  | { type: "location"; lat: number; lng: number }
  | { type: "sticker" };

export interface SignedWebhook {
  path: string;
  headers: Record<string, string>;
  rawBody: string;
}

// A sticker both platforms know (Zalo's sample sticker, Messenger's thumbs-up).
const ZALO_STICKER = { id: "bfe458bf64fa8da4d4eb", url: "https://zalo-api.zadn.vn/api/emoticon/sticker/webpc?eid=46991&size=130" };
const MESSENGER_STICKER = { sticker_id: 369239263222822, url: "https://scontent.xx.fbcdn.net/v/t39.1997-6/39178562_1505197616293642_5411344281094848512_n.png" };

export function buildWebhook(channel: SimChannel, config: Config, userId: string, action: SimAction, now = Date.now()): SignedWebhook {
  return channel === "zalo" ? zaloWebhook(config, userId, action, now) : messengerWebhook(config, userId, action, now);
}

function zaloWebhook(config: Config, userId: string, action: SimAction, now: number): SignedWebhook {
  const appId = zaloSettings(config).ZALO_APP_ID ?? "";
  const timestamp = String(now);
  const msgId = randomBytes(10).toString("hex");
  let eventName: string;
  let message: Record<string, unknown>;
  switch (action.type) {
    case "text":
      eventName = "user_send_text";
      message = { text: action.text, msg_id: msgId };
      break;
    case "tap":
      // Zalo's oa.query buttons come back as the person's text carrying the button payload.
      eventName = "user_send_text";
      message = { text: action.payload, msg_id: msgId };
      break;
    case "location":
      eventName = "user_send_location";
      message = {
        attachments: [{ payload: { coordinates: { latitude: String(action.lat), longitude: String(action.lng) } }, type: "location" }],
        msg_id: msgId,
      };
      break;
    case "sticker":
      eventName = "user_send_sticker";
      message = { msg_id: msgId, attachments: [{ type: "sticker", payload: ZALO_STICKER }] };
      break;
  }
  const body = {
    event_name: eventName,
    app_id: appId,
    sender: { id: userId },
    recipient: { id: zaloSettings(config).ZALO_OA_ID ?? "" },
    message,
    timestamp,
    user_id_by_app: `app-${userId}`,
  };
  const rawBody = JSON.stringify(body);
  // mac = sha256(appId + body + timestamp + OA secret key), plain digest (docs/reference/platforms/zalo.md §2.1).
  const mac = createHash("sha256").update(appId + rawBody + timestamp + (zaloSettings(config).ZALO_OA_SECRET_KEY ?? "")).digest("hex");
  return { path: "/webhooks/zalo", headers: { "content-type": "application/json", "x-zevent-signature": `mac=${mac}` }, rawBody };
}

function messengerWebhook(config: Config, userId: string, action: SimAction, now: number): SignedWebhook {
  const pageId = messengerSettings(config).MESSENGER_PAGE_ID ?? "sim-page";
  const mid = `m_${randomBytes(16).toString("hex")}`;
  const event: Record<string, unknown> = { sender: { id: userId }, recipient: { id: pageId }, timestamp: now };
  switch (action.type) {
    case "text":
      event.message = { mid, text: action.text };
      break;
    case "tap":
      if (action.via === "postback") event.postback = { mid, title: action.title, payload: action.payload };
      else event.message = { mid, text: action.title, quick_reply: { payload: action.payload } };
      break;
    case "location":
      event.message = { mid, attachments: [{ type: "location", payload: { coordinates: { lat: action.lat, long: action.lng } } }] };
      break;
    case "sticker":
      event.message = { mid, sticker_id: MESSENGER_STICKER.sticker_id, attachments: [{ type: "image", payload: MESSENGER_STICKER }] };
      break;
  }
  const rawBody = JSON.stringify({ object: "page", entry: [{ id: pageId, time: now, messaging: [event] }] });
  const hmac = createHmac("sha256", messengerSettings(config).MESSENGER_APP_SECRET ?? "").update(rawBody).digest("hex");
  return { path: "/webhooks/messenger", headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${hmac}` }, rawBody };
}
