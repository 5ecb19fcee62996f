// Comparisons, alert rules, the digest and its feed: period_metrics and period_comparisons against
// figures worked out by hand (a month the data ends in the middle of, a first month with nothing to
// compare with), each rule kind at its threshold, rules refused by name, the digest and feed parsed.
import fs from "node:fs";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { digestMarkdown, makeDigest, type Comparison } from "../data-loaders/alerts/digest.ts";
import { feedEntries, feedXml, saveFeedEntries } from "../data-loaders/alerts/feed.ts";
import { evaluateRule, parseRules, type PeriodMetrics, type Rule } from "../data-loaders/alerts/rules.ts";
import { loadConfig } from "../data-loaders/shared/config.ts";
import type { SnapshotBuild } from "../data-loaders/snapshots/snapshots.ts";
import { readCalendar } from "../data-loaders/site/calendar.ts";
import { annotationNote, dayAnnotations } from "../src/components/annotations.js";
import { comparisonText } from "../src/components/metrics.js";
import { plainRow as row } from "./fixture.ts";
import { buildFromRows, expectRows, readSnapshot, tempDir } from "./helpers.ts";

// January 2020 whole (the first event 30 minutes into it); the data ends on Wednesday 12 February at
// 10:00, which makes that day incomplete too. Users 1..5.
//   Jan 1  view u1 $10 | Jan 2 purchase u1 $10 | Jan 10 view u2 | Jan 31 cart u3 (session s4)
//   Feb 1  purchase u3 $20 (s4, across the month end) | Feb 3 view u4 | Feb 12 purchase u2 $30 (product 5)
const ROWS = [
  row("2020-01-01 00:30:00", "view", 1, 10, 1, "s1"),
  row("2020-01-02 10:00:00", "purchase", 1, 10, 1, "s2"),
  row("2020-01-10 10:00:00", "view", 2, 10, 2, "s3"),
  row("2020-01-31 10:00:00", "cart", 3, 20, 3, "s4"),
  row("2020-02-01 10:00:00", "purchase", 3, 20, 3, "s4"),
  row("2020-02-03 10:00:00", "view", 4, 20, 4, "s5"),
  row("2020-02-12 10:00:00", "purchase", 5, 30, 2, "s6"),
];

type Row = Record<string, unknown>;
let build: SnapshotBuild;
beforeAll(async () => {
  ({ build } = await buildFromRows(ROWS));
});

const metrics = (grain: string, period: string, days: number, complete: boolean, m: [number, number, number, number, number, number, number, number]) => {
  const [events, views, carts, purchases, revenue, active_users, new_users, buyers] = m;
  return { grain, period, days, complete, events, views, carts, purchases, revenue, active_users, new_users, buyers, conversion: active_users ? buyers / active_users : null };
};

