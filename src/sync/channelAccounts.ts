import { z } from "zod";
import { createAdapter } from "../../adapters/core/registry.js";
import type { ChannelAdapter, ChannelCredentials, TokenPair } from "../../adapters/core/types.js";
import type { Db } from "../db.js";
import type { Prisma } from "../generated/prisma/client.js";
import { open, seal } from "../lib/secretBox.js";
import { type ChannelProfile, channelSettings } from "../listing/channelProfile.js";
import { CallBudget } from "./callBudget.js";

const credentialsSchema = z.object({
  appKey: z.string().min(1),
  appSecret: z.string().min(1),
  accessToken: z.string().optional(),
  refreshToken: z.string().optional(),
});

export interface NewChannelAccount {
  exporterId: string;
  channel: string;
  baseUrl: string;
  credentials: ChannelCredentials;
  quotaPerSec?: number;
  settings?: Prisma.InputJsonObject;
}

export async function createChannelAccount(db: Db, key: Buffer, input: NewChannelAccount): Promise<{ id: string }> {
  const credentials = credentialsSchema.parse(input.credentials);
  // Parsed to refuse bad settings now rather than at the first push; stored as given so defaults can evolve.
  channelSettings.parse(input.settings ?? {});
  const row = await db.channelAccount.create({
    data: {
      exporterId: input.exporterId,
      channel: input.channel,
      baseUrl: input.baseUrl,
      credentialsEnc: seal(JSON.stringify(credentials), key),
      quotaPerSec: input.quotaPerSec ?? 0,
      settings: input.settings ?? {},
    },
    select: { id: true },
  });
  return row;
}

export interface ConnectedAccount {
  id: string;
  channel: string;
  paused: boolean;
  quotaPerSec: number;
  profile: ChannelProfile;
  adapter: ChannelAdapter;
}

/**
 * Decrypts an account's credentials and builds its adapter. Adapters are cached per account; a token refresh
 * writes the new tokens back encrypted and replaces the cached adapter.
 */
export class ChannelAccounts {
  private readonly cache = new Map<string, Promise<ConnectedAccount>>();
  private readonly refreshing = new Map<string, Promise<ConnectedAccount>>();
  /** Kept across adapter reloads (token refresh), so a refresh does not reset the quota. */
  private readonly budgets = new Map<string, CallBudget>();

  constructor(
    private readonly db: Db,
    private readonly key: Buffer,
  ) {}

  get(accountId: string): Promise<ConnectedAccount> {
    let entry = this.cache.get(accountId);
    if (!entry) {
      entry = this.load(accountId);
      entry.catch(() => this.cache.delete(accountId));
      this.cache.set(accountId, entry);
    }
    return entry;
  }

  /** Drops the cached copy, e.g. after an operator pauses or edits the account. */
  forget(accountId: string): void {
    this.cache.delete(accountId);
  }

  /**
   * Refreshes an account's token once for everyone who hit the expiry at the same time (single flight), stores the
   * new tokens encrypted and returns the account with a fresh adapter.
   */
  refresh(account: ConnectedAccount, refreshFn: () => Promise<TokenPair>): Promise<ConnectedAccount> {
    let running = this.refreshing.get(account.id);
    if (!running) {
      running = (async () => {
        const tokens = await refreshFn();
        await this.saveTokens(account.id, tokens);
        this.forget(account.id);
        return this.get(account.id);
      })().finally(() => this.refreshing.delete(account.id));
      this.refreshing.set(account.id, running);
    }
    return running;
  }

  async saveTokens(accountId: string, tokens: TokenPair): Promise<void> {
    const row = await this.db.channelAccount.findUniqueOrThrow({ where: { id: accountId } });
    const current = credentialsSchema.parse(JSON.parse(open(row.credentialsEnc, this.key)));
    const next = {
      ...current,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken ?? current.refreshToken,
    };
    await this.db.channelAccount.update({
      where: { id: accountId },
      data: { credentialsEnc: seal(JSON.stringify(next), this.key) },
    });
  }

  private budget(accountId: string, ratePerSec: number): CallBudget {
    let budget = this.budgets.get(accountId);
    if (!budget) {
      budget = new CallBudget(ratePerSec);
      this.budgets.set(accountId, budget);
    }
    return budget;
  }

  private async load(accountId: string): Promise<ConnectedAccount> {
    const row = await this.db.channelAccount.findUniqueOrThrow({ where: { id: accountId } });
    const credentials = credentialsSchema.parse(JSON.parse(open(row.credentialsEnc, this.key)));
    const settings = channelSettings.parse(row.settings);
    return {
      id: row.id,
      channel: row.channel,
      paused: row.paused,
      quotaPerSec: row.quotaPerSec,
      profile: { ...settings, channel: row.channel },
      adapter: createAdapter(row.channel, {
        ...settings.adapterOptions,
        baseUrl: row.baseUrl,
        credentials,
        ...(row.quotaPerSec > 0 ? { beforeCall: () => this.budget(row.id, row.quotaPerSec).take() } : {}),
      }),
    };
  }
}
