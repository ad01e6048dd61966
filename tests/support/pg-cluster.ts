// A private PostgreSQL cluster a fault test may stop and start (the shared one of
// scripts/test-postgres.sh must stay up for the other test files). Debian's binaries, run as
// the postgres user when the tests run as root; null when PostgreSQL is not installed.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

function pgBin(): string | null {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, "initdb"))) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(a) - Number(b));
  const bin = versions.length ? join(root, versions.at(-1)!, "bin") : null;
  return bin && existsSync(join(bin, "initdb")) ? bin : null;
}

const root = process.getuid?.() === 0;
function run(bin: string, tool: string, args: string[]): void {
  const [cmd, full] = root ? ["runuser", ["-u", "postgres", "--", join(bin, tool), ...args]] : [join(bin, tool), args];
  execFileSync(cmd, full, { stdio: "ignore", cwd: "/" });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export class PgCluster {
  private constructor(private readonly bin: string, private readonly dir: string, readonly port: number) {}

  static async create(): Promise<PgCluster | null> {
    const bin = pgBin();
    if (!bin) return null;
    const dir = mkdtempSync(join(tmpdir(), "ct-pg-fault-"));
    if (root) {
      const ids = execFileSync("id", ["-u", "postgres"]).toString().trim();
      const gid = execFileSync("id", ["-g", "postgres"]).toString().trim();
      chownSync(dir, Number(ids), Number(gid));
    }
    run(bin, "initdb", ["-D", join(dir, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
    const c = new PgCluster(bin, dir, await freePort());
    c.start();
    return c;
  }

  get url(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/postgres`;
  }

  start(): void {
    run(this.bin, "pg_ctl", ["-D", join(this.dir, "data"), "-l", join(this.dir, "server.log"), "-w", "-t", "60", "start", "-o", `-c listen_addresses=127.0.0.1 -p ${this.port} -k ${this.dir} -c fsync=off -c max_connections=100`]);
  }

  /** "fast": disconnects every client (what a restart or a failover does). */
  stop(): void {
    run(this.bin, "pg_ctl", ["-D", join(this.dir, "data"), "-m", "fast", "-w", "stop"]);
  }

  destroy(): void {
    try {
      run(this.bin, "pg_ctl", ["-D", join(this.dir, "data"), "-m", "immediate", "-w", "stop"]);
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
