import { startAlibabaSimulator } from "./alibaba/simulator/index.js";
import type { SimulatorHandle } from "./core/simulator/types.js";
import { startDarazSimulator } from "./daraz/simulator/index.js";
import { startJdSimulator } from "./jd/simulator/index.js";

export interface StartSimulatorsOptions {
  /** 0 (default): free ports; N: the first simulator listens on N, the next on N + 1, ... */
  basePort?: number;
  host?: string;
  /** Pending listings pass review on their own after this delay (ms); unset = only advanceReview(). */
  reviewDelayMs?: number;
  seed?: number;
  /**
   * The whole channel contract: mapped categories must be leaves with their required attributes and allowed values,
   * and listings may only show images from the channel's own store. Off only for tests of other parts.
   */
  enforceReadiness?: boolean;
}

export interface RunningSimulators {
  handles: SimulatorHandle[];
  get(channel: string): SimulatorHandle | undefined;
  close(): Promise<void>;
}

/** Starts one simulator per built-in channel (Daraz today; Alibaba.com and JD join here). */
export async function startSimulators(opts: StartSimulatorsOptions = {}): Promise<RunningSimulators> {
  const port = (index: number) => (opts.basePort ? opts.basePort + index : 0);
  const common = {
    ...(opts.host ? { host: opts.host } : {}),
    ...(opts.reviewDelayMs !== undefined ? { reviewDelayMs: opts.reviewDelayMs } : {}),
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(opts.enforceReadiness ? { enforceTaxonomy: true, requireHostedImages: true } : {}),
  };
  const handles: SimulatorHandle[] = [await startDarazSimulator({ ...common, port: port(0) })];
  handles.push(await startAlibabaSimulator({ ...common, port: port(handles.length) }));
  handles.push(await startJdSimulator({ ...common, port: port(handles.length) }));
  return {
    handles,
    get: (channel) => handles.find((h) => h.channel === channel),
    close: async () => {
      await Promise.all(handles.map((h) => h.close()));
    },
  };
}

export type { SimulatorHandle } from "./core/simulator/types.js";
