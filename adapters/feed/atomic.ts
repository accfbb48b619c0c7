import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

/**
 * Files that consumers read while we rewrite them are replaced atomically: the new content goes to a temp file in the
 * same directory (same file system), is flushed, then renamed over the old one. A reader sees the old file or the new
 * one, never half of either; a crash leaves the old file and at worst a stray `.*.tmp`.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempPath(path);
  try {
    const handle = await open(tmp, "wx", 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/** The same, synchronously (simulators and operator tools that write from synchronous code). */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const tmp = tempPath(path);
  try {
    const fd = openSync(tmp, "wx", 0o644);
    try {
      const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean up
    }
    throw err;
  }
}

export function isTempFile(name: string): boolean {
  return name.startsWith(".") && name.endsWith(".tmp");
}

function tempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs read-modify-write tasks on one store (keyed by its resolved path) one after another within this process, so
 * two adapters on the same directory never interleave their rewrites. Another process writing the same files is not
 * coordinated: give each feed one writer.
 */
export function serialized<T>(key: string, task: () => Promise<T>): Promise<T> {
  const id = resolve(key);
  const previous = queues.get(id) ?? Promise.resolve();
  const run = previous.then(task, task);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(id, settled);
  void settled.then(() => {
    if (queues.get(id) === settled) queues.delete(id);
  });
  return run;
}
