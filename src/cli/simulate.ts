import { startSimulators } from "../../adapters/simulators.js";

/** Starts every channel simulator and prints where it listens and the test app's credentials. */
export async function runSimulate(basePort: number): Promise<void> {
  const sims = await startSimulators({ basePort, host: "127.0.0.1", reviewDelayMs: 5000, enforceReadiness: true });
  console.log("Channel simulators (Ctrl-C to stop):\n");
  for (const sim of sims.handles) {
    const creds = await sim.testCredentials();
    console.log(`${sim.channel}`);
    console.log(`  base URL     ${sim.baseUrl}`);
    console.log(`  app key      ${creds.appKey}`);
    console.log(`  app secret   ${creds.appSecret}`);
    if (creds.accessToken) console.log(`  access token ${creds.accessToken}`);
    if (creds.refreshToken) console.log(`  refresh token ${creds.refreshToken}`);
    console.log(`  control      ${new URL(sim.baseUrl).origin}/_sim/state\n`);
  }
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await sims.close();
}
