// Source drift: each ingested file's profile (sql/ingest/profile.sql), recorded in the manifest next to
// its entry, and the checks that compare a new file's profile with the files before it in the same data
// folder (the files whose first event is earlier). Each check's limit and action are in the
// configuration ("drift"): warn (the file is ingested and the finding recorded, shown by the build in
// the digest and on the Data quality page) or block (the file is not ingested, as with a wrong header).
import * as d3 from "d3";
import { z } from "zod";
import { percent } from "../../src/components/format.js";
import type { Database } from "../shared/duckdb.ts";
import { readSql } from "../shared/sql-files.ts";
import type { ColumnStats } from "./stage.ts";

const count = z.number().int().min(0);
/** ids are text: category ids pass 2^53 */
const id = z.string().regex(/^-?\d+$/);

export const ProfileSchema = z
  .object({
    columns: z.array(z.string()),
    rows: count,
    firstEvent: z.string().nullable(),
    lastEvent: z.string().nullable(),
    days: count,
    eventTypes: z.record(z.string(), count),
    /** rows with an empty value (price_zero: a price of 0) */
    empty: z.object({ category_code: count, brand: count, user_session: count, price_zero: count }).strict(),
    /** price quantiles 0.05, 0.25, 0.5, 0.75, 0.95 over prices above 0, as values of the data (empty without such rows) */
    price: z.array(z.number()),
    /** smallest, median and largest (empty without rows) */
    ids: z.object({ product_id: z.array(id), category_id: z.array(id), user_id: z.array(id) }).strict(),
    distinct: z.object({ users: count, products: count, sessions: count }).strict(),
  })
  .strict();
export type Profile = z.infer<typeof ProfileSchema>;

export const DRIFT_CHECKS = ["event_types", "empty_share", "price_scale", "id_range", "daily_volume"] as const;
const action = z.enum(["warn", "block", "off"]);
export const DriftConfigSchema = z
  .object({
    /** an event type that the earlier files do not have, or that they all have and this one lacks */
    eventTypes: z.object({ action }).strict(),
    /** a column's share of empty values (price: of 0) at least `factor` times that of the earlier files, and at least `minShare` */
    emptyShare: z.object({ factor: z.number().gt(1), minShare: z.number().min(0).max(1), action }).strict(),
    /** the median price more than `factor` times higher or lower than the earlier files' */
    priceScale: z.object({ factor: z.number().gt(1), action }).strict(),
    /** the median id outside the smallest to largest id of the earlier files */
    idRange: z.object({ action }).strict(),
    /** rows per day more than `factor` times higher or lower than the earlier files' */
    dailyVolume: z.object({ factor: z.number().gt(1), action }).strict(),
  })
  .strict();
export type DriftConfig = z.infer<typeof DriftConfigSchema>;

/** A check that found the file departing from the earlier ones, with the figures side by side. */
export const DriftFindingSchema = z
  .object({
    file: z.string(),
    check: z.enum(DRIFT_CHECKS),
    severity: z.enum(["warn", "block"]),
    /** what departs, in words, with both figures */
    message: z.string(),
    /** [label, this file's figure, the earlier files' figure] */
    figures: z.array(z.tuple([z.string(), z.string(), z.string()])),
  })
  .strict();
export type DriftFinding = z.infer<typeof DriftFindingSchema>;

/** About how many rows the quantiles and medians of a profile are taken from. */
const PROFILE_SAMPLE = 200_000;

/**
 * The profile of the rows of `source` (a read_parquet(...) call; not read when there are none), with the
 * statistics the Parquet writer returned as it wrote them (rows, range of times, NULLs, smallest and
 * largest ids: free, where a query would cost a third of the profile).
 */
export async function profileRows(db: Database, source: string, columns: string[], stats: { rows: number; columns: Record<string, ColumnStats> }): Promise<Profile> {
  const column = (name: string): ColumnStats => stats.columns[name] ?? { min: null, max: null, nulls: 0 };
  const empty = { category_code: column("category_code").nulls, brand: column("brand").nulls, user_session: column("user_session").nulls };
  if (stats.rows === 0) {
    return { columns, rows: 0, firstEvent: null, lastEvent: null, days: 0, eventTypes: {}, empty: { ...empty, price_zero: 0 },
      price: [], ids: { product_id: [], category_id: [], user_id: [] }, distinct: { users: 0, products: 0, sessions: 0 } };
  }
  // the sample: whole blocks of rows (system sampling), about PROFILE_SAMPLE rows
  const percent = Math.min(100, (100 * PROFILE_SAMPLE) / stats.rows);
  await db.run(`CREATE OR REPLACE TEMP VIEW ingest_profile_source AS SELECT * FROM ${source};
    CREATE OR REPLACE TEMP VIEW ingest_profile_sample AS SELECT * FROM ${source}${percent < 100 ? ` USING SAMPLE ${percent.toFixed(4)} PERCENT (system)` : ""}`);
  const [row] = await db.rows<{
    days: string; event_types: { key: string; value: string }[] | null; price_zero: string; price: number[] | null;
    product_id: string | null; category_id: string | null; user_id: string | null; users: string; products: string; sessions: string;
  }>(readSql("ingest/profile"));
  const ids = (name: "product_id" | "category_id" | "user_id") => [column(name).min, row![name], column(name).max].filter((v): v is string => v != null).map(String);
  return {
    columns,
    rows: stats.rows,
    firstEvent: column("event_time").min,
    lastEvent: column("event_time").max,
    days: Number(row!.days),
    eventTypes: Object.fromEntries((row!.event_types ?? []).map(({ key, value }) => [key, Number(value)])),
    empty: { ...empty, price_zero: Number(row!.price_zero) },
    price: row!.price ?? [],
    ids: { product_id: ids("product_id"), category_id: ids("category_id"), user_id: ids("user_id") },
    distinct: { users: Number(row!.users), products: Number(row!.products), sessions: Number(row!.sessions) },
  };
}

