import { readFileSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { serialized, writeFileAtomic, writeFileAtomicSync } from "./atomic.js";
import { FEED_FILES } from "./capabilities.js";
import { emptyState, type FeedState, type FeedStatusReport } from "./model.js";
import { type FeedMeta, feedItems, renderFeedCsv, renderFeedXml } from "./render.js";

export interface FeedStoreOptions {
  dir: string;
  meta: FeedMeta;
  /** UTF-8 BOM at the start of feed.csv (spreadsheets want it; some parsers do not). Default false. */
  csvBom?: boolean;
  now?: () => number;
}

export interface FeedPaths {
  dir: string;
  state: string;
  csv: string;
  xml: string;
  status: string;
}

export function feedPaths(dir: string): FeedPaths {
  return {
    dir,
    state: join(dir, FEED_FILES.state),
    csv: join(dir, FEED_FILES.csv),
    xml: join(dir, FEED_FILES.xml),
    status: join(dir, FEED_FILES.status),
  };
}

/**
 * The item store (feed-state.json) and the feeds made from it. Every change is one serialized read-modify-write that
 * bumps the revision, writes the state, then regenerates feed.csv and feed.xml, each atomically (temp + rename).
 * Nothing is cached between calls: the files are the truth, so another adapter instance (or a reset) sees the same.
 */
export class FeedStore {
  readonly paths: FeedPaths;
  private readonly now: () => number;

  constructor(private readonly opts: FeedStoreOptions) {
    this.paths = feedPaths(opts.dir);
    this.now = opts.now ?? Date.now;
  }

  async read(): Promise<{ state: FeedState; report: FeedStatusReport }> {
    const [state, report] = await Promise.all([this.readState(), readStatusReport(this.paths.status)]);
    return { state, report };
  }

  /** `change` edits the state in place; it gets the new revision and the time to stamp on what it touches. */
  mutate<T>(change: (state: FeedState, revision: number, at: string) => T | Promise<T>): Promise<T> {
    return serialized(this.paths.state, async () => {
      await mkdir(this.paths.dir, { recursive: true });
      const state = await this.readState();
      const revision = state.revision + 1;
      const at = new Date(this.now()).toISOString();
      const result = await change(state, revision, at);
      state.revision = revision;
      state.updatedAt = at;
      await writeFileAtomic(this.paths.state, `${JSON.stringify(state, null, 2)}\n`);
      await this.writeFeeds(state);
      return result;
    });
  }

  /** Rewrites feed.csv and feed.xml from the state (also repairs feeds lost after a crash between writes). */
  async regenerate(): Promise<void> {
    await serialized(this.paths.state, async () => this.writeFeeds(await this.readState()));
  }

  /** Records verdicts or edits for feed items (by variant id), merged into feed-status.json. */
  async report(entries: FeedStatusReport["items"]): Promise<void> {
    await serialized(this.paths.status, async () => {
      await mkdir(this.paths.dir, { recursive: true });
      const report = await readStatusReport(this.paths.status);
      for (const [id, entry] of Object.entries(entries)) report.items[id] = { ...report.items[id], ...entry };
      await writeFileAtomic(this.paths.status, `${JSON.stringify(report, null, 2)}\n`);
    });
  }

  private async writeFeeds(state: FeedState): Promise<void> {
    const items = feedItems(state);
    await writeFileAtomic(this.paths.csv, renderFeedCsv(items, { bom: this.opts.csvBom ?? false }));
    await writeFileAtomic(this.paths.xml, renderFeedXml(items, this.opts.meta, state.revision, new Date(this.now())));
  }

  private async readState(): Promise<FeedState> {
    const text = await readFile(this.paths.state, "utf8").catch((err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return undefined;
      throw err;
    });
    if (text === undefined) return emptyState();
    const parsed = JSON.parse(text) as FeedState;
    return parsed && typeof parsed === "object" && parsed.products ? parsed : emptyState();
  }
}

export async function readStatusReport(path: string): Promise<FeedStatusReport> {
  const text = await readFile(path, "utf8").catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return undefined;
    throw err;
  });
  return parseReport(text);
}

export function readStatusReportSync(path: string): FeedStatusReport {
  let text: string | undefined;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  return parseReport(text);
}

export function writeStatusReportSync(path: string, report: FeedStatusReport): void {
  writeFileAtomicSync(path, `${JSON.stringify(report, null, 2)}\n`);
}

function parseReport(text: string | undefined): FeedStatusReport {
  if (!text) return { items: {} };
  const parsed = JSON.parse(text) as FeedStatusReport;
  return parsed && typeof parsed === "object" && parsed.items ? parsed : { items: {} };
}