describe("period_metrics and period_comparisons on a month the data ends in", () => {
  it("period_metrics: months and weeks by hand; every day from the first to the last, zeros included", () => {
    const rows = readSnapshot<Row>(build, "period_metrics");
    expectRows(rows.filter((r) => r.grain !== "day"), [
      // 1 January is a Wednesday: its week starts on 30 December (5 days in the data); 12 February is a
      // Wednesday: its week has 3 days in the data. The week of 27 January holds u3's cart and purchase.
      metrics("week", "2019-12-30", 5, false, [2, 1, 0, 1, 10, 1, 1, 1]),
      metrics("week", "2020-01-06", 7, true, [1, 1, 0, 0, 0, 1, 1, 0]),
      metrics("week", "2020-01-13", 7, true, [0, 0, 0, 0, 0, 0, 0, 0]),
      metrics("week", "2020-01-20", 7, true, [0, 0, 0, 0, 0, 0, 0, 0]),
      metrics("week", "2020-01-27", 7, true, [2, 0, 1, 1, 20, 1, 1, 1]),
      metrics("week", "2020-02-03", 7, true, [1, 1, 0, 0, 0, 1, 1, 0]),
      metrics("week", "2020-02-10", 3, false, [1, 0, 0, 1, 30, 1, 0, 1]),
      metrics("month", "2020-01-01", 31, true, [4, 2, 1, 1, 10, 3, 3, 1]),
      metrics("month", "2020-02-01", 12, false, [3, 1, 0, 2, 50, 3, 1, 2]),
    ]);
    const days = rows.filter((r) => r.grain === "day");
    expect(days).toHaveLength(43);
    expect(days.every((d) => d.days === 1)).toBe(true);
    expect(days.filter((d) => !d.complete).map((d) => d.period)).toEqual(["2020-02-12"]);
    expect(days.find((d) => d.period === "2020-01-05")).toMatchObject({ events: 0, active_users: 0, conversion: null });
  });

  it("period_comparisons: February's additive figures against 1 to 12 January, its distinct counts not at all; January against nothing", () => {
    const rows = readSnapshot<Row>(build, "period_comparisons").filter((r) => r.grain === "month");
    const get = (period: string, metric: string) => rows.find((r) => r.period === period && r.metric === metric);
    // January: the first month, nothing before it
    for (const metric of ["events", "revenue", "active_users", "sessions"]) expect(get("2020-01-01", metric)).toMatchObject({ complete: true, basis: null, base_value: null, change: null });
    // February 1-12 against January 1-12: events 3 against 3 (Jan 1, 2, 10), purchases 2 against 1,
    // revenue 50 against 10, views 1 against 2, carts 0 against 0 (no change: base 0)
    const same = (metric: string, value: number, base: number, change: number | null) =>
      expect(get("2020-02-01", metric), metric).toMatchObject({ complete: false, value, basis: "previous_same_days", base_period: "2020-01-01", base_days: 12, base_value: base, change });
    same("events", 3, 3, 0);
    same("purchases", 2, 1, 1);
    same("revenue", 50, 10, 4);
    same("views", 1, 2, -0.5);
    same("carts", 0, 0, null);
    // users, buyers, conversion, sessions: complete months only
    for (const metric of ["active_users", "new_users", "buyers", "conversion", "sessions", "session_conversion"]) expect(get("2020-02-01", metric), metric).toMatchObject({ basis: null, change: null });
    // sessions in February: s4 (across the month end), s5, s6
    expect(get("2020-02-01", "sessions")!.value).toBe(3);
  });

  it("period_comparisons: a complete week against the whole week before, the last part-week against its first 3 days", () => {
    const rows = readSnapshot<Row>(build, "period_comparisons").filter((r) => r.grain === "week");
    expect(rows.find((r) => r.period === "2020-02-03" && r.metric === "events")).toMatchObject({ basis: "previous", base_period: "2020-01-27", base_days: 7, base_value: 2, change: -0.5 });
    expect(rows.find((r) => r.period === "2020-02-03" && r.metric === "buyers")).toMatchObject({ basis: "previous", base_value: 1, change: -1 });
    // the week of 10 February (3 days) against 3 to 5 February: one view, no purchase
    expect(rows.find((r) => r.period === "2020-02-10" && r.metric === "purchases")).toMatchObject({ basis: "previous_same_days", base_days: 3, base_value: 0, change: null });
    expect(rows.find((r) => r.period === "2020-02-10" && r.metric === "events")).toMatchObject({ basis: "previous_same_days", base_days: 3, base_value: 1, change: 0 });
    // the first week starts before the data: nothing to compare with, and the week after has no complete week before it
    expect(rows.find((r) => r.period === "2020-01-06" && r.metric === "events")).toMatchObject({ basis: null });
  });

  it("says each comparison in words, direction and size, never colour alone", () => {
    const rows = readSnapshot<Comparison & Row>(build, "period_comparisons");
    const text = (period: string, metric: string, grain = "month") => comparisonText(rows.find((r) => r.grain === grain && r.period === period && r.metric === metric));
    expect(text("2020-02-01", "revenue")).toEqual({ direction: "up", good: true, text: "400.0% more than the first 12 days of January 2020 ($10)" });
    expect(text("2020-02-01", "views")).toEqual({ direction: "down", good: false, text: "50.0% less than the first 12 days of January 2020 (2)" });
    expect(text("2020-02-01", "events")).toEqual({ direction: "flat", good: null, text: "the same as the first 12 days of January 2020" });
    expect(text("2020-02-01", "active_users")).toEqual({ direction: null, good: null, text: "compared for complete months only" });
    expect(text("2020-01-01", "events")).toEqual({ direction: null, good: null, text: "no complete month before it to compare with" });
    // a rate by points: buyers / active users, 1/1 in the week of 27 January, 0/1 the week after
    expect(text("2020-02-03", "conversion", "week")).toEqual({ direction: "down", good: false, text: "100.0 points less than the week before (100.0%)" });
    // where less is better (cart abandonment), a fall is good news
    expect(comparisonText({ grain: "month", metric: "abandonment", complete: true, value: 0.5, basis: "previous", base_value: 0.6, change: -1 / 6 })).toEqual({ direction: "down", good: true, text: "10.0 points less than the month before (60.0%)" });
  });
});

