// Every scheduled job the server runs. A new job is one file in this folder and one line here.
import type { Job } from "./job.js";
import { onDutyNotices } from "./on-duty-notices.js";
import { retention } from "./retention.js";
import { teamReminders } from "./team-reminders.js";

export function serverJobs(): Job[] {
  return [retention(), onDutyNotices(), teamReminders()];
}
