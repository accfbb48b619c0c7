// PostgreSQL side of the schema-engine stand-in: connection URLs, database
// administration for the `cli` sub-commands, and the driver adapter factory
// handed to the WebAssembly schema engine.
import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// Database used for administrative statements (CREATE/DROP DATABASE), which
// cannot run inside the database they act on.
const MAINTENANCE_DATABASE = "postgres";

/** A user-facing error carrying one of Prisma's P-codes. */
export class EngineError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

export class DatabaseUrl {
  constructor(url) {
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      throw new EngineError("P1013", "The provided database string is invalid.");
    }
    if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") {
      throw new EngineError(
        "P1013",
        `The provided database string is invalid. This schema engine only supports postgresql:// URLs, got \`${parsed.protocol}\`.`,
      );
    }
    this.schema = parsed.searchParams.get("schema") ?? undefined;
    // `schema` is Prisma's parameter, not libpq's: pg must not see it.
    parsed.searchParams.delete("schema");
    this.href = parsed.href;
    this.user = decodeURIComponent(parsed.username) || "postgres";
    this.database = decodeURIComponent(parsed.pathname.slice(1)) || this.user;
    this.location = `${parsed.hostname || "localhost"}:${parsed.port || 5432}`;
  }

  /** The same server and credentials, another database. */
  withDatabase(name) {
    const url = new URL(this.href);
    url.pathname = `/${encodeURIComponent(name)}`;
    if (this.schema) url.searchParams.set("schema", this.schema);
    return new DatabaseUrl(url.href);
  }
}

/** Translate connection-level pg errors into the P-codes the Prisma CLI understands. */
export function describeConnectionError(error, target) {
  switch (error.code) {
    case "3D000":
      return new EngineError(
        "P1003",
        `Database \`${target.database}\` does not exist on the database server at \`${target.location}\`.`,
      );
    case "28000":
    case "28P01":
      return new EngineError(
        "P1000",
        `Authentication failed against database server at \`${target.location}\`, the provided database credentials for \`${target.user}\` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at \`${target.location}\`.`,
      );
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EHOSTUNREACH":
    case "ETIMEDOUT":
      return new EngineError(
        "P1001",
        `Can't reach database server at \`${target.location}\`\n\nPlease make sure your database server is running at \`${target.location}\`.`,
      );
    default:
      return error;
  }
}

const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;

async function withClient(target, run) {
  const client = new pg.Client({ connectionString: target.href });
  try {
    await client.connect();
    return await run(client);
  } catch (error) {
    throw describeConnectionError(error, target);
  } finally {
    await client.end().catch(() => {});
  }
}

export function canConnect(target) {
  return withClient(target, (client) => client.query("SELECT 1"));
}

/** Create the database unless it exists. */
export function createDatabase(target) {
  return withClient(target.withDatabase(MAINTENANCE_DATABASE), async (client) => {
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(target.database)}`);
    } catch (error) {
      if (error.code !== "42P04") throw error; // 42P04: duplicate_database
    }
  });
}

function dropDatabase(target) {
  return withClient(target.withDatabase(MAINTENANCE_DATABASE), (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdent(target.database)} WITH (FORCE)`),
  );
}

/** Drop every user schema, leaving an empty target schema (public by default). */
function emptyDatabase(target) {
  return withClient(target, async (client) => {
    const { rows } = await client.query(
      "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'",
    );
    const statements = rows.map(({ nspname }) => `DROP SCHEMA ${quoteIdent(nspname)} CASCADE`);
    statements.push(`CREATE SCHEMA ${quoteIdent(target.schema ?? "public")}`);
    await client.query(statements.join(";\n"));
  });
}

export async function databaseExists(target) {
  try {
    await canConnect(target);
    return true;
  } catch (error) {
    if (error.code === "P1003") return false;
    throw error;
  }
}

// PostgreSQL's internal one-byte "char" type (OID 18) comes back from the
// catalog queries the engine runs (pg_class.relkind, pg_constraint.contype, ...).
// adapter-pg refuses to map it ("Column type 'char' could not be deserialized");
// its values already arrive as one-character strings, so label them text.
const CHAR_OID = 18;
const TEXT_OID = 25;

