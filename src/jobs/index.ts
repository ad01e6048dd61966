// Every scheduled job the server runs. A new job is one file in this folder and one line here.
import type { Config } from "../config.js";
import { defaultRatePerSec } from "../broadcasts/progress.js";
import { platformOf } from "../core/channel.js";
import { campaignDispatch } from "./campaign-dispatch.js";
import { handoverRelease } from "./handover-release.js";
import type { Job } from "./job.js";
import { onDutyNotices } from "./on-duty-notices.js";
import { retention } from "./retention.js";
import { teamReminders } from "./team-reminders.js";
import { reportDeadlines } from "./report-deadlines.js";

export function serverJobs(config?: Pick<Config, "CAMPAIGN_RATES">): Job[] {
  const rates = config?.CAMPAIGN_RATES ?? {};
  // Per platform, per account: each OA/Page has its own limit (CAMPAIGN_RATES=zalo=50,messenger=200).
  const rate = (channel: string, channels: Parameters<typeof defaultRatePerSec>[1]) => rates[platformOf(channel)] ?? defaultRatePerSec(channel, channels);
  return [retention(), onDutyNotices(), teamReminders(), campaignDispatch(1_000, rate), handoverRelease(), reportDeadlines()];
}
