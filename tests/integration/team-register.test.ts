// The "đăng ký" step and the one-line "DK 4821" path through the real flow machine and a
// real database: each turn loads the conversation row, runs, and saves the patch, as the
// inbox worker does. (The route wiring itself is the lead's; these are its building blocks.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../src/i18n.js";
import { fold } from "../../src/content/fold.js";
import { loadOrCreateConversation, saveConversation, type ConversationRecord } from "../../src/core/conversation.js";
import type { OutboundMessage } from "../../src/core/messages.js";
import { continueFlow, type FlowContext, type FlowOutcome } from "../../src/flows/machine.js";
import { createTeam, findMembership, parseJoinCommand, parseReminderCommand } from "../../src/flows/team/membership.js";
import { REGISTER_PAYLOAD } from "../../src/flows/team/payloads.js";
import { answerJoinCommand, notMemberAnswer, registerFlow, REGISTER_FLOW_ID } from "../../src/flows/team/register.js";
import { reminderSettingAnswer } from "../../src/flows/team/reminder-setting.js";
import { openTestDatabase, type TestDb } from "../support/db.js";

const NOW = new Date("2026-05-04T02:00:00Z");
let database: TestDb;
let code: string;
let teamId: number;
let n = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  const created = await createTeam(database.db, { name: "Tổ truyền thông bản Có", provinceCode: "11", communeCode: "03295", villages: ["Bản Có"] }, NOW);
  code = created.inviteCode;
  teamId = created.team.id;
});
afterAll(async () => {
  await database?.destroy();
});

/** A person on one channel, typing lines: what a route would do with join commands and the flow. */
function person(channel: "zalo" | "messenger", language = "vi") {
  const userId = `${channel}-user-${++n}`;
  const t = translator(language);
  const turn = async (raw: string): Promise<{ texts: string[]; replies: OutboundMessage[]; conv: ConversationRecord }> => {
    const conv = await loadOrCreateConversation(database.db, channel, userId);
    const ctx: FlowContext = { conv: { ...conv, language }, event: { channel, userId, eventKey: `e${++n}`, kind: "text", occurredAt: NOW.toISOString(), text: raw }, t, tx: database.db, now: NOW };
    const join = parseJoinCommand(raw);
    let out: FlowOutcome;
    if (join) out = await answerJoinCommand(join, ctx);
    else if (conv.flow === REGISTER_FLOW_ID) out = await continueFlow(registerFlow(), { raw, folded: fold(raw) }, ctx);
    else throw new Error(`test script: nothing handles ${raw}`);
    await saveConversation(database.db, conv, out.conversation, NOW);
    return { texts: out.replies.map((r) => r.text), replies: out.replies, conv: await loadOrCreateConversation(database.db, channel, userId) };
  };
  return { userId, t, turn };
}

