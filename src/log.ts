// JSON-lines logger. Villagers' messages can reveal violence, so log lines carry ids,
// statuses and counts only: fields that could hold a body, a phone number or a token
// are dropped, and digit runs that look like phone numbers are masked in any string.
import { AsyncLocalStorage } from "node:async_hooks";

type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

const FORBIDDEN_KEY = /(text|body|message(?!Id|_id|Count)|token|secret|password|phone|payload|raw|content|signature|address|name)$/i;
const PHONE_LIKE = /\+?\d[\d .-]{7,}\d/g;

export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

let threshold = order[(process.env.LOG_LEVEL as Level) ?? "info"] ?? order.info;
let sink: (line: string) => void = (line) => process.stdout.write(line + "\n");

export function setLogLevel(level: Level | "silent"): void {
  threshold = order[level];
}

/** Tests capture every line to prove no body, phone or token ever reaches the log. */
export function setLogSink(fn: (line: string) => void): void {
  sink = fn;
}

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return value.replace(PHONE_LIKE, "[redacted]");
  if (value === null || typeof value !== "object") return value;
  if (depth > 3) return "[object]";
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = FORBIDDEN_KEY.test(k) ? "[redacted]" : redact(v, depth + 1);
  }
  return out;
}

function write(level: Level, msg: string, fields?: Record<string, unknown>): void {
  if (order[level] < threshold) return;
  const ctx = requestContext.getStore();
  const line = {
    t: new Date().toISOString(),
    level,
    msg,
    ...(ctx ? { requestId: ctx.requestId } : {}),
    ...(fields ? (redact(fields) as Record<string, unknown>) : {}),
  };
  sink(JSON.stringify(line));
}

export const log = {
  debug: (msg: string, f?: Record<string, unknown>) => write("debug", msg, f),
  info: (msg: string, f?: Record<string, unknown>) => write("info", msg, f),
  warn: (msg: string, f?: Record<string, unknown>) => write("warn", msg, f),
  error: (msg: string, f?: Record<string, unknown>) => write("error", msg, f),
};

/** Errors from HTTP clients carry request configs with tokens; keep only what helps. */
export function errorFields(err: unknown): Record<string, unknown> {
  if (err instanceof Error) return { error: err.name, errorDetail: err.message.slice(0, 200).replace(PHONE_LIKE, "[redacted]") };
  return { error: String(err).slice(0, 200) };
}
