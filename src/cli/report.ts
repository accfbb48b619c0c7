import type { RemoteListing } from "../../adapters/core/types.js";

export interface ReportRow {
  channel: string;
  sku: string;
  title: string;
  state: string;
  itemId: string | null;
  remote: RemoteListing | undefined;
  problem: string | null;
}

const pad = (value: string, width: number) =>
  value.length > width ? `${value.slice(0, width - 1)}…` : value.padEnd(width);

/** Renders what each channel shows, one line per listing, with the reason beside any listing held back. */
export function renderReport(rows: ReportRow[]): string {
  const lines: string[] = [];
  const channels = [...new Set(rows.map((r) => r.channel))];
  for (const channel of channels) {
    const mine = rows.filter((r) => r.channel === channel);
    lines.push(`\n${channel}: ${mine.length} listings`);
    lines.push(
      `  ${pad("seller SKU", 18)} ${pad("state", 17)} ${pad("item id", 16)} ${pad("on channel", 18)} ${pad("SKUs: price x stock", 34)} title`,
    );
    for (const r of mine) {
      const skus = r.remote?.skus.map((s) => `${s.price ?? "?"}x${s.quantity ?? "?"}`).join(", ") ?? "-";
      lines.push(
        `  ${pad(r.sku, 18)} ${pad(r.state, 17)} ${pad(r.itemId ?? "-", 16)} ${pad(r.remote?.rawStatus ?? r.remote?.status ?? "-", 18)} ${pad(skus, 34)} ${pad(r.remote?.title ?? r.title, 40)}`,
      );
      if (r.problem) lines.push(`  ${"".padEnd(18)} └ ${r.problem}`);
    }
    const counts = new Map<string, number>();
    for (const r of mine) counts.set(r.state, (counts.get(r.state) ?? 0) + 1);
    lines.push(`  ${[...counts].map(([state, n]) => `${n} ${state}`).join(", ")}`);
  }
  return lines.join("\n");
}
