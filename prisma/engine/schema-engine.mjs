#!/usr/bin/env node
// Stand-in for Prisma's native schema-engine binary, which cannot be downloaded
// here. prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY at this file and the
// Prisma CLI then runs it exactly like the native engine:
//
//   schema-engine --version
//   schema-engine --datasource <json> cli can-connect-to-database|create-database
//   schema-engine [--datamodels <path>]... [--datasource <json>]
//       JSON-RPC 2.0 over stdin/stdout, one message per line
//
// The requests are served by Prisma's own schema engine compiled to WebAssembly
// (@prisma/schema-engine-wasm), which reaches PostgreSQL through
// @prisma/adapter-pg. stdout is reserved for JSON-RPC; logs go to stderr as the
// JSON lines the CLI parses.
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import {
  canConnect,
  createDatabase,
  DatabaseUrl,
  databaseExists,
  EngineAdapterFactory,
  EngineError,
} from "./postgres.mjs";

const WASM_GLUE = "@prisma/schema-engine-wasm/schema_engine_bg";
const SHADOW_CACHE_MISS = /shadow DB must be provided through an external factory/;

function log(level, message, { target = "schema_engine_wasm_cli", ...fields } = {}) {
  const line = { timestamp: new Date().toISOString(), level, fields: { message, ...fields }, target };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      datamodels: { type: "string", multiple: true, default: [] },
      datasource: { type: "string" },
      "enabled-preview-features": { type: "string" },
      "extension-types": { type: "string" },
      version: { type: "boolean", short: "V" },
    },
  });

  if (values.version) {
    const glue = await loadWasmEngine();
    process.stdout.write(`schema-engine-cli ${glue.version()} (wasm)\n`);
    return 0;
  }
  if (positionals[0] === "cli") return runCliCommand(positionals[1], values.datasource);
  if (positionals.length > 0) throw new Error(`Unexpected arguments: ${positionals.join(" ")}`);
  await serveJsonRpc(values);
  return 0;
}

function parseDatasource(json) {
  const datasource = json ? JSON.parse(json) : {};
  if (!datasource.url) {
    throw new EngineError("P1012", "No datasource URL: set `datasource.url` in prisma.config.ts.");
  }
  return datasource;
}

// One-shot sub-commands. On failure the CLI skips the first stderr line, then
// looks for an ERROR entry from `schema_engine::logger` with an error_code.
async function runCliCommand(command, datasourceJson) {
  try {
    const target = new DatabaseUrl(parseDatasource(datasourceJson).url);
    switch (command) {
      case "can-connect-to-database":
        await canConnect(target);
        break;
      case "create-database":
        await createDatabase(target);
        process.stdout.write(`Database '${target.database}' was successfully created.\n`);
        break;
      default:
        throw new Error(`Unknown cli command: ${command}`);
    }
    return 0;
  } catch (error) {
    log("INFO", `cli ${command} failed`);
    log("ERROR", error.message, { target: "schema_engine::logger", error_code: prismaErrorCode(error) });
    return 1;
  }
}

let lastPanicMessage;

async function loadWasmEngine() {
  // The wasm-bindgen glue expects this hook to report Rust panic messages.
  globalThis.PRISMA_WASM_PANIC_REGISTRY = {
    set_message(message) {
      lastPanicMessage = message;
    },
  };
  const glue = await import(WASM_GLUE);
  // The package entry point imports the .wasm file as an ES module, which Node
  // only allows behind --experimental-wasm-modules: instantiate it by hand.
  const wasmFile = new URL("schema_engine_bg.wasm", import.meta.resolve(WASM_GLUE));
  const { instance } = await WebAssembly.instantiate(await readFile(wasmFile), {
    "./schema_engine_bg.js": glue,
  });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return glue;
}

async function startEngine({ datamodels, datasource }) {
  const { url, shadowDatabaseUrl } = parseDatasource(datasource);
  const target = new DatabaseUrl(url);
  const [glue, exists] = await Promise.all([loadWasmEngine(), databaseExists(target)]);
  const factory = new EngineAdapterFactory(target, {
    shadowDatabaseUrl,
    probeStartupThroughMaintenance: !exists,
  });
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(factory);
  const schemaFiles = await Promise.all(datamodels.map(async (path) => [path, await readFile(path, "utf8")]));
  const engine = await glue.SchemaEngine.new(
    // `datamodels` must be undefined or non-empty.
    { datamodels: schemaFiles.length > 0 ? schemaFiles : undefined },
    (line) => process.stderr.write(line.endsWith("\n") ? line : `${line}\n`),
    adapterFactory,
  );
  factory.markStarted();
  return { engine, factory, errorRegistry: adapterFactory.errorRegistry };
}

