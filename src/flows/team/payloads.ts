// Payloads of the buttons the team messages offer. Each is also what a leader could type,
// so the route reads a tap exactly like typed text (Zalo sends a tapped button back as text).

/** "Join a team": read by parseJoinCommand as "đăng ký" without a code. */
export const REGISTER_PAYLOAD = "DK";
/** "Report": the report keyword (src/flows/report/entry.ts parseReportCommand). */
export const REPORT_PAYLOAD = "BC";
/** "Stop reminders": read by parseReminderCommand. */
export const STOP_REMINDERS_PAYLOAD = "TAT NHAC";
