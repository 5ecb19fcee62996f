-- period_comparisons: every headline metric of every period against the previous period of its grain
--
-- The comparison a card shows. A complete period is compared with the whole previous period, when that
-- one is complete too (basis 'previous'). A period the data ends in (its last days are missing) is
-- compared, for the additive metrics only (events, views, carts, purchases, revenue), with the same
-- number of days from the start of the previous period (basis 'previous_same_days': 12 days of February
-- against 1 to 12 January; at most the whole previous period; a last day the data covers in part counts
-- as a day). Distinct counts and ratios (users, new
-- users, buyers, conversion, sessions) compare complete periods only; other rows have no basis. The
-- first period of the data has nothing to compare with. Months also carry the overview's sessions and
-- session conversion.
--
-- columns:
--   grain        VARCHAR  day, week or month
--   period       DATE     the day, the week's Monday or the first of the month
--   metric       VARCHAR  events, views, carts, purchases, revenue, active_users, new_users, buyers,
--                         conversion (buyers / active_users); months also sessions, session_conversion
--                         (sessions with a purchase / sessions)
--   complete     BOOLEAN  the data covers the whole period (period_metrics)
--   value        DOUBLE   the metric in the period (as far as the data covers it)
--   basis        VARCHAR  previous, previous_same_days or NULL (nothing to compare with)
--   base_period  DATE     the previous period's start (NULL without basis)
--   base_days    INTEGER  days of the previous period compared (NULL without basis)
--   base_value   DOUBLE   the metric over those days (NULL without basis)
--   change       DOUBLE   value / base_value - 1 (NULL without basis or when base_value is 0 or NULL)
WITH figures AS (
  SELECT m.grain, m.period, m.days, m.complete, f.metric, f.value
  FROM period_metrics m, LATERAL (VALUES
    ('events', m.events::DOUBLE), ('views', m.views::DOUBLE), ('carts', m.carts::DOUBLE), ('purchases', m.purchases::DOUBLE),
    ('revenue', m.revenue::DOUBLE), ('active_users', m.active_users::DOUBLE), ('new_users', m.new_users::DOUBLE),
    ('buyers', m.buyers::DOUBLE), ('conversion', m.conversion)
  ) f(metric, value)
  UNION ALL
  SELECT 'month', m.period, m.days, m.complete, f.metric, f.value
  FROM overview o
  JOIN period_metrics m ON m.grain = 'month' AND strftime(m.period, '%Y-%m') = o.month,
  LATERAL (VALUES ('sessions', o.sessions::DOUBLE), ('session_conversion', o.conversion_rate)) f(metric, value)
),
pairs AS (
  SELECT
    c.grain, c.period, c.complete, c.metric, c.value,
    CASE
      WHEN c.complete AND b.complete THEN 'previous'
      -- cut at its end only (it starts within the data), against a complete previous period
      WHEN c.metric IN ('events', 'views', 'carts', 'purchases', 'revenue') AND NOT c.complete AND c.period >= s.first_day AND b.complete
        THEN 'previous_same_days'
    END AS basis,
    b.period AS base_period,
    least(c.days, b.days) AS same_days,
    b.days AS whole_days,
    b.value AS whole_value
  FROM figures c
  CROSS JOIN data_span s
  LEFT JOIN figures b ON b.grain = c.grain AND b.metric = c.metric AND b.period = period_after(c.grain, c.period, -1)
),
based AS (
  SELECT
    p.grain, p.period, p.complete, p.metric, p.value, p.basis,
    CASE WHEN p.basis IS NOT NULL THEN p.base_period END AS base_period,
    CASE p.basis WHEN 'previous' THEN p.whole_days WHEN 'previous_same_days' THEN p.same_days END AS base_days,
    CASE p.basis
      WHEN 'previous' THEN p.whole_value
      WHEN 'previous_same_days' THEN (
        SELECT sum(d.value) FROM figures d
        WHERE d.grain = 'day' AND d.metric = p.metric AND d.period >= p.base_period AND d.period < p.base_period + p.same_days)
    END AS base_value
  FROM pairs p
)
SELECT grain, period, metric, complete, value, basis, base_period, base_days::INTEGER AS base_days, base_value,
  CASE WHEN base_value <> 0 THEN value / base_value - 1 END AS change
FROM based
ORDER BY CASE grain WHEN 'day' THEN 1 WHEN 'week' THEN 2 ELSE 3 END, period, metric
