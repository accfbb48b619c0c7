import { type Logger, pino } from "pino";

/** Paths pino replaces with [redacted] wherever they appear in a log line. */
export const redactPaths = [
  "appSecret",
  "accessToken",
  "refreshToken",
  "access_token",
  "refresh_token",
  "password",
  "secret",
  "credentials",
  "authorization",
  "*.appSecret",
  "*.accessToken",
  "*.refreshToken",
  "*.access_token",
  "*.refresh_token",
  "*.password",
  "*.secret",
  "*.credentials",
  "*.authorization",
  "*.headers.authorization",
  "*.*.appSecret",
  "*.*.accessToken",
  "*.*.access_token",
  "*.*.credentials",
];

export function createLogger(level = process.env.LOG_LEVEL ?? "info", destination?: NodeJS.WritableStream): Logger {
  const options = { level, redact: { paths: redactPaths, censor: "[redacted]" }, base: { app: "tijarat" } };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
