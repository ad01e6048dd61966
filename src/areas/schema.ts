// The shape of content/areas.yaml: province → commune (2025 names) → village, with the
// pre-2025 district and commune names kept as aliases because villagers and the seed plans
// still use them (docs/reference/project8.md §4.2).
import { z } from "zod";
import { SourceSchema, nonEmpty } from "../content/schema.js";

const CODE = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;
const code = z.string().regex(CODE, "slug like 'dien-bien/quai-to'");
const names = z.array(nonEmpty("name")).default([]);

/** Fields every level carries (docs/reference/project8.md §4.2): provenance and who checked it. */
const provenance = {
  /** true = not confirmed (e.g. a draft merger): kept for demos, hidden from users by default. */
  sample: z.boolean().default(false),
  effective_from: z.iso.date().nullable().default(null),
  verified_by: z.string().trim().min(1).nullable().default(null),
  source: z.array(SourceSchema).min(1, "every area needs a source (project8.md §4 + URL)"),
  note: z.string().optional(),
};

export const VillageSchema = z.strictObject({ code, name: nonEmpty("village name"), aliases: names, ...provenance });

export const CommuneSchema = z.strictObject({
  code,
  name: nonEmpty("commune name"),
  kind: z.enum(["xa", "phuong", "dac-khu"]),
  aliases: names,
  /** Pre-1/7/2025 district(s) (huyện) the commune's territory belonged to. */
  old_districts: names,
  /** Pre-2025 communes merged into this one; a search for one says "đã sáp nhập vào xã …". */
  old_communes: names,
  villages: z.array(VillageSchema).default([]),
  ...provenance,
});

export const ProvinceSchema = z.strictObject({
  code,
  name: nonEmpty("province name"),
  kind: z.enum(["tinh", "thanh-pho"]),
  aliases: names,
  communes: z.array(CommuneSchema).default([]),
  ...provenance,
});

export const AreasFileSchema = z.strictObject({ provinces: z.array(ProvinceSchema) });

export type Village = z.infer<typeof VillageSchema>;
export type Commune = z.infer<typeof CommuneSchema> & { provinceCode: string };
export type Province = Omit<z.infer<typeof ProvinceSchema>, "communes"> & { communes: Commune[] };

export type AreaDirectory = {
  provinces: Province[];
  communesByCode: Map<string, Commune>;
  provincesByCode: Map<string, Province>;
};
