// A webhook is acknowledged while the workers still have a backlog: the ack does not wait
// for the bot to work through earlier messages. (Before the workers yielded to I/O between
// steps, a SQLite tick ran as one chain of microtasks and the new request could not even
// be read until the whole backlog was done.)
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeZalo, postZaloWebhook } from "../support/fake-zalo.js";
import { eventually, startTestServer, type TestServer } from "../support/server.js";

const fixture = readFileSync(new URL("../../src/channels/zalo/testdata/user_send_text.json", import.meta.url), "utf8");

function userText(userId: string, text: string, n: number): string {
  const body = JSON.parse(fixture) as Record<string, unknown>;
  body.sender = { id: userId };
  body.message = { text, msg_id: `ackfirst-${n}` };
  body.timestamp = String(1751100000000 + n);
  return JSON.stringify(body);
}

let fake: FakeZalo;
let server: TestServer;
beforeAll(async () => {
  fake = new FakeZalo();
  await fake.start();
  server = await startTestServer({ ZALO_API_BASE: fake.url, ZALO_OAUTH_BASE: fake.url });
});
afterAll(async () => {
  await server?.close();
  await fake?.stop();
});

describe("acknowledgements before work", () => {
  it("answers a new webhook while hundreds of earlier messages are still being handled", async () => {
    const BACKLOG = 300;
    const posts = await Promise.all(Array.from({ length: BACKLOG }, (_, n) => postZaloWebhook(server.url, userText(`88000000000${n}`, "xin chào", n))));
    expect(posts.every((p) => p.status === 200)).toBe(true);

    const late = await postZaloWebhook(server.url, userText("8800000009999", "xin chào", BACKLOG));
    expect(late.status).toBe(200);
    const unfinished = await server.database.db.inboxEvent.count({ where: { status: { in: ["pending", "processing"] } } });
    expect(unfinished).toBeGreaterThan(0);

    // And the work is not starved either: everything is answered in the end.
    await eventually(async () => (await server.database.db.inboxEvent.count({ where: { status: "done" } })) === BACKLOG + 1, 60_000);
    await eventually(async () => fake.messages("8800000009999").length > 0, 30_000);
  }, 90_000);
});
