import { Command } from "commander";
import { registerCatalogIoCommands } from "../catalog/io/commands.js";
import { ConfigError } from "../config.js";
import { ServiceUnavailableError } from "../services.js";
import { registerChannelCommands } from "./channelCommands.js";
import { registerReadinessCommands } from "./readinessCommands.js";
import { registerReconcileCommands } from "./reconcileCommands.js";

const program = new Command()
  .name("tijarat")
  .description("Keep one master catalog in sync with Daraz, Alibaba.com, JD and feed channels.");

program
  .command("demo")
  .description("Start the simulators and workers, seed a catalog, sync it and print what each channel shows")
  .option("--keep", "keep the dashboard and workers running after the report (Ctrl-C to stop)")
  .option(
    "--catalog <file>",
    "seed file to sync (default samples/demo-catalog.json; samples/catalog.json has 48 products)",
  )
  .action(async (opts: { keep?: boolean; catalog?: string }) => {
    const { runDemo } = await import("./demo.js");
    await runDemo({ keep: opts.keep ?? false, ...(opts.catalog ? { catalog: opts.catalog } : {}) });
  });

program
  .command("simulate")
  .description("Start the channel simulators alone and print their base URLs and test credentials")
  .option("--port <port>", "first port (each simulator takes the next one)", "7070")
  .action(async (opts: { port: string }) => {
    const { runSimulate } = await import("./simulate.js");
    await runSimulate(Number(opts.port));
  });

program
  .command("migrate")
  .description("Apply pending database migrations (creates the database if needed)")
  .action(async () => {
    const { loadConfig } = await import("../config.js");
    const { checkPostgres, migrateDeploy } = await import("../services.js");
    const config = loadConfig();
    await checkPostgres(config.DATABASE_URL);
    await migrateDeploy(config.DATABASE_URL);
    console.log("migrations applied");
  });

program
  .command("worker")
  .description("Run the outbox relay and channel workers until SIGTERM")
  .option("--channels <list>", "comma-separated channels", "daraz")
  .action(async (opts: { channels: string }) => {
    const { runWorker } = await import("./worker.js");
    await runWorker(
      opts.channels
        .split(",")
        .map((c) => c.trim())
        .filter(Boolean),
    );
  });

program
  .command("api")
  .description("Serve the HTTP API, metrics and the queue dashboard")
  .option("--channels <list>", "comma-separated channels shown on the dashboard", "daraz")
  .action(async (opts: { channels: string }) => {
    const { runApi } = await import("./api.js");
    await runApi(
      opts.channels
        .split(",")
        .map((c) => c.trim())
        .filter(Boolean),
    );
  });

registerChannelCommands(program);
registerReconcileCommands(program);
registerReadinessCommands(program);
registerCatalogIoCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof ConfigError || err instanceof ServiceUnavailableError) {
    console.error(`tijarat: ${err.message}`);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
}
