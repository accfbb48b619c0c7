import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { open, seal } from "../../src/lib/secretBox.js";

describe("secretBox", () => {
  const key = randomBytes(32);

  it("round-trips and never stores the plaintext", () => {
    const sealed = seal('{"appSecret":"hunter2"}', key);
    expect(sealed).not.toContain("hunter2");
    expect(open(sealed, key)).toBe('{"appSecret":"hunter2"}');
  });

  it("uses a fresh IV each time", () => {
    expect(seal("x", key)).not.toBe(seal("x", key));
  });

  it("rejects a tampered value or the wrong key", () => {
    const sealed = seal("payload", key);
    const parts = sealed.split(".");
    parts[3] = Buffer.from("PAYLOAD").toString("base64url");
    expect(() => open(parts.join("."), key)).toThrow();
    expect(() => open(sealed, randomBytes(32))).toThrow();
  });
});
