import { hostname } from "node:os";
import type { Db } from "../db.js";

/** Records that a worker process is alive, so a dashboard can show when none is running. */
export async function startHeartbeat(
  db: Db,
  workerId: string,
  role: string,
  intervalMs = 5000,
): Promise<() => Promise<void>> {
  const startedAt = new Date();
  const beat = () =>
    db.workerHeartbeat.upsert({
      where: { workerId },
      create: { workerId, role, host: hostname(), pid: process.pid, startedAt, beatAt: new Date() },
      update: { beatAt: new Date(), stoppedAt: null },
    });
  await beat();
  const timer = setInterval(() => void beat().catch(() => undefined), intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await db.workerHeartbeat.update({ where: { workerId }, data: { stoppedAt: new Date() } }).catch(() => undefined);
  };
}

export interface WorkerLiveness {
  workerId: string;
  role: string;
  host: string;
  pid: number;
  beatAt: Date;
  alive: boolean;
}

export async function workerLiveness(db: Db, staleMs = 20_000, now = new Date()): Promise<WorkerLiveness[]> {
  const rows = await db.workerHeartbeat.findMany({ orderBy: { beatAt: "desc" }, take: 200 });
  return rows.map((r) => ({
    workerId: r.workerId,
    role: r.role,
    host: r.host,
    pid: r.pid,
    beatAt: r.beatAt,
    alive: r.stoppedAt === null && now.getTime() - r.beatAt.getTime() < staleMs,
  }));
}
