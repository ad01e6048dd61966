// Finding a trusted address (địa chỉ tin cậy): province → commune by number or typed name
// (new or old names, with or without tones, one typo forgiven), a short choice list when a
// name fits several communes (an old district now split, the same name in two provinces),
// or a shared location → the nearest ones, never further than NEAREST_MAX_KM.
import { findCommune, findProvince, listCommunes, listProvinces, type Commune, type CommuneMatch } from "../../areas/index.js";
import { replyTo } from "../../core/reply.js";
import type { ConversationRecord } from "../../core/conversation.js";
import type { OutboundMessage } from "../../core/messages.js";
import { addressesInCommune, nearestAddresses } from "../../addresses/trusted-addresses.js";
import type { Flow, FlowContext, StepResult } from "../machine.js";
import { addressAnswer } from "./address-answer.js";
import { provinceHotlineAnswer } from "./province-hotlines.js";
import type { HelpContent } from "./content.js";
import { numbered, pickNumber } from "./numbered.js";

interface AddressData {
  provinceCode?: string;
  /** Codes offered in the last choice list, in order. */
  choices?: string[];
}

/** A person sharing a location is assumed to be in the nearest commune within this distance. */
const SAME_AREA_KM = 25;
/** A province with more communes than this is asked to type the name: a phone cannot show the list. */
const MAX_LISTED_COMMUNES = 20;

export function addressesFlow(content: HelpContent): Flow<AddressData> {
  const opts = { areas: content.areas };
  const visible = () => content.addresses().filter((a) => content.includeSample || !a.isSample);
  const answer = (ctx: FlowContext, commune: Commune, mergedFrom?: string): StepResult<AddressData> => {
    const lead = mergedFrom ? [ctx.t("help:addresses.merged", { old: mergedFrom, commune: commune.name })] : [];
    const rows = addressesInCommune(commune.code, visible());
    const title = ctx.t("help:addresses.resultTitle", { commune: commune.name });
    const reply = rows.length > 0 ? addressAnswer(ctx.conv, rows, title, ctx.t, lead) : provinceHotlineAnswer(ctx.conv, commune.provinceCode, content, ctx.t, [...lead, ctx.t("help:addresses.noneInCommune", { commune: commune.name })]);
    return { done: [reply], patch: { provinceCode: commune.provinceCode, communeCode: commune.code } };
  };
  const fromMatch = (ctx: FlowContext, match: CommuneMatch): StepResult<AddressData> => {
    if (match.others.length === 0) return answer(ctx, match.commune, match.mergedFrom);
    const choices = [match.commune, ...match.others];
    return { next: "choose", data: { provinceCode: match.commune.provinceCode, choices: choices.map((c) => c.code) } };
  };
  const byName = (ctx: FlowContext, query: string, provinceCode?: string): StepResult<AddressData> | null => {
    const match = findCommune(query, { ...opts, ...(provinceCode ? { provinceCode } : {}) });
    return match ? fromMatch(ctx, match) : null;
  };
  const label = (c: Commune) => `${c.name} (${content.areas.provincesByCode.get(c.provinceCode)?.name ?? c.provinceCode})`;
  return {
    id: "addresses",
    start: "province",
    init: (ctx) => (ctx.conv.provinceCode ? { provinceCode: ctx.conv.provinceCode } : {}),
    steps: {
      province: {
        prompt: (ctx) => [numbered(ctx.conv, ctx.t("help:addresses.chooseProvince"), listProvinces(opts).filter((p) => p.project8).map((p) => p.name), ctx.t)],
        handle: (input, ctx) => {
          const picked = pickNumber(input.raw, listProvinces(opts).filter((p) => p.project8)) ?? findProvince(input.raw, opts);
          if (picked) return { next: "commune", data: { provinceCode: picked.code } };
          return byName(ctx, input.raw) ?? { reprompt: "help:addresses.wrongProvince" };
        },
      },
      commune: {
        prompt: (ctx, data) => {
          const communes = listCommunes(data.provinceCode ?? "", opts);
          const province = content.areas.provincesByCode.get(data.provinceCode ?? "");
          if (communes.length > MAX_LISTED_COMMUNES) return [replyTo(ctx.conv, ctx.t("help:addresses.typeCommune", { province: province?.name ?? "" }))];
          return [numbered(ctx.conv, ctx.t("help:addresses.chooseCommune"), communes.map((c) => c.name), ctx.t)];
        },
        handle: (input, ctx, data) => {
          const communes = listCommunes(data.provinceCode ?? "", opts);
          const picked = communes.length <= MAX_LISTED_COMMUNES ? pickNumber(input.raw, communes) : undefined;
          if (picked) return answer(ctx, picked);
          const province = findProvince(input.raw, opts);
          if (province && province.code !== data.provinceCode && !findCommune(input.raw, { ...opts, provinceCode: data.provinceCode })) return { next: "commune", data: { provinceCode: province.code } };
          return byName(ctx, input.raw, data.provinceCode) ?? byName(ctx, input.raw) ?? { reprompt: "help:addresses.wrongCommune", vars: { query: input.raw.slice(0, 40) } };
        },
      },
      choose: {
        prompt: (ctx, data) => {
          const choices = (data.choices ?? []).map((code) => content.areas.communesByCode.get(code)).filter((c): c is Commune => c !== undefined);
          const oneProvince = new Set(choices.map((c) => c.provinceCode)).size === 1;
          return [numbered(ctx.conv, ctx.t("help:addresses.chooseAmong"), choices.map((c) => (oneProvince ? c.name : label(c))), ctx.t)];
        },
        handle: (input, ctx, data) => {
          const choices = (data.choices ?? []).map((code) => content.areas.communesByCode.get(code)).filter((c): c is Commune => c !== undefined);
          const picked = pickNumber(input.raw, choices);
          if (picked) return answer(ctx, picked);
          // A name typed instead of a number: among the choices first, then anywhere.
          const match = findCommune(input.raw, opts);
          const among = match && choices.find((c) => c.code === match.commune.code);
          if (among) return answer(ctx, among, match.mergedFrom);
          return byName(ctx, input.raw) ?? { reprompt: "help:addresses.wrongChoice" };
        },
      },
    },
  };
}

export interface NearestResult {
  replies: OutboundMessage[];
  provinceCode: string | null;
  communeCode: string | null;
}

/**
 * A shared location: the nearest trusted addresses within `maxKm` (straight line). None that
 * close: say so, and give the hotlines of the conversation's province (or the national ones).
 */
export function nearestAnswer(conv: ConversationRecord, lat: number, lng: number, content: HelpContent, t: FlowContext["t"]): NearestResult {
  const candidates = content.addresses().filter((a) => content.includeSample || !a.isSample);
  const rows = nearestAddresses(lat, lng, 3, candidates).filter((r) => r.distanceKm <= content.nearestMaxKm);
  if (rows.length === 0) {
    return { replies: [provinceHotlineAnswer(conv, conv.provinceCode, content, t, [t("help:addresses.noneNear", { km: content.nearestMaxKm })])], provinceCode: null, communeCode: null };
  }
  const near = rows[0]!.distanceKm <= SAME_AREA_KM ? rows[0]! : null;
  return { replies: [addressAnswer(conv, rows, t("help:addresses.nearestTitle"), t)], provinceCode: near?.provinceCode ?? null, communeCode: near?.communeCode ?? null };
}