const share = (n: number, of: number) => (of > 0 ? n / of : 0);
const num = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 2 });
/** A ratio in words: "3.5 times higher", "34 times lower". */
const times = (ratio: number) => (ratio >= 1 ? `${num(ratio)} times higher` : `${num(1 / ratio)} times lower`);
const EMPTY_LABELS: Record<keyof Profile["empty"], string> = { category_code: "empty category_code", brand: "empty brand", user_session: "empty user_session", price_zero: "price 0" };

/**
 * The checks of a file's profile against the earlier files' profiles (none: nothing to compare with,
 * nothing found). A check whose action is off is skipped.
 */
export function driftFindings(file: string, profile: Profile, earlier: Profile[], config: DriftConfig): DriftFinding[] {
  const before = earlier.filter((p) => p.rows > 0);
  if (before.length === 0 || profile.rows === 0) return [];
  const findings: DriftFinding[] = [];
  const add = (check: DriftFinding["check"], act: "warn" | "block" | "off", message: string, figures: DriftFinding["figures"]) => {
    if (act !== "off") findings.push({ file, check, severity: act, message, figures });
  };
  const earlierName = before.length === 1 ? "the earlier file" : `the ${before.length} earlier files`;

  // event types: new ones, and vanished ones (every earlier file has them, this one not)
  const types = new Set(Object.keys(profile.eventTypes));
  const known = new Set(before.flatMap((p) => Object.keys(p.eventTypes)));
  for (const type of [...types].filter((t) => !known.has(t)).sort()) {
    add("event_types", config.eventTypes.action, `a new event type "${type}" (${num(profile.eventTypes[type]!)} rows), not in ${earlierName}`,
      [[`rows of type ${type}`, num(profile.eventTypes[type]!), "0"]]);
  }
  for (const type of [...known].filter((t) => !types.has(t) && before.every((p) => t in p.eventTypes)).sort()) {
    const rows = before.reduce((sum, p) => sum + p.eventTypes[type]!, 0);
    add("event_types", config.eventTypes.action, `event type "${type}" vanished (it is in ${before.length === 1 ? "the earlier file" : `each of ${earlierName}`})`, [[`rows of type ${type}`, "0", num(rows)]]);
  }

  // empty shares, pooled over the earlier files' rows
  const earlierRows = before.reduce((sum, p) => sum + p.rows, 0);
  for (const column of Object.keys(EMPTY_LABELS) as (keyof Profile["empty"])[]) {
    const now = share(profile.empty[column], profile.rows);
    const then = share(before.reduce((sum, p) => sum + p.empty[column], 0), earlierRows);
    if (now >= config.emptyShare.minShare && now >= config.emptyShare.factor * then) {
      add("empty_share", config.emptyShare.action, `the share of rows with ${EMPTY_LABELS[column]} is ${percent(now)}, against ${percent(then)} in ${earlierName} (at least ${config.emptyShare.factor} times as high)`,
        [[`share with ${EMPTY_LABELS[column]}`, percent(now), percent(then)]]);
    }
  }

  // price scale: the median price against the median of the earlier files' medians
  const earlierMedians = before.filter((p) => p.price.length === 5).map((p) => p.price[2]!);
  if (profile.price.length === 5 && earlierMedians.length) {
    const now = profile.price[2]!;
    const then = d3.median(earlierMedians)!;
    const ratio = now / then;
    if (ratio > config.priceScale.factor || ratio < 1 / config.priceScale.factor) {
      add("price_scale", config.priceScale.action, `the median price is ${num(now)}, against ${num(then)} in ${earlierName}: ${times(ratio)} (prices in another unit?)`,
        [["median price", num(now), num(then)], ["price quantiles 5%, 25%, 75%, 95%", [0, 1, 3, 4].map((i) => num(profile.price[i]!)).join(", "), "–"]]);
    }
  }

  // ids: the median outside the earlier files' smallest to largest
  for (const column of ["product_id", "category_id", "user_id"] as const) {
    const [, mid] = profile.ids[column];
    const ranges = before.map((p) => p.ids[column]).filter((r) => r.length === 3);
    if (mid == null || ranges.length === 0) continue;
    const low = ranges.map((r) => BigInt(r[0]!)).reduce((a, b) => (b < a ? b : a));
    const high = ranges.map((r) => BigInt(r[2]!)).reduce((a, b) => (b > a ? b : a));
    if (BigInt(mid) < low || BigInt(mid) > high) {
      add("id_range", config.idRange.action, `the median ${column} ${mid} lies outside the range of ${earlierName}, ${low} to ${high} (ids from another system?)`,
        [[`median ${column} (earlier: their range)`, mid, `${low} to ${high}`]]);
    }
  }

  // rows per day against the median of the earlier files' rows per day
  if (profile.days > 0) {
    const now = profile.rows / profile.days;
    const then = d3.median(before.filter((p) => p.days > 0).map((p) => p.rows / p.days))!;
    const ratio = now / then;
    if (ratio > config.dailyVolume.factor || ratio < 1 / config.dailyVolume.factor) {
      add("daily_volume", config.dailyVolume.action, `${num(Math.round(now))} rows per day, against ${num(Math.round(then))} in ${earlierName}: ${times(ratio)}`,
        [["rows per day", num(Math.round(now)), num(Math.round(then))], ["rows, days", `${num(profile.rows)}, ${profile.days}`, "–"]]);
    }
  }
  return findings;
}
