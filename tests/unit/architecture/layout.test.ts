// The house rules of src/, checked on the code itself (docs/architecture.md explains them):
// one way out to the platforms, dependencies that point one way, no cycles, small files.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../../..");
const SRC = join(ROOT, "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "generated" ? [] : sourceFiles(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

const files = sourceFiles(SRC);
const rel = (abs: string) => relative(ROOT, abs);
const text = new Map(files.map((f) => [f, readFileSync(f, "utf8")]));

/** Relative imports of each file, resolved to files of src/ (type-only imports count: they are dependencies too). */
const imports = new Map(
  files.map((f) => {
    const specs = [...text.get(f)!.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["'](\.[^"']+)["']/g)].map((m) => m[1]!);
    return [f, specs.map((s) => resolve(dirname(f), s).replace(/\.js$/, ".ts")).filter((t) => text.has(t))];
  }),
);

/** The folder directly under src/ a file belongs to (files directly in src/ are their own). */
const room = (f: string) => {
  const parts = relative(SRC, f).split("/");
  return parts.length > 1 ? parts[0]! : parts[0]!.replace(/\.ts$/, "");
};

describe("src/ layout", () => {
  it("only core/outbox.ts writes outbox rows", () => {
    const writers = files.filter((f) => /outboxMessage\.(create|createMany|upsert)\(/.test(text.get(f)!)).map(rel);
    expect(writers).toEqual(["src/core/outbox.ts"]);
  });

  it("conversation keys are built by conversationKey() only", () => {
    const handBuilt = files.filter((f) => !f.endsWith("core/messages.ts") && /`\$\{[\w.]*[cC]hannel\}:\$\{[\w.]*[uU]ser[iI]d\}`/.test(text.get(f)!)).map(rel);
    expect(handBuilt).toEqual([]);
  });

  it("nothing outside db/ imports a generated Prisma client", () => {
    const leaks = files.filter((f) => room(f) !== "db" && /from\s+["'][^"']*generated\//.test(text.get(f)!)).map(rel);
    expect(leaks).toEqual([]);
  });

  it("no two folders import each other", () => {
    const edges = new Set<string>();
    for (const [f, targets] of imports) for (const t of targets) if (room(f) !== room(t)) edges.add(`${room(f)} → ${room(t)}`);
    const both = [...edges].filter((e) => {
      const [a, b] = e.split(" → ");
      return a! < b! && edges.has(`${b} → ${a}`);
    });
    expect(edges.size).toBeGreaterThan(30); // the import reader works: the graph is not empty
    expect(both).toEqual([]);
  });

  it("no import cycles between files", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, "open");
      stack.push(f);
      for (const t of imports.get(f) ?? []) {
        if (state.get(t) === "open") cycles.push([...stack.slice(stack.indexOf(t)), t].map(rel).join(" → "));
        else if (!state.has(t)) visit(t);
      }
      stack.pop();
      state.set(f, "done");
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it("no code outside channels/ and simulator/ branches on a platform by name", () => {
    // Words people type ("zalo" in a report's shorthand) are content, not a branch.
    const allowed = new Set(["src/flows/report/shorthand-lexicon.ts"]);
    const code = (f: string) => text.get(f)!.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    const named = files
      .filter((f) => !["channels", "simulator"].includes(room(f)) && !allowed.has(rel(f)))
      .filter((f) => /["'`](zalo|messenger)["'`]/i.test(code(f)))
      .map(rel);
    expect(named).toEqual([]);
  });

  it("every citation can be followed inside the repository: no paths of the machine it was written on", () => {
    const outside = files.filter((f) => /\/work\/|\bshared\/(domain|platforms|design|fixtures)\b/.test(text.get(f)!)).map(rel);
    expect(outside).toEqual([]);
  });

  it("no source file over 400 lines", () => {
    const big = files.filter((f) => text.get(f)!.split("\n").length > 400).map(rel);
    expect(big).toEqual([]);
  });
});
