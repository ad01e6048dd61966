// The OA access token and its rotating refresh token (docs/reference/platforms/zalo.md §5). They live in
// the ChannelState row so every instance sees the newest pair; config only seeds an empty
// row. A refresh token works once: the new pair is written in one row update before it is
// used, and one refresh runs at a time per process however many sends failed together.
import type { AxiosInstance } from "axios";
import { z } from "zod";
import type { AuthRecovery } from "../../core/channel.js";
import { secretBox, sealIfPossible, type SecretBox } from "../../core/secret-box.js";
import type { Db } from "../../db/client.js";
import { isUniqueViolation } from "../../db/errors.js";
import { log } from "../../log.js";

export interface ZaloTokenConfig {
  channel: string;
  appId: string;
  appSecret?: string;
  seedAccessToken?: string;
  seedRefreshToken?: string;
  oauthBase: string;
  timeoutMs: number;
}

interface TokenRow {
  accessToken: string | null;
  refreshToken: string | null;
  accessTokenExpiresAt: Date | null;
}

/** Refresh ahead of expiry so a burst of sends never meets a token that just died. */
const PROACTIVE_MARGIN_MS = 30 * 60_000;
/** A token we obtained this recently and Zalo already rejects: a refresh will not help. */
const FRESH_TOKEN_MS = 60_000;

const RENEWED: AuthRecovery = { outcome: "renewed" };
const REFUSED: AuthRecovery = { outcome: "refused" };

const tokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive().optional(), // "90000": seconds, as a string
});

/** One call to the OAuth endpoint: new tokens, a passing failure, or a definite no. */
export type RefreshAttempt = "ok" | "unavailable" | "refused";

/** Waits after the OAuth endpoint itself fails (5xx, timeout): seconds, not the auth pause. */
const UNAVAILABLE_BASE_MS = 2_000;
const UNAVAILABLE_CAP_MS = 60_000;

export class ZaloTokens {
  private inflight: Promise<AuthRecovery> | null = null;
  /** Access tokens Zalo rejected in this process (bounded; tokens are never logged). */
  private readonly rejected = new Set<string>();
  /** When this process obtained each access token by refreshing (bounded like `rejected`). */
  private readonly minted = new Map<string, number>();
  private lastAttemptAt = 0;
  /** The access token whose refresh was refused last (null after a success). */
  private failedFor: string | null = null;
  /** The OAuth endpoint failed (not refused) while refreshing this token: try again at retryAt. */
  private unavailableFor: string | null = null;
  private retryAt = 0;
  private unavailableStreak = 0;

  constructor(
    private readonly db: Db,
    private readonly cfg: ZaloTokenConfig,
    private readonly http: AxiosInstance,
    private readonly box: SecretBox = secretBox(undefined),
  ) {}

  /** The token to send with, read from the DB each time (another instance may have rotated it). */
  async current(): Promise<string | undefined> {
    const row = await this.read();
    const expiring = row.accessTokenExpiresAt !== null && row.accessTokenExpiresAt.getTime() - Date.now() < PROACTIVE_MARGIN_MS;
    if (expiring && Date.now() - this.lastAttemptAt > FRESH_TOKEN_MS) {
      await this.refreshOnce(row.accessToken);
      return (await this.read()).accessToken ?? undefined;
    }
    return row.accessToken ?? undefined;
  }

  markRejected(token: string): void {
    if (this.rejected.size > 100) this.rejected.clear();
    this.rejected.add(token);
  }

  /** Called by the outbox after an auth failure. */
  async recoverAuth(): Promise<AuthRecovery> {
    if (this.inflight) return this.inflight;
    const row = await this.read();
    if (this.inflight) return this.inflight;
    // The DB already holds a token that has not failed here: someone rotated it since.
    if (row.accessToken && !this.rejected.has(row.accessToken)) return RENEWED;
    // A token we obtained a moment ago is already refused (app disabled, consent withdrawn):
    // refreshing again cannot help, and saying "retry" would loop. Let the outbox pause.
    const mintedAt = row.accessToken ? this.minted.get(row.accessToken) : undefined;
    if (mintedAt !== undefined && Date.now() - mintedAt < FRESH_TOKEN_MS) return REFUSED;
    // The OAuth endpoint failed a moment ago for this token: wait out its short backoff.
    if (this.unavailableFor === row.accessToken && Date.now() < this.retryAt) return { outcome: "unavailable", retryAfterMs: this.retryAt - Date.now() };
    // A refresh was just refused for this very token: asking again at once would only spend calls.
    if (this.failedFor === row.accessToken && Date.now() - this.lastAttemptAt < FRESH_TOKEN_MS) return REFUSED;
    return this.refreshOnce(row.accessToken);
  }

