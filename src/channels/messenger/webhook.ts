// The two checks that prove a request comes from Meta (docs/reference/platforms/messenger.md §1):
// the GET subscription handshake and X-Hub-Signature-256 on every POST.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { Router } from "express";
import type { VerifyResult, WebhookRequest } from "../../core/channel.js";
import { log } from "../../log.js";

const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;

/** HMAC-SHA256 of the raw bytes with the App Secret, compared in constant time. The SHA-1 header is ignored. */
export function verifySignature(req: Pick<WebhookRequest, "rawBody" | "headers">, appSecret: string): VerifyResult {
  const header = req.headers["x-hub-signature-256"];
  if (typeof header !== "string") return { ok: false, reason: "missing X-Hub-Signature-256", status: 403 };
  const m = SIGNATURE.exec(header.trim());
  if (!m) return { ok: false, reason: "malformed X-Hub-Signature-256", status: 403 };
  const given = Buffer.from(m[1]!, "hex");
  const expected = createHmac("sha256", appSecret).update(req.rawBody).digest();
  if (!timingSafeEqual(given, expected)) return { ok: false, reason: "signature mismatch", status: 403 };
  return { ok: true };
}

// Meta sends an integer; anything else is echoed nowhere.
const CHALLENGE = /^[A-Za-z0-9_-]{1,200}$/;

/** GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=… → 200 with the challenge, else 403. */
export function mountHandshake(router: Router, verifyToken: string | undefined): void {
  router.get("/", (req, res) => {
    const q = req.query as Record<string, unknown>;
    const mode = q["hub.mode"];
    const token = q["hub.verify_token"];
    const challenge = q["hub.challenge"];
    const ok =
      mode === "subscribe" &&
      typeof token === "string" &&
      verifyToken !== undefined &&
      sameSecret(token, verifyToken) &&
      typeof challenge === "string" &&
      CHALLENGE.test(challenge);
    if (!ok) {
      log.warn("messenger handshake refused", { mode: typeof mode === "string" ? mode.slice(0, 20) : undefined });
      res.status(403).json({ error: "verification failed" });
      return;
    }
    log.info("messenger handshake accepted");
    res.status(200).type("text/plain").set("x-content-type-options", "nosniff").send(challenge);
  });
}

/** Constant time whatever the lengths: compare digests. */
function sameSecret(a: string, b: string): boolean {
  const h = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(h(a), h(b));
}
