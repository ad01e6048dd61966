// Public API of the area directory: the official 2025 map (province → commune, with the old
// communes and districts of the reform) and the Union's additions (Project 8 areas, villages, aliases).
export { areaOf, buildDirectory, defaultAreas, listCommunes, listProvinces, listVillages, loadAreas, oldNamesOf, readOverlay, type AreaOptions } from "./directory.js";
export { buildOfficialMap, officialMap, withoutKind, type OfficialMap, type OldCommune } from "./official.js";
export { damerauLevenshtein, findCommune, findProvince, type CommuneMatch, type FindOptions, type MatchVia } from "./search.js";
export type { AreaDirectory, AreasFile, Commune, Province, Village } from "./schema.js";