function relabelCharColumns(result) {
  for (const { fields } of [result].flat()) {
    for (const field of fields ?? []) {
      if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

class CatalogClient extends pg.Client {
  query(config, values, callback) {
    if (typeof values === "function") {
      callback = values;
      values = undefined;
    }
    if (typeof callback === "function") {
      return super.query(config, values, (error, result) =>
        callback(error, error ? result : relabelCharColumns(result)),
      );
    }
    const pending = super.query(config, values);
    return typeof pending?.then === "function" ? pending.then(relabelCharColumns) : pending;
  }
}

function adapterFactoryFor(target) {
  const pool = { connectionString: target.href, Client: CatalogClient };
  if (target.schema) pool.options = `-c search_path=${quoteIdent(target.schema)}`;
  return new PrismaPg(pool, { schema: target.schema });
}

async function connectAdapter(target) {
  const adapter = await adapterFactoryFor(target).connect();
  // adapter-pg's executeScript splits the script on every ";", which cuts
  // `$$ ... $$` function bodies apart. A query without parameters goes through
  // the simple-query protocol, which takes the whole multi-statement script
  // (and runs it as one implicit transaction, as the native engine does).
  adapter.executeScript = async (script) => {
    await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
  };
  return adapter;
}

/**
 * The engine probes its database while it starts. When that database does not
 * exist yet, answer the probe from the maintenance database: `migrate diff`
 * between migrations and a schema only needs a shadow database. Every call
 * after start-up goes to the real database.
 */
function routeUntilStarted(probe, target, isStarted) {
  const pick = () => (isStarted() ? target : probe);
  return {
    provider: target.provider,
    adapterName: target.adapterName,
    queryRaw: (query) => pick().queryRaw(query),
    executeRaw: (query) => pick().executeRaw(query),
    executeScript: (script) => pick().executeScript(script),
    startTransaction: (isolationLevel) => pick().startTransaction(isolationLevel),
    getConnectionInfo: () => target.getConnectionInfo(),
    dispose: async () => {
      await probe.dispose();
      await target.dispose();
    },
  };
}

/**
 * The SqlMigrationAwareDriverAdapterFactory given to the engine. PrismaPg's own
 * connectToShadowDb cannot be used: with a connection string its "shadow" pool
 * still points at the main database, and it drops the shadow database while
 * that pool is still connected. Here each shadow database gets its own pool and
 * is dropped once the engine disposes of it.
 */
export class EngineAdapterFactory {
  provider = "postgres";
  adapterName = "@prisma/adapter-pg";
  #target;
  #shadowDatabaseUrl;
  #probeStartup;
  #started = false;
  #shadowDatabases = new Set();

  constructor(target, { shadowDatabaseUrl, probeStartupThroughMaintenance = false } = {}) {
    this.#target = target;
    this.#shadowDatabaseUrl = shadowDatabaseUrl && new DatabaseUrl(shadowDatabaseUrl);
    this.#probeStartup = probeStartupThroughMaintenance;
  }

  markStarted() {
    this.#started = true;
  }

  async connect() {
    const adapter = await connectAdapter(this.#target);
    if (!this.#probeStartup) return adapter;
    const probe = await connectAdapter(this.#target.withDatabase(MAINTENANCE_DATABASE));
    return routeUntilStarted(probe, adapter, () => this.#started);
  }

  async connectToShadowDb() {
    const configured = this.#shadowDatabaseUrl;
    if (configured) {
      if (configured.location === this.#target.location && configured.database === this.#target.database) {
        throw new EngineError(
          "P3014",
          "The shadow database you configured appears to be the same as the main database. Please specify another shadow database.",
        );
      }
      // The native engine empties a configured shadow database before
      // replaying migrations into it; the wasm one expects a blank database.
      await emptyDatabase(configured);
      return connectAdapter(configured);
    }
    // Database names longer than 63 bytes get truncated by PostgreSQL.
    const shadow = this.#target.withDatabase(
      `${this.#target.database.slice(0, 40)}_shadow_${randomBytes(6).toString("hex")}`,
    );
    try {
      await createDatabase(shadow);
    } catch (error) {
      throw new EngineError(
        "P3014",
        `Prisma Migrate could not create the shadow database. Please make sure the database user has permission to create databases, or set \`datasource.shadowDatabaseUrl\` in prisma.config.ts. Read more about the shadow database (and workarounds) at https://pris.ly/d/migrate-shadow\n\nOriginal error: ${error.message}`,
      );
    }
    this.#shadowDatabases.add(shadow);
    const adapter = await connectAdapter(shadow);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await this.#dropShadowDatabase(shadow);
    };
    return adapter;
  }

  async #dropShadowDatabase(shadow) {
    this.#shadowDatabases.delete(shadow);
    await dropDatabase(shadow);
  }

  /** Drop shadow databases the engine did not dispose of (interrupted commands). */
  async dropLeftoverShadowDatabases() {
    await Promise.allSettled([...this.#shadowDatabases].map((shadow) => this.#dropShadowDatabase(shadow)));
  }
}
