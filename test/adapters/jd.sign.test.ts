import { afterEach, describe, expect, it } from "vitest";
import { JdClient } from "../../adapters/jd/client.js";
import { josSign, josStringToSign } from "../../adapters/jd/sign.js";
import { formatBeijingTime, parseBeijingTime } from "../../adapters/jd/time.js";

/**
 * MD5 written out from RFC 1321, so the golden values below do not come from node:crypto (which the signer uses).
 */
function md5Hex(input: string): string {
  const bytes = new TextEncoder().encode(input);
  const K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);
  const S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
  const padded = new Uint8Array((((bytes.length + 8) >> 6) + 1) << 6);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = bytes.length * 8;
  view.setUint32(padded.length - 8, bits >>> 0, true);
  view.setUint32(padded.length - 4, Math.floor(bits / 2 ** 32), true);
  let [a0, b0, c0, d0] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  for (let off = 0; off < padded.length; off += 64) {
    const M = Array.from({ length: 16 }, (_, i) => view.getUint32(off + i * 4, true));
    let [A, B, C, D] = [a0, b0, c0, d0];
    for (let i = 0; i < 64; i++) {
      let F: number;
      let g: number;
      if (i < 16) [F, g] = [(B & C) | (~B & D), i];
      else if (i < 32) [F, g] = [(D & B) | (~D & C), (5 * i + 1) % 16];
      else if (i < 48) [F, g] = [B ^ C ^ D, (3 * i + 5) % 16];
      else [F, g] = [C ^ (B | ~D), (7 * i) % 16];
      F = (F + A + K[i]! + M[g]!) >>> 0;
      A = D;
      D = C;
      C = B;
      const s = S[(i >> 4) * 4 + (i % 4)]!;
      B = (B + ((F << s) | (F >>> (32 - s)))) >>> 0;
    }
    [a0, b0, c0, d0] = [(a0 + A) >>> 0, (b0 + B) >>> 0, (c0 + C) >>> 0, (d0 + D) >>> 0];
  }
  return [a0, b0, c0, d0]
    .map((w) => [0, 8, 16, 24].map((shift) => ((w >>> shift) & 0xff).toString(16).padStart(2, "0")).join(""))
    .join("");
}

describe("the independent MD5", () => {
  it("matches the RFC 1321 test suite", () => {
    expect(md5Hex("")).toBe("d41d8cd98f00b204e9800998ecf8427e");
    expect(md5Hex("abc")).toBe("900150983cd24fb0d6963f7d28e17f72");
    expect(md5Hex("message digest")).toBe("f96b697d7cb7938d525a2f31aaf161d0");
    expect(md5Hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890")).toBe(
      "57edf4a22be3c955ac49da2e2107b67a",
    );
  });
});

describe("JOS signing (golden)", () => {
  const SECRET = "tijarat-golden-secret";
  const params = {
    method: "jingdong.ware.read.searchWare4Valid",
    app_key: "JDAPPKEY123",
    access_token: "tok-abc",
    timestamp: "2026-01-01 08:00:00",
    v: "2.0",
    "360buy_param_json": '{"pageNo":1,"pageSize":20}',
    format: "",
    sign: "IGNORED",
  };
  // Written out by hand: ASCII key order ("360buy..." sorts first), empty `format` and `sign` left out.
  const expected =
    `${SECRET}360buy_param_json{"pageNo":1,"pageSize":20}access_tokentok-abcapp_keyJDAPPKEY123` +
    `methodjingdong.ware.read.searchWare4Validtimestamp2026-01-01 08:00:00v2.0${SECRET}`;

  it("builds secret + sorted k+v + secret, dropping empty values and sign", () => {
    expect(josStringToSign(SECRET, params)).toBe(expected);
    expect(josStringToSign(SECRET, { ...params, extra: null, other: undefined })).toBe(expected);
  });

  it("signs as UPPER(hex(md5(...)))", () => {
    const sign = josSign(SECRET, params);
    expect(sign).toBe(md5Hex(expected).toUpperCase());
    // Frozen value, also checked once with `openssl md5` on the same string.
    expect(sign).toBe("79E44AB15F523FC25F0006CBF7620F6D");
  });

  it("hashes UTF-8 (Chinese business params)", () => {
    const zh = { ...params, "360buy_param_json": '{"ware":{"title":"锡亚尔科特手工足球"}}' };
    expect(josSign(SECRET, zh)).toBe(md5Hex(josStringToSign(SECRET, zh)).toUpperCase());
    expect(josSign(SECRET, zh)).not.toBe(josSign(SECRET, params));
  });

  it("the client signs every system param plus 360buy_param_json, in Beijing time", () => {
    const client = new JdClient({
      baseUrl: "https://api.jd.com/routerjson",
      appKey: "JDAPPKEY123",
      appSecret: SECRET,
      accessToken: "tok-abc",
      now: () => Date.UTC(2026, 0, 1, 0, 0, 0),
    });
    const signed = client.signedParams("jingdong.ware.read.searchWare4Valid", { pageNo: 1, pageSize: 20 });
    expect(signed).toEqual({ ...params, format: undefined, sign: md5Hex(expected).toUpperCase() } as unknown);
  });
});

describe("Beijing timestamps", () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it("formats a fixed UTC instant as yyyy-MM-dd HH:mm:ss in UTC+8, whatever the machine's zone", () => {
    for (const tz of ["UTC", "Asia/Karachi", "America/Los_Angeles", "Asia/Shanghai"]) {
      process.env.TZ = tz;
      expect(formatBeijingTime(Date.UTC(2026, 0, 1, 0, 0, 0))).toBe("2026-01-01 08:00:00");
      expect(formatBeijingTime(Date.UTC(2025, 11, 31, 16, 30, 5))).toBe("2026-01-01 00:30:05");
      expect(formatBeijingTime(Date.UTC(2024, 1, 28, 20, 0, 0))).toBe("2024-02-29 04:00:00");
      expect(formatBeijingTime(Date.UTC(2026, 2, 29, 1, 59, 59, 999))).toBe("2026-03-29 09:59:59");
    }
  });

  it("parses back to the same instant and refuses anything else", () => {
    expect(parseBeijingTime("2026-01-01 08:00:00")).toBe(Date.UTC(2026, 0, 1));
    expect(parseBeijingTime(formatBeijingTime(1_767_225_600_000))).toBe(1_767_225_600_000);
    for (const bad of ["2026-01-01T08:00:00", "2026-02-30 10:00:00", "2026-01-01 24:00:00", "yesterday", ""]) {
      expect(parseBeijingTime(bad)).toBeUndefined();
    }
  });
});
