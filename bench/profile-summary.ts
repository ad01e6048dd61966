// tsx bench/profile-summary.ts <file.cpuprofile> [top]
// Self time of a V8 CPU profile (from BENCH_CPU_PROF=1 npm run bench) grouped by package
// (node_modules/<pkg>, src/<folder>, node internals) and by function, as percentages.
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: tsx bench/profile-summary.ts <file.cpuprofile> [top]\n");
  process.exit(2);
}
const top = Number(process.argv[3] ?? 25);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

// Native frames have no url; these names are better-sqlite3's C++ methods (SQLite itself).
const SQLITE_NATIVE = new Set(["Statement", "run", "all", "get", "iterate", "raw", "exec", "columns", "bind", "pragma"]);

function groupOf(url: string, fn: string): string {
  if (fn === "(idle)" || fn === "(program)" || fn === "(garbage collector)") return fn;
  if (url.startsWith("wasm://")) return "prisma query compiler (wasm)";
  if (url.includes("/src/generated/")) return "prisma client runtime (src/generated)";
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  const src = /\/(src|bench)\/([^/]+)/.exec(url);
  if (src) return `${src[1]}/${src[2]}`;
  if (url.startsWith("node:")) return url;
  if (url === "") return SQLITE_NATIVE.has(fn) ? "better-sqlite3 native (SQLite)" : `(native) ${fn}`;
  return "(other)";
}

const groups = new Map<string, number>();
const fns = new Map<string, number>();
for (const [id, us] of selfUs) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const g = groupOf(url, functionName);
  groups.set(g, (groups.get(g) ?? 0) + us);
  const key = `${functionName || "(anonymous)"} ${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/(src|bench)\//, "$1/")}:${lineNumber + 1}`;
  fns.set(key, (fns.get(key) ?? 0) + us);
}
const pctOf = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
const print = (title: string, m: Map<string, number>) => {
  process.stdout.write(`\n${title} (total ${(total / 1e6).toFixed(1)} s sampled)\n`);
  for (const [k, us] of [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${pctOf(us)}  ${k}\n`);
};
print("self time by package", groups);
print("self time by function", fns);
