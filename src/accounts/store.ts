// ChannelAccount rows: the OAs and Pages a deployment serves. Credentials are the platform's
// credential settings (ZALO_OA_SECRET_KEY, MESSENGER_PAGE_TOKEN…) as one JSON object, sealed
// with ACCOUNTS_KEY before it is written; nothing here ever logs or returns them in clear
// except to the channel that sends with them.
import type { ChannelSettings } from "../config.js";
import type { Db } from "../db/client.js";
import { isUniqueViolation } from "../db/errors.js";
import type { SecretBox } from "../core/secret-box.js";

export type AccountRecord = NonNullable<Awaited<ReturnType<Db["channelAccount"]["findUnique"]>>>;
export type AccountStatus = "active" | "paused";

export class AccountError extends Error {
  constructor(
    readonly field: string,
    readonly code: "taken" | "required" | "format" | "noKey" | "unknown",
  ) {
    super(`${field}: ${code}`);
  }
}

/** The credential settings an account of this platform carries (its id setting is the account's externalId). */
export function credentialFields(settings: ChannelSettings): string[] {
  return settings.credentials.filter((c) => c !== settings.accountIdSetting);
}

/** "zalo-1423…": the channel id every row of a database account carries. */
export function channelIdFor(platform: string, externalId: string): string {
  return `${platform}-${externalId}`;
}

const EXTERNAL_ID = /^[0-9A-Za-z_]{1,64}$/;

export interface NewAccount {
  platform: string;
  externalId: string;
  name: string;
  provinceCode: string | null;
  credentials: Record<string, string>;
}

export async function createAccount(db: Db, box: SecretBox, a: NewAccount): Promise<AccountRecord> {
  if (!box.enabled) throw new AccountError("credentials", "noKey");
  if (!EXTERNAL_ID.test(a.externalId)) throw new AccountError("externalId", "format");
  try {
    return await db.channelAccount.create({
      data: {
        channel: channelIdFor(a.platform, a.externalId),
        platform: a.platform,
        externalId: a.externalId,
        name: a.name,
        provinceCode: a.provinceCode,
        source: "db",
        credentials: box.seal(JSON.stringify(a.credentials)),
      },
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AccountError("externalId", "taken");
    throw err;
  }
}

/** The stored credentials in clear, for building the account's channel. */
export function openCredentials(box: SecretBox, row: Pick<AccountRecord, "credentials">): Record<string, string> {
  if (!row.credentials) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(box.open(row.credentials)) as unknown;
  } catch (err) {
    // JSON.parse's message quotes the text it failed on: the credentials. Say only what failed.
    if (err instanceof SyntaxError) throw new AccountError("credentials", "format");
    throw err;
  }
  return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, string>) : {};
}

/** Replaces some credentials (a new Page token, a new refresh token), keeping the others. */
export async function updateCredentials(db: Db, box: SecretBox, id: number, changes: Record<string, string>): Promise<void> {
  if (!box.enabled) throw new AccountError("credentials", "noKey");
  const row = await db.channelAccount.findUnique({ where: { id } });
  if (!row || row.source !== "db") throw new AccountError("id", "unknown");
  const merged = { ...openCredentials(box, row), ...changes };
  await db.channelAccount.update({ where: { id }, data: { credentials: box.seal(JSON.stringify(merged)) } });
}

/**
 * The accounts the environment describes (today's single OA and Page), kept as rows so staff
 * see and name them, give them an area and pause them like any other. Their credentials stay
 * in the environment.
 */
export async function ensureEnvAccount(db: Db, a: { channel: string; platform: string; externalId: string | null; name: string }): Promise<AccountRecord> {
  const existing = await db.channelAccount.findUnique({ where: { channel: a.channel } });
  if (existing) {
    if (existing.externalId !== a.externalId) return db.channelAccount.update({ where: { id: existing.id }, data: { externalId: a.externalId } });
    return existing;
  }
  try {
    return await db.channelAccount.create({ data: { channel: a.channel, platform: a.platform, externalId: a.externalId, name: a.name, source: "env" } });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return db.channelAccount.findUniqueOrThrow({ where: { channel: a.channel } });
  }
}

export async function listAccounts(db: Db): Promise<AccountRecord[]> {
  return db.channelAccount.findMany({ orderBy: [{ platform: "asc" }, { id: "asc" }] });
}
