import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

describe("loadConfig", () => {
  it("gives local defaults when nothing is set", () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe("postgresql://postgres@127.0.0.1:5432/tijarat");
    expect(config.REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(config.QUEUE_PREFIX).toBe("tijarat");
  });

  it("names each wrong variable and what it got", () => {
    try {
      loadConfig({ DATABASE_URL: "mysql://x", REDIS_URL: "nope", PUSH_CONCURRENCY: "0" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as Error).message;
      expect(message).toContain(
        'DATABASE_URL: must be a URL starting with postgresql:// or postgres:// (got "mysql://x")',
      );
      expect(message).toContain("REDIS_URL");
      expect(message).toContain("PUSH_CONCURRENCY");
    }
  });

  it("never echoes a secret's value", () => {
    expect(() => loadConfig({ TIJARAT_SECRET_KEY: "short-secret-value" })).toThrow(/TIJARAT_SECRET_KEY/);
    try {
      loadConfig({ TIJARAT_SECRET_KEY: "short-secret-value" });
    } catch (err) {
      expect((err as Error).message).not.toContain("short-secret-value");
    }
  });

  it("accepts a 32-byte hex key", () => {
    expect(loadConfig({ TIJARAT_SECRET_KEY: "ab".repeat(32) }).TIJARAT_SECRET_KEY).toBe("ab".repeat(32));
  });
});
