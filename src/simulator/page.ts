// GET /simulator: one small HTML page, rendered here with every visible word taken from
// locales/<lang>/simulator.json. The script (assets/chat.js) gets the few words it needs
// as a JSON block, so it holds no user-facing text either.
import { i18n } from "../i18n.js";

const NS = "simulator";
/** Words the browser script uses when it draws messages. */
const CLIENT_KEYS = ["you", "bot", "empty", "locationShown", "stickerShown", "failed", "badLocation"] as const;

export function pageLanguage(requested: unknown): string {
  const inst = i18n();
  const lang = typeof requested === "string" ? requested : "vi";
  return inst.hasResourceBundle(lang, NS) ? lang : "vi";
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function renderPage(lang: string): string {
  const fixed = i18n().getFixedT(lang, NS);
  const t = (key: string) => esc(String(fixed(key)));
  const other = lang === "vi" ? "en" : "vi";
  const client = Object.fromEntries(CLIENT_KEYS.map((k) => [k, String(fixed(k))]));
  // "<" escaped so no text can close the script element early.
  const clientJson = JSON.stringify(client).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t("pageTitle")}</title>
<link rel="stylesheet" href="/simulator/assets/chat.css">
</head>
<body>
<header class="top">
  <h1>${t("heading")}</h1>
  <a class="lang" href="/simulator?lang=${other}" hreflang="${other}">${t("switchLanguage")}</a>
</header>
<p class="intro">${t("intro")}</p>
<form id="who" class="who" autocomplete="off">
  <fieldset class="channels">
    <legend>${t("channelLabel")}</legend>
    <label><input type="radio" name="channel" value="zalo" checked> ${t("channelZalo")}</label>
    <label><input type="radio" name="channel" value="messenger"> ${t("channelMessenger")}</label>
  </fieldset>
  <label class="user">${t("userIdLabel")} <input id="user-id" name="userId" inputmode="numeric" pattern="[A-Za-z0-9_-]{1,64}" maxlength="64"></label>
  <button type="button" id="new-user">${t("newUser")}</button>
</form>
<main id="chat" class="chat" aria-live="polite" aria-label="${t("conversationLabel")}"></main>
<form id="composer" class="composer" autocomplete="off">
  <input id="text" name="text" maxlength="2000" placeholder="${t("messagePlaceholder")}" aria-label="${t("messagePlaceholder")}">
  <button type="submit" id="send">${t("send")}</button>
</form>
<details class="more">
  <summary>${t("more")}</summary>
  <form id="location" class="location" autocomplete="off">
    <label>${t("latitude")} <input id="lat" inputmode="decimal" value="22.8233"></label>
    <label>${t("longitude")} <input id="lng" inputmode="decimal" value="104.9836"></label>
    <button type="submit">${t("sendLocation")}</button>
  </form>
  <button type="button" id="sticker">${t("sendSticker")}</button>
</details>
<footer>${t("footer")}</footer>
<script type="application/json" id="sim-strings">${clientJson}</script>
<script src="/simulator/assets/chat.js" defer></script>
</body>
</html>
`;
}
