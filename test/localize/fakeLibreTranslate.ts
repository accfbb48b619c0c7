import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Tiny English -> Chinese dictionary: enough to see that text was translated and markup was not. */
const WORDS: Record<string, string> = {
  "hand-stitched": "手工缝制",
  match: "比赛",
  football: "足球",
  size: "号",
  panels: "片",
  shawl: "披肩",
  wallet: "钱包",
  from: "来自",
  with: "带",
  printed: "印花",
  and: "和",
  new: "新",
  the: "",
};

export interface FakeLibreTranslate {
  url: string;
  /** Request bodies received, in order. */
  requests: { q: string | string[]; source: string; target: string; format: string; api_key?: string }[];
  /** Answer the next N requests with this status (e.g. 429, 500). */
  failNext(n: number, status: number): void;
  close(): Promise<void>;
}

/** Word-by-word "translation" of text nodes; tags and translate="no" spans pass through untouched. */
export function fakeTranslate(html: string): string {
  return html.replace(/(<span[^>]*translate="no"[^>]*>[\s\S]*?<\/span>)|(<[^>]+>)|([^<]+)/g, (m, keep, tag, text) => {
    if (keep || tag) return m;
    return (text as string).replace(/[A-Za-z][A-Za-z-]*/g, (w) => WORDS[w.toLowerCase()] ?? w);
  });
}

/** A LibreTranslate-compatible server on 127.0.0.1: POST /translate {q, source, target, format, api_key}. */
export async function startFakeLibreTranslate(): Promise<FakeLibreTranslate> {
  const requests: FakeLibreTranslate["requests"] = [];
  let failures = 0;
  let failStatus = 500;
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => {
      raw += c.toString();
    });
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      if (req.method !== "POST" || req.url !== "/translate") {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: "Not Found" }));
        return;
      }
      const body = JSON.parse(raw);
      requests.push(body);
      if (failures > 0) {
        failures--;
        res.statusCode = failStatus;
        if (failStatus === 429) res.setHeader("retry-after", "0.2");
        res.end(JSON.stringify({ error: `failing on purpose (${failStatus})` }));
        return;
      }
      const q: string | string[] = body.q;
      res.end(JSON.stringify({ translatedText: Array.isArray(q) ? q.map(fakeTranslate) : fakeTranslate(q) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(n, status) {
      failures = n;
      failStatus = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
