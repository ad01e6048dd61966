// "Last webhook" and "last send" per account for the console, written at most once per
// account per interval: the webhook path must not gain a database write per request.
import type { Db } from "../db/client.js";
import { log } from "../log.js";

const EVERY_MS = 30_000;

export class AccountHealth {
  private readonly written = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly everyMs = EVERY_MS,
  ) {}

  webhook(channel: string): void {
    this.touch(channel, "lastWebhookAt");
  }

  sent(channel: string): void {
    this.touch(channel, "lastSendAt");
  }

  private touch(channel: string, field: "lastWebhookAt" | "lastSendAt"): void {
    const key = `${channel}|${field}`;
    const now = Date.now();
    if (now - (this.written.get(key) ?? 0) < this.everyMs) return;
    this.written.set(key, now);
    this.db.channelAccount.updateMany({ where: { channel }, data: { [field]: new Date(now) } }).catch((err: unknown) => {
      log.warn("account health not recorded", { channel, field, error: err instanceof Error ? err.name : "unknown" });
    });
  }
}
