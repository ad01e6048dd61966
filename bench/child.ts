// Starts bench/target.ts in its own Node process and waits until it listens.
// BENCH_CPU_PROF=1: the target profiles its measured window (bench/target.ts).
import { fork, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";

export interface TargetProcess {
  url: string;
  pid: number;
  /** Marks the start of the measured window (warm-up done): starts the profiler if asked. */
  measure(): void;
  /** RSS and event-loop delay since the last sample (bench/soak.ts). */
  sample(): Promise<Record<string, number>>;
  /** Stops the target and returns what it counted (DB rows by status, SQL statements). */
  stop(): Promise<Record<string, unknown>>;
}

const TARGET = resolve(import.meta.dirname, "target.ts");

export async function startTarget(kind: string, env: Record<string, string> = {}): Promise<TargetProcess> {
  const child: ChildProcess = fork(TARGET, [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, ...env, BENCH_TARGET: kind },
    // The server's JSON log lines go to /dev/null: written (a real cost) but not shown.
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`target ${kind} did not start in 30 s`)), 30_000);
    child.once("exit", (code) => reject(new Error(`target ${kind} exited with ${code} before it was ready`)));
    child.on("message", (msg: { type?: string; url?: string }) => {
      if (msg.type === "ready" && msg.url) {
        clearTimeout(timer);
        resolveUrl(msg.url);
      }
    });
  });
  return {
    url,
    pid: child.pid!,
    measure: () => child.send({ type: "measure" }),
    sample: () =>
      new Promise((resolveSample) => {
        const on = (msg: { type?: string } & Record<string, number>) => {
          if (msg.type !== "sample") return;
          child.off("message", on);
          const { type: _t, ...rest } = msg;
          resolveSample(rest as Record<string, number>);
        };
        child.on("message", on);
        child.send({ type: "sample" });
      }),
    stop() {
      return new Promise((resolveStats, reject) => {
        const timer = setTimeout(() => {
          child.kill("SIGKILL");
          reject(new Error(`target ${kind} did not stop in 20 s`));
        }, 20_000);
        child.on("message", (msg: { type?: string; stats?: Record<string, unknown> }) => {
          if (msg.type === "stopped") {
            clearTimeout(timer);
            resolveStats(msg.stats ?? {});
          }
        });
        child.send({ type: "stop" });
      });
    },
  };
}
