import type { SimReply, SimRequest } from "./httpServer.js";
import type { FaultConfig, QuotaConfig, RemoteEdit, SimulatorHandle } from "./types.js";

export const SIM_CONTROL_PREFIX = "/_sim/";

/**
 * HTTP twin of the in-process SimulatorHandle, served at the server root:
 *   GET  /_sim/state | /_sim/counts | /_sim/listings
 *   POST /_sim/reset | /_sim/faults {FaultConfig} | /_sim/quota {QuotaConfig} | /_sim/review/advance
 *   POST /_sim/listings/<sellerSku>/edit {RemoteEdit}
 * Returns undefined for paths outside /_sim/.
 */
export function handleControl(req: SimRequest, sim: SimulatorHandle): SimReply | undefined {
  if (!req.path.startsWith(SIM_CONTROL_PREFIX)) return undefined;
  const route = req.path.slice(SIM_CONTROL_PREFIX.length).replace(/\/+$/, "");
  const body = req.body;
  try {
    if (req.method === "GET") {
      if (route === "state") return ok(sim.state());
      if (route === "counts") return ok(sim.counts());
      if (route === "listings") return ok(sim.listings());
    } else if (req.method === "POST") {
      if (route === "reset") {
        sim.reset();
        return ok({ ok: true });
      }
      if (route === "faults") {
        sim.setFaults(body as Partial<FaultConfig>);
        return ok(sim.state().faults);
      }
      if (route === "quota") {
        sim.setQuota(body as unknown as QuotaConfig);
        return ok(sim.state().quota);
      }
      if (route === "review/advance") return ok({ moved: sim.advanceReview() });
      const edit = /^listings\/(.+)\/edit$/.exec(route);
      if (edit?.[1]) {
        sim.editRemote(decodeURIComponent(edit[1]), body as RemoteEdit);
        return ok({ ok: true });
      }
    }
    return { status: 404, json: { error: `unknown control route ${req.method} ${req.path}` } };
  } catch (err) {
    return { status: 400, json: { error: err instanceof Error ? err.message : String(err) } };
  }
}

function ok(json: unknown): SimReply {
  return { status: 200, json };
}