// Rules on hand-made periods: days from Monday 2 March 2020, purchases as given.
const PURCHASES = [100, 90, 80, 70, 60, 50, 40, 100, 63, 80, 70, 60, 50, 40, 100, 90, 80, 70, 60, 50, 40, 100, 90, 80, 70, 60, 50, 40, 130];
const day = (i: number) => new Date(Date.UTC(2020, 2, 2 + i)).toISOString().slice(0, 10);
const DAYS: PeriodMetrics[] = PURCHASES.map((purchases, i) => ({
  grain: "day", period: day(i), complete: true, events: purchases * 10, views: 0, carts: 0, purchases, revenue: purchases * 2, active_users: 0, new_users: 0, buyers: 0, conversion: null,
}));
const rule = (fields: Record<string, unknown>): Rule => parseRules([{ name: "r", metric: "purchases", grain: "day", severity: "notify", ...fields }])[0]!;
const statusOn = (r: Rule, period: string, rows = DAYS) => evaluateRule(r, rows).find((c) => c.period === period)?.status;

describe("alert rules", () => {
  it("below and above a value: strictly beyond it", () => {
    expect(statusOn(rule({ when: "below", value: 40 }), day(6))).toBe("ok"); // 40 is not below 40
    expect(statusOn(rule({ when: "below", value: 40.5 }), day(6))).toBe("fired");
    expect(statusOn(rule({ when: "above", value: 130 }), day(28))).toBe("ok");
    expect(statusOn(rule({ when: "above", value: 129 }), day(28))).toBe("fired");
  });

  it("change against the day before: more than the percent, in the direction asked", () => {
    // day 1: 90 against 100, -10% exactly; day 8: 63 against 100, -37%; day 7: 100 against 40, +150%
    expect(statusOn(rule({ when: "change", against: "previous", percent: 10, direction: "down" }), day(1))).toBe("ok");
    expect(statusOn(rule({ when: "change", against: "previous", percent: 9.9, direction: "down" }), day(1))).toBe("fired");
    expect(statusOn(rule({ when: "change", against: "previous", percent: 30, direction: "up" }), day(8))).toBe("ok");
    expect(statusOn(rule({ when: "change", against: "previous", percent: 150, direction: "either" }), day(7))).toBe("ok");
    expect(statusOn(rule({ when: "change", against: "previous", percent: 149, direction: "either" }), day(7))).toBe("fired");
    // the first day has no day before it
    const first = evaluateRule(rule({ when: "change", against: "previous", percent: 10, direction: "down" }), DAYS)[0]!;
    expect(first).toMatchObject({ status: "no_basis", reason: "no complete previous period" });
  });

  it("change against the same weekday a week earlier", () => {
    // day 8 (Tuesday 10 March): 63 against 90 on Tuesday 3 March, -30% exactly
    const r = (percent: number) => rule({ when: "change", against: "week_before", percent, direction: "down" });
    expect(statusOn(r(30), day(8))).toBe("ok");
    expect(statusOn(r(29.9), day(8))).toBe("fired");
    expect(evaluateRule(r(30), DAYS).find((c) => c.period === day(8))).toMatchObject({ expected: 90, basePeriod: day(1) });
    expect(statusOn(r(30), day(3))).toBe("no_basis");
  });

  it("outside the usual range: median ± k × MAD of the same weekday in the weeks before", () => {
    // Mondays 2, 9, 16, 23 March: 100 each; Monday 30 March: 130. Median 100, MAD 0: anything else fires
    const usual = (k: number, periods: number) => rule({ when: "outside_usual", k, periods });
    expect(statusOn(usual(3, 4), day(28))).toBe("fired");
    expect(statusOn(usual(3, 3), day(21))).toBe("ok"); // 100 on a usual 100 (Mondays 2, 9 and 16 March)
    // Tuesdays 3, 10, 17, 24 March: 90, 63, 90, 90; Tuesday 31 March is not in the data. On 24 March the
    // three before are 90, 63, 90: median 90, deviations 0, 27, 0, MAD 0, so 90 is within [90, 90]
    expect(evaluateRule(usual(3, 3), DAYS).find((c) => c.period === day(22))).toMatchObject({ status: "ok", low: 90, high: 90, expected: 90 });
    // with two weeks: 63 and 90, median 76.5, MAD 13.5; k = 1: [63, 90] holds 90, k = 0.9 does not
    expect(evaluateRule(usual(1, 2), DAYS).find((c) => c.period === day(22))).toMatchObject({ status: "ok", low: 63, high: 90 });
    expect(statusOn(usual(0.9, 2), day(22))).toBe("fired");
    // not enough weeks before
    expect(evaluateRule(usual(3, 4), DAYS).find((c) => c.period === day(15))).toMatchObject({ status: "no_basis", reason: "needs 4 complete earlier days of the same weekday" });
  });

  it("looks at complete periods only, and the latest one is the current result", () => {
    const rows = [...DAYS.slice(0, -1), { ...DAYS.at(-1)!, complete: false }];
    const checks = evaluateRule(rule({ when: "above", value: 120 }), rows);
    expect(checks.map((c) => c.period)).not.toContain(day(28));
    expect(checks.at(-1)!.period).toBe(day(27));
  });

  it("a rule with a typo is refused by its name, and so is a comparison that does not fit its grain", () => {
    expect(() => parseRules([{ name: "Sales drop", metric: "purchse", grain: "day", when: "below", value: 1, severity: "notify" }]))
      .toThrowError(/alert rule "Sales drop": metric: "purchse" is not one of "events", "views", "carts", "purchases"/);
    expect(() => parseRules([{ name: "Weekly", metric: "events", grain: "fortnight", when: "below", value: 1, severity: "notify" }])).toThrowError(/alert rule "Weekly": grain: "fortnight" is not one of "day", "week", "month"/);
    expect(() => parseRules([{ name: "Odd", metric: "events", grain: "day", when: "sometimes", severity: "notify" }])).toThrowError(/alert rule "Odd": .*"when" must be one of/);
    expect(() => parseRules([{ name: "W", metric: "events", grain: "week", when: "change", against: "week_before", percent: 5, direction: "down", severity: "notify" }])).toThrowError(/alert rule "W": against "week_before" compares days only/);
    expect(() => parseRules([{ name: "A", metric: "events", grain: "day", when: "below", value: 1, severity: "notify" }, { name: "A", metric: "events", grain: "day", when: "above", value: 1, severity: "block" }])).toThrowError(/alert rule "A": another rule has the same name/);
    // and through the configuration file, which names the file
    const file = path.join(tempDir(), "config.json");
    fs.writeFileSync(file, JSON.stringify({ ...loadConfig({}), alerts: [{ name: "Revenue floor", metric: "revenue", grain: "daily", when: "below", value: 1, severity: "block" }] }));
    expect(() => loadConfig({ CLICKSTREAM_CONFIG: file })).toThrowError(/configuration .*config\.json is not valid:\n {2}- alert rule "Revenue floor": grain: "daily" is not one of/);
  });
});

