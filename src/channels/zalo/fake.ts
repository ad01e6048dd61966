// A fake Zalo OA API and OAuth v4 token endpoint: the only one, used by the tests (on its own
// port) and by the simulator (mounted on the bot's own server). It behaves like the two
// endpoints the channel calls: POST /v3.0/oa/message/cs (checks the access_token header,
// answers errors in the body with HTTP 200 as Zalo does) and POST /v4/oa/access_token (checks
// secret_key and the current refresh token, rotates both, refuses a spent one with -14020).
// It records requests (bounded when asked) and can be scripted to misbehave, one step per request.
import { randomBytes } from "node:crypto";
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
  /** A scripted wait before the answer (longer than the client's timeout: it gave up). */
  delayedMs?: number;
}

export interface FakeZaloOptions {
  accessToken: string;
  refreshToken: string;
  appId: string;
  appSecret: string;
  /**
   * Tokens issued extend the first ones (`<first>.<nonce>`) and any such token is accepted
   * until spent: a server that restarts (and forgets nothing, its tokens are in its
   * database) keeps working against a fake that restarted with it. The simulator wants this.
   */
  restartTolerant?: boolean;
  /** Keep only the last N requests (a long-running simulator); unbounded by default (tests). */
  maxRecorded?: number;
  /** Called with each message body the fake accepted (the simulator shows it as a reply). */
  onAccepted?: (body: SentBody) => void;
}

export class FakeZalo {
  readonly requests: RecordedRequest[] = [];
  accessToken: string;
  refreshToken: string;
  private steps: FakeZaloStep[] = [];
  private rotations = 0;
  private server: Server | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly spentRefresh = new Set<string>();

  constructor(private readonly opts: FakeZaloOptions) {
    this.accessToken = opts.accessToken;
    this.refreshToken = opts.refreshToken;
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
    this.accessToken = this.opts.accessToken;
    this.refreshToken = this.opts.refreshToken;
    this.spentRefresh.clear();
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

  /** The Node request handler: on its own server (start()), or mounted under a path in Express. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? "/").split("?")[0]!;
    const rec: RecordedRequest = { method: req.method ?? "", path, headers: req.headers, body: undefined, at: Date.now() };
    this.requests.push(rec);
    if (this.opts.maxRecorded !== undefined && this.requests.length > this.opts.maxRecorded) this.requests.splice(0, this.requests.length - this.opts.maxRecorded);
    const endpoint = path === MESSAGE_PATH ? "message" : path === TOKEN_PATH ? "token" : null;
    if (req.method !== "POST" || !endpoint) return this.answer(res, rec, 404, { error: 404, message: "not found" }, "404");
    rec.body = endpoint === "token" ? Object.fromEntries(new URLSearchParams(raw)) : parseJson(raw);
    const step = this.takeStep(endpoint);
    if (step?.delayMs) {
      rec.delayedMs = step.delayMs;
      await this.sleep(step.delayMs);
    }
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
    if (!this.accessOk(req.headers["access_token"])) {
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
    this.opts.onAccepted?.(body as SentBody);
  }

  private token(req: IncomingMessage, res: ServerResponse, rec: RecordedRequest): void {
    const form = rec.body as Record<string, string>;
    if (req.headers["secret_key"] !== this.opts.appSecret || form.app_id !== this.opts.appId) {
      // Code UNCONFIRMED: Zalo's answer to a wrong app secret is not documented in our sources.
      return this.answer(res, rec, 200, { error: -14002, error_name: "Invalid app", error_description: "app id or secret key is invalid" }, "-14002");
    }
    // Another account's refresh token or OAuth code: a fresh pair for that account.
    const other = form.grant_type === "authorization_code" ? this.codes.get(form.code ?? "") : form.grant_type === "refresh_token" ? this.otherRefresh.get(form.refresh_token ?? "") : undefined;
    if (other !== undefined) {
      this.codes.delete(form.code ?? "");
      this.otherRefresh.delete(form.refresh_token ?? "");
      const nonce = `r${++this.rotations}-${randomBytes(4).toString("hex")}`;
      const pair = { access: `${other}.${nonce}`, refresh: `${other}.refresh.${nonce}` };
      this.otherAccess.add(pair.access);
      this.otherRefresh.set(pair.refresh, other);
      return this.answer(res, rec, 200, { access_token: pair.access, refresh_token: pair.refresh, expires_in: "90000" }, "ok");
    }
    if (form.grant_type !== "refresh_token" || !this.refreshOk(form.refresh_token)) {
      return this.answer(res, rec, 200, { error: -14020, error_name: "Invalid refresh token", error_description: "Refresh token is invalid or has been used" }, "-14020");
    }
    this.rotations++;
    this.spentRefresh.add(form.refresh_token!);
    const nonce = `r${this.rotations}-${randomBytes(4).toString("hex")}`;
    this.accessToken = `${this.opts.accessToken}.${nonce}`;
    this.refreshToken = `${this.opts.refreshToken}.${nonce}`;
    this.answer(res, rec, 200, { access_token: this.accessToken, refresh_token: this.refreshToken, expires_in: "90000" }, "ok");
  }

  /**
   * Another OA's access token, accepted too: all accounts share one API base. `refresh` is
   * that OA's refresh token (spent once, like the first one's); `code` an OAuth code its
   * consent page would return.
   */
  addAccount(a: { accessToken: string; refreshToken?: string; code?: string }): void {
    this.otherAccess.add(a.accessToken);
    if (a.refreshToken) this.otherRefresh.set(a.refreshToken, a.accessToken);
    if (a.code) this.codes.set(a.code, a.accessToken);
  }

  /** That OA's token stops working (expired or revoked); the others still do. */
  revokeAccess(token: string): void {
    this.otherAccess.delete(token);
  }

  private readonly otherAccess = new Set<string>();
  private readonly otherRefresh = new Map<string, string>();
  private readonly codes = new Map<string, string>();

  private accessOk(token: string | string[] | undefined): boolean {
    if (typeof token !== "string") return false;
    return token === this.accessToken || this.otherAccess.has(token) || (this.opts.restartTolerant === true && token.startsWith(`${this.opts.accessToken}.`));
  }

  private refreshOk(token: string | undefined): boolean {
    if (!token || this.spentRefresh.has(token)) return false;
    return token === this.refreshToken || (this.opts.restartTolerant === true && token.startsWith(`${this.opts.refreshToken}.`));
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
