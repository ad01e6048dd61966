// Every event from the inbox worker comes here. Order matters and is the safety policy:
// 0. what the account itself sent (an echo) is never the person's words: a reply a person
//    typed in the platform's own inbox hands the conversation to her;
// 1. danger first, for every text, even mid-form or while a person holds the conversation;
// 2. a human holds the conversation → the bot stays quiet;
// 3. team leaders' words: join by code, reminders on/off, "BC …" reports;
// 4. words that work anywhere (delete my data, exit, menu, cancel, back, talk to someone…);
// 5. a shared location → the nearest trusted addresses;
// 6. the active guided flow; 7. the main menu and keywords; 8. "I didn't understand" + menu.
import type { Bot, BotResult, BotTurn } from "../core/bot.js";
import { fold } from "../content/fold.js";
import { matchTopic } from "../content/topics.js";
import { openHandover } from "../handover/handover.js";
import { holdFromPlatformInbox, isOwnSend } from "../handover/platform-inbox.js";
import { detectDanger } from "../safety/danger.js";
import { continueFlow, endFlow, repeatStep, type Flow, type FlowContext } from "../flows/machine.js";
import { addressesFlow, nearestAnswer } from "../flows/help/addresses.js";
import type { HelpContent } from "../flows/help/content.js";
import { dangerAnswer } from "../flows/help/danger-answer.js";
import { topicMessages, topicsFlow } from "../flows/help/topics.js";
import { parseReportCommand, startReporting } from "../flows/report/entry.js";
import { REPORT_FLOW_ID, reportFlow } from "../flows/report/flow.js";
import { withReportNudge } from "../flows/report/nudge.js";
import { parseJoinCommand, parseReminderCommand } from "../flows/team/commands.js";
import { findMembership } from "../flows/team/membership.js";
import { answerJoinCommand, notMemberAnswer, REGISTER_FLOW_ID, registerFlow } from "../flows/team/register.js";
import { reminderSettingAnswer } from "../flows/team/reminder-setting.js";
import { parseCommand, type Command } from "./commands.js";
import { NEWS_PAYLOAD, parseSubscriptionCommand, subscriptionAnswer } from "./subscription.js";
import { parseJoinKeyword, recordArrival } from "../broadcasts/referral.js";
import { campaignMessages } from "../broadcasts/run.js";
import { platformOf } from "../core/channel.js";
import { defaultAreas } from "../areas/index.js";
import { translator } from "../i18n.js";
import { mainMenu, menuChoice, type MenuPayload } from "./menu.js";
import { onCommand, toResult, type FlowMap } from "./on-command.js";
import { replyTo } from "../core/reply.js";

const LANGUAGE_PAYLOAD = /^LANG_([a-z]{2,3})$/;
/** After this long away, a person returning to a half-finished flow is reminded where they were. */
const RESUME_AFTER_MS = 60 * 60_000;

const MENU_COMMANDS = {
  MENU_HOTLINES: "hotlines",
  MENU_ADDRESSES: "addresses",
  MENU_TOPICS: "topics",
  MENU_HUMAN: "human",
  MENU_LANGUAGE: "language",
} as const satisfies Record<Exclude<MenuPayload, typeof NEWS_PAYLOAD>, Command>;

