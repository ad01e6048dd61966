// Messenger's messaging windows. A Page may answer within 24 hours of the person's last
// message ("standard messaging"); from 24 hours to 7 days only a person may answer, with the
// HUMAN_AGENT tag (an app permission Meta grants through App Review); nothing after 7 days.
// No tag fits a reminder or a notice, so messages nobody asked for get only the 24 hours.
// Sources: https://developers.facebook.com/docs/messenger-platform/send-messages and
// https://developers.facebook.com/docs/messenger-platform/send-messages/message-tags/
import type { MessagingPolicy } from "../../core/channel.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const MESSENGER_POLICY: MessagingPolicy = {
  reply: [
    { untilMs: DAY, policy: "messenger_standard", purpose: "response", paid: false },
    { untilMs: 7 * DAY, policy: "messenger_human_agent", purpose: "human_agent", paid: false },
  ],
  proactive: [{ untilMs: DAY, policy: "messenger_standard", purpose: "reminder", paid: false }],
};
