// Nothing a person can send crashes a flow or loses what was already entered: random
// text, stickers and locations in the middle of the guided report keep the report open
// with every answered step still answered (unless the message is one of the words that
// work anywhere, like "hủy", which are filtered out here on purpose).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/bot/commands.js";
import { createBot } from "../../../src/bot/route.js";
import { loadOrCreateConversation, saveConversation } from "../../../src/core/conversation.js";
import type { InboundEvent } from "../../../src/core/messages.js";
import { defaultHelpContent } from "../../../src/flows/help/content.js";
import { parseReportCommand } from "../../../src/flows/report/entry.js";
import { parseJoinCommand, parseReminderCommand } from "../../../src/flows/team/commands.js";
import { openTestDatabase, type TestDb } from "../../support/db.js";

let tdb: TestDb;
const bot = createBot(defaultHelpContent({ retentionDays: 30 }));
let n = 0;

beforeAll(async () => {
  tdb = await openTestDatabase();
  const team = await tdb.db.team.create({ data: { name: "Tổ bản Có", provinceCode: "11", communeCode: "03295", villages: JSON.stringify(["Bản Có"]) } });
  await tdb.db.teamMember.create({ data: { teamId: team.id, channel: "zalo", userId: "leader" } });
});
afterAll(async () => {
  await tdb?.destroy();
});

async function turn(event: Partial<InboundEvent>): Promise<{ flow: string | null; done: string[]; replies: number }> {
  const full: InboundEvent = { channel: "zalo", userId: "leader", eventKey: `k${++n}`, kind: "text", occurredAt: new Date().toISOString(), ...event };
  return tdb.db.$transaction(async (tx) => {
    const conv = await loadOrCreateConversation(tx, "zalo", "leader");
    const result = await bot({ event: full, conversation: conv, tx, now: new Date() });
    await saveConversation(tx, conv, result.conversation ?? {});
    const after = await tx.conversation.findUniqueOrThrow({ where: { channel_userId: { channel: "zalo", userId: "leader" } } });
    const data = JSON.parse(after.data) as { d?: { done?: string[] } };
    return { flow: after.flow, done: data.d?.done ?? [], replies: result.replies.length };
  });
}

const isWordThatWorksAnywhere = (s: string) =>
  parseCommand(s, true) !== null || parseJoinCommand(s) !== null || parseReminderCommand(s) !== null || parseReportCommand(s) !== null || /^LANG_/.test(s.trim());

describe("the report form under random input", () => {
  it("keeps the form and its answers, and always answers", async () => {
    const fillFirstSteps = async () => {
      await turn({ text: "BC" });
      await turn({ text: "hôm nay" });
      await turn({ text: "1" });
      return (await turn({ text: "1 3" })).done;
    };
    const before = await fillFirstSteps();
    expect(before).toEqual(expect.arrayContaining(["date", "village", "topics"]));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 200 }).map((text): Partial<InboundEvent> => ({ text })),
          fc.string({ unit: "grapheme", maxLength: 80 }).map((text): Partial<InboundEvent> => ({ text })),
          fc.constant<Partial<InboundEvent>>({ kind: "attachment", attachments: [{ type: "sticker" }] }),
          fc.record({ lat: fc.double({ min: 8, max: 23, noNaN: true }), lng: fc.double({ min: 102, max: 110, noNaN: true }) }).map((location): Partial<InboundEvent> => ({ kind: "location", location })),
        ),
        async (event) => {
          if (event.text !== undefined && isWordThatWorksAnywhere(event.text)) return;
          const after = await turn(event);
          if (event.kind === "location") {
            // Sharing a location is a request for the nearest addresses: it ends the form by design.
            expect(after.replies).toBeGreaterThan(0);
            await fillFirstSteps();
            return;
          }
          expect(after.replies).toBeGreaterThan(0);
          expect(after.flow).toBe("report");
          expect(after.done).toEqual(expect.arrayContaining(before));
        },
      ),
      { numRuns: 150 },
    );
  });
});