  private refreshOnce(seen: string | null): Promise<AuthRecovery> {
    this.inflight ??= this.refresh(seen).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async refresh(seen: string | null): Promise<AuthRecovery> {
    const before = await this.read();
    if (before.accessToken !== seen) return RENEWED;
    this.lastAttemptAt = Date.now();
    const stored = await this.tryRefresh(before.refreshToken);
    if (stored === "ok") return this.renewed();
    // Another instance may have spent the same refresh token a moment ago and stored its pair.
    const after = await this.read();
    if (after.accessToken !== before.accessToken) return this.renewed();
    // Staff may have put a newly consented token in the environment after the stored one died.
    const seed = this.cfg.seedRefreshToken;
    const fromSeed = seed && seed !== before.refreshToken ? await this.tryRefresh(seed) : "refused";
    if (fromSeed === "ok") return this.renewed();
    if (stored === "unavailable" || fromSeed === "unavailable") {
      // Zalo's OAuth server failed, it did not say no: nothing for staff to do yet.
      this.unavailableStreak++;
      const wait = Math.min(UNAVAILABLE_CAP_MS, UNAVAILABLE_BASE_MS * 2 ** (this.unavailableStreak - 1));
      this.unavailableFor = before.accessToken;
      this.retryAt = Date.now() + wait;
      log.warn("zalo token refresh unavailable, will retry", { channel: this.cfg.channel, retryInMs: wait, streak: this.unavailableStreak });
      return { outcome: "unavailable", retryAfterMs: wait };
    }
    this.failedFor = before.accessToken;
    log.error("zalo token refresh refused: staff must renew the OA authorisation", { channel: this.cfg.channel });
    return REFUSED;
  }

  private renewed(): AuthRecovery {
    this.unavailableStreak = 0;
    this.unavailableFor = null;
    return RENEWED;
  }

  /**
   * Staff renewed the OA's authorisation in the console: a refresh token from the API
   * Explorer, or the code Zalo's consent page returned (with its PKCE verifier). Exchanged at
   * once, so staff see at once whether it worked; the new pair also ends an auth pause.
   */
  async adopt(input: { refreshToken?: string; code?: string; codeVerifier?: string }): Promise<RefreshAttempt> {
    let attempt: RefreshAttempt;
    if (input.code) {
      const form: Record<string, string> = { code: input.code, app_id: this.cfg.appId, grant_type: "authorization_code" };
      if (input.codeVerifier) form.code_verifier = input.codeVerifier;
      attempt = this.cfg.appSecret ? await this.exchange(new URLSearchParams(form)) : "refused";
    } else {
      attempt = await this.tryRefresh(input.refreshToken ?? null);
    }
    if (attempt === "ok") this.renewed();
    return attempt;
  }

  private async tryRefresh(refreshToken: string | null): Promise<RefreshAttempt> {
    if (!refreshToken || !this.cfg.appSecret) return "refused";
    return this.exchange(new URLSearchParams({ refresh_token: refreshToken, app_id: this.cfg.appId, grant_type: "refresh_token" }));
  }

  private async exchange(form: URLSearchParams): Promise<RefreshAttempt> {
    let data: unknown;
    try {
      const res = await this.http.post(`${this.cfg.oauthBase}/v4/oa/access_token`, form.toString(), {
        headers: { "Content-Type": "application/x-www-form-urlencoded", secret_key: this.cfg.appSecret ?? "" },
        timeout: this.cfg.timeoutMs,
        validateStatus: () => true,
      });
      // No Zalo answer at all (a proxy's 502, an overloaded 503, a 429): a passing failure.
      if (res.status >= 500 || res.status === 429) {
        log.warn("zalo token refresh failed on the server side", { status: res.status });
        return "unavailable";
      }
      data = res.data;
    } catch (err) {
      // Timeout or network: temporary. If Zalo did rotate before the connection failed,
      // this refresh token is spent and the retry gets -14020, a definite refusal.
      log.warn("zalo token refresh did not complete", { code: (err as { code?: string }).code ?? "network" });
      return "unavailable";
    }
    const ok = tokenResponse.safeParse(data);
    if (!ok.success) {
      const code = typeof data === "object" && data !== null ? (data as { error?: unknown }).error : undefined;
      log.warn("zalo token refresh refused", { code: typeof code === "number" ? code : "no_tokens" });
      return "refused";
    }
    const { access_token, refresh_token, expires_in } = ok.data;
    const expiresAt = expires_in ? new Date(Date.now() + expires_in * 1000) : null;
    // One row update: the pair is never half-written. New tokens also end an auth pause.
    // Sealed with ACCOUNTS_KEY when it is set: a copied database holds no usable token.
    const fresh = { accessToken: sealIfPossible(this.box, access_token), refreshToken: sealIfPossible(this.box, refresh_token), accessTokenExpiresAt: expiresAt, pausedUntil: null, pausedReason: null };
    await this.db.channelState.upsert({ where: { channel: this.cfg.channel }, create: { channel: this.cfg.channel, ...fresh }, update: fresh });
    if (this.minted.size > 100) this.minted.clear();
    this.minted.set(access_token, Date.now());
    this.failedFor = null;
    log.info("zalo token refreshed", { channel: this.cfg.channel, expiresInS: expires_in ?? null });
    return "ok";
  }

  private async read(): Promise<TokenRow> {
    const select = { accessToken: true, refreshToken: true, accessTokenExpiresAt: true } as const;
    const row = await this.db.channelState.findUnique({ where: { channel: this.cfg.channel }, select });
    if (row?.accessToken) return this.opened(row);
    await this.seed(row !== null);
    const seeded = await this.db.channelState.findUnique({ where: { channel: this.cfg.channel }, select });
    return seeded ? this.opened(seeded) : empty();
  }

  private opened(row: TokenRow): TokenRow {
    const open = (v: string | null) => (v === null ? null : this.box.open(v));
    return { accessToken: open(row.accessToken), refreshToken: open(row.refreshToken), accessTokenExpiresAt: row.accessTokenExpiresAt };
  }

  /** First use: copy the configured pair into an empty row (a pause may have created it). */
  private async seed(rowExists: boolean): Promise<void> {
    const { channel, seedAccessToken, seedRefreshToken } = this.cfg;
    if (!seedAccessToken) return;
    const data = { accessToken: sealIfPossible(this.box, seedAccessToken), refreshToken: seedRefreshToken ? sealIfPossible(this.box, seedRefreshToken) : null };
    if (rowExists) {
      await this.db.channelState.updateMany({ where: { channel, accessToken: null }, data });
      return;
    }
    try {
      await this.db.channelState.create({ data: { channel, ...data } });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err; // another instance seeded first: theirs stands
    }
  }
}

function empty(): TokenRow {
  return { accessToken: null, refreshToken: null, accessTokenExpiresAt: null };
}
