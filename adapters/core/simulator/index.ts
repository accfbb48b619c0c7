export { CallCounter } from "./callCounter.js";
export { handleControl, SIM_CONTROL_PREFIX } from "./control.js";
export { FaultInjector, type FaultPlan, NO_FAULTS } from "./faults.js";
export { type RunningServer, type SimHandler, type SimReply, type SimRequest, startSimServer } from "./httpServer.js";
export { type QuotaVerdict, TokenBucketQuota } from "./quota.js";
export { createRng, type Rng } from "./rng.js";
export type * from "./types.js";
