-- period_metrics: the headline metrics per UTC day, week (from Monday) and month, for comparisons,
-- the digest and the alert rules
--
-- One row per grain and period from the data's first day to its last, a period without events included
-- (zeros). Events, views, carts, purchases and revenue add up over days; users and buyers are distinct
-- within the period (a week across a month end counts each user once), as in `acquisition`. A period is
-- complete when the data covers it from its first hour to its last, give or take an hour at each end
-- (period_covered in sql/macros.sql: stricter than `acquisition`'s whole days, so that the last day of a
-- nightly export that stops at 05:00 is no complete day); `days` says how many of its days the data
-- reaches (a day it covers in part counts).
--
-- columns:
--   grain         VARCHAR        day, week or month
--   period        DATE           the day, the week's Monday or the first of the month
--   days          INTEGER        days of the period between the data's first and last day
--   complete      BOOLEAN        the data covers the whole period (give or take an hour at each end)
--   events        BIGINT         rows
--   views         BIGINT         view events
--   carts         BIGINT         cart events
--   purchases     BIGINT         purchase events
--   revenue       DECIMAL(38,2)  sum of price over purchases
--   active_users  BIGINT         users with an event in the period
--   new_users     BIGINT         users whose first event is in the period
--   buyers        BIGINT         users with a purchase in the period
--   conversion    DOUBLE         buyers / active_users (NULL without active users)
WITH grains AS (
  SELECT unnest(['day', 'week', 'month']) AS grain
),
all_periods AS (
  SELECT g.grain, p.period::DATE AS period
  FROM grains g, data_span s,
    LATERAL unnest(generate_series(period_start(g.grain, s.first_day)::TIMESTAMP, s.last_day::TIMESTAMP,
      CASE g.grain WHEN 'day' THEN INTERVAL 1 DAY WHEN 'week' THEN INTERVAL 7 DAY ELSE INTERVAL 1 MONTH END)) AS p(period)
),
event_counts AS (
  SELECT
    g.grain,
    period_start(g.grain, d.day) AS period,
    sum(d.events)::BIGINT AS events,
    coalesce(sum(d.events) FILTER (d.event_type = 'view'), 0)::BIGINT AS views,
    coalesce(sum(d.events) FILTER (d.event_type = 'cart'), 0)::BIGINT AS carts,
    coalesce(sum(d.events) FILTER (d.event_type = 'purchase'), 0)::BIGINT AS purchases,
    coalesce(sum(d.revenue) FILTER (d.event_type = 'purchase'), 0) AS revenue
  FROM rollup_days d, grains g
  GROUP BY ALL
)
SELECT
  p.grain,
  p.period,
  (least(period_end(p.grain, p.period) - 1, s.last_day) - greatest(p.period, s.first_day) + 1)::INTEGER AS days,
  period_covered(p.grain, p.period, s.first_time, s.last_time) AS complete,
  coalesce(e.events, 0) AS events,
  coalesce(e.views, 0) AS views,
  coalesce(e.carts, 0) AS carts,
  coalesce(e.purchases, 0) AS purchases,
  coalesce(e.revenue, 0)::DECIMAL(38, 2) AS revenue,
  coalesce(a.active_users, 0) AS active_users,
  coalesce(a.new_users, 0) AS new_users,
  coalesce(a.buyers, 0) AS buyers,
  a.buyers / nullif(a.active_users, 0) AS conversion
FROM all_periods p
CROSS JOIN data_span s
LEFT JOIN event_counts e USING (grain, period)
LEFT JOIN acquisition a USING (grain, period)
ORDER BY CASE p.grain WHEN 'day' THEN 1 WHEN 'week' THEN 2 ELSE 3 END, p.period
