// The digest of a build: the headline figures of the latest complete day, week and month with their
// changes (period_comparisons), every alert rule's result (rules.ts) and what ingest found drifting in the
// source files (data-loaders/ingest/drift.ts). Written by every build as dist/digest.json, dist/digest.md
// (the same as a short message for mail or chat) and an entry of dist/feed.xml; printed on the terminal.
import fs from "node:fs";
import path from "node:path";
import { comparisonText, formatMetric, METRICS, periodLabel, periodPhrase } from "../../src/components/metrics.js";
import type { DriftFinding } from "../ingest/drift.ts";
import { audienceTitle } from "../audiences/audience.ts";
import { readManifest } from "../ingest/manifest.ts";
import type { Config } from "../shared/config.ts";
import type { SnapshotBuild } from "../snapshots/snapshots.ts";
import { evaluateRule, type Check, type Grain, type PeriodMetrics, type Rule } from "./rules.ts";

/** A row of the period_comparisons snapshot. */
export interface Comparison {
  grain: Grain;
  period: string;
  metric: string;
  complete: boolean;
  value: number | null;
  basis: "previous" | "previous_same_days" | null;
  base_period: string | null;
  base_days: number | null;
  base_value: number | null;
  change: number | null;
}

/** The metrics the digest lists for each latest complete period. */
const HEADLINE_METRICS = ["events", "purchases", "revenue", "conversion", "active_users", "new_users", "buyers"];

export interface RuleResult {
  name: string;
  severity: Rule["severity"];
  rule: Rule;
  /** the rule in words */
  description: string;
  /** the result in the latest complete period of the rule's grain (null: the data has none) */
  current: Check | null;
  /** the current result in words */
  message: string;
  /** every complete period, oldest first: how often the rule would have fired */
  history: Check[];
  fired: number;
  evaluated: number;
}

export interface Digest {
  title: string;
  builtAt: string;
  demo: boolean;
  firstEvent: string | null;
  lastEvent: string | null;
  headline: { grain: Grain; period: string; label: string; figures: { metric: string; label: string; value: number | null; text: string; change: number | null; comparison: string }[] }[];
  alerts: RuleResult[];
  firing: string[];
  blocking: string[];
  drift: DriftFinding[];
}

const GRAIN_WORDS: Record<Grain, string> = { day: "per day", week: "per week", month: "per month" };
const label = (metric: string) => METRICS[metric as keyof typeof METRICS].label;
const value = (metric: string, v: number | null) => formatMetric(metric, v);

/** A rule in words: "Purchases per day more than 30% below the same weekday a week earlier". */
export function describeRule(rule: Rule): string {
  const what = `${label(rule.metric)} ${GRAIN_WORDS[rule.grain]}`;
  switch (rule.when) {
    case "below":
      return `${what} below ${value(rule.metric, rule.value)}`;
    case "above":
      return `${what} above ${value(rule.metric, rule.value)}`;
    case "change": {
      const against = rule.against === "previous" ? `the ${rule.grain} before` : "the same weekday a week earlier";
      const direction = { down: "lower than", up: "higher than", either: "higher or lower than" }[rule.direction];
      return `${what} more than ${rule.percent}% ${direction} ${against}`;
    }
    case "outside_usual": {
      const comparable = rule.grain === "day" ? `the same weekday of the ${rule.periods} weeks before` : `the ${rule.periods} ${rule.grain}s before`;
      return `${what} outside the usual range: the median of ${comparable} ± ${rule.k} × their median absolute deviation`;
    }
  }
}

/** A rule's result in a period in words. */
export function describeCheck(rule: Rule, check: Check | null): string {
  if (!check) return `no complete ${rule.grain} in the data yet`;
  const shown = `${label(rule.metric)} ${periodPhrase(rule.grain, check.period)}: ${value(rule.metric, check.value)}`;
  if (check.status === "no_basis") return `${shown}; not evaluated: ${check.reason}`;
  const bounds = [check.low != null ? `below ${value(rule.metric, check.low)}` : null, check.high != null ? `above ${value(rule.metric, check.high)}` : null].filter(Boolean).join(" or ");
  const base = check.basePeriod ? ` (${periodLabel(rule.grain, check.basePeriod)}: ${value(rule.metric, check.expected)})` : check.expected != null && rule.when === "outside_usual" ? ` (usual: ${value(rule.metric, check.expected)})` : "";
  return check.status === "fired" ? `${shown}, fires ${bounds}${base}` : `${shown}, within limits: fires ${bounds}${base}`;
}

export function evaluateRules(rules: Rule[], rows: PeriodMetrics[]): RuleResult[] {
  return rules.map((rule) => {
    const history = evaluateRule(rule, rows);
    const current = history.at(-1) ?? null;
    return {
      name: rule.name,
      severity: rule.severity,
      rule,
      description: describeRule(rule),
      current,
      message: describeCheck(rule, current),
      history,
      fired: history.filter((c) => c.status === "fired").length,
      evaluated: history.filter((c) => c.status !== "no_basis").length,
    };
  });
}