describe("the digest and its feed", () => {
  const rules = parseRules([
    { name: "Floor", metric: "purchases", grain: "day", when: "below", value: 1, severity: "notify" },
    { name: "Any purchases", metric: "purchases", grain: "day", when: "above", value: 0, severity: "notify" },
    { name: "Fewer purchases <b>", metric: "purchases", grain: "day", when: "change", against: "week_before", percent: 20, direction: "down", severity: "block" },
  ]);
  const digest = makeDigest({ title: "Shop & Co", builtAt: "2026-12-03T05:00:00.000Z", demo: false, firstEvent: "2020-03-02 00:00:00", lastEvent: "2020-03-30 23:00:00", metrics: [...DAYS.slice(0, 24), { ...DAYS[24]!, purchases: 10 }], comparisons: [], rules, drift: [] });

  it("lists the firing rules, blocking first, in words a person reads", () => {
    expect(digest.firing).toEqual(["Any purchases", "Fewer purchases <b>"]);
    expect(digest.blocking).toEqual(["Fewer purchases <b>"]);
    const md = digestMarkdown(digest);
    expect(md).toContain("2 of 3 alert rules fire, 1 blocking");
    // 10 on Thursday 26 March against 70 on Thursday 19 March: fires below 56; listed before the other
    expect(md).toContain("## Alerts\n\n- **BLOCKS THE BUILD** `Fewer purchases <b>`: Purchases on Thu, Mar 26, 2020: 10, fires below 56 (Thu, Mar 19, 2020: 70).\n- **Alert** `Any purchases`: Purchases on Thu, Mar 26, 2020: 10, fires above 0.");
    expect(md).toContain("- `Floor`: Purchases on Thu, Mar 26, 2020: 10, within limits: fires below 1.");
  });

  it("the feed is Atom a parser reads: one entry per build, newest first, texts escaped", () => {
    const cache = tempDir();
    const first = feedEntries(cache, digest);
    saveFeedEntries(cache, first);
    const second = feedEntries(cache, { ...digest, builtAt: "2026-12-04T05:00:00.000Z", firing: [], blocking: [] });
    const xml = feedXml(second, digest.title, "https://shop.example/report");
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml).feed;
    expect(feed.xmlns).toBe("http://www.w3.org/2005/Atom");
    expect(feed.title).toBe("Shop & Co: digests");
    expect(feed.id).toBe("https://shop.example/report/feed.xml");
    expect(feed.author.name).toBe("Shop & Co");
    expect(feed.entry.map((e: Row) => e.updated)).toEqual(["2026-12-04T05:00:00.000Z", "2026-12-03T05:00:00.000Z"]);
    expect(new Set(feed.entry.map((e: Row) => e.id)).size).toBe(2);
    expect(feed.entry[1].link.href).toBe("https://shop.example/report/alerts.html");
    // the content is HTML (type="html") in which a rule's name is escaped: it shows as text in a reader
    expect(feed.entry[1].content.type).toBe("html");
    expect(feed.entry[1].content["#text"]).toMatch(/^<pre># Shop &amp; Co: digest/);
    expect(feed.entry[1].content["#text"]).toContain("`Fewer purchases &lt;b&gt;`");
    expect(feed.entry[1].title).toContain("2 of 3 alert rules fire");
  });
});

