// i18next over locales/<lang>/<namespace>.json. Vietnamese is the fallback for every
// missing key: a missing translation shows Vietnamese, never a guess.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import i18next, { type i18n, type Resource, type TOptions } from "i18next";

export const LOCALES_DIR = resolve(import.meta.dirname, "../locales");
export const FALLBACK_LANGUAGE = "vi";

function loadResources(dir: string): Resource {
  const resources: Resource = {};
  for (const lang of readdirSync(dir)) {
    if (!statSync(join(dir, lang)).isDirectory()) continue;
    for (const file of readdirSync(join(dir, lang)).filter((f) => f.endsWith(".json"))) {
      (resources[lang] ??= {})[file.replace(/\.json$/, "")] = JSON.parse(readFileSync(join(dir, lang, file), "utf8"));
    }
  }
  return resources;
}

let instance: i18n | null = null;

export function i18n(dir = LOCALES_DIR): i18n {
  if (instance) return instance;
  const resources = loadResources(dir);
  const inst = i18next.createInstance();
  void inst.init({
    resources,
    lng: FALLBACK_LANGUAGE,
    fallbackLng: FALLBACK_LANGUAGE,
    ns: Object.keys(resources[FALLBACK_LANGUAGE] ?? { bot: {} }),
    defaultNS: "bot",
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  instance = inst;
  return inst;
}

/** Languages a user may choose: those with at least one resource file. */
export function availableLanguages(): string[] {
  return Object.keys(i18n().options.resources ?? {}).sort((a, b) => (a === "vi" ? -1 : b === "vi" ? 1 : a.localeCompare(b)));
}

export type Translate = (key: string, vars?: TOptions) => string;

export function translator(lang: string): Translate {
  const fixed = i18n().getFixedT(lang);
  return (key, vars) => String(fixed(key, vars ?? {}));
}
