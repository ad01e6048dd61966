// The one shape every scheduled job has (like nyaruka/mailroom's crons): a name, when it
// runs, and what it does at a given moment. Jobs get the clock as an argument, so each
// job's test runs it at the dates that matter without waiting for them.
import type { Config } from "../config.js";
import type { ChannelRegistry } from "../core/channel.js";
import type { Db } from "../db/client.js";

export interface JobContext {
  db: Db;
  channels: ChannelRegistry;
  config: Config;
  /** Wake the outbox after queueing messages. */
  onOutboxQueued: () => void;
}

/** A cron expression read in Vietnam time (Asia/Ho_Chi_Minh), or a fixed interval. */
export type JobSchedule = { cron: string } | { everyMs: number };

/** What one run did, for the log line (counts and short codes, never personal data). */
export type JobReport = Record<string, string | number | null>;

export interface Job {
  name: string;
  schedule: JobSchedule;
  run(ctx: JobContext, now: Date): Promise<JobReport | null>;
}
