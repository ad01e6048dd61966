// What the console's sections need from the running server.
import type { Config } from "../config.js";
import type { ChannelRegistry } from "../core/channel.js";
import type { Db } from "../db/client.js";

export interface StaffContext {
  db: Db;
  config: Config;
  channels: ChannelRegistry;
  /** Wake the outbox after queueing a staff reply. */
  onOutboxQueued: () => void;
}
