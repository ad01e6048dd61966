// A real HTTP server on 127.0.0.1 that behaves like the two Zalo endpoints we call:
// POST /v3.0/oa/message/cs (checks the access_token header) and POST /v4/oa/access_token
// (checks secret_key and the current refresh token, rotates both, refuses a spent one with
// -14020). It records every request and can be scripted to misbehave, one step per request.
// Defaults match tests/support/server.ts TEST_SECRETS, so a test server talks to it as is.
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeZaloStep {
  /** Which endpoint consumes the step (default "message"). */
  endpoint?: "message" | "token";
  /** Answer with this HTTP status and a non-Zalo body (e.g. 429, 503). */
  status?: number;
  headers?: Record<string, string>;
  /** Answer HTTP 200 with { error: zaloError, message }. */
  zaloError?: number;
  message?: string;
  /** Wait this long before answering (longer than the client's timeout = a timeout). */
  delayMs?: number;
  /** The current access token stops working; this request gets -216. */
  expireToken?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** JSON body, or the form fields of a token request. */
  body: unknown;
  at: number;
  /** What the fake answered: "ok" or an error code / HTTP status, as a string. */
  outcome?: string;
}

export interface FakeZaloOptions {
  accessToken?: string;
  refreshToken?: string;
  appId?: string;
  appSecret?: string;
}

export class FakeZalo {
  readonly requests: RecordedRequest[] = [];
  accessToken: string;
  refreshToken: string;
  private steps: FakeZaloStep[] = [];
  private rotations = 0;
  private server: Server | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly opts: FakeZaloOptions = {}) {
    this.accessToken = opts.accessToken ?? "zalo-access-1";
    this.refreshToken = opts.refreshToken ?? "zalo-refresh-1";
  }

  async start(): Promise<{ url: string }> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return { url: this.url };
  }

  get url(): string {
    const addr = this.server?.address() as AddressInfo | null;
    if (!addr) throw new Error("fake Zalo is not started");
    return `http://127.0.0.1:${addr.port}`;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Steps are answered in order by the endpoint they name; afterwards everything succeeds. */
  script(steps: FakeZaloStep[]): void {
    this.steps.push(...steps);
  }

  /** Forget requests and script, restore the starting tokens. */
  reset(): void {
    this.requests.length = 0;
    this.steps = [];
    this.rotations = 0;
    this.accessToken = this.opts.accessToken ?? "zalo-access-1";
    this.refreshToken = this.opts.refreshToken ?? "zalo-refresh-1";
  }

  /** The access token stops working, as after its 25 h lifetime. */
  expireAccessToken(): void {
    this.accessToken = `expired-by-fake-${randomBytes(4).toString("hex")}`;
  }

  /** The refresh token stops working too (consent withdrawn or the token already spent). */
  revokeRefreshToken(): void {
    this.refreshToken = `revoked-by-fake-${randomBytes(4).toString("hex")}`;
  }

  /** Message bodies the fake accepted for a user, in order (late answers to timed-out calls included). */
  sentTexts(userId: string): string[] {
    return this.messages(userId).map((b) => b.message?.text ?? "");
  }

  /** Accepted message bodies, optionally for one user. */
  messages(userId?: string): SentBody[] {
    return this.requests
      .filter((r) => r.path === MESSAGE_PATH && r.outcome === "ok")
      .map((r) => r.body as SentBody)
      .filter((b) => userId === undefined || b.recipient?.user_id === userId);
  }

  refreshCalls(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === TOKEN_PATH);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? "/").split("?")[0]!;
    const rec: RecordedRequest = { method: req.method ?? "", path, headers: req.headers, body: undefined, at: Date.now() };
    this.requests.push(rec);
    const endpoint = path === MESSAGE_PATH ? "message" : path === TOKEN_PATH ? "token" : null;
    if (req.method !== "POST" || !endpoint) return this.answer(res, rec, 404, { error: 404, message: "not found" }, "404");
    rec.body = endpoint === "token" ? Object.fromEntries(new URLSearchParams(raw)) : parseJson(raw);
    const step = this.takeStep(endpoint);
    if (step?.delayMs) await this.sleep(step.delayMs);
    if (step?.status !== undefined) {
      return this.answer(res, rec, step.status, { status: step.status }, String(step.status), step.headers);
    }
    if (step?.expireToken) this.expireAccessToken();
    if (step?.zaloError !== undefined) {
      return this.answer(res, rec, 200, { error: step.zaloError, message: step.message ?? "scripted error" }, String(step.zaloError), step.headers);
    }
    return endpoint === "message" ? this.message(req, res, rec) : this.token(req, res, rec);
  }

  private message(req: IncomingMessage, res: ServerResponse, rec: RecordedRequest): void {
    if (req.headers["access_token"] !== this.accessToken) {
      return this.answer(res, rec, 200, { error: -216, message: "Access token is invalid" }, "-216");
    }
    const body = rec.body as SentBody | undefined;
    const userId = body?.recipient?.user_id;
    if (typeof userId !== "string" || userId === "") return this.answer(res, rec, 200, { error: -201, message: "user_id is invalid!" }, "-201");
    const text = body?.message?.text;
    const buttons = body?.message?.attachment?.payload?.buttons;
    if (typeof text !== "string" || text.length > 2000 || (buttons !== undefined && (!Array.isArray(buttons) || buttons.length > 5))) {
      return this.answer(res, rec, 200, { error: -210, message: "Parameter exceeds allowable limit" }, "-210");
    }
    const messageId = randomBytes(10).toString("hex");
    this.answer(res, rec, 200, { error: 0, message: "Success", data: { message_id: messageId, user_id: userId } }, "ok");
  }

  private token(req: IncomingMessage, res: ServerResponse, rec: RecordedRequest): void {
    const form = rec.body as Record<string, string>;
    if (req.headers["secret_key"] !== (this.opts.appSecret ?? "test-app-secret") || form.app_id !== (this.opts.appId ?? "102719276611582260")) {
      // Code UNCONFIRMED: Zalo's answer to a wrong app secret is not documented in our sources.
      return this.answer(res, rec, 200, { error: -14002, error_name: "Invalid app", error_description: "app id or secret key is invalid" }, "-14002");
    }
    if (form.grant_type !== "refresh_token" || form.refresh_token !== this.refreshToken) {
      return this.answer(res, rec, 200, { error: -14020, error_name: "Invalid refresh token", error_description: "Refresh token is invalid or has been used" }, "-14020");
    }
    this.rotations++;
    this.accessToken = `zalo-access-r${this.rotations}-${randomBytes(4).toString("hex")}`;
    this.refreshToken = `zalo-refresh-r${this.rotations}-${randomBytes(4).toString("hex")}`;
    this.answer(res, rec, 200, { access_token: this.accessToken, refresh_token: this.refreshToken, expires_in: "90000" }, "ok");
  }

  private takeStep(endpoint: "message" | "token"): FakeZaloStep | undefined {
    const i = this.steps.findIndex((s) => (s.endpoint ?? "message") === endpoint);
    return i < 0 ? undefined : this.steps.splice(i, 1)[0];
  }

  private answer(res: ServerResponse, rec: RecordedRequest, status: number, body: unknown, outcome: string, headers: Record<string, string> = {}): void {
    rec.outcome = outcome;
    if (res.destroyed) return;
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }
}

