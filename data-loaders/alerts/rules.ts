// Alert rules: what an analyst writes in clickstream.config.json ("alerts"), checked by name, and each
// rule evaluated over every complete period of its grain in the period_metrics snapshot.
//
// A rule fires in a period when the metric's value lies below `low` or above `high` of that period:
//   below / above   a fixed value;
//   change          more than `percent` % down, up or either way against the previous period or (days
//                   only) the same weekday a week earlier; at exactly `percent` it does not fire;
//   outside_usual   outside median ± k × MAD (median absolute deviation) of the last `periods` comparable
//                   periods: the same weekday in earlier weeks for days, the periods before for weeks and
//                   months; all of them complete.
// Only complete periods are evaluated (a day the data covers in part would look like a fall); the rule's
// current result is that of the latest complete period.
import * as d3 from "d3";
import { z } from "zod";

export const METRICS = ["events", "views", "carts", "purchases", "revenue", "conversion", "active_users", "new_users", "buyers"] as const;
export const GRAINS = ["day", "week", "month"] as const;
export type Metric = (typeof METRICS)[number];
export type Grain = (typeof GRAINS)[number];

const common = {
  /** how the rule is named on the terminal, in the digest and on the Alerts page */
  name: z.string().min(1),
  metric: z.enum(METRICS),
  grain: z.enum(GRAINS),
  /** notify: reported; block: the build fails and the published site stays as it was */
  severity: z.enum(["notify", "block"]),
};

const RuleSchema = z.discriminatedUnion("when", [
  z.object({ ...common, when: z.literal("below"), value: z.number() }).strict(),
  z.object({ ...common, when: z.literal("above"), value: z.number() }).strict(),
  z.object({
    ...common,
    when: z.literal("change"),
    against: z.enum(["previous", "week_before"]),
    percent: z.number().positive(),
    direction: z.enum(["down", "up", "either"]),
  }).strict(),
  z.object({ ...common, when: z.literal("outside_usual"), k: z.number().positive(), periods: z.number().int().min(2).max(52) }).strict(),
]);

export type Rule = z.infer<typeof RuleSchema>;

/**
 * The rules of the configuration, each checked on its own so that a problem names the rule; throws
 * one message listing every problem.
 */
export function parseRules(raw: unknown): Rule[] {
  if (!Array.isArray(raw)) throw new Error("alerts: expected a list of rules");
  const problems: string[] = [];
  const rules: Rule[] = [];
  const names = new Set<string>();
  raw.forEach((item, i) => {
    const label = typeof item === "object" && item && typeof (item as { name?: unknown }).name === "string" ? `alert rule "${(item as { name: string }).name}"` : `alert rule ${i + 1}`;
    const parsed = RuleSchema.safeParse(item, { reportInput: true });
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((issue) => `${label}: ${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issueText(issue)}`));
      return;
    }
    const rule = parsed.data;
    if (names.has(rule.name)) problems.push(`${label}: another rule has the same name`);
    if (rule.when === "change" && rule.against === "week_before" && rule.grain !== "day") problems.push(`${label}: against "week_before" compares days only (grain is "${rule.grain}")`);
    names.add(rule.name);
    rules.push(rule);
  });
  if (problems.length) throw new Error(problems.join("\n"));
  return rules;
}

/** zod's message, with the value given when it is not one of a list (a typo shows itself). */
function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_value") return `${JSON.stringify(issue.input)} is not one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  if (issue.code === "invalid_union" && "note" in issue && issue.note === "No matching discriminator") return `"when" must be one of "below", "above", "change", "outside_usual"`;
  return issue.message;
}

/** A period's metrics as the period_metrics snapshot has them. */
export interface PeriodMetrics {
  grain: Grain;
  /** YYYY-MM-DD: the day, the week's Monday or the first of the month */
  period: string;
  complete: boolean;
  events: number;
  views: number;
  carts: number;
  purchases: number;
  revenue: number;
  active_users: number;
  new_users: number;
  buyers: number;
  conversion: number | null;
}

