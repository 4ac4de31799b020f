/** Numbers and dates for people: vi-VN (`1.053`, `44,5`) or en-US, never for SQL or exports. */

const LOCALE_TAG = { vi: 'vi-VN', en: 'en-US' } as const;
const formatters = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number | bigint, locale: keyof typeof LOCALE_TAG = 'vi'): string {
  const key = locale;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE_TAG[locale], { maximumFractionDigits: 2 });
    formatters.set(key, f);
  }
  return f.format(value);
}

export function formatDate(epochMs: number, locale: keyof typeof LOCALE_TAG = 'vi', withTime = false): string {
  const d = new Date(epochMs);
  const opts: Intl.DateTimeFormatOptions = withTime
    ? { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }
    : { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(LOCALE_TAG[locale], opts).format(d);
}

/** A moment in the viewer's own time zone (when a version was saved): `30/11/2026, 09:05:03`. */
export function formatDateTime(epochMs: number, locale: keyof typeof LOCALE_TAG = 'vi'): string {
  return new Intl.DateTimeFormat(LOCALE_TAG[locale], { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(epochMs);
}

/** Like formatDateTime, but only the time for a moment earlier today (lists of recent saves). */
export function formatRecent(epochMs: number, locale: keyof typeof LOCALE_TAG = 'vi', now = Date.now()): string {
  if (new Date(epochMs).toDateString() !== new Date(now).toDateString()) return formatDateTime(epochMs, locale);
  return new Intl.DateTimeFormat(LOCALE_TAG[locale], { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(epochMs);
}

/** A size in bytes for people: `850 B`, `12,4 KB`, `1,2 MB`. */
export function formatBytes(bytes: number, locale: keyof typeof LOCALE_TAG = 'vi'): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatNumber(unit === 0 ? value : Math.round(value * 10) / 10, locale)} ${units[unit]}`;
}
