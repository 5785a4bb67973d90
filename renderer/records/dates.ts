// Times are stored as ISO 8601 UTC strings; "days" are the station's local calendar days, because
// a mailroom's day (and its report) follows the wall clock, not UTC.

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** The local calendar day (YYYY-MM-DD) of an ISO time. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export const addMs = (d: Date, ms: number): Date => new Date(d.getTime() + ms);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
