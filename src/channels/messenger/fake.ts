// A fake Graph API for the Send API: the only one, used by the tests (on its own port) and by
// the simulator (mounted on the bot's own server). It checks the page token, records every
// request (bounded when asked), answers errors in Graph's envelope so the real channel code
// classifies them, and can be scripted, one step per request.
//
//   const fake = new FakeMeta({ pageToken });  const { url } = await fake.start();   // GRAPH_API_BASE = url
//   fake.script([{ status: 429, headers: { "retry-after": "1" } }, { graphError: { code: 613 } },
//                { graphError: { code: 10, error_subcode: 2018278 } }, { delayMs: 3000 }, { status: 500 }]);
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface GraphError {
  code: number;
  error_subcode?: number;
  message?: string;
  type?: string;
}

/** One scripted answer; consumed by the next request that passes the token check. */
export interface ScriptStep {
  /** Wait before answering (longer than HTTP_TIMEOUT_MS = a timeout). */
  delayMs?: number;
  /** HTTP status; 400 by default with graphError, else 200 (success) or as given. */
  status?: number;
  headers?: Record<string, string>;
  graphError?: GraphError;
  /** A raw body to answer with instead of the default. */
  body?: unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage["headers"];
  body: unknown;
  /** The token the request carried (query access_token or Bearer header). */
  token: string | undefined;
  /** Status the fake answered with (undefined while a delayed answer is pending). */
  status?: number;
  messageId?: string;
  receivedAt: Date;
  /** A scripted wait before the answer (longer than the client's timeout: it gave up). */
  delayedMs?: number;
}

export interface FakeMetaOptions {
  pageToken: string;
  /** Keep only the last N requests (a long-running simulator); unbounded by default (tests). */
  maxRecorded?: number;
  /** Called with each message body the fake accepted (the simulator shows it as a reply). */
  onAccepted?: (body: unknown) => void;
}

export class FakeMeta {
  readonly requests: RecordedRequest[] = [];
  private server: Server | null = null;
  private steps: ScriptStep[] = [];
  private counter = 0;
  /** Page tokens accepted now: one per Page this fake plays (several accounts share one Graph API base). */
  private validTokens: Set<string>;

  constructor(private readonly opts: FakeMetaOptions) {
    this.validTokens = new Set([opts.pageToken]);
  }

  async start(): Promise<{ url: string }> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.server = server;
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Answers for the next requests, in order; after them every request succeeds. */
  script(steps: ScriptStep[]): void {
    this.steps.push(...steps);
  }

  /** Only this token is accepted from now on (simulates a revoked or renewed page token). */
  acceptToken(token: string): void {
    this.validTokens = new Set([token]);
  }

  /** Another Page's token is accepted too (a second account). */
  acceptAlso(token: string): void {
    this.validTokens.add(token);
  }

  /** This token stops working (that Page's token expired); the others still do. */
  revoke(token: string): void {
    this.validTokens.delete(token);
  }

  /** Forgets requests and script. Message ids stay unique for the fake's life, like Meta's. */
  reset(): void {
    this.requests.length = 0;
    this.steps = [];
  }

  /** Requests addressed to this PSID, in arrival order. */
  requestsFor(psid: string): RecordedRequest[] {
    return this.requests.filter((r) => recipientOf(r.body) === psid);
  }

  /** Texts the person would see: accepted messages only (plain text or template text). */
  sentTexts(psid: string): string[] {
    return this.requestsFor(psid)
      .filter((r) => r.status === 200)
      .map((r) => textOf(r.body))
      .filter((t): t is string => t !== undefined);
  }

  /** The Node request handler: on its own server (start()), or mounted under a path in Express. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw.length > 0 ? JSON.parse(raw.toString("utf8")) : undefined;
    } catch {
      body = raw.toString("utf8");
    }
    const auth = req.headers.authorization;
    const token = url.searchParams.get("access_token") ?? (auth?.startsWith("Bearer ") ? auth.slice(7) : undefined);
    const rec: RecordedRequest = {
      method: req.method ?? "",
      path: url.pathname,
      query: Object.fromEntries([...url.searchParams].filter(([k]) => k !== "access_token")),
      headers: req.headers,
      body,
      token,
      receivedAt: new Date(),
    };
    this.requests.push(rec);
    if (this.opts.maxRecorded !== undefined && this.requests.length > this.opts.maxRecorded) this.requests.splice(0, this.requests.length - this.opts.maxRecorded);

    if (req.method !== "POST" || !/^\/v\d+\.\d+\/me\/messages$/.test(url.pathname)) {
      return this.answer(res, rec, 404, { error: { message: "Unknown path components", type: "OAuthException", code: 2500, fbtrace_id: "FAKE" } });
    }
    if (token === undefined || !this.validTokens.has(token)) {
      return this.answer(res, rec, 400, { error: { message: "Invalid OAuth access token.", type: "OAuthException", code: 190, fbtrace_id: "FAKE" } });
    }
    const recipient = recipientOf(body);
    if (typeof body !== "object" || body === null || !recipient) {
      return this.answer(res, rec, 400, { error: { message: "(#100) The parameter recipient is required", type: "OAuthException", code: 100, fbtrace_id: "FAKE" } });
    }
    const step = this.steps.shift() ?? {};
    if (step.delayMs) {
      rec.delayedMs = step.delayMs;
      await new Promise((r) => setTimeout(r, step.delayMs));
    }
    if (step.graphError) {
      const error = { message: "(fake) scripted error", type: "OAuthException", fbtrace_id: "FAKE", ...step.graphError };
      return this.answer(res, rec, step.status ?? 400, step.body ?? { error }, step.headers);
    }
    const status = step.status ?? 200;
    if (status >= 200 && status < 300 && step.body === undefined) {
      rec.messageId = `m_${++this.counter}`;
      this.answer(res, rec, status, { recipient_id: recipient, message_id: rec.messageId }, step.headers);
      this.opts.onAccepted?.(body);
      return;
    }
    return this.answer(res, rec, status, step.body ?? { error: { message: "(fake) server error", code: 1, type: "OAuthException" } }, step.headers);
  }

  private answer(res: ServerResponse, rec: RecordedRequest, status: number, body: unknown, headers: Record<string, string> = {}): void {
    rec.status = status;
    if (res.destroyed) return; // the client gave up (timeout)
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  }
}

function recipientOf(body: unknown): string | undefined {
  const r = (body as { recipient?: { id?: unknown } } | undefined)?.recipient?.id;
  return typeof r === "string" ? r : undefined;
}

function textOf(body: unknown): string | undefined {
  const m = (body as { message?: { text?: unknown; attachment?: { payload?: { text?: unknown } } } } | undefined)?.message;
  const t = m?.text ?? m?.attachment?.payload?.text;
  return typeof t === "string" ? t : undefined;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
