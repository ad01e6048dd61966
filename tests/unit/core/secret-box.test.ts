import { describe, expect, it } from "vitest";
import { parseKey, sealIfPossible, secretBox, SecretBoxError } from "../../../src/core/secret-box.js";

const KEY = Buffer.alloc(32, 3).toString("base64");

describe("secret box (ACCOUNTS_KEY)", () => {
  it("seals and opens; each seal differs; the clear text is not in it", () => {
    const box = secretBox(KEY);
    const a = box.seal("page-token-secret");
    const b = box.seal("page-token-secret");
    expect(a).not.toBe(b);
    expect(a).toMatch(/^sealed:v1:/);
    expect(a).not.toContain("page-token-secret");
    expect(box.open(a)).toBe("page-token-secret");
  });

  it("a changed value or another key does not open; a value from before sealing reads as it is", () => {
    const box = secretBox(KEY);
    const sealed = box.seal("x");
    expect(() => box.open(sealed.slice(0, -4) + "AAAA")).toThrow(SecretBoxError);
    expect(() => secretBox(Buffer.alloc(32, 4).toString("hex")).open(sealed)).toThrow(SecretBoxError);
    expect(box.open("legacy-plain-token")).toBe("legacy-plain-token");
  });

  it("without a key nothing is sealed, and a sealed value says the key is missing", () => {
    const none = secretBox(undefined);
    expect(none.enabled).toBe(false);
    expect(() => none.seal("x")).toThrow(/ACCOUNTS_KEY is not set/);
    expect(sealIfPossible(none, "x")).toBe("x");
    expect(() => none.open(secretBox(KEY).seal("x"))).toThrow(/ACCOUNTS_KEY is not set/);
  });

  it("keys are 32 bytes, hex or base64", () => {
    expect(parseKey("ab".repeat(32))).toHaveLength(32);
    expect(() => parseKey("short")).toThrow(SecretBoxError);
  });
});
