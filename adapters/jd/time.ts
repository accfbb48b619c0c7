/**
 * JD wants every timestamp as 'yyyy-MM-dd HH:mm:ss' in Beijing time (UTC+8, no daylight saving), whatever the zone of
 * the machine that sends it. Both helpers work on UTC fields only, so process.env.TZ never matters.
 */
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
const PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

export function formatBeijingTime(epochMs: number): string {
  const d = new Date(epochMs + BEIJING_OFFSET_MS);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/** Epoch ms of a Beijing 'yyyy-MM-dd HH:mm:ss', or undefined when the text is not one. */
export function parseBeijingTime(text: string): number | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  // Reject dates that rolled over (2026-02-31 -> March).
  if (new Date(utc).getUTCDate() !== day) return undefined;
  return utc - BEIJING_OFFSET_MS;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
