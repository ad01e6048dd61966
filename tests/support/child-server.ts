// The real server (src/main.ts) as a child process, for the fault tests that kill it: the
// "server started" log line gives its port. Zalo is the fake at `zaloUrl`.
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { TEST_SECRETS } from "./server.js";

const ROOT = resolve(import.meta.dirname, "../..");

export interface Child {
  proc: ChildProcess;
  url: string;
  exited: Promise<number | null>;
  kill(): Promise<void>;
}

export async function startChild(dbUrl: string, zaloUrl: string, role: "all" | "web" | "worker", extra: Record<string, string> = {}): Promise<Child> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ZALO_APP_ID: TEST_SECRETS.ZALO_APP_ID,
    ZALO_OA_ID: TEST_SECRETS.ZALO_OA_ID,
    ZALO_OA_SECRET_KEY: TEST_SECRETS.ZALO_OA_SECRET_KEY,
    ZALO_APP_SECRET: TEST_SECRETS.ZALO_APP_SECRET,
    ZALO_ACCESS_TOKEN: TEST_SECRETS.ZALO_ACCESS_TOKEN,
    ZALO_REFRESH_TOKEN: TEST_SECRETS.ZALO_REFRESH_TOKEN,
    ZALO_API_BASE: zaloUrl,
    ZALO_OAUTH_BASE: zaloUrl,
    ZALO_EVENT_MAX_AGE_MIN: "0",
    SIMULATOR: "0",
    DEMO: "0",
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: dbUrl,
    LOG_LEVEL: "info", // the "server started" line tells the port
    WORKER_POLL_MS: "50",
    WORKER_LEASE_MS: "2000", // rows left claimed by a killed process come back quickly
    ...extra,
  };
  delete env.NODE_OPTIONS;
  const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts", `--role=${role}`], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
  let stderr = "";
  proc.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const url = await new Promise<string>((ok, fail) => {
    const lines = createInterface({ input: proc.stdout! });
    lines.on("line", (line) => {
      if (!line.includes('"server started"')) return;
      ok(`http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`);
    });
    void exited.then((code) => fail(new Error(`server exited (${code}) before starting: ${stderr}`)));
  });
  return {
    proc,
    url,
    exited,
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
      await exited;
    },
  };
}