describe("what a build writes", () => {
  it("digest.json, digest.md and feed.xml beside the pages, the feed with this build's entry", () => {
    const dist = inject("fixtureSite");
    const digest = JSON.parse(fs.readFileSync(path.join(dist, "digest.json"), "utf8"));
    expect(digest.alerts.map((a: Row) => a.name)).toEqual(loadConfig({}).alerts.map((r) => r.name));
    expect(digest.headline.map((h: Row) => h.grain)).toEqual(["day", "week", "month"]);
    expect(fs.readFileSync(path.join(dist, "digest.md"), "utf8")).toMatch(/^# Clickstream report: digest\n\nBuilt .*: (no alert fires|\d+ of \d+ alert rules? fires?)/);
    const xml = fs.readFileSync(path.join(dist, "feed.xml"), "utf8");
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml).feed;
    expect(feed.entry.updated).toBe(digest.builtAt);
    expect(fs.existsSync(path.join(dist, "alerts.html"))).toBe(true);
  });
});

describe("the calendar of known events (reference/calendar.csv)", () => {
  it("is read in date order, and a bad line stops the build naming the file, the line and the problem", () => {
    const file = path.join(tempDir(), "calendar.csv");
    fs.writeFileSync(file, 'date,label\n2020-03-08,Women\'s Day\n2019-11-29,"Black Friday, online"\n\n');
    expect(readCalendar(file)).toEqual([{ date: "2019-11-29", label: "Black Friday, online" }, { date: "2020-03-08", label: "Women's Day" }]);
    fs.writeFileSync(file, "date,label\n2020-02-30,Leap\n2020-03-01\n2020-03-02,\n2020-03-03,a,b\n");
    expect(() => readCalendar(file)).toThrowError(/calendar\.csv, line 2: "2020-02-30" is not a date[\s\S]*line 3: 1 fields, expected 2[\s\S]*line 4: the label is empty[\s\S]*line 5: 3 fields, expected 2/);
    fs.writeFileSync(file, "day,what\n");
    expect(() => readCalendar(file)).toThrowError(/calendar\.csv, line 1: the header must be "date,label"/);
    // the project's own calendar is valid
    expect(readCalendar().length).toBeGreaterThan(0);
  });

  it("marks the calendar's dates and the largest days within the days shown", () => {
    const totals = new Map([["2020-03-01", 5], ["2020-03-02", 9], ["2020-03-03", 7], ["2020-03-04", 9], ["2020-03-05", 0]]);
    const notes = dayAnnotations([{ date: "2020-03-03", label: "Sale" }, { date: "2020-04-01", label: "Later" }], totals, new Date("2020-03-01T00:00:00Z"), new Date("2020-03-05T00:00:00Z"));
    // largest first by events, ties by date: March 2 (9), March 4 (9), March 3 (7)
    expect(notes.map((n: { date: Date; label: string; kind: string }) => [n.date.toISOString().slice(0, 10), n.label, n.kind])).toEqual([
      ["2020-03-02", "#1", "largest"], ["2020-03-03", "Sale", "calendar"], ["2020-03-03", "#3", "largest"], ["2020-03-04", "#2", "largest"],
    ]);
    expect(annotationNote(notes)).toBe(" Dashed lines mark the calendar's dates (reference/calendar.csv): Sale (Mar 3, 2020). The 3 largest days are marked by rank: #1 Mar 2, 2020 (9 events), #2 Mar 4, 2020 (9 events), #3 Mar 3, 2020 (7 events).");
  });
});
