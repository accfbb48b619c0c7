import { AuthExpiredError } from "./errors.js";
import type { AdapterOptions, CallContext, ChannelCredentials, TokenPair } from "./types.js";

/** Trades a refresh token for a new pair at the channel. */
export type TokenExchange = (refreshToken: string, ctx: CallContext) => Promise<TokenPair>;

/**
 * An adapter's tokens: a private copy of its credentials that refreshed tokens replace (the caller hears of them
 * through onTokens), and one refresh at a time, shared by concurrent callers.
 */
export class TokenRefresher {
  private readonly credentials: ChannelCredentials;
  private refreshing: Promise<TokenPair> | undefined;

  constructor(
    private readonly channel: string,
    private readonly opts: Pick<AdapterOptions, "credentials" | "onTokens">,
    /** Gets each new access token. */
    private readonly client: { accessToken: string | undefined },
    private readonly exchange: TokenExchange,
  ) {
    this.credentials = { ...opts.credentials };
  }

  refresh(ctx: CallContext = {}): Promise<TokenPair> {
    this.refreshing ??= this.run(ctx).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async run(ctx: CallContext): Promise<TokenPair> {
    const refreshToken = this.credentials.refreshToken;
    if (!refreshToken) {
      throw new AuthExpiredError(
        "No refresh token: the seller must authorize the app again",
        "NO_REFRESH_TOKEN",
        this.channel,
      );
    }
    const tokens = await this.exchange(refreshToken, ctx);
    this.client.accessToken = tokens.accessToken;
    this.credentials.accessToken = tokens.accessToken;
    if (tokens.refreshToken) this.credentials.refreshToken = tokens.refreshToken;
    await this.opts.onTokens?.(tokens);
    return tokens;
  }
}
