// Joining a team by invite code, guided ("đăng ký" → "what is your code?") or in one line
// ("DK 4821"). A wrong code is re-asked kindly; after three wrong codes the flow ends and
// points to the commune Union staff, so nobody can sit and guess codes in one go.
import type { Translate } from "../../i18n.js";
import { replyTo } from "../../core/reply.js";
import type { ConversationRecord } from "../../core/conversation.js";
import type { OutboundMessage } from "../../core/messages.js";
import { endFlow, startFlow, type Flow, type FlowContext, type FlowOutcome } from "../machine.js";
import { codeIn } from "./commands.js";
import { joinByCode, type JoinResult } from "./membership.js";
import { REGISTER_PAYLOAD } from "./payloads.js";

export const REGISTER_FLOW_ID = "team_register";
export const MAX_CODE_ATTEMPTS = 3;

export type RegisterData = { attempts?: number };

type Person = Pick<ConversationRecord, "channel" | "userId">;

export function registerFlow(): Flow<RegisterData> {
  return {
    id: REGISTER_FLOW_ID,
    start: "code",
    init: () => ({ attempts: 0 }),
    steps: {
      code: {
        prompt: (ctx) => [replyTo(ctx.conv, ctx.t("team:register.ask"))],
        handle: async (input, ctx, data) => {
          const code = codeIn(input.raw);
          if (!code) return { reprompt: "team:register.notCode", data };
          const result = await joinByCode(ctx.tx, ctx.conv.channel, ctx.conv.userId, code, ctx.now);
          if (result.ok || result.reason === "other_team") return { done: joinAnswer(ctx.conv, result, ctx.t) };
          const attempts = (data.attempts ?? 0) + 1;
          if (attempts >= MAX_CODE_ATTEMPTS) return { done: [replyTo(ctx.conv, ctx.t("team:register.giveUp"))] };
          return { reprompt: "team:register.wrongCode", vars: { code }, data: { attempts } };
        },
      },
    },
  };
}

/** The answer to a join attempt: welcome with how to report, "already in", or "ask staff". */
export function joinAnswer(conv: Person, result: JoinResult, t: Translate): OutboundMessage[] {
  if (result.ok) {
    const lead = t(result.already ? "team:already" : "team:welcome", { team: result.team.name });
    return [replyTo(conv, `${lead}\n\n${t("team:howTo")}`)];
  }
  if (result.reason === "other_team") return [replyTo(conv, t("team:otherTeam"))];
  return [replyTo(conv, t("team:register.giveUp"))];
}

/**
 * "DK 4821" / "đăng ký" typed anywhere. Without a code the guided step asks for it; a wrong
 * code opens the guided step with one attempt already used, so the next message is read as
 * the code and the three-attempt limit holds across both paths.
 */
export async function answerJoinCommand(cmd: { code: string | null }, ctx: FlowContext): Promise<FlowOutcome> {
  const flow = registerFlow();
  if (cmd.code === null) return startFlow(flow, ctx);
  const result = await joinByCode(ctx.tx, ctx.conv.channel, ctx.conv.userId, cmd.code, ctx.now);
  if (result.ok || result.reason === "other_team") return { replies: joinAnswer(ctx.conv, result, ctx.t), conversation: endFlow() };
  const attempts = attemptsSoFar(ctx.conv) + 1;
  if (attempts >= MAX_CODE_ATTEMPTS) return { replies: [replyTo(ctx.conv, ctx.t("team:register.giveUp"))], conversation: endFlow() };
  const wrong = replyTo(ctx.conv, ctx.t("team:register.wrongCode", { code: cmd.code }));
  return startFlow(flow, ctx, [wrong], { attempts });
}

/** Wrong codes already typed in a guided step that is still open ("DK 1234" typed inside it). */
function attemptsSoFar(conv: ConversationRecord): number {
  if (conv.flow !== REGISTER_FLOW_ID) return 0;
  const stored = conv.data as { d?: RegisterData };
  return typeof stored.d?.attempts === "number" ? stored.d.attempts : 0;
}

/** For someone who types the report keyword ("BC") without being in a team: how to join. */
export function notMemberAnswer(conv: Person, t: Translate): OutboundMessage[] {
  return [replyTo(conv, t("team:notMember"), [{ kind: "reply", title: t("team:choice.register"), payload: REGISTER_PAYLOAD }])];
}
