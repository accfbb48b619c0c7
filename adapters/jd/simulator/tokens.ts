import type { TokenStyle } from "../../core/simulator/tokenStore.js";

/**
 * JD tokens: 32 hex characters plus a short tail; the answer is
 * {access_token, expires_in, refresh_token, scope, open_id, uid, time, token_type, code: 0}.
 */
export const JD_TOKEN_STYLE: TokenStyle = {
  nextId: (seq, rng) => {
    let hex = "";
    while (hex.length < 24) {
      hex += Math.floor(rng() * 0xffffffff)
        .toString(16)
        .padStart(8, "0");
    }
    return `${String(seq).padStart(8, "0")}${hex}nlmd`;
  },
  authCodePrefix: "jdcode",
  accessTokenPrefix: "",
  refreshTokenPrefix: "",
  answer: ({ accessToken, refreshToken, lifetimes, now }) => ({
    access_token: accessToken,
    expires_in: lifetimes.accessTokenTtlSec,
    refresh_token: refreshToken,
    scope: "snsapi_base",
    open_id: "pk-pavilion-sialkot-sports",
    uid: "8841200193",
    time: now,
    token_type: "bearer",
    code: 0,
    xid: "o*AAQFcbtSc3hhMzI1NTY3ODk",
  }),
};