interface DigestInput {
  title: string;
  builtAt: string;
  demo: boolean;
  firstEvent: string | null;
  lastEvent: string | null;
  metrics: PeriodMetrics[];
  comparisons: Comparison[];
  rules: Rule[];
  drift: DriftFinding[];
}

export function makeDigest(input: DigestInput): Digest {
  const headline = (["day", "week", "month"] as const).flatMap((grain) => {
    const latest = input.metrics.filter((r) => r.grain === grain && r.complete).at(-1);
    if (!latest) return [];
    const rows = new Map(input.comparisons.filter((c) => c.grain === grain && c.period === latest.period).map((c) => [c.metric, c]));
    const figures = HEADLINE_METRICS.flatMap((metric) => {
      const row = rows.get(metric);
      return row ? [{ metric, label: label(metric), value: row.value, text: value(metric, row.value), change: row.change, comparison: comparisonText(row).text }] : [];
    });
    return [{ grain, period: latest.period, label: periodLabel(grain, latest.period), figures }];
  });
  const alerts = evaluateRules(input.rules, input.metrics);
  const firing = alerts.filter((a) => a.current?.status === "fired");
  return {
    title: input.title,
    builtAt: input.builtAt,
    demo: input.demo,
    firstEvent: input.firstEvent,
    lastEvent: input.lastEvent,
    headline,
    alerts,
    firing: firing.map((a) => a.name),
    blocking: firing.filter((a) => a.severity === "block").map((a) => a.name),
    drift: input.drift,
  };
}

/** The digest of a snapshot build: its period_metrics and period_comparisons, the configuration's rules, the manifest's drift. */
export function digestOfBuild(build: SnapshotBuild, config: Config, builtAt: string): Digest {
  const rows = <T>(name: string) => JSON.parse(fs.readFileSync(path.join(build.dir, `${name}.json`), "utf8")) as T[];
  const [all] = rows<{ first_time: string; last_time: string }>("overview");
  const audience = build.audience;
  return makeDigest({
    title: audience ? audienceTitle(audience, config.title) : config.title,
    builtAt,
    demo: build.demo,
    firstEvent: all?.first_time ?? null,
    lastEvent: all?.last_time ?? null,
    metrics: rows<PeriodMetrics>("period_metrics"),
    comparisons: rows<Comparison>("period_comparisons"),
    // an audience's alerts are reported, never block: the rules' limits are set for the whole shop, and
    // the shop's build decides whether anything is published
    rules: audience ? config.alerts.map((rule) => ({ ...rule, severity: "notify" as const })) : config.alerts,
    // source drift is about the shop's files, not an audience's share of them
    drift: audience ? [] : Object.values(readManifest(build.dataRoot).files).flatMap((entry) => entry.drift ?? []),
  });
}

/** The digest's first line: how many alerts fire, how much drift. */
export function digestSummary(digest: Digest): string {
  const alerts = digest.firing.length === 0
    ? `no alert fires (${digest.alerts.length} rule${digest.alerts.length === 1 ? "" : "s"})`
    : `${digest.firing.length} of ${digest.alerts.length} alert rule${digest.alerts.length === 1 ? "" : "s"} fire${digest.firing.length === 1 ? "s" : ""}${digest.blocking.length ? `, ${digest.blocking.length} blocking` : ""}`;
  const drift = digest.drift.length ? `; ${digest.drift.length} source drift finding${digest.drift.length === 1 ? "" : "s"}` : "";
  return `${alerts}${drift}`;
}

/** The digest as a short Markdown message. Names from the configuration are written as code, never as markup. */
export function digestMarkdown(digest: Digest): string {
  const code = (text: string) => `\`${text.replaceAll("`", "'")}\``;
  const lines = [`# ${digest.title}: digest${digest.demo ? " (DEMO data)" : ""}`, "", `Built ${digest.builtAt.slice(0, 16).replace("T", " ")} UTC from events up to ${digest.lastEvent ?? "–"} UTC: ${digestSummary(digest)}.`, ""];
  // blocking alerts first: they are why a build stopped
  const firing = digest.alerts.filter((a) => a.current?.status === "fired").sort((a, b) => Number(b.severity === "block") - Number(a.severity === "block"));
  if (firing.length) {
    lines.push("## Alerts", "");
    for (const a of firing) lines.push(`- **${a.severity === "block" ? "BLOCKS THE BUILD" : "Alert"}** ${code(a.name)}: ${a.message}.`);
    lines.push("");
  }
  if (digest.drift.length) {
    lines.push("## Source drift", "");
    for (const d of digest.drift) lines.push(`- **${d.severity === "block" ? "Blocks" : "Warning"}** ${code(d.file)}: ${d.message}.`);
    lines.push("");
  }
  for (const h of digest.headline) {
    lines.push(`## Latest complete ${h.grain}: ${h.label}`, "");
    for (const f of h.figures) lines.push(`- ${f.label}: **${f.text}**, ${f.comparison}`);
    lines.push("");
  }
  const quiet = digest.alerts.filter((a) => a.current?.status !== "fired");
  if (quiet.length) {
    lines.push("## Rules that do not fire", "");
    for (const a of quiet) lines.push(`- ${code(a.name)}: ${a.message}.`);
    lines.push("");
  }
  return lines.join("\n");
}
