// Guided conversations as explicit, typed state machines. The current flow and step are
// columns of the conversation row and the collected data is its JSON, so a person can
// leave for hours or days and resume; back and cancel work on every step, and a wrong
// answer re-prompts without losing what was entered.
import type { Tx } from "../db/client.js";
import type { ConversationPatch, ConversationRecord } from "../core/conversation.js";
import type { InboundEvent, OutboundMessage } from "../core/messages.js";
import type { Translate } from "../i18n.js";

export interface FlowContext {
  conv: ConversationRecord;
  event: InboundEvent;
  t: Translate;
  tx: Tx;
  now: Date;
}

export interface FlowInput {
  /** What the person typed, or the payload of what they tapped. */
  raw: string;
  /** Lower-case, without diacritics, single spaces: for matching. */
  folded: string;
}

export type StepResult<D> =
  | { next: string; data: D; say?: OutboundMessage[] }
  | { reprompt: string; vars?: Record<string, unknown>; data?: D }
  | { done: OutboundMessage[]; patch?: ConversationPatch };

export interface Step<D> {
  prompt(ctx: FlowContext, data: D): OutboundMessage[];
  handle(input: FlowInput, ctx: FlowContext, data: D): StepResult<D> | Promise<StepResult<D>>;
}

export interface Flow<D> {
  id: string;
  /** i18n key of the line shown when a person comes back to this flow after a pause. */
  resumeKey?: string;
  start: string;
  init(ctx: FlowContext): D;
  steps: Record<string, Step<D>>;
}

interface Stored<D> {
  d: D;
  /** Steps visited, for "back". */
  h: string[];
}

export interface FlowOutcome {
  replies: OutboundMessage[];
  conversation: ConversationPatch;
}

export function startFlow<D>(flow: Flow<D>, ctx: FlowContext, say: OutboundMessage[] = [], initial?: D, stepId?: string): FlowOutcome {
  const data = initial ?? flow.init(ctx);
  return at(flow, stepId ?? flow.start, { d: data, h: [] }, ctx, say);
}

export function endFlow(): ConversationPatch {
  return { flow: null, step: null, data: {} };
}

/** Re-sends the current step's question (used when resuming after a pause). */
export function repeatStep<D>(flow: Flow<D>, ctx: FlowContext, lead: OutboundMessage[] = []): OutboundMessage[] {
  const stored = read<D>(ctx.conv);
  const step = flow.steps[ctx.conv.step ?? flow.start] ?? flow.steps[flow.start]!;
  return [...lead, ...step.prompt(ctx, stored.d)];
}

export function back<D>(flow: Flow<D>, ctx: FlowContext): FlowOutcome {
  const stored = read<D>(ctx.conv);
  const previous = stored.h.at(-1);
  if (!previous) return at(flow, ctx.conv.step ?? flow.start, stored, ctx, []);
  return at(flow, previous, { d: stored.d, h: stored.h.slice(0, -1) }, ctx, []);
}

export async function continueFlow<D>(flow: Flow<D>, input: FlowInput, ctx: FlowContext): Promise<FlowOutcome> {
  const stored = read<D>(ctx.conv);
  const stepId = ctx.conv.step && flow.steps[ctx.conv.step] ? ctx.conv.step : flow.start;
  const step = flow.steps[stepId]!;
  const result = await step.handle(input, ctx, stored.d);
  if ("done" in result) return { replies: result.done, conversation: { ...result.patch, ...endFlow() } };
  if ("reprompt" in result) {
    const data = result.data ?? stored.d;
    const problem: OutboundMessage = { channel: ctx.conv.channel, recipientId: ctx.conv.userId, text: ctx.t(result.reprompt, result.vars) };
    return { replies: [problem, ...step.prompt(ctx, data)], conversation: { data: { d: data, h: stored.h } as unknown as Record<string, unknown> } };
  }
  return at(flow, result.next, { d: result.data, h: [...stored.h, stepId] }, ctx, result.say ?? []);
}

function at<D>(flow: Flow<D>, stepId: string, stored: Stored<D>, ctx: FlowContext, say: OutboundMessage[]): FlowOutcome {
  const step = flow.steps[stepId];
  if (!step) throw new Error(`flow ${flow.id} has no step ${stepId}`);
  return {
    replies: [...say, ...step.prompt(ctx, stored.d)],
    conversation: { flow: flow.id, step: stepId, data: stored as unknown as Record<string, unknown> },
  };
}

function read<D>(conv: ConversationRecord): Stored<D> {
  const raw = conv.data as Partial<Stored<D>>;
  return { d: (raw.d ?? {}) as D, h: Array.isArray(raw.h) ? raw.h : [] };
}
