import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type Config, ConfigError, decodeKey } from "./config.js";

const devKeyPath = join(dirname(new URL(import.meta.url).pathname), "..", ".tijarat", "secret.key");

/**
 * The key that encrypts channel credentials. Production must set TIJARAT_SECRET_KEY; elsewhere a random key is
 * created once in .tijarat/secret.key (mode 0600, ignored by git) so a fresh checkout works without setup.
 */
export function resolveSecretKey(config: Config, path = devKeyPath): Buffer {
  if (config.TIJARAT_SECRET_KEY) return decodeKey(config.TIJARAT_SECRET_KEY)!;
  if (config.NODE_ENV === "production") {
    throw new ConfigError(["TIJARAT_SECRET_KEY: required in production (32 bytes, hex or base64)"]);
  }
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, randomBytes(32).toString("hex"), { mode: 0o600 });
    chmodSync(path, 0o600);
  }
  const key = decodeKey(readFileSync(path, "utf8").trim());
  if (!key) throw new ConfigError([`TIJARAT_SECRET_KEY: the key file ${path} does not hold 32 bytes`]);
  return key;
}
