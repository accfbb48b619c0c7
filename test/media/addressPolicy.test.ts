import { describe, expect, it } from "vitest";
import {
  addressProblem,
  allowedAddressProblem,
  isAllowedHost,
  parseAllowedHost,
  parseAllowedHostList,
} from "../../src/media/addressPolicy.js";

describe("addressProblem", () => {
  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "11.0.0.1",
    "172.15.255.255",
    "172.32.0.0",
    "192.167.255.255",
    "192.169.0.0",
    "100.63.255.255",
    "100.128.0.0",
    "169.253.255.255",
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
    "::ffff:8.8.8.8",
  ])("%s is public", (address) => {
    expect(addressProblem(address)).toBeNull();
  });

  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.5", "private"],
    ["10.255.255.255", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link-local"],
    ["169.254.0.1", "link-local"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.127.255.255", "carrier-grade NAT"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["255.255.255.255", "broadcast"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved"],
    ["192.0.2.10", "reserved"],
    ["198.18.0.1", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fc00::1", "unique-local"],
    ["fd00::1", "unique-local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf::1", "link-local"],
    ["fec0::1", "site-local"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:169.254.169.254", "link-local"],
    ["::ffff:100.64.0.1", "carrier-grade NAT"],
    // ipaddr.js reads the deprecated ::a.b.c.d form as IPv4-mapped; refused either way.
    ["::127.0.0.1", "loopback"],
    ["::a00:5", "IPv4-compatible"],
    ["::ffff:0:7f00:1", "IPv4-translated"],
    ["64:ff9b::7f00:1", "NAT64"],
    ["2002:7f00:1::1", "6to4"],
    ["2001:0:7f00:1::1", "Teredo"],
    ["2001:db8::1", "reserved"],
    ["100::1", "discard"],
  ])("%s is refused as %s", (address, words) => {
    const problem = addressProblem(address);
    expect(problem).not.toBeNull();
    expect(problem).toContain(words);
    expect(problem).toContain(address);
  });

  it("shows the IPv4 address inside an IPv4-mapped IPv6 one and flags cloud metadata", () => {
    expect(addressProblem("::ffff:7f00:1")).toBe("::ffff:7f00:1 (127.0.0.1) is a loopback address");
    expect(addressProblem("169.254.169.254")).toBe("169.254.169.254 is a link-local address (cloud metadata service)");
  });

  it.each(["", "localhost", "example.com", "127.1", "0x7f.0.0.1", "2130706433", "1.2.3.4.5", "[::1]", "::g"])(
    "%j is not an IP literal",
    (text) => {
      expect(addressProblem(text)).toMatch(/is not an IP address$/);
    },
  );
});

describe("allowedAddressProblem", () => {
  it("lets an allowed host reach internal addresses but never unspecified, broadcast or multicast ones", () => {
    for (const address of ["127.0.0.1", "10.0.0.5", "192.168.0.10", "::1", "fd00::1", "169.254.169.254"]) {
      expect(allowedAddressProblem(address)).toBeNull();
    }
    for (const address of ["0.0.0.0", "::", "255.255.255.255", "224.0.0.1", "ff02::1", "nonsense"]) {
      expect(allowedAddressProblem(address)).not.toBeNull();
    }
  });
});

describe("allowed hosts", () => {
  it("parses host, host:port, bracketed and bare IPv6 entries", () => {
    expect(parseAllowedHost("Images.Example.com.")).toEqual({ host: "images.example.com" });
    expect(parseAllowedHost("127.0.0.1:8080")).toEqual({ host: "127.0.0.1", port: 8080 });
    expect(parseAllowedHost("[::1]:9000")).toEqual({ host: "::1", port: 9000 });
    expect(parseAllowedHost("[0:0::1]")).toEqual({ host: "::1" });
    expect(parseAllowedHost("fd00:0::1")).toEqual({ host: "fd00::1" });
  });

  it.each(["", "host:0", "host:65536", "host:abc", "a b", "http://host", "[not-v6]:80", "host:80:90x"])(
    "refuses %j",
    (entry) => {
      expect(() => parseAllowedHost(entry)).toThrow(/allowed host/);
    },
  );

  it("splits a comma or space separated list and checks each entry", () => {
    expect(parseAllowedHostList(" cdn.local, 127.0.0.1:8080 [::1]  ")).toEqual([
      "cdn.local",
      "127.0.0.1:8080",
      "[::1]",
    ]);
    expect(parseAllowedHostList(undefined)).toEqual([]);
    expect(() => parseAllowedHostList("ok.local,bad:port")).toThrow(/bad:port/);
  });

  it("matches the URL host by name and port", () => {
    const allowed = ["cdn.local", "127.0.0.1:8080", "[::1]"].map(parseAllowedHost);
    expect(isAllowedHost(allowed, "CDN.local.", 443)).toBe(true);
    expect(isAllowedHost(allowed, "127.0.0.1", 8080)).toBe(true);
    expect(isAllowedHost(allowed, "127.0.0.1", 8081)).toBe(false);
    expect(isAllowedHost(allowed, "[::1]", 1234)).toBe(true);
    expect(isAllowedHost(allowed, "[0::1]", 1234)).toBe(true);
    expect(isAllowedHost(allowed, "cdn.local.evil.com", 443)).toBe(false);
    expect(isAllowedHost(allowed, "localhost", 8080)).toBe(false);
  });
});
