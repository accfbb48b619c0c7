import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { bannedWordFinder } from "../../core/simulator/bannedWords.js";
import { CallCounter } from "../../core/simulator/callCounter.js";
import { handleControl } from "../../core/simulator/control.js";
import { FaultInjector } from "../../core/simulator/faults.js";
import { startSimServer } from "../../core/simulator/httpServer.js";
import { TokenBucketQuota } from "../../core/simulator/quota.js";
import type { FaultConfig, QuotaConfig, RemoteEdit, SimListing, SimulatorHandle } from "../../core/simulator/types.js";
import type { ChannelCredentials } from "../../core/types.js";
import { isTempFile } from "../atomic.js";
import { FEED_CHANNEL, FEED_FILES } from "../capabilities.js";
import type { FeedStatusEntry, FeedStatusReport } from "../model.js";
import { startFeedServer } from "../server.js";
import { feedPaths, readStatusReportSync, writeStatusReportSync } from "../store.js";
import { type ParsedFeed, type ParsedFeedItem, parseFeedXml } from "./parse.js";

/** A review verdict on one feed item: undefined publishes it, a reason rejects it. */
export type FeedReviewRule = (item: ParsedFeedItem) => string | undefined;

export interface FeedConsumerOptions {
  /** The directory the feed adapter writes; default a fresh temp directory, removed on close(). */
  feedDir?: string;
  /** Feed server and /_sim/ control server: 0 (default) picks free ports. */
  port?: number;
  controlPort?: number;
  host?: string;
  now?: () => number;
  seed?: number;
  /** Pending items are published on their own after this delay (polled in the background); unset = advanceReview(). */
  reviewDelayMs?: number;
  /** The default rule rejects titles holding any of these words (case-insensitive). Default ["replica"]. */
  bannedTitleWords?: string[];
  reviewRule?: FeedReviewRule;
}

export interface FeedConsumerHandle extends SimulatorHandle {
  readonly feedDir: string;
  /** The feed server over feedDir: GET {feedUrl}/feed.xml, /feed.csv. */
  readonly feedUrl: string;
  /** Fetches /feed.xml over HTTP with If-None-Match, as a polling marketplace does. */
  poll(): Promise<{ status: number; items: number }>;
  /** What the consumer read last (poll() or a review). */
  items(): ParsedFeedItem[];
}

/**
 * The feed channel's "simulator": a marketplace that consumes the feed. It reads feed.xml (from the directory for
 * advanceReview(), over HTTP for poll()), publishes pending items (pending -> live, or rejected by its rule) and
 * reports back in feed-status.json, where the adapter reads it. editRemote() records an edit made on the
 * marketplace's side. Faults and quota are accepted but change nothing: a file feed has no API to throttle or break.
 */
