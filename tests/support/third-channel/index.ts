// "Tin", a third, made-up platform, as one channel folder: proof that a platform needs only
// a folder and a registry line (here the test's own list). Its webhook posts
// {"messages":[{"id","from","text","at"}]} signed with X-Tin-Signature = hex HMAC-SHA256 of the
// raw body; its send API takes {"to","text"} with a bearer token and answers {"id"}. It has
// no buttons (choices become a numbered list) and one 12-hour window for every message.
import { createHmac, timingSafeEqual } from "node:crypto";
import axios from "axios";
import { z } from "zod";
import { urlSetting, type ChannelSettings } from "../../../src/config.js";
import type { Channel, RenderedPart, SendResult } from "../../../src/core/channel.js";
import type { InboundEvent, OutboundMessage } from "../../../src/core/messages.js";
import type { ChannelContext, ChannelModule } from "../../../src/channels/module.js";

export const TIN = "tin";

const schema = z.object({
  TIN_SECRET: z.string().min(8).optional(),
  TIN_TOKEN: z.string().min(1).optional(),
  TIN_API_BASE: urlSetting.default("https://api.tin.example"),
});
type TinSettings = z.infer<typeof schema>;

const settings: ChannelSettings = {
  id: TIN,
  schema,
  credentials: ["TIN_SECRET", "TIN_TOKEN"],
  simulatorSecrets: { TIN_SECRET: "sim-tin-secret", TIN_TOKEN: "sim-tin-token" },
  simulatorFakes: {},
  accountIdSetting: "TIN_ACCOUNT",
  enabled: (v) => Boolean(v.TIN_SECRET),
};

const Body = z.object({ messages: z.array(z.object({ id: z.string().min(1), from: z.string().min(1), text: z.string(), at: z.number() })) });

export function tinSignature(raw: Buffer | string, secret: string): string {
  return createHmac("sha256", secret).update(raw).digest("hex");
}

function create(ctx: ChannelContext): Channel {
  const s = ctx.config.channels[TIN] as TinSettings;
  const http = axios.create({ timeout: ctx.config.HTTP_TIMEOUT_MS, validateStatus: () => true });
  const twelveHours = 12 * 3_600_000;
  return {
    id: TIN,
    platform: TIN,
    account: { externalId: null, name: "Tin", provinceCode: null },
    accountsIn: () => [],
    label: "Tin",
    webhookPath: TIN,
    policy: {
      reply: [{ untilMs: twelveHours, policy: "tin_open", purpose: "response", paid: false }],
      proactive: [{ untilMs: twelveHours, policy: "tin_open", purpose: "reminder", paid: false }],
    },
    textOf: (body) => (body as { text?: string } | undefined)?.text,
    parseUserId: (raw) => (/^tin-\w+$/.test(raw) ? raw : null),
    verify(req) {
      const sent = String(req.headers["x-tin-signature"] ?? "");
      const want = tinSignature(req.rawBody, s.TIN_SECRET ?? "");
      const ok = sent.length === want.length && timingSafeEqual(Buffer.from(sent), Buffer.from(want));
      return ok ? { ok: true } : { ok: false, reason: "bad signature" };
    },
    parse(body) {
      const b = Body.safeParse(body);
      if (!b.success) return { ok: false, reason: "not a Tin body" };
      const events: InboundEvent[] = b.data.messages.map((m) => ({ channel: TIN, eventKey: m.id, userId: m.from, kind: "text", text: m.text, occurredAt: new Date(m.at).toISOString() }));
      return { ok: true, events };
    },
    render(msg: OutboundMessage): RenderedPart[] {
      const list = (msg.choices ?? []).map((c, i) => `${i + 1}. ${c.title}${c.kind === "call" ? ` (${c.phone})` : ""}`);
      return [{ recipientId: msg.recipientId, body: { to: msg.recipientId, text: [msg.text, ...list].filter(Boolean).join("\n") } }];
    },
    async send(part): Promise<SendResult> {
      const res = await http.post(`${s.TIN_API_BASE}/send`, part.body, { headers: { authorization: `Bearer ${s.TIN_TOKEN}` } });
      if (res.status === 200) return { ok: true, platformMessageId: (res.data as { id: string }).id };
      return { ok: false, errorClass: res.status === 401 ? "auth" : res.status >= 500 ? "retryable" : "permanent", code: String(res.status), detail: "tin refused" };
    },
  };
}

export const tinModule: ChannelModule = { settings, create };
