// BENCH_CPU_PROF=1: a V8 CPU profile of the target's measured window only (no start-up,
// no warm-up), written to bench/results/profiles/<name>.cpuprofile. Summarise it with
// `npx tsx bench/profile-summary.ts <file>` or open it in Chrome DevTools.
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { resolve } from "node:path";

const DIR = resolve(import.meta.dirname, "results/profiles");
let session: Session | null = null;

export async function startProfile(): Promise<void> {
  if (process.env.BENCH_CPU_PROF !== "1" || session) return;
  session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
}

export async function stopProfile(name: string): Promise<string | null> {
  if (!session) return null;
  const { profile } = await session.post("Profiler.stop");
  session.disconnect();
  session = null;
  mkdirSync(DIR, { recursive: true });
  const file = resolve(DIR, `${name}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  return file;
}
