// The add-account form: checked field by field, each problem named by its field, and what
// was typed kept for the re-shown form (secrets too: the admin's own input, never logged).
import type { ChannelSettings, Config } from "../../config.js";
import { defaultAreas } from "../../areas/index.js";
import { credentialFields } from "../../accounts/store.js";

export type AccountProblem = { field: string; code: string; vars?: Record<string, string> };

export interface AddForm {
  platform: string;
  external_id: string;
  name: string;
  province_code: string;
  credentials: Record<string, string>;
}

export function readAddForm(body: Record<string, unknown>, platforms: readonly ChannelSettings[]): AddForm {
  const v = (k: string) => (typeof body[k] === "string" ? (body[k] as string).trim() : "");
  const platform = platforms.find((p) => p.id === v("platform"))?.id ?? "";
  const settings = platforms.find((p) => p.id === platform);
  const credentials = Object.fromEntries((settings ? credentialFields(settings) : []).map((f) => [f, v(f)]).filter(([, value]) => value !== ""));
  return { platform, external_id: v("external_id"), name: v("name"), province_code: v("province_code"), credentials };
}

/** Problems with the form; an empty list means it may be created. */
export function checkAddForm(f: AddForm, platforms: readonly ChannelSettings[], config: Config): AccountProblem[] {
  const problems: AccountProblem[] = [];
  const settings = platforms.find((p) => p.id === f.platform);
  if (!settings) return [{ field: "platform", code: "required" }];
  if (f.external_id === "") problems.push({ field: "external_id", code: "required" });
  else if (!/^[0-9A-Za-z_]{1,64}$/.test(f.external_id)) problems.push({ field: "external_id", code: "format" });
  if (f.name === "") problems.push({ field: "name", code: "required" });
  else if (f.name.length > 100) problems.push({ field: "name", code: "tooLong" });
  if (f.province_code !== "" && !defaultAreas().provincesByCode.has(f.province_code)) problems.push({ field: "province_code", code: "unknownProvince" });
  // The channel must be able to run: the account's own values over the server's.
  const env = (config.channels[settings.id] ?? {}) as Record<string, unknown>;
  const merged = { ...env, ...f.credentials, [settings.accountIdSetting]: f.external_id };
  if (!settings.enabled(merged)) {
    const missing = credentialFields(settings).find((c) => merged[c] === undefined || merged[c] === "");
    problems.push({ field: missing ?? "credentials", code: "missingCredential" });
  }
  for (const [k, value] of Object.entries(f.credentials)) if (value.length > 2000) problems.push({ field: k, code: "tooLong" });
  return problems;
}
