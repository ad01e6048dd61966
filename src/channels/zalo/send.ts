// One rendered part → one POST /v3.0/oa/message/cs. The token travels in a bare
// `access_token` header (not Bearer), and Zalo reports most failures as HTTP 200 with
// a non-zero body.error, so the body is always read before the status.
import axios, { type AxiosInstance } from "axios";
import type { RenderedPart, SendResult } from "../../core/channel.js";
import { classifyHttpStatus, classifyZaloCode, networkFailure } from "./errors.js";
import type { ZaloTokens } from "./token.js";

export interface ZaloSendDeps {
  http: AxiosInstance;
  apiBase: string;
  timeoutMs: number;
  tokens: ZaloTokens;
}

interface ZaloEnvelope {
  error: number;
  message?: unknown;
  data?: { message_id?: unknown };
}

export async function sendZalo(part: RenderedPart, deps: ZaloSendDeps): Promise<SendResult> {
  const token = await deps.tokens.current();
  if (!token) return { ok: false, errorClass: "auth", code: "no_token", detail: "no Zalo access token configured" };
  let res;
  try {
    res = await deps.http.post(`${deps.apiBase}/v3.0/oa/message/cs`, part.body, {
      headers: { "Content-Type": "application/json", access_token: token },
      timeout: deps.timeoutMs,
      validateStatus: () => true,
    });
  } catch (err) {
    const code = axios.isAxiosError(err) ? err.code : undefined;
    const timedOut = code === "ECONNABORTED" || code === "ETIMEDOUT";
    return networkFailure(timedOut ? "timeout" : "network", code ?? "request failed");
  }
  const retryAfter = headerString(res.headers["retry-after"]);
  // A 429 is the gateway throttling us: its Retry-After is the best advice, whatever the body.
  const result: SendResult =
    res.status === 429 || !isEnvelope(res.data)
      ? classifyHttpStatus(res.status, retryAfter)
      : res.data.error === 0 && res.status < 300
        ? { ok: true, ...messageId(res.data) }
        : res.data.error === 0
          ? classifyHttpStatus(res.status, retryAfter)
          : classifyZaloCode(res.data.error, typeof res.data.message === "string" ? res.data.message : "");
  if (!result.ok && result.errorClass === "auth") deps.tokens.markRejected(token);
  return result;
}

function isEnvelope(v: unknown): v is ZaloEnvelope {
  return typeof v === "object" && v !== null && typeof (v as { error?: unknown }).error === "number";
}

function messageId(body: ZaloEnvelope): { platformMessageId?: string } {
  const id = body.data?.message_id;
  return typeof id === "string" && id.length > 0 ? { platformMessageId: id } : {};
}

function headerString(v: unknown): string | undefined {
  return typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : undefined;
}
