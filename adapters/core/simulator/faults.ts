import { createRng, type Rng } from "./rng.js";
import type { FaultConfig } from "./types.js";

export const NO_FAULTS: Readonly<FaultConfig> = Object.freeze({
  latencyMs: 0,
  serverErrorRate: 0,
  serverErrorNext: 0,
  timeoutRate: 0,
  timeoutNext: 0,
  malformedRate: 0,
  malformedNext: 0,
  throttleNext: 0,
  expireTokens: "none",
});

/** What to do to one call: wait, then maybe fail it before the work, or break its body after the work. */
export interface FaultPlan {
  latencyMs: number;
  /** Delay between doing the work and answering. */
  answerDelayMs?: number;
  before?: "timeout" | "server_error" | "throttle";
  after?: "malformed";
}

/**
 * Decides, call by call, which faults hit. "Next N" counters come first, then rates drawn from a seeded RNG in a
 * fixed order, so a given seed and call sequence always fail the same calls.
 */
export class FaultInjector {
  private config: FaultConfig = { ...NO_FAULTS };
  private rng: Rng;

  constructor(
    private readonly seed = 1,
    initial?: Partial<FaultConfig>,
  ) {
    this.rng = createRng(seed);
    if (initial) this.set(initial);
  }

  set(patch: Partial<FaultConfig>): void {
    const next = { ...this.config, ...patch };
    for (const key of ["serverErrorRate", "timeoutRate", "malformedRate"] as const) {
      next[key] = Math.min(1, Math.max(0, next[key]));
    }
    for (const key of ["latencyMs", "serverErrorNext", "timeoutNext", "malformedNext", "throttleNext"] as const) {
      next[key] = Math.max(0, Math.floor(next[key]));
    }
    this.config = next;
  }

  current(): FaultConfig {
    return { ...this.config };
  }

  reset(): void {
    this.config = { ...NO_FAULTS };
    this.rng = createRng(this.seed);
  }

  /** `path` is the API path of the call; with `onlyPaths` set, other paths get no fault. */
  plan(path?: string): FaultPlan {
    const c = this.config;
    const plan: FaultPlan = { latencyMs: c.latencyMs };
    if (c.onlyPaths && path !== undefined && !c.onlyPaths.includes(path)) return plan;
    if (c.timeoutNext > 0) {
      c.timeoutNext -= 1;
      plan.before = "timeout";
    } else if (c.serverErrorNext > 0) {
      c.serverErrorNext -= 1;
      plan.before = "server_error";
    } else if (c.throttleNext > 0) {
      c.throttleNext -= 1;
      plan.before = "throttle";
    } else if (this.hit(c.timeoutRate)) {
      plan.before = "timeout";
    } else if (this.hit(c.serverErrorRate)) {
      plan.before = "server_error";
    }
    if (plan.before) return plan;
    if (c.answerDelayMs) plan.answerDelayMs = c.answerDelayMs;
    if (c.malformedNext > 0) {
      c.malformedNext -= 1;
      plan.after = "malformed";
    } else if (this.hit(c.malformedRate)) {
      plan.after = "malformed";
    }
    return plan;
  }

  /** Consumed by the first authenticated call after the fault was set. */
  takeTokenExpiry(): "next" | "all" | undefined {
    const mode = this.config.expireTokens;
    if (mode === "none") return undefined;
    this.config.expireTokens = "none";
    return mode;
  }

  private hit(rate: number): boolean {
    return rate > 0 && this.rng() < rate;
  }
}
