// Which OA each real Zalo payload in testdata/ is for: the webhook router picks the account
// (and its secret) by this before checking the signature.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { zaloAccountsIn } from "./account.js";

const TESTDATA = join(import.meta.dirname, "testdata");
const OA = "1423847451268726170";
// Every payload is for the test OA, except the ZNS receipt copied from another OA's docs.
// A body without event_name or recipient names no OA: with one account it goes to that account, whose parser refuses it (400).
const OTHER: Record<string, string[]> = { "user_received_message_zns.json": ["2893352839501541173"], "malformed_no_event_name.json": [] };

describe("zaloAccountsIn over testdata/", () => {
  // Webhook bodies only: the API's answers (send_response_*, token_*) are not webhooks.
  const files = readdirSync(TESTDATA).filter((f) => f.endsWith(".json") && !/^(incoming|outgoing)\.json$|^send_response_|^token_/.test(f));
  it.each(files)("%s", (file) => {
    const body = JSON.parse(readFileSync(join(TESTDATA, file), "utf8")) as unknown;
    expect(zaloAccountsIn(body)).toEqual(OTHER[file] ?? [OA]);
  });

  it("not an object, or no id: none", () => {
    for (const body of [null, [], "x", 1, {}, { event_name: "user_send_text", recipient: {} }]) expect(zaloAccountsIn(body)).toEqual([]);
    expect(zaloAccountsIn({ oa_id: 42 })).toEqual(["42"]);
  });
});
