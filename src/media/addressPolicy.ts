import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * Which network addresses an image fetch may connect to. Only public unicast addresses are reachable by default;
 * loopback, private, link-local (cloud metadata), CGNAT, unique-local, IPv4-mapped/compatible/translated forms of
 * those and every other special-purpose range are refused unless the URL's host is listed in the allowed hosts.
 */

const RANGE_WORDS: Record<string, string> = {
  loopback: "a loopback address",
  private: "a private address",
  linkLocal: "a link-local address",
  carrierGradeNat: "a carrier-grade NAT (100.64.0.0/10) address",
  unspecified: "an unspecified address",
  broadcast: "a broadcast address",
  multicast: "a multicast address",
  reserved: "a reserved address",
  uniqueLocal: "a unique-local (private) IPv6 address",
  rfc6145: "an IPv4-translated IPv6 address",
  rfc6052: "a NAT64 (64:ff9b::/96) address",
  "6to4": "a 6to4 (2002::/16) address",
  teredo: "a Teredo (2001::/32) address",
  benchmarking: "a benchmarking address",
  discard: "a discard-only (100::/64) address",
};

/** Ranges that are never a meaningful image host, even for an allowed host. */
const NEVER_REACHABLE = new Set(["unspecified", "broadcast", "multicast"]);

interface Classified {
  /** ipaddr.js range name, or one of ours: "ipv4Compatible", "siteLocal", "invalid". */
  range: string;
  /** The address actually checked (the IPv4 inside an IPv4-mapped IPv6 address). */
  checked: string;
}

function classify(address: string): Classified {
  if (isIP(address) === 0) return { range: "invalid", checked: address };
  const parsed = ipaddr.process(address);
  if (parsed instanceof ipaddr.IPv6) {
    const v6 = parsed;
    const parts = v6.parts;
    // ::a.b.c.d (deprecated IPv4-compatible form; ipaddr.js calls it unicast) and fec0::/10 (deprecated site-local).
    if (parts.slice(0, 6).every((p) => p === 0) && !(parts[6] === 0 && (parts[7] ?? 0) <= 1)) {
      return { range: "ipv4Compatible", checked: v6.toString() };
    }
    if (((parts[0] ?? 0) & 0xffc0) === 0xfec0) return { range: "siteLocal", checked: v6.toString() };
  }
  return { range: parsed.range(), checked: parsed.toString() };
}

function describe(range: string): string {
  switch (range) {
    case "ipv4Compatible":
      return "a deprecated IPv4-compatible IPv6 address";
    case "siteLocal":
      return "a deprecated site-local IPv6 address";
    default:
      return RANGE_WORDS[range] ?? `a special-purpose address (${range})`;
  }
}

/**
 * Why `address` (an IPv4 or IPv6 literal, as DNS returns it) must not be fetched from, in plain words, or null when it
 * is a public unicast address. Anything that is not an IP literal is a problem too.
 */
export function addressProblem(address: string): string | null {
  const { range, checked } = classify(address);
  if (range === "unicast") return null;
  if (range === "invalid") return `${JSON.stringify(address)} is not an IP address`;
  const shown = checked === address ? address : `${address} (${checked})`;
  const metadata = checked === "169.254.169.254" || checked === "fd00:ec2::254" ? " (cloud metadata service)" : "";
  return `${shown} is ${describe(range)}${metadata}`;
}

/**
 * Like addressProblem, for a host the operator allowed: it may resolve to loopback, private or other internal
 * addresses, but never to unspecified, broadcast or multicast ones.
 */
export function allowedAddressProblem(address: string): string | null {
  const { range } = classify(address);
  if (range === "invalid" || NEVER_REACHABLE.has(range)) return addressProblem(address);
  return null;
}

/** One allowed host: a name or IP literal, with a port or for every port. */
export interface AllowedHost {
  host: string;
  port?: number;
}

/** Lower case, no trailing dot, IPv6 without brackets and in canonical form. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  if (h.endsWith(".")) h = h.slice(0, -1);
  if (isIP(h) !== 0) return ipaddr.parse(h).toString();
  return h;
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** Parses one `host`, `host:port`, `[v6]`, `[v6]:port` or bare IPv6 entry; throws on anything else. */
export function parseAllowedHost(entry: string): AllowedHost {
  const text = entry.trim();
  let host = text;
  let port: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) {
    host = bracketed[1]!;
    port = bracketed[2];
    if (isIP(host) !== 6) throw new Error(`allowed host ${JSON.stringify(entry)}: ${host} is not an IPv6 address`);
  } else if (text.split(":").length === 2) {
    [host, port] = text.split(":") as [string, string];
  }
  const normalized = normalizeHost(host);
  if (isIP(normalized) === 0 && !HOST_NAME.test(normalized)) {
    throw new Error(`allowed host ${JSON.stringify(entry)} is not a host name, IP address, host:port or [IPv6]:port`);
  }
  if (port === undefined) return { host: normalized };
  const n = Number(port);
  if (!/^\d{1,5}$/.test(port) || n < 1 || n > 65535) {
    throw new Error(`allowed host ${JSON.stringify(entry)}: port ${JSON.stringify(port)} is not 1-65535`);
  }
  return { host: normalized, port: n };
}

/** Splits a comma- or space-separated list (as in MEDIA_ALLOWED_HOSTS) into entries, checking each. */
export function parseAllowedHostList(value: string | undefined): string[] {
  const entries = (value ?? "").split(/[\s,]+/).filter((e) => e !== "");
  for (const entry of entries) parseAllowedHost(entry);
  return entries;
}

/** True when host (as in a URL, IPv6 possibly bracketed) on port is one of the allowed entries. */
export function isAllowedHost(allowed: readonly AllowedHost[], host: string, port: number): boolean {
  const h = normalizeHost(host);
  return allowed.some((a) => a.host === h && (a.port === undefined || a.port === port));
}
