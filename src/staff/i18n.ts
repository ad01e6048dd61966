// Staff pages are Vietnamese first; ?lang=en (remembered in a cookie) switches to English.
import type { Request } from "express";
import { translator, type Translate } from "../i18n.js";
import { cookieValue } from "./auth/sessions.js";

export const LANG_COOKIE = "ct_lang";

export function staffLang(req: Request): "vi" | "en" {
  const q = typeof req.query.lang === "string" ? req.query.lang : undefined;
  const chosen = q ?? cookieValue(req.headers.cookie, LANG_COOKIE);
  return chosen === "en" ? "en" : "vi";
}

/** Each console section keeps its words in its own namespace file (locales/<lang>/<ns>.json). */
export function staffT(lang: string, ns = "staff"): Translate {
  const t = translator(lang);
  return (key, vars) => t(key.includes(":") ? key : `${ns}:${key}`, vars);
}