describe("joining a team by chat", () => {
  it("one line: DK <code> → welcome with how to report; the same again → already", async () => {
    const p = person("zalo");
    const first = await p.turn(`DK ${code}`);
    expect(first.texts).toHaveLength(1);
    expect(first.texts[0]).toContain("Chào mừng bạn vào Tổ truyền thông bản Có");
    for (const howTo of ["BC", "BC ?", "BC xem", "tắt nhắc"]) expect(first.texts[0]).toContain(howTo);
    expect(first.conv.flow).toBeNull();
    expect((await findMembership(database.db, "zalo", p.userId))?.team.id).toBe(teamId);
    expect((await p.turn(`đk ${code}`)).texts[0]).toContain("đã ở trong Tổ truyền thông bản Có");
  });

  it("guided: đăng ký → asks for the code → wrong code re-asked → right code → welcome", async () => {
    const p = person("messenger");
    const start = await p.turn("đăng ký");
    expect(start.texts).toEqual([p.t("team:register.ask")]);
    expect(start.conv).toMatchObject({ flow: REGISTER_FLOW_ID, step: "code" });

    const notDigits = await p.turn("mã của tổ");
    expect(notDigits.texts).toEqual([p.t("team:register.notCode"), p.t("team:register.ask")]);

    const wrong = await p.turn("9999");
    expect(wrong.texts).toEqual([p.t("team:register.wrongCode", { code: "9999" }), p.t("team:register.ask")]);
    expect(wrong.conv.flow).toBe(REGISTER_FLOW_ID);

    const right = await p.turn(`mã là ${code} ạ`);
    expect(right.texts[0]).toContain("Chào mừng bạn vào Tổ truyền thông bản Có");
    expect(right.conv.flow).toBeNull();
  });

  it("three wrong codes end the step and point to the commune Union staff; nothing is linked", async () => {
    const p = person("zalo");
    await p.turn("đăng ký");
    await p.turn("9999");
    await p.turn("8888");
    const third = await p.turn("7777");
    expect(third.texts).toEqual([p.t("team:register.giveUp")]);
    expect(third.texts[0]).toContain("cán bộ Hội Phụ nữ xã");
    expect(third.conv.flow).toBeNull();
    expect(await findMembership(database.db, "zalo", p.userId)).toBeNull();
  });

  it("a wrong one-line code opens the guided step with one attempt used; DK inside it counts too", async () => {
    const p = person("zalo");
    const wrong = await p.turn("DK 9999");
    expect(wrong.texts).toEqual([p.t("team:register.wrongCode", { code: "9999" }), p.t("team:register.ask")]);
    expect(wrong.conv).toMatchObject({ flow: REGISTER_FLOW_ID, data: { d: { attempts: 1 } } });
    await p.turn("DK 8888");
    expect((await p.turn("7777")).texts).toEqual([p.t("team:register.giveUp")]);
  });

  it("an account already in another team is told to ask staff", async () => {
    const other = await createTeam(database.db, { name: "Tổ khác", provinceCode: "11", communeCode: "03295", villages: [] }, NOW);
    const p = person("messenger");
    await p.turn(`DK ${other.inviteCode}`);
    const moved = await p.turn(`DK ${code}`);
    expect(moved.texts).toEqual([p.t("team:otherTeam")]);
  });

  it("speaks English to an English-speaking leader", async () => {
    const p = person("messenger", "en");
    expect((await p.turn("register")).texts).toEqual(["Please type your team's invite code (the digits your commune Women's Union staff gave you), e.g. 4821"]);
    const done = await p.turn(code);
    expect(done.texts[0]).toContain("Welcome to Tổ truyền thông bản Có");
    expect(done.texts[0]).toContain("BC xem");
  });
});

describe("answers around membership", () => {
  it("someone who is not a member is told how to join, with a button that starts it", () => {
    const t = translator("vi");
    const [msg] = notMemberAnswer({ channel: "zalo", userId: "u" }, t);
    expect(msg!.text).toContain("ĐK 4821");
    expect(msg!.choices).toEqual([{ kind: "reply", title: t("team:choice.register"), payload: REGISTER_PAYLOAD }]);
    expect(parseJoinCommand(REGISTER_PAYLOAD)).toEqual({ code: null });
  });

  it("tắt nhắc / bật nhắc switch the flag for a member; a non-member is told there is nothing to switch", async () => {
    const p = person("zalo");
    await p.turn(`DK ${code}`);
    const t = translator("vi");
    const conv = { channel: "zalo", userId: p.userId };
    expect((await reminderSettingAnswer(database.db, conv, parseReminderCommand("tắt nhắc")!, t))[0]!.text).toBe(t("team:reminderSetting.off"));
    expect((await findMembership(database.db, "zalo", p.userId))?.remindersOff).toBe(true);
    expect((await reminderSettingAnswer(database.db, conv, "on", t))[0]!.text).toBe(t("team:reminderSetting.on"));
    expect((await findMembership(database.db, "zalo", p.userId))?.remindersOff).toBe(false);
    expect((await reminderSettingAnswer(database.db, { channel: "zalo", userId: "nobody" }, "off", t))[0]!.text).toBe(t("team:reminderSetting.notMember"));
  });
});