// Methods forwarded to the wasm engine unchanged (same names and payloads as
// the native engine's JSON-RPC API).
const FORWARDED_METHODS = new Set([
  "applyMigrations",
  "dbExecute",
  "debugPanic",
  "devDiagnostic",
  "diagnoseMigrationHistory",
  "ensureConnectionValidity",
  "introspect",
  "introspectSql",
  "markMigrationApplied",
  "markMigrationRolledBack",
  "reset",
  "schemaPush",
]);

async function serveJsonRpc(options) {
  const started = startEngine(options);
  started.catch(() => {}); // reported by the first request that needs it

  const send = (message) => process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);

  // Requests from the engine to the CLI (only `print`), keyed by id.
  const awaitingCli = new Map();
  let nextOwnId = 1;
  const printToCli = (content) =>
    new Promise((resolve) => {
      const id = nextOwnId++;
      awaitingCli.set(id, resolve);
      send({ id, method: "print", params: { content } });
    });

  async function call(method, params) {
    const { engine } = await started;
    if (method === "diff") {
      // The native engine writes `migrate diff` output through the CLI.
      const { exitCode, stdout } = await engine.diff(params);
      if (stdout) await printToCli(stdout);
      return { exitCode };
    }
    if (method === "getDatabaseVersion") return engine.version(params);
    if (method === "evaluateDataLoss" || method === "createMigration") {
      try {
        return await engine[method](params);
      } catch (error) {
        if (!SHADOW_CACHE_MISS.test(error.message)) throw error;
        // Unlike the native engine, these two wasm methods get no shadow
        // database factory: they read the migrations' schema from a cache
        // filled by diagnoseMigrationHistory, which misses right after
        // `migrate dev` applied pending migrations. Fill it and retry.
        const { migrationsList, filters } = params;
        await engine.diagnoseMigrationHistory({ migrationsList, filters, optInToShadowDatabase: true });
        return engine[method](params);
      }
    }
    if (FORWARDED_METHODS.has(method)) return (await engine[method](params)) ?? {};
    throw Object.assign(new Error(`Method not found: ${method}`), { rpcCode: -32601 });
  }

  async function handle({ id, method, params }) {
    try {
      const result =
        method === "createDatabase" ? await createDatabaseRpc(params, options) : await call(method, params ?? {});
      send({ id, result });
    } catch (error) {
      const { errorRegistry } = (await started.catch(() => undefined)) ?? {};
      send({ id, error: toRpcError(error, errorRegistry) });
    }
  }

  let queue = Promise.resolve();
  const input = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  input.on("line", (line) => {
    if (!line.trim()) return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      send({ id: null, error: { code: -32700, message: "Parse error" } });
      return;
    }
    if (message.method === undefined) {
      awaitingCli.get(message.id)?.(message.result);
      awaitingCli.delete(message.id);
      return;
    }
    queue = queue.then(() => handle(message));
  });

  const shutdown = async () => {
    const session = await started.catch(() => undefined);
    await session?.factory.dropLeftoverShadowDatabases();
    process.exit(0);
  };
  // The CLI closes stdin and then kills the engine straight away.
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
  await new Promise((resolve) => input.once("close", resolve));
  await queue;
  await shutdown();
}

async function createDatabaseRpc({ datasource } = {}, options) {
  const url = datasource?.tag === "ConnectionString" ? datasource.url : parseDatasource(options.datasource).url;
  const target = new DatabaseUrl(url);
  await createDatabase(target);
  return { databaseName: target.database };
}

function toRpcError(error, errorRegistry) {
  if (error?.rpcCode) return { code: error.rpcCode, message: error.message };
  if (error instanceof WebAssembly.RuntimeError) {
    const message = lastPanicMessage ?? error.message;
    return { code: 4466, message, data: { is_panic: true, message, backtrace: error.stack } };
  }
  // JS errors thrown inside the adapter factory reach the engine as registry ids.
  const message = String(error?.message ?? error).replace(
    /External error id#(\d+)/g,
    (text, id) => errorRegistry?.consumeError(Number(id))?.error.message ?? text,
  );
  return {
    code: 4466,
    message: "An error happened. Check the data field for details.",
    data: { is_panic: false, message, error_code: prismaErrorCode(error), meta: error.meta },
  };
}

const prismaErrorCode = (error) => (/^P\d{4}$/.test(error?.code) ? error.code : undefined);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    log("ERROR", error.message, { target: "schema_engine::logger", error_code: prismaErrorCode(error) });
    process.exitCode = 1;
  },
);
