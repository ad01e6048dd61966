// Public API of the area directory (province → commune → village, 2025 reform aliases).
export { defaultAreas, listCommunes, listProvinces, listVillages, loadAreas, type AreaOptions } from "./directory.js";
export { damerauLevenshtein, findCommune, type CommuneMatch, type FindOptions, type MatchVia } from "./search.js";
export type { AreaDirectory, Commune, Province, Village } from "./schema.js";
