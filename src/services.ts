import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Redis } from "ioredis";
import pg from "pg";

export class ServiceUnavailableError extends Error {
  constructor(service: string, url: string, cause: string) {
    super(
      `${service} is not reachable at ${redactUrl(url)} (${cause}).\n` +
        `Start it with \`docker compose up -d\` (from the project folder), or set ${service === "PostgreSQL" ? "DATABASE_URL" : "REDIS_URL"} to a running server.`,
    );
    this.name = "ServiceUnavailableError";
  }
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(invalid URL)";
  }
}

/** A URL for the same server's maintenance database, to create or drop others. */
export function adminUrl(databaseUrl: string): string {
  const u = new URL(databaseUrl);
  u.pathname = "/postgres";
  return u.toString();
}

export function databaseName(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
}

export function withDatabase(databaseUrl: string, name: string): string {
  const u = new URL(databaseUrl);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
}

export async function checkPostgres(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl(databaseUrl), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (err) {
    throw new ServiceUnavailableError(
      "PostgreSQL",
      databaseUrl,
      err instanceof Error ? err.message || err.name : String(err),
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function checkRedis(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    const policy = (await redis.config("GET", "maxmemory-policy").catch(() => [])) as string[];
    if (policy[1] && policy[1] !== "noeviction") {
      process.emitWarning(`Redis maxmemory-policy is ${policy[1]}; BullMQ needs noeviction`);
    }
  } catch (err) {
    throw new ServiceUnavailableError("Redis", redisUrl, err instanceof Error ? err.message || err.name : String(err));
  } finally {
    redis.disconnect();
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function recreateDatabase(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl(databaseUrl) });
  await client.connect();
  try {
    const name = databaseName(databaseUrl);
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl(databaseUrl) });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(databaseName(databaseUrl))} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

const projectRoot = join(dirname(new URL(import.meta.url).pathname), "..");

/** Applies pending migrations (creating the database if needed) through the Prisma CLI and its offline engine. */
export async function migrateDeploy(databaseUrl: string): Promise<void> {
  const prismaCli = join(dirname(createRequire(import.meta.url).resolve("prisma/package.json")), "build/index.js");
  const output: string[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, "migrate", "deploy"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (d: Buffer) => output.push(d.toString()));
    child.stderr.on("data", (d: Buffer) => output.push(d.toString()));
    child.on("error", reject);
    child.on("exit", (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new Error(`prisma migrate deploy failed (exit ${code}):\n${output.join("")}`);
}
