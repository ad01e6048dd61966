// Finding a trusted address (địa chỉ tin cậy): province → commune by number or typed name
// (old names and one typo forgiven), or a shared location → the nearest three.
import { findCommune, listCommunes, listProvinces } from "../../areas/index.js";
import { fold } from "../../content/fold.js";
import { replyTo } from "../../core/reply.js";
import type { ConversationRecord } from "../../core/conversation.js";
import type { OutboundMessage } from "../../core/messages.js";
import { addressesInCommune, nearestAddresses } from "../../addresses/trusted-addresses.js";
import type { Flow, FlowContext, StepResult } from "../machine.js";
import { addressAnswer } from "./address-answer.js";
import type { HelpContent } from "./content.js";
import { numbered, pickNumber } from "./numbered.js";

interface AddressData {
  provinceCode?: string;
}

/** A person sharing a location is assumed to be in the nearest commune within this distance. */
const SAME_AREA_KM = 25;

export function addressesFlow(content: HelpContent): Flow<AddressData> {
  const opts = { areas: content.areas, includeSample: content.includeSampleAreas };
  const byCommune = (ctx: FlowContext, query: string, provinceCode?: string): StepResult<AddressData> | null => {
    const match = findCommune(query, { ...opts, ...(provinceCode ? { provinceCode } : {}) });
    if (!match) return null;
    const lead = match.mergedFrom ? [ctx.t("help:addresses.merged", { old: match.mergedFrom, commune: match.commune.name })] : [];
    const rows = addressesInCommune(match.commune.code, content.addresses());
    const title = ctx.t("help:addresses.resultTitle", { commune: match.commune.name });
    return { done: [addressAnswer(ctx.conv, rows, title, ctx.t, lead)], patch: { areaCode: match.commune.code } };
  };
  return {
    id: "addresses",
    start: "province",
    init: () => ({}),
    steps: {
      province: {
        prompt: (ctx) => [numbered(ctx.conv, ctx.t("help:addresses.chooseProvince"), listProvinces(opts).map((p) => p.name), ctx.t)],
        handle: (input, ctx) => {
          const provinces = listProvinces(opts);
          const picked = pickNumber(input.raw, provinces) ?? provinces.find((p) => input.folded.includes(fold(p.name)));
          if (picked) return { next: "commune", data: { provinceCode: picked.code } };
          return byCommune(ctx, input.raw) ?? { reprompt: "help:addresses.wrongProvince" };
        },
      },
      commune: {
        prompt: (ctx, data) => {
          const communes = listCommunes(data.provinceCode ?? "", opts);
          if (communes.length === 0) return [replyTo(ctx.conv, ctx.t("help:addresses.noCommunes"))];
          return [numbered(ctx.conv, ctx.t("help:addresses.chooseCommune"), communes.map((c) => c.name), ctx.t)];
        },
        handle: (input, ctx, data) => {
          const picked = pickNumber(input.raw, listCommunes(data.provinceCode ?? "", opts));
          if (picked) return byCommune(ctx, picked.name, picked.provinceCode)!;
          return byCommune(ctx, input.raw, data.provinceCode) ?? byCommune(ctx, input.raw) ?? { reprompt: "help:addresses.wrongCommune", vars: { query: input.raw.slice(0, 40) } };
        },
      },
    },
  };
}

export function nearestAnswer(conv: ConversationRecord, lat: number, lng: number, content: HelpContent, t: FlowContext["t"]): { replies: OutboundMessage[]; areaCode: string | null } {
  const rows = nearestAddresses(lat, lng, 3, content.addresses());
  const near = rows[0] && rows[0].distanceKm <= SAME_AREA_KM ? rows[0].communeCode : null;
  return { replies: [addressAnswer(conv, rows, t("help:addresses.nearestTitle"), t)], areaCode: near };
}
