/**
 * gmt_modified_from/to and gmt_modified are wall-clock strings 'yyyy-MM-dd HH:mm:ss' in the platform's time zone
 * (UTC+8 assumed, unverified: the offset is an option on both the adapter and the simulator).
 */
export function formatGmt(ms: number, offsetMinutes: number): string {
  const d = new Date(ms + offsetMinutes * 60_000);
  const p = (n: number) => String(n).padStart(2, "0");
  return (
    `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`
  );
}

const GMT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** Epoch ms of a 'yyyy-MM-dd HH:mm:ss' string, or undefined when it does not read as one. */
export function parseGmt(text: string, offsetMinutes: number): number | undefined {
  const m = GMT.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(utc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  return utc - offsetMinutes * 60_000;
}