export function createBot(content: HelpContent): Bot {
  const flows: FlowMap = new Map<string, Flow<any>>([
    ["addresses", addressesFlow(content)],
    ["topics", topicsFlow(content)],
    [REPORT_FLOW_ID, reportFlow()],
    [REGISTER_FLOW_ID, registerFlow()],
  ]);

  const respond = async (turn: BotTurn): Promise<BotResult> => {
    const { event, conversation: conv, tx, now } = turn;
    const t = translator(conv.language);
    const ctx: FlowContext = { conv, event, t, tx, now };
    const raw = (event.payload ?? event.text ?? "").trim();
    const activeFlow = conv.flow ? flows.get(conv.flow) : undefined;

    // What the account itself sent (never the person's words: no danger check, no answer).
    // Not ours: a person answered from the platform's own inbox, and the bot goes quiet.
    if (event.kind === "echo") {
      if (await isOwnSend(tx, event, now)) return { replies: [] };
      await holdFromPlatformInbox(tx, conv.id, now);
      return { replies: [], conversation: { handledBy: "human" } };
    }
    if (event.text) {
      const danger = detectDanger(event.text);
      if (danger) {
        await openHandover(tx, conv.id, "danger", danger.severity, danger.category);
        const replies = dangerAnswer(conv, danger, content, t);
        return { replies: activeFlow ? [...replies, ...repeatStep(activeFlow, ctx)] : replies };
      }
    }
    // Campaign messages on/off work in every state (even while a person holds the conversation),
    // after the danger check and before any form.
    const subscription = event.kind === "text" || event.kind === "postback" ? parseSubscriptionCommand(raw, { inFlow: Boolean(activeFlow), optedOut: conv.optedOutAt !== null }) : null;
    if (subscription) {
      const out = subscriptionAnswer(subscription, conv, now, t);
      return { replies: activeFlow ? [...out.replies, ...repeatStep(activeFlow, ctx)] : out.replies, conversation: out.patch };
    }
    if (event.kind === "unfollow") {
      // Nothing can reach her there now; nothing is sent, and campaigns skip her (unreachable).
      return { replies: [], conversation: { unreachableAt: now, unreachableReason: "unfollowed" } };
    }
    if (conv.handledBy === "human") {
      // Erasure always works, even while a person holds the conversation (staff then see
      // that it was asked for); everything else waits for that person.
      if (parseCommand(raw) === "forget") return (await onCommand("forget", ctx, flows, content))!;
      return { replies: [] };
    }

    // A poster, an m.me link or the loudspeaker brought her: the campaign message now (her
    // message opened the window) and the offer of campaign news. Counted, never named.
    // A link's code comes as a referral event, or on the Get Started postback of a new chat (postback.referral).
    const linkRef = event.kind === "referral" || event.kind === "postback" ? event.referral?.ref : undefined;
    const referred = linkRef ?? (event.kind === "text" || event.kind === "postback" ? parseJoinKeyword(raw) : null);
    if (referred) {
      const arrival = await recordArrival(tx, referred, linkRef ? "link" : "keyword", platformOf(conv.channel));
      if (arrival && !["draft", "cancelled"].includes(arrival.campaign.status)) {
        // A reply inside the window she opened (not a broadcast); the code is kept so that this
        // round of the campaign does not send her the same message again, and so that a later
        // campaign can be for the people this poster brought.
        const campaign = campaignMessages(arrival.campaign, conv.channel, conv.userId, conv.language).map(({ purpose: _broadcast, ...m }) => m);
        // The poster hangs in one commune: where she is, if she has not said (never overwritten).
        const commune = arrival.communeCode && !conv.communeCode ? defaultAreas().communesByCode.get(arrival.communeCode) : undefined;
        const area = commune ? { provinceCode: commune.provinceCode, communeCode: commune.code } : {};
        return { replies: [...campaign, replyTo(conv, t("bot:news.offer"))], conversation: { referralCode: arrival.code, referredAt: now, ...area } };
      }
      if (!linkRef) return { replies: [mainMenu(conv, t, t("bot:news.unknownCode", { code: referred.slice(0, 12) }))] };
    }
    const join = parseJoinCommand(raw);
    if (join) return toResult(await answerJoinCommand(join, ctx));
    const reminders = parseReminderCommand(raw);
    if (reminders) return { replies: await reminderSettingAnswer(tx, conv, reminders, t) };
    const report = parseReportCommand(raw);
    if (report) {
      const member = await findMembership(tx, conv.channel, conv.userId);
      if (!member) return { replies: notMemberAnswer(conv, t) };
      if (report === "start" && conv.flow === REPORT_FLOW_ID && activeFlow) {
        return { replies: repeatStep(activeFlow, ctx, [replyTo(conv, t("report:resume"))]) };
      }
      const out = await startReporting(report, raw, member.team, ctx);
      return Array.isArray(out) ? { replies: out } : toResult(out);
    }

    const lang = LANGUAGE_PAYLOAD.exec(raw)?.[1];
    const command: Command | null = lang ? { language: lang } : parseCommand(raw, Boolean(activeFlow));
    if (command) {
      const handled = await onCommand(command, ctx, flows, content);
      if (handled) return handled;
    }
    if (event.kind === "location" && event.location) {
      const near = nearestAnswer(conv, event.location.lat, event.location.lng, content, t);
      const area = near.communeCode ? { provinceCode: near.provinceCode, communeCode: near.communeCode } : {};
      return { replies: near.replies, conversation: { ...area, ...endFlow() } };
    }
    if (activeFlow && (event.kind === "text" || event.kind === "postback" || event.kind === "attachment")) {
      const resumed = conv.lastInboundAt && now.getTime() - conv.lastInboundAt.getTime() > RESUME_AFTER_MS;
      const out = await continueFlow(activeFlow, { raw, folded: fold(raw) }, ctx);
      const lead = resumed ? [replyTo(conv, t(activeFlow.resumeKey ?? "help:flow.resume"))] : [];
      return { replies: [...lead, ...out.replies], conversation: out.conversation };
    }
    if (event.kind === "follow" || event.kind === "referral" || raw === "GET_STARTED") {
      const back = event.kind === "follow" && conv.unreachableAt ? { unreachableAt: null, unreachableReason: null } : {};
      return { replies: [mainMenu(conv, t, t("greeting"))], conversation: back };
    }
    if (event.kind === "text" || event.kind === "postback") {
      const choice = menuChoice(raw);
      if (choice === NEWS_PAYLOAD) {
        const out = subscriptionAnswer("news", conv, now, t);
        return { replies: out.replies, conversation: out.patch };
      }
      if (choice) return (await onCommand(MENU_COMMANDS[choice], ctx, flows, content))!;
      const topic = matchTopic(raw, content.topics);
      if (topic) return { replies: topicMessages(conv, topic, t) };
    }
    if (event.kind === "attachment") {
      // A voice message, a photo, a file or a link: say what the bot cannot read, the
      // emergency numbers first (a voice message may be a cry for help), then what it can do.
      const type = event.attachments?.[0]?.type ?? "other";
      // A sticker (or a thumbs-up) is a greeting, not a message to read: the usual "did not understand".
      if (type === "sticker") return { replies: [mainMenu(conv, t, t("notUnderstood"))] };
      return { replies: [mainMenu(conv, t, t(`attachment.${type}`, { defaultValue: t("attachment.other") }))] };
    }
    return { replies: [mainMenu(conv, t, t("notUnderstood"))] };
  };

  return async (turn) => withPrivacyNotice(turn, await withReportNudge(turn, await respond(turn)), content.retentionDays);
}

/** The first answer a person gets also says how the conversation is kept and how to delete it. */
function withPrivacyNotice(turn: BotTurn, result: BotResult, days: number): BotResult {
  const conv = turn.conversation;
  if (result.forgotten || conv.privacyNoticeAt || result.replies.length === 0) return result;
  const language = result.conversation?.language ?? conv.language;
  const notice = replyTo(conv, translator(language)("help:privacy.notice", { days }));
  return { ...result, replies: [...result.replies, notice], conversation: { ...result.conversation, privacyNoticeAt: turn.now } };
}
