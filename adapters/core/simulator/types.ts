import type { ChannelCredentials, DecimalString, RemoteStatus } from "../types.js";

/**
 * What every channel simulator offers to tests, demos and the conformance suite. The same operations are served over
 * HTTP under /_sim/ (see control.ts), so a demo or another process can steer a running simulator.
 */
export interface SimulatorHandle {
  readonly channel: string;
  /** Gateway base URL, e.g. http://127.0.0.1:41234/rest; adapters take it as AdapterOptions.baseUrl. */
  readonly baseUrl: string;
  /** The test app the simulator accepts (more may be configured). */
  readonly appKey: string;
  readonly appSecret: string;
  /** API calls seen per endpoint path (control routes not included). */
  counts(): Record<string, number>;
  /** Merges into the current fault settings; `...Next` counters are set, not added. */
  setFaults(faults: Partial<FaultConfig>): void;
  /** Token bucket per app; ratePerSec 0 turns the quota off. */
  setQuota(quota: QuotaConfig): void;
  /** Finishes review (QC/audit) for every pending listing; returns how many moved. */
  advanceReview(): number;
  /** Changes a listing as a seller would in the channel's own back office (drift for reconciliation). */
  editRemote(sellerSku: string, patch: RemoteEdit): void;
  /** Clears listings, faults, quota and counts; registered apps and issued tokens survive. */
  reset(): void;
  close(): Promise<void>;
  listings(): SimListing[];
  state(): SimulatorState;
  /** Credentials with fresh tokens for the test app, issued in-process (no API call, not counted). */
  testCredentials(): Promise<ChannelCredentials>;
}

export interface FaultConfig {
  /** Added to every API call, in ms. */
  latencyMs: number;
  /** Share of calls (0..1) answered with HTTP 5xx before any work is done. */
  serverErrorRate: number;
  /** The next N calls answer HTTP 5xx. */
  serverErrorNext: number;
  /** Share of calls that hang until the client gives up (nothing is done). */
  timeoutRate: number;
  timeoutNext: number;
  /** Share of calls whose work is done but whose body comes back broken (a lost response). */
  malformedRate: number;
  malformedNext: number;
  /** The next N calls are throttled the channel's way. */
  throttleNext: number;
  /** "next": the token of the next authenticated call expires; "all": every issued access token expires. */
  expireTokens: "none" | "next" | "all";
  /** Work is done, then the answer is held back this long (a slow network after the channel committed). */
  answerDelayMs?: number;
  /** When set, faults hit only calls to these API paths (e.g. ["/product/create"]); other calls pass untouched. */
  onlyPaths?: string[];
}

export interface QuotaConfig {
  /** Tokens added per second per app; 0 = no quota. */
  ratePerSec: number;
  /** Bucket size (calls allowed at once); defaults to max(1, ceil(ratePerSec)). */
  burst?: number;
}

export interface SimSku {
  sellerSku: string;
  skuId: string;
  price: DecimalString;
  salePrice?: DecimalString;
  quantity: number;
  status: string;
}

/** A channel-neutral view of one listing as the simulator holds it. */
export interface SimListing {
  itemId: string;
  title: string;
  status: RemoteStatus;
  /** The channel's own status word. */
  rawStatus: string;
  rejectReason?: string;
  images: string[];
  skus: SimSku[];
  createdAt: string;
  updatedAt: string;
}

/** An edit made "on the channel"; price/quantity apply to the SKU named in editRemote, the rest to its listing. */
export interface RemoteEdit {
  title?: string;
  price?: DecimalString;
  quantity?: number;
  status?: RemoteStatus;
  images?: string[];
}

export interface SimulatorState {
  channel: string;
  baseUrl: string;
  faults: FaultConfig;
  quota: QuotaConfig;
  counts: Record<string, number>;
  listings: SimListing[];
}
