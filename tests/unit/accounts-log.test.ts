// An account whose stored credentials do not read (corrupted, or sealed with another key) is
// left out and logged by kind only: the log never quotes a credential.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccountChannels } from "../../src/accounts/channels.js";
import { CHANNEL_MODULES, CHANNEL_SETTINGS } from "../../src/channels/registry.js";
import { loadConfig } from "../../src/config.js";
import { secretBox } from "../../src/core/secret-box.js";
import { setLogLevel, setLogSink } from "../../src/log.js";
import { openTestDatabase, type TestDb } from "../support/db.js";

const KEY = Buffer.alloc(32, 5).toString("base64");
let database: TestDb;
const lines: string[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  setLogLevel("info");
  setLogSink((line) => lines.push(line));
});
afterAll(async () => {
  setLogSink((line) => process.stdout.write(`${line}\n`));
  await database?.destroy();
});

describe("channel accounts that cannot start", () => {
  it("are left out, logged without the credential", async () => {
    const box = secretBox(KEY);
    const secret = "PAGE-TOKEN-SHOULD-NEVER-BE-LOGGED-1234567890";
    // Sealed fine, but not JSON: JSON.parse's own message would quote it.
    await database.db.channelAccount.create({ data: { channel: "messenger-111", platform: "messenger", externalId: "111", name: "Broken", source: "db", credentials: box.seal(`${secret} not json`) } });
    // Sealed with another key.
    await database.db.channelAccount.create({ data: { channel: "messenger-222", platform: "messenger", externalId: "222", name: "Other key", source: "db", credentials: secretBox(Buffer.alloc(32, 6).toString("base64")).seal(JSON.stringify({ MESSENGER_PAGE_TOKEN: secret })) } });
    const config = loadConfig({ SIMULATOR: "0", MESSENGER_APP_SECRET: "x".repeat(16), ACCOUNTS_KEY: KEY }, CHANNEL_SETTINGS);
    const accounts = new AccountChannels({ config, db: database.db, secrets: box }, CHANNEL_MODULES);
    const channels = await accounts.load();
    expect(channels.has("messenger-111")).toBe(false);
    expect(channels.has("messenger-222")).toBe(false);
    expect(channels.has("messenger")).toBe(true); // the others still run
    const logged = lines.join("\n");
    expect(logged).toContain("channel account could not be started");
    expect(logged).toContain("AccountError: credentials format");
    expect(logged).toContain("SecretBoxError");
    expect(logged).not.toContain(secret);
  });
});
