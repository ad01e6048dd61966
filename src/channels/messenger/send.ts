// One outbox row → one Send API call: POST {GRAPH_API_BASE}/{version}/me/messages.
// The page token goes in the `access_token` query parameter, as every Messenger doc
// shows; axios errors are reduced to a code here, so the URL (and token) is never logged.
import axios, { type AxiosResponse } from "axios";
import type { RenderedPart, SendResult } from "../../core/channel.js";
import { secretBox, type SecretBox } from "../../core/secret-box.js";
import type { Db } from "../../db/client.js";
import { log } from "../../log.js";
import type { MessengerSettings } from "./config.js";
import { classifyGraphError } from "./errors.js";
import { MESSENGER } from "./parse.js";

export interface SenderDeps {
  config: Pick<MessengerSettings, "GRAPH_API_BASE" | "GRAPH_API_VERSION" | "MESSENGER_PAGE_TOKEN"> & { HTTP_TIMEOUT_MS: number };
  db: Db;
  /** The account's channel id: its renewed page token is kept in that ChannelState row. */
  channel?: string;
  box?: SecretBox;
}

export function createSender(deps: SenderDeps): (part: RenderedPart) => Promise<SendResult> {
  const { config, db } = deps;
  const url = `${config.GRAPH_API_BASE.replace(/\/+$/, "")}/${config.GRAPH_API_VERSION}/me/messages`;
  return async (part) => {
    const token = await currentPageToken(db, config.MESSENGER_PAGE_TOKEN, deps.channel, deps.box);
    if (!token) return { ok: false, errorClass: "auth", code: "no_token", detail: "no page access token configured" };
    let res: AxiosResponse<unknown>;
    try {
      res = await axios.post(url, part.body, {
        params: { access_token: token },
        timeout: config.HTTP_TIMEOUT_MS,
        validateStatus: () => true,
        maxRedirects: 0,
        headers: { "content-type": "application/json" },
      });
    } catch (err) {
      const code = axios.isAxiosError(err) ? (err.code ?? "network") : "network";
      log.warn("messenger send: no answer", { code });
      return { ok: false, errorClass: "retryable", code, detail: "no HTTP answer from the Graph API" };
    }
    if (res.status >= 200 && res.status < 300) {
      const id = field(res.data, "message_id");
      return { ok: true, ...(typeof id === "string" ? { platformMessageId: id } : {}) };
    }
    return failure(res);
  };
}

/**
 * Staff renew an expired page token by storing it in ChannelState (no redeploy); until
 * then the configured one is used. Page tokens cannot be refreshed by us.
 */
export async function currentPageToken(db: Db, configured: string | undefined, channel = MESSENGER, box: SecretBox = secretBox(undefined)): Promise<string | undefined> {
  const row = await db.channelState.findUnique({ where: { channel }, select: { accessToken: true } });
  return row?.accessToken ? box.open(row.accessToken) : configured;
}

function failure(res: AxiosResponse<unknown>): SendResult {
  const error = field(res.data, "error");
  const code = numberField(error, "code");
  const subcode = numberField(error, "error_subcode");
  const fbtraceId = field(error, "fbtrace_id");
  const message = field(error, "message");
  const { errorClass } = classifyGraphError({ httpStatus: res.status, code, subcode });
  const retryAfterMs = retryAfter(res.headers["retry-after"]);
  log.warn("messenger send failed", {
    httpStatus: res.status,
    graphCode: code,
    graphSubcode: subcode,
    fbtraceId: typeof fbtraceId === "string" ? fbtraceId : undefined,
    errorClass,
  });
  return {
    ok: false,
    errorClass,
    code: code !== undefined ? `${code}${subcode !== undefined ? `/${subcode}` : ""}` : `http_${res.status}`,
    detail: typeof message === "string" ? message.slice(0, 200) : `HTTP ${res.status}`,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}

/** Retry-After as seconds or an HTTP date. */
export function retryAfter(value: unknown, now = Date.now()): number | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function field(v: unknown, key: string): unknown {
  return typeof v === "object" && v !== null ? (v as Record<string, unknown>)[key] : undefined;
}

function numberField(v: unknown, key: string): number | undefined {
  const x = field(v, key);
  return typeof x === "number" && Number.isInteger(x) ? x : undefined;
}
