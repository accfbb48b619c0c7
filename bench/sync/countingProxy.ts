/**
 * A pass-through HTTP proxy in front of a simulator that counts calls and throttled answers (ApiCallLimit), with
 * timestamps. The simulator's own counts() include throttled calls without telling them apart, and channel_call rows
 * are per listing (one batched HTTP call that is throttled shows up once per waiting listing), so the proxy is the
 * exact source for "share of calls the channel throttled".
 */
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

export interface ProxyCall {
  path: string;
  at: number;
  throttled: boolean;
}

export interface CountingProxy {
  /** Replaces the simulator's origin in its base URL. */
  urlFor(simBaseUrl: string): string;
  calls: ProxyCall[];
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const origin = new URL(target);
  const calls: ProxyCall[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    const upstream = request(
      {
        host: origin.hostname,
        port: origin.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (up) => {
        const body: Buffer[] = [];
        up.on("data", (c: Buffer) => body.push(c));
        up.on("end", () => {
          const text = Buffer.concat(body);
          const path = (req.url ?? "").split("?")[0] ?? "";
          calls.push({ path, at: performance.now(), throttled: text.includes("ApiCallLimit") });
          res.writeHead(up.statusCode ?? 502, up.headers);
          res.end(text);
        });
      },
    );
    upstream.on("error", (err) => {
      res.writeHead(502);
      res.end(String(err));
    });
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => upstream.end(Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    urlFor(simBaseUrl) {
      const u = new URL(simBaseUrl);
      u.host = `127.0.0.1:${port}`;
      return u.toString().replace(/\/$/, "");
    },
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
