// Readable numbers for stakeholders: 1.2M, 3.4%, $1,234, 2 min 5 s. Tooltips and tables use the exact forms.
import * as d3 from "d3";

const missing = "–";
const grouped = d3.format(",");

/** A count, compact above ten thousand: 9,876 / 12.3k / 1.2M / 3.4B. */
export function count(n) {
  if (n == null || Number.isNaN(n)) return missing;
  const abs = Math.abs(n);
  if (abs < 10_000) return grouped(Math.round(n));
  for (const [size, suffix] of [[1e9, "B"], [1e6, "M"], [1e3, "k"]]) {
    if (abs >= size) return `${+(n / size).toFixed(1)}${suffix}`;
  }
  return grouped(n);
}

/** An exact count with thousands separators: 1,234,567. */
export const exact = (n) => (n == null ? missing : grouped(n));

/** A share: 3.4%, or 0.12% when small. */
export function percent(x) {
  if (x == null || Number.isNaN(x)) return missing;
  return d3.format(Math.abs(x) < 0.01 && x !== 0 ? ".2%" : ".1%")(x);
}

/** Money without cents: $1,234; compact above a million: $1.2M. */
export function money(x) {
  if (x == null || Number.isNaN(x)) return missing;
  return Math.abs(x) >= 1e6 ? `$${count(x)}` : d3.format("$,.0f")(x);
}

/** A price with cents: $12.34. */
export const price = (x) => (x == null ? missing : d3.format("$,.2f")(x));

/** A duration in seconds as 45 s, 2 min 5 s, 1 h 20 min. */
export function duration(seconds) {
  if (seconds == null || Number.isNaN(seconds)) return missing;
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** A count with its noun: "1 month", "7 months", "12.3k events". */
export const plural = (n, noun) => `${count(n)} ${noun}${n === 1 ? "" : "s"}`;

/** A plain decimal: 4.6. */
export const decimal = (x) => (x == null ? missing : d3.format(",.1f")(x));

/** 'all' as "All months", YYYY-MM as "November 2019". */
export function period(month) {
  return month === "all" ? "All months" : d3.utcFormat("%B %Y")(new Date(`${month}-01T00:00:00Z`));
}

/** YYYY-MM as "Nov 2019". */
export const shortMonth = (month) => d3.utcFormat("%b %Y")(new Date(`${month}-01T00:00:00Z`));

/** A UTC day (YYYY-MM-DD or Date) as "Nov 17, 2019". */
export const day = (d) => d3.utcFormat("%b %-d, %Y")(typeof d === "string" ? new Date(`${d.slice(0, 10)}T00:00:00Z`) : d);

/** A UTC timestamp as "Nov 17, 2019 14:05 UTC". */
export const time = (t) => `${d3.utcFormat("%b %-d, %Y %H:%M")(new Date(t.replace(" ", "T") + (t.endsWith("Z") ? "" : "Z")))} UTC`;
