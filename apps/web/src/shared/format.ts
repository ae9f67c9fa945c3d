const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `2026-11-21 09:05` (with `seconds`: `09:05:07`) in the browser's time zone, from an ISO string or
 * epoch milliseconds; '' for nothing or a value that is not a time.
 */
export function localTime(value: string | number | null | undefined, seconds = false): string {
  if (value === null || value === undefined || value === '') return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}${seconds ? `:${pad(d.getSeconds())}` : ''}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hm}`;
}