/** One rule in one period. */
export interface Check {
  period: string;
  value: number | null;
  /** fired: outside [low, high]; ok: inside; no_basis: nothing to compare with (see reason) */
  status: "fired" | "ok" | "no_basis";
  low: number | null;
  high: number | null;
  /** the value compared with: the earlier period's, or the usual range's median */
  expected: number | null;
  /** the earlier period compared with (change rules) */
  basePeriod: string | null;
  reason: string | null;
}

const DAY_MS = 86_400_000;
const addDays = (period: string, days: number) => new Date(Date.parse(`${period}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The start of the period `n` periods before (n > 0) or after (n < 0) `period`. */
export function periodBefore(grain: Grain, period: string, n = 1): string {
  if (grain === "day") return addDays(period, -n);
  if (grain === "week") return addDays(period, -7 * n);
  const date = new Date(`${period}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() - n);
  return date.toISOString().slice(0, 10);
}

/** Every complete period of the rule's grain, oldest first, with the rule's result in it. */
export function evaluateRule(rule: Rule, rows: PeriodMetrics[]): Check[] {
  const ofGrain = rows.filter((r) => r.grain === rule.grain);
  const byPeriod = new Map(ofGrain.map((r) => [r.period, r]));
  const earlier = (period: string, n: number) => {
    const row = byPeriod.get(rule.when === "change" && rule.against === "week_before" ? addDays(period, -7 * n) : periodBefore(rule.grain, period, n));
    return row?.complete ? row : undefined;
  };
  return ofGrain.filter((r) => r.complete).map((row) => {
    const value = row[rule.metric];
    const check = (low: number | null, high: number | null, extra: Partial<Check> = {}): Check => {
      const fired = value != null && ((low != null && value < low) || (high != null && value > high));
      return { period: row.period, value, status: fired ? "fired" : "ok", low, high, expected: null, basePeriod: null, reason: null, ...extra };
    };
    const noBasis = (reason: string, extra: Partial<Check> = {}): Check =>
      ({ period: row.period, value, status: "no_basis", low: null, high: null, expected: null, basePeriod: null, reason, ...extra });
    if (value == null) return noBasis("no value in this period");
    switch (rule.when) {
      case "below":
        return check(rule.value, null);
      case "above":
        return check(null, rule.value);
      case "change": {
        const base = earlier(row.period, 1);
        const baseValue = base?.[rule.metric];
        if (baseValue == null) return noBasis(rule.against === "previous" ? "no complete previous period" : "no complete day a week earlier");
        if (baseValue === 0) return noBasis("the earlier value is 0", { expected: 0, basePeriod: base!.period });
        // decided in exact terms: (value - base) × 100 against percent × base, so that a change of
        // exactly `percent` does not fire (value / base - 1 can miss it by a rounding)
        const diff = (value - baseValue) * 100;
        const limit = rule.percent * Math.abs(baseValue);
        const fired = (rule.direction !== "up" && diff < -limit) || (rule.direction !== "down" && diff > limit);
        const low = rule.direction === "up" ? null : baseValue * (1 - rule.percent / 100);
        const high = rule.direction === "down" ? null : baseValue * (1 + rule.percent / 100);
        return { ...check(low, high, { expected: baseValue, basePeriod: base!.period }), status: fired ? "fired" : "ok" };
      }
      case "outside_usual": {
        const history: number[] = [];
        for (let n = 1; n <= rule.periods; n++) {
          const base = rule.grain === "day" ? byPeriod.get(addDays(row.period, -7 * n)) : byPeriod.get(periodBefore(rule.grain, row.period, n));
          const baseValue = base?.complete ? base[rule.metric] : null;
          if (baseValue == null) return noBasis(`needs ${rule.periods} complete earlier ${rule.grain === "day" ? "days of the same weekday" : `${rule.grain}s`}`);
          history.push(baseValue);
        }
        const mid = d3.median(history)!;
        const mad = d3.median(history.map((v) => Math.abs(v - mid)))!;
        return check(mid - rule.k * mad, mid + rule.k * mad, { expected: mid });
      }
    }
  });
}
