// What the console's sections need from the running server.
import type { ChannelSettings, Config } from "../config.js";
import type { ChannelRegistry } from "../core/channel.js";
import type { SecretBox } from "../core/secret-box.js";
import type { Db } from "../db/client.js";

export interface StaffContext {
  db: Db;
  config: Config;
  channels: ChannelRegistry;
  /** Wake the outbox after queueing a staff reply. */
  onOutboxQueued: () => void;
  /** The OA/Page accounts page: the channel folders (their credential settings), the sealing key, and a reload after a change. */
  accounts?: { platforms: readonly ChannelSettings[]; secrets: SecretBox; reload: () => Promise<void> };
}