export interface SentBody {
  recipient?: { user_id?: string };
  message?: { text?: string; attachment?: { type?: string; payload?: { buttons?: { title: string; type: string; payload: unknown }[] } } };
}

const MESSAGE_PATH = "/v3.0/oa/message/cs";
const TOKEN_PATH = "/v4/oa/access_token";

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve(""));
  });
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/** How a test signs a webhook: correctly, wrongly, not at all, or correctly with a "mac=" prefix. */
export type SignatureMode = "valid" | "wrong" | "missing" | "mac";

export interface WebhookSecrets {
  appId: string;
  oaSecretKey: string;
}

export const TEST_WEBHOOK_SECRETS: WebhookSecrets = { appId: "102719276611582260", oaSecretKey: "test-oa-secret" };

/**
 * What Zalo puts in X-ZEvent-Signature: sha256_hex(appId + body + timestamp + OA secret key),
 * written out here independently of src/ so the test checks the formula, not our own copy.
 */
export function zaloWebhookSignature(raw: Buffer | string, secrets: WebhookSecrets = TEST_WEBHOOK_SECRETS): string {
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw, "utf8");
  let ts = "";
  try {
    const v = (JSON.parse(bytes.toString("utf8")) as { timestamp?: unknown } | null)?.timestamp;
    ts = typeof v === "string" ? v : typeof v === "number" && Number.isSafeInteger(v) ? String(v) : "";
  } catch {
    ts = "";
  }
  return createHash("sha256").update(Buffer.concat([Buffer.from(secrets.appId), bytes, Buffer.from(ts), Buffer.from(secrets.oaSecretKey)])).digest("hex");
}

/** POSTs raw bytes to {serverUrl}/webhooks/zalo the way Zalo does. */
export async function postZaloWebhook(
  serverUrl: string,
  raw: Buffer | string,
  mode: SignatureMode = "valid",
  secrets: WebhookSecrets = TEST_WEBHOOK_SECRETS,
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const sig = zaloWebhookSignature(raw, secrets);
  if (mode === "valid") headers["x-zevent-signature"] = sig;
  if (mode === "mac") headers["x-zevent-signature"] = `mac=${sig}`;
  if (mode === "wrong") headers["x-zevent-signature"] = zaloWebhookSignature(raw, { ...secrets, oaSecretKey: "not-the-secret" });
  const res = await fetch(`${serverUrl}/webhooks/zalo`, { method: "POST", headers, body: typeof raw === "string" ? raw : new Uint8Array(raw) });
  const text = await res.text();
  return { status: res.status, body: parseJson(text) ?? text };
}
