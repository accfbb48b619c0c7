import { z } from "zod";
import { parseAllowedHostList } from "./media/addressPolicy.js";

const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}`,
  );

const envSchema = z.object({
  DATABASE_URL: url(["postgresql:", "postgres:"]).default("postgresql://postgres@127.0.0.1:5432/tijarat"),
  REDIS_URL: url(["redis:", "rediss:"]).default("redis://127.0.0.1:6379"),
  /** Prefix for every BullMQ key, so several deployments or test runs can share one Redis. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "may hold only letters, digits, '_' and '-'")
    .default("tijarat"),
  /** 32-byte key (hex or base64) that encrypts channel credentials at rest. */
  TIJARAT_SECRET_KEY: z
    .string()
    .refine((v) => decodeKey(v) !== null, "must be 32 bytes as 64 hex characters or base64")
    .optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUSH_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
  RELAY_POLL_MS: z.coerce.number().int().min(50).default(1000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /** Edits of one listing closer together than this are pushed once (debounce while the push waits). */
  COALESCE_MS: z.coerce.number().int().min(0).max(60_000).default(150),
  /** How long a price/stock update waits for others to share its channel call (Daraz takes 50 SKUs per call). */
  PRICE_BATCH_WINDOW_MS: z.coerce.number().int().min(0).max(5000).default(100),
  /** Attempts of a push before it fails for good (throttled runs do not count). */
  PUSH_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
  /** First retry delay; each next one doubles, with jitter. */
  PUSH_BACKOFF_MS: z.coerce.number().int().min(1).default(1000),
  /** A job whose worker stops renewing its lock for this long is taken back and run again. */
  JOB_LOCK_MS: z.coerce.number().int().min(500).default(30_000),
  STALLED_CHECK_MS: z.coerce.number().int().min(200).default(15_000),
  /** Nightly reconciliation: a cron pattern (5 or 6 fields) read in RECONCILE_TZ, or "off". */
  RECONCILE_CRON: z
    .string()
    .trim()
    .refine((v) => v === "off" || /^\S+(\s+\S+){4,5}$/.test(v), 'must be a cron pattern such as "0 2 * * *", or "off"')
    .default("0 2 * * *"),
  RECONCILE_TZ: z
    .string()
    .refine((v) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: v });
        return true;
      } catch {
        return false;
      }
    }, "must be an IANA time zone such as Asia/Karachi")
    .default("Asia/Karachi"),
  /**
   * Hosts (host or host:port, comma-separated) whose images may be fetched even though they resolve to loopback or
   * private addresses; every other host must resolve to public addresses only.
   */
  MEDIA_ALLOWED_HOSTS: z
    .string()
    .default("")
    .transform((v, ctx) => {
      try {
        return parseAllowedHostList(v);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: err instanceof Error ? err.message : String(err) });
        return z.NEVER;
      }
    }),
  /** Largest product image fetched from its source, in bytes. */
  MEDIA_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  /** One deadline per image fetch (DNS, connect, headers and body). */
  MEDIA_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** A fetched image is checked again at its source (conditional GET) once it is older than this. */
  MEDIA_REFRESH_HOURS: z.coerce.number().min(0).default(24),
  /** Taxonomy refresh: a cron pattern read in RECONCILE_TZ, or "off". Channels change required attributes. */
  TAXONOMY_CRON: z
    .string()
    .trim()
    .refine((v) => v === "off" || /^\S+(\s+\S+){4,5}$/.test(v), 'must be a cron pattern such as "0 3 * * 0", or "off"')
    .default("0 3 * * 0"),
  NODE_ENV: z.string().default("development"),
  /** Machine translation of missing locales; none keeps such listings held as needs_translation. */
  TRANSLATION_PROVIDER: z.enum(["none", "libretranslate", "deepl", "google"]).default("none"),
  /** LibreTranslate server (required for it); for DeepL/Google an optional endpoint override. */
  TRANSLATION_URL: url(["http:", "https:"]).optional(),
  /** Provider API key (secret: never logged, never echoed in errors). */
  TRANSLATION_API_KEY: z.string().optional(),
  /** Translation jobs (about one provider request each) per second. */
  TRANSLATION_RATE_PER_SEC: z.coerce.number().int().min(1).max(1000).default(5),
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function decodeKey(value: string): Buffer | null {
  const bytes = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
  return bytes.length === 32 ? bytes : null;
}

/** Parses the environment; every wrong variable is named in the error. Empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join(".");
        const raw = cleaned[name];
        const shown = raw === undefined || /KEY|SECRET|PASSWORD|TOKEN/i.test(name) ? "" : ` (got "${raw}")`;
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const provider = parsed.data.TRANSLATION_PROVIDER;
  if (provider === "libretranslate" && !parsed.data.TRANSLATION_URL) {
    throw new ConfigError(["TRANSLATION_URL: is required when TRANSLATION_PROVIDER=libretranslate"]);
  }
  if ((provider === "deepl" || provider === "google") && !parsed.data.TRANSLATION_API_KEY) {
    throw new ConfigError([`TRANSLATION_API_KEY: is required when TRANSLATION_PROVIDER=${provider}`]);
  }
  return parsed.data;
}
