// The project's settings, in one file an analyst can read: clickstream.config.json (or the file named by
// CLICKSTREAM_CONFIG), checked when a command starts. A few environment variables override it:
// CLICKSTREAM_DATA (data root), CLICKSTREAM_REQUIRE_DATA=1 (no demo fallback), CLICKSTREAM_CACHE.
import path from "node:path";
import { z } from "zod";
import { parseRules, type Rule } from "../alerts/rules.ts";
import { AudiencesSchema } from "../audiences/audience.ts";
import { DriftConfigSchema } from "../ingest/drift.ts";
import { readJsonFile } from "./json-file.ts";
import { PROJECT_ROOT } from "./sql-files.ts";

const share = z.number().min(0).max(1);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected a month like 2019-10").nullable();

const ConfigSchema = z
  .object({
    /** the site's title */
    title: z.string().min(1),
    /** root of the month partitions, relative to the project */
    data: z.string().min(1),
    /** the months the reports cover (null: from the first, to the last) */
    months: z.object({ from: month, to: month }).strict(),
    /** the generated dataset used when the data root holds no partitions */
    demo: z.object({ allowed: z.boolean(), events: z.number().int().min(1000), seed: z.number().int() }).strict(),
    /** conditions that fail the build (and leave the published site as it was) */
    gates: z.object({ minMonthVolumeRatio: share, allowMonthGaps: z.boolean() }).strict(),
    /** RFM scores of the customers: the frequency score's cut points, in purchase days (4 ascending) */
    rfm: z
      .object({
        frequency: z.array(z.number().int().min(1)).length(4).refine((cuts) => cuts.every((c, i) => i === 0 || c > cuts[i - 1]!), "expected four ascending numbers of days"),
      })
      .strict(),
    /** personas: how many behavioural groups k-means looks for */
    personas: z.object({ k: z.number().int().min(2).max(12) }).strict(),
    /** bought-together pairs: the fewest shared buyers a pair needs, and the buyers left out of pairs */
    recommendations: z.object({ minUsers: z.number().int().min(1), maxProductsPerUser: z.number().int().min(2) }).strict(),
    /** conditions shown on the data quality page and printed by the build */
    warnings: z
      .object({
        maxEmptyBrandShare: share,
        maxEmptyCategoryCodeShare: share,
        maxEmptySessionShare: share,
        maxPriceZeroShare: share,
        maxDuplicateShare: share,
        maxSharedSessionShare: share,
        maxRejectedShare: share,
      })
      .strict(),
    /** the published site's address, for the links of the feed (null: links relative to the feed) */
    siteUrl: z.url().nullable(),
    /** alert rules evaluated on every build (data-loaders/alerts/rules.ts checks each by name) */
    alerts: z.array(z.unknown()),
    /** source drift checks at ingest: limits and whether each warns, blocks the file or is off */
    drift: DriftConfigSchema,
    /** the reference files (reference/*.csv): the share of events each must name, and what falling short does */
    reference: z.object({ minEventShare: share, action: z.enum(["warn", "block", "off"]) }).strict(),
    /** a site of its own for each, holding only its events (data-loaders/audiences/audience.ts) */
    audiences: AudiencesSchema.default([]),
  })
  .strict()
  .refine((c) => !c.months.from || !c.months.to || c.months.from <= c.months.to, { message: "months.from is after months.to", path: ["months"] });

export type Config = Omit<z.infer<typeof ConfigSchema>, "alerts"> & { alerts: Rule[] };

export function configFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(PROJECT_ROOT, env.CLICKSTREAM_CONFIG || "clickstream.config.json");
}

/** The settings, with the environment's overrides; throws a message naming each problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const file = configFile(env);
  const raw = readJsonFile(file, ConfigSchema, "configuration");
  let alerts: Rule[];
  try {
    alerts = parseRules(raw.alerts);
  } catch (error) {
    throw new Error(`the configuration ${file} is not valid:\n  - ${(error as Error).message.split("\n").join("\n  - ")}`);
  }
  const config: Config = { ...raw, alerts };
  if (env.CLICKSTREAM_DATA) config.data = env.CLICKSTREAM_DATA;
  if (env.CLICKSTREAM_REQUIRE_DATA === "1") config.demo.allowed = false;
  return config;
}

/** Rollups, snapshots and DuckDB's spill files (CLICKSTREAM_CACHE, default .cache). */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(PROJECT_ROOT, env.CLICKSTREAM_CACHE || ".cache");
}
