// The running channels, one per account: the environment's OA and Page (as before) and every
// account staff added in the console. The map is shared with the webhook router and the
// workers and updated in place, so an account added, paused or re-authorised here or on
// another instance is used without a restart (reloaded every minute, and at once when a
// webhook names an account this instance does not know yet).
import type { Channel, ChannelRegistry } from "../core/channel.js";
import type { SecretBox } from "../core/secret-box.js";
import type { ChannelContext, ChannelModule } from "../channels/module.js";
import { log } from "../log.js";
import { SecretBoxError } from "../core/secret-box.js";
import { AccountError, ensureEnvAccount, listAccounts, openCredentials, type AccountRecord } from "./store.js";

const RELOAD_MS = 60_000;

/** What kind of error, without its message (which may quote a secret or a query's values). */
function errorName(err: unknown): string {
  if (err instanceof SecretBoxError) return "SecretBoxError: ACCOUNTS_KEY missing or wrong";
  if (err instanceof AccountError) return `AccountError: ${err.field} ${err.code}`;
  return err instanceof Error ? err.name : "unknown";
}
/** A webhook for an unknown account reloads at most this often (an attacker cannot make us reload per request). */
const UNKNOWN_RELOAD_MS = 10_000;

export class AccountChannels {
  private timer: NodeJS.Timeout | null = null;
  private lastUnknownReload = 0;
  /** Channel id → the row's updatedAt it was built from: an unchanged account keeps its channel (and its token state). */
  private built = new Map<string, number>();
  /** Bumped on every change to the map (the webhook router rebuilds its account index then). */
  version = 0;

  constructor(
    private readonly ctx: ChannelContext & { secrets: SecretBox },
    private readonly modules: readonly ChannelModule[],
    readonly channels: ChannelRegistry = new Map(),
  ) {}

  /** The environment's accounts (as today) get rows; then every row becomes a channel. */
  async load(): Promise<ChannelRegistry> {
    for (const m of this.modules) {
      if (!this.ctx.config.enabledChannels.includes(m.settings.id)) continue;
      const env = m.create(this.ctx);
      await ensureEnvAccount(this.ctx.db, { channel: env.id, platform: env.platform, externalId: env.account.externalId, name: env.account.name });
    }
    await this.sync();
    return this.channels;
  }

  async sync(): Promise<void> {
    const rows = await listAccounts(this.ctx.db);
    const keep = new Set<string>();
    for (const row of rows) {
      const m = this.modules.find((x) => x.settings.id === row.platform);
      if (!m) continue;
      if (row.source === "env" && !this.ctx.config.enabledChannels.includes(m.settings.id)) continue;
      keep.add(row.channel);
      const stamp = row.updatedAt.getTime();
      const current = this.channels.get(row.channel);
      if (current && this.built.get(row.channel) === stamp) continue;
      const channel = this.build(m, row);
      if (!channel) continue;
      this.channels.set(row.channel, channel);
      this.built.set(row.channel, stamp);
      this.version++;
    }
    // Rows only ever leave by hand (accounts are paused, not deleted): their channel goes too.
    for (const id of [...this.channels.keys()]) {
      if (!keep.has(id) && this.built.has(id)) {
        this.channels.delete(id);
        this.built.delete(id);
        this.version++;
      }
    }
  }

  private build(m: ChannelModule, row: AccountRecord): Channel | null {
    try {
      const area = { name: row.name, provinceCode: row.provinceCode };
      if (row.source === "env") {
        const env = m.create(this.ctx, { channel: row.channel, externalId: row.externalId, ...area, settings: {} });
        return env;
      }
      const settings = openCredentials(this.ctx.secrets, row);
      return m.create(this.ctx, { channel: row.channel, externalId: row.externalId, ...area, settings });
    } catch (err) {
      // One account with a broken secret must not take the others down: it is left out and shown in the console.
      // Never the error's text: it may quote a credential. Our own errors say what is wrong by name.
      log.error("channel account could not be started", { channel: row.channel, error: errorName(err) });
      return null;
    }
  }

  /** Reload now if the last such reload was long enough ago; true when it ran. */
  async reloadForUnknown(): Promise<boolean> {
    if (Date.now() - this.lastUnknownReload < UNKNOWN_RELOAD_MS) return false;
    this.lastUnknownReload = Date.now();
    await this.sync();
    return true;
  }

  start(everyMs = RELOAD_MS): void {
    this.timer ??= setInterval(() => {
      this.sync().catch((err: unknown) => log.warn("channel accounts reload failed", { error: errorName(err) }));
    }, everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
