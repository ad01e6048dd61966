// Work outside a transaction must not share the fate of a transaction that happens to be
// open at the same time. On SQLite Prisma has one connection, so without
// src/db/sqlite-serial.ts the outbox's "sent" mark or a rotated token written during a
// bot turn would be rolled back with that turn, and uncommitted replies would be visible.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDb } from "../support/db.js";

let t: TestDb;

beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.destroy();
});

function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}

describe("transactions and the work around them", () => {
  it("a write made while another transaction is open survives that transaction's rollback", async () => {
    const g = gate();
    const inside = gate();
    const turn = t.db
      .$transaction(async (tx) => {
        await tx.conversation.create({ data: { channel: "tx", userId: "rolled-back" } });
        inside.open();
        await g.wait;
        throw new Error("bot failed");
      })
      .catch((e: Error) => e.message);
    await inside.wait; // the transaction is open and has written
    // .then() starts it now: a Prisma query is lazy until someone waits for it.
    const outside = t.db.channelState.create({ data: { channel: "tx-outside", accessToken: "rotated" } }).then((r) => r);
    await new Promise((r) => setTimeout(r, 20));
    g.open();
    expect(await turn).toBe("bot failed");
    await outside;
    expect(await t.db.channelState.count({ where: { channel: "tx-outside" } })).toBe(1);
    expect(await t.db.conversation.count({ where: { channel: "tx" } })).toBe(0);
  });

  it("a read made while another transaction is open does not see its uncommitted rows", async () => {
    const g = gate();
    const inside = gate();
    const turn = t.db.$transaction(async (tx) => {
      await tx.outboxMessage.create({ data: { channel: "tx", recipientId: "u", conversationKey: "tx:u", dedupeKey: "tx:uncommitted", payload: "{}" } });
      inside.open();
      await g.wait;
    });
    await inside.wait;
    let gateOpen = false;
    // Whenever the read answers while the transaction is still open, it must not see the row.
    const seen = t.db.outboxMessage.count({ where: { dedupeKey: "tx:uncommitted" } }).then((n) => ({ n, whileOpen: !gateOpen }));
    await new Promise((r) => setTimeout(r, 50));
    gateOpen = true;
    g.open();
    await turn;
    const read = await seen;
    if (read.whileOpen) expect(read.n).toBe(0);
    expect(await t.db.outboxMessage.count({ where: { dedupeKey: "tx:uncommitted" } })).toBe(1);
  });
});
