// The shape of content/areas.yaml and of the merged directory. The province and commune tree
// itself is the official 2025 map (official.ts); the file holds only what that map cannot know:
// which areas are Project 8 areas, villages (thôn/bản) the Union adds, and the Union's own
// aliases (spelling variants people use). Each entry names the official code and the official
// name, so a wrong code is caught when the file loads.
import { z } from "zod";
import { SourceSchema, nonEmpty } from "../content/schema.js";
import type { CommuneKind, OldCommune, ProvinceKind } from "./official.js";

const names = z.array(nonEmpty("name")).default([]);
const provenance = {
  verified_by: z.string().trim().min(1).nullable().default(null),
  source: z.array(SourceSchema).min(1, "every entry needs a source (project8.md § + URL or seed)"),
  note: z.string().optional(),
};

export const VillageSchema = z.strictObject({
  /** Stable slug inside the commune ("ban-lang"), never reused. */
  code: z.string().regex(/^[a-z0-9-]+$/, "slug like 'ban-lang'"),
  name: nonEmpty("village name"),
  aliases: names,
  /** true = not confirmed: hidden from villagers unless DEMO=1 or the simulator. */
  sample: z.boolean().default(false),
  ...provenance,
});

/** A spelling people use for an old commune ("Tung Qua Lìn" for the tables' "Tông Qua Lìn"). */
const AliasSchema = z.union([
  nonEmpty("alias"),
  z.strictObject({ name: nonEmpty("alias"), old_commune: nonEmpty("the old commune's name as the official tables spell it") }),
]);

export const CommuneOverlaySchema = z.strictObject({
  code: z.string().regex(/^\d{5}$/, "the five-digit official commune code, e.g. '03295'"),
  name: nonEmpty("commune name (as the official tables spell it, without 'Xã'/'Phường')"),
  aliases: z.array(AliasSchema).default([]),
  villages: z.array(VillageSchema).default([]),
  ...provenance,
});

export const ProvinceOverlaySchema = z.strictObject({
  code: z.string().regex(/^\d{2}$/, "the two-digit official province code, e.g. '11'"),
  name: nonEmpty("province name (as the official tables spell it, without 'Tỉnh'/'Thành phố')"),
  aliases: names,
  /** Project 8 areas named by the seed plans: the whole province, or the old districts whose communes are in. */
  project8: z
    .strictObject({ whole_province: z.boolean().default(false), old_districts: names })
    .optional(),
  communes: z.array(CommuneOverlaySchema).default([]),
  ...provenance,
});

export const AreasFileSchema = z.strictObject({ provinces: z.array(ProvinceOverlaySchema).default([]) });
export type AreasFile = z.infer<typeof AreasFileSchema>;

export type Village = z.infer<typeof VillageSchema>;

export interface Commune {
  /** Official five-digit code. */
  code: string;
  name: string;
  fullName: string;
  kind: CommuneKind;
  provinceCode: string;
  /** The Union's aliases for the new commune itself. */
  aliases: string[];
  /** Pre-1/7/2025 communes merged into this one; a search for one says "đã sáp nhập vào xã …". */
  oldCommunes: OldCommune[];
  /** Spelling variants of old communes: [variant, the old commune's official name]. */
  oldAliases: [string, string][];
  /** Pre-1/7/2025 district(s) (huyện) its territory belonged to. */
  oldDistricts: string[];
  villages: Village[];
  project8: boolean;
  verifiedBy: string | null;
}

export interface Province {
  /** Official two-digit code. */
  code: string;
  name: string;
  fullName: string;
  kind: ProvinceKind;
  /** The Union's aliases and the names of old provinces that were wholly merged into this one. */
  aliases: string[];
  project8: boolean;
  communes: Commune[];
}

export interface AreaDirectory {
  /** The dataset's version, shown in exports so a figure can be traced to the map it used. */
  version: string;
  provinces: Province[];
  communesByCode: Map<string, Commune>;
  provincesByCode: Map<string, Province>;
}
