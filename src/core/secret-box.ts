// Credentials at rest: AES-256-GCM with a key from the environment (ACCOUNTS_KEY, 32 bytes as
// base64 or hex), so a copied database or backup holds no usable OA or Page token. The sealed
// form says its version, so the key or the cipher can change later without guessing.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const PREFIX = "sealed:v1:";

export class SecretBoxError extends Error {}

export interface SecretBox {
  /** Whether a key is configured: without one, nothing new can be sealed. */
  readonly enabled: boolean;
  seal(plain: string): string;
  /** Opens a sealed value; a value written before encryption (no prefix) is returned as it is. */
  open(stored: string): string;
}

/** Parses ACCOUNTS_KEY: 32 bytes, base64 (44 chars) or hex (64 chars). */
export function parseKey(raw: string): Buffer {
  const s = raw.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(s) ? Buffer.from(s, "hex") : Buffer.from(s, "base64");
  if (key.length !== 32) throw new SecretBoxError("ACCOUNTS_KEY must be 32 bytes, as 64 hex digits or base64 (openssl rand -base64 32)");
  return key;
}

export function secretBox(rawKey: string | undefined): SecretBox {
  const key = rawKey ? parseKey(rawKey) : null;
  return {
    enabled: key !== null,
    seal(plain) {
      if (!key) throw new SecretBoxError("ACCOUNTS_KEY is not set: credentials cannot be stored");
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return `${PREFIX}${iv.toString("base64")}:${cipher.getAuthTag().toString("base64")}:${body.toString("base64")}`;
    },
    open(stored) {
      if (!stored.startsWith(PREFIX)) return stored;
      if (!key) throw new SecretBoxError("a sealed credential is stored but ACCOUNTS_KEY is not set");
      const [iv, tag, body] = stored.slice(PREFIX.length).split(":");
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv ?? "", "base64"));
        decipher.setAuthTag(Buffer.from(tag ?? "", "base64"));
        return Buffer.concat([decipher.update(Buffer.from(body ?? "", "base64")), decipher.final()]).toString("utf8");
      } catch {
        throw new SecretBoxError("a sealed credential does not open with ACCOUNTS_KEY (wrong key, or the value was changed)");
      }
    },
  };
}

/** Seals when a key is configured, else keeps the value as it is (tokens rotated before a key was set). */
export function sealIfPossible(box: SecretBox, plain: string): string {
  return box.enabled ? box.seal(plain) : plain;
}