export async function startFeedConsumerSimulator(opts: FeedConsumerOptions = {}): Promise<FeedConsumerHandle> {
  const ownDir = opts.feedDir === undefined;
  const dir = opts.feedDir ?? mkdtempSync(join(tmpdir(), "tijarat-feed-"));
  const paths = feedPaths(dir);
  const now = opts.now ?? Date.now;
  const counter = new CallCounter();
  const faults = new FaultInjector(opts.seed ?? 1);
  const quota = new TokenBucketQuota(undefined, now);
  const bannedWord = bannedWordFinder(opts.bannedTitleWords);
  const reviewRule: FeedReviewRule =
    opts.reviewRule ??
    ((item) => {
      if (!item.imageLink) return "Missing image_link";
      if (!item.link) return "Missing link";
      const word = bannedWord(item.title);
      return word ? `Prohibited word in title: "${word}"` : undefined;
    });
  let lastRead: ParsedFeed = { revision: 0, items: [] };
  let etag: string | undefined;
  /** First time a pending item@revision was seen, for reviewDelayMs. */
  const firstSeen = new Map<string, number>();

  const readFeed = (): ParsedFeed => {
    try {
      lastRead = parseFeedXml(readFileSync(paths.xml, "utf8"));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      lastRead = { revision: 0, items: [] };
    }
    return lastRead;
  };
  const isPending = (item: ParsedFeedItem, report: FeedStatusReport) => {
    const entry = report.items[item.id];
    return !entry?.status || (entry.statusRevision ?? -1) < item.revision;
  };
  const review = (onlyDue: boolean): number => {
    const feed = readFeed();
    const report = readStatusReportSync(paths.status);
    const at = now();
    let moved = 0;
    for (const item of feed.items) {
      if (!isPending(item, report)) continue;
      const key = `${item.id}@${item.revision}`;
      if (onlyDue) {
        const seen = firstSeen.get(key) ?? at;
        firstSeen.set(key, seen);
        if (at - seen < (opts.reviewDelayMs ?? 0)) continue;
      }
      const reason = reviewRule(item);
      const entry: FeedStatusEntry = {
        ...report.items[item.id],
        status: reason ? "rejected" : "live",
        statusRevision: item.revision,
        at: new Date(at).toISOString(),
      };
      if (reason) entry.reason = reason;
      else delete entry.reason;
      report.items[item.id] = entry;
      firstSeen.delete(key);
      moved += 1;
    }
    if (moved > 0) writeStatusReportSync(paths.status, report);
    return moved;
  };
  const autoReview = () => {
    if (opts.reviewDelayMs !== undefined) review(true);
  };

  const listings = (): SimListing[] => {
    autoReview();
    const feed = readFeed();
    const report = readStatusReportSync(paths.status);
    const groups = new Map<string, ParsedFeedItem[]>();
    for (const item of feed.items) groups.set(item.itemGroupId, [...(groups.get(item.itemGroupId) ?? []), item]);
    return [...groups.entries()].map(([groupId, items]) => {
      const statuses = items.map((i) => (isPending(i, report) ? "pending" : (report.items[i.id]?.status ?? "pending")));
      const status = statuses.includes("rejected")
        ? "rejected"
        : statuses.every((s) => s === "live")
          ? "live"
          : "pending";
      const first = items[0];
      const reason = items.map((i) => report.items[i.id]?.reason).find(Boolean);
      const at = new Date(now()).toISOString();
      return {
        itemId: groupId,
        title: items.map((i) => report.items[i.id]?.title).find(Boolean) ?? first?.title ?? "",
        status,
        rawStatus: status,
        ...(status === "rejected" && reason ? { rejectReason: reason } : {}),
        images: first ? [first.imageLink, ...first.additionalImageLinks].filter(Boolean) : [],
        skus: items.map((i) => ({
          sellerSku: i.id,
          skuId: i.id,
          price: report.items[i.id]?.price ?? i.price,
          ...(i.salePrice ? { salePrice: i.salePrice } : {}),
          quantity: report.items[i.id]?.quantity ?? i.quantity ?? 0,
          status: i.availability,
        })),
        createdAt: at,
        updatedAt: at,
      };
    });
  };

  const feedServer = await startFeedServer({ dir, port: opts.port ?? 0, ...(opts.host ? { host: opts.host } : {}) });
  let handle: FeedConsumerHandle | undefined;
  const control = await startSimServer(
    (req) => (handle && handleControl(req, handle)) ?? { status: 404, json: { error: `not found: ${req.path}` } },
    { port: opts.controlPort ?? 0, ...(opts.host ? { host: opts.host } : {}) },
  );
  const timer =
    opts.reviewDelayMs !== undefined
      ? setInterval(autoReview, Math.max(10, Math.min(opts.reviewDelayMs, 1000)))
      : undefined;
  timer?.unref();
  const baseUrl = pathToFileURL(dir).href;

  handle = {
    channel: FEED_CHANNEL,
    baseUrl,
    feedDir: dir,
    feedUrl: feedServer.url,
    appKey: "feed",
    appSecret: "feed",
    counts: () => counter.counts(),
    setFaults: (patch: Partial<FaultConfig>) => faults.set(patch),
    setQuota: (q: QuotaConfig) => quota.configure(q),
    advanceReview: () => review(false),
    editRemote: (sellerSku: string, patch: RemoteEdit) => {
      const feed = readFeed();
      const items = feed.items.filter((i) => i.id === sellerSku || i.itemGroupId === sellerSku);
      const target = items.find((i) => i.id === sellerSku) ?? items[0];
      if (!target) throw new Error(`No feed item holds seller SKU ${sellerSku}`);
      const report = readStatusReportSync(paths.status);
      const at = new Date(now()).toISOString();
      const group = feed.items.filter((i) => i.itemGroupId === target.itemGroupId);
      for (const item of group) {
        const entry: FeedStatusEntry = { ...report.items[item.id], at, editRevision: feed.revision };
        if (patch.title !== undefined) entry.title = patch.title;
        if (patch.status !== undefined) {
          entry.status = patch.status;
          entry.statusRevision = item.revision;
        }
        if (item === target && patch.price !== undefined) entry.price = patch.price;
        if (item === target && patch.quantity !== undefined) entry.quantity = patch.quantity;
        report.items[item.id] = entry;
      }
      writeStatusReportSync(paths.status, report);
    },
    reset: () => {
      for (const name of readdirSafe(dir)) {
        if ((Object.values(FEED_FILES) as string[]).includes(name) || isTempFile(name)) {
          rmSync(join(dir, name), { force: true });
        }
      }
      counter.reset();
      faults.reset();
      quota.reset();
      firstSeen.clear();
      lastRead = { revision: 0, items: [] };
      etag = undefined;
    },
    close: async () => {
      if (timer) clearInterval(timer);
      await Promise.all([feedServer.close(), control.close()]);
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
    listings,
    state: () => ({
      channel: FEED_CHANNEL,
      baseUrl,
      faults: faults.current(),
      quota: quota.current(),
      counts: counter.counts(),
      listings: listings(),
    }),
    testCredentials: async (): Promise<ChannelCredentials> => ({ appKey: "feed", appSecret: "feed" }),
    poll: async () => {
      counter.hit("GET /feed.xml");
      const res = await fetch(`${feedServer.url}/feed.xml`, { headers: etag ? { "if-none-match": etag } : {} });
      if (res.status === 304) {
        counter.hit("304 /feed.xml");
        return { status: 304, items: lastRead.items.length };
      }
      const text = await res.text();
      if (res.status !== 200) return { status: res.status, items: 0 };
      etag = res.headers.get("etag") ?? undefined;
      lastRead = parseFeedXml(text);
      autoReview();
      return { status: 200, items: lastRead.items.length };
    },
    items: () => lastRead.items.map((i) => ({ ...i, additionalImageLinks: [...i.additionalImageLinks] })),
  };
  return handle;
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export { DEFAULT_BANNED_TITLE_WORDS } from "../../core/simulator/bannedWords.js";
export { type ParsedFeed, type ParsedFeedItem, parseFeedXml } from "./parse.js";
