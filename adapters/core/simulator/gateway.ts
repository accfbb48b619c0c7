import { setTimeout as sleep } from "node:timers/promises";
import type { CallCounter } from "./callCounter.js";
import type { FaultInjector, FaultPlan } from "./faults.js";
import type { SimReply, SimRequest } from "./httpServer.js";
import type { TokenBucketQuota } from "./quota.js";
import type { TokenStore } from "./tokenStore.js";

/** The state every gateway simulator runs on, next to its catalog. */
export interface GatewayParts {
  tokens: TokenStore;
  faults: FaultInjector;
  quota: TokenBucketQuota;
  counter: CallCounter;
  now: () => number;
}

/** Query and body fields of a call as one string map (non-string body values as JSON). */
export function callParams(req: SimRequest): Record<string, string> {
  const params: Record<string, string> = { ...req.query };
  for (const [key, value] of Object.entries(req.body)) {
    params[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return params;
}

/** How a channel's gateway answers the faults that strike before the work. */
export interface FaultReplies {
  serverError: SimReply;
  throttle: () => SimReply;
}

/**
 * Counts a call under `name`, draws its fault plan, waits the plan's latency, then answers its "before" fault (hang,
 * 5xx, throttle); `refused` is unset when the call goes through.
 */
export async function beginCall(
  parts: Pick<GatewayParts, "counter" | "faults">,
  name: string,
  replies: FaultReplies,
): Promise<{ plan: FaultPlan; refused?: SimReply }> {
  parts.counter.hit(name);
  const plan = parts.faults.plan(name);
  if (plan.latencyMs > 0) await sleep(plan.latencyMs);
  if (plan.before === "timeout") return { plan, refused: { hang: true } };
  if (plan.before === "server_error") return { plan, refused: replies.serverError };
  if (plan.before === "throttle") return { plan, refused: replies.throttle() };
  return { plan };
}

/** An HTML error page, as a proxy in front of the gateway serves it. */
export function htmlError(status: number, html: string): SimReply {
  return { status, text: html, headers: { "content-type": "text/html" } };
}

/**
 * After the work is done: an answer delay holds the reply back (the channel committed, the network is slow), and a
 * "malformed" plan cuts a JSON answer in half, so the caller cannot read the result.
 */
export async function finishCall(plan: FaultPlan, reply: SimReply): Promise<SimReply> {
  if (plan.answerDelayMs) await sleep(plan.answerDelayMs);
  if (plan.after !== "malformed" || !("json" in reply)) return reply;
  const text = JSON.stringify(reply.json);
  return {
    status: 200,
    text: text.slice(0, Math.max(1, Math.floor(text.length / 2))),
    headers: { "content-type": "application/json;charset=UTF-8" },
  };
}
