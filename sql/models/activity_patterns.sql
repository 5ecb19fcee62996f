-- activity_patterns: how many users share each pattern of active (or buying) months and weeks
--
-- A pattern is a user's months (or weeks, from Monday) with an event (basis activity) or with a purchase
-- (basis purchase), as a BIT string: bit i is the i-th period from the data's first month (for weeks,
-- from the week holding its 1st; see period_index in sql/macros.sql). A week cut by a month end is one
-- bit, whichever month its days are in. Retention and lifecycle follow from these patterns alone: a
-- user's cohort is the first bit set, and whether they came back is a later bit. There are far fewer
-- patterns than users (7 months give at most 127 month patterns), so those snapshots read a small
-- table instead of joining every user's months.
--
-- columns:
--   grain  VARCHAR  month or week
--   basis  VARCHAR  activity (any event) or purchase
--   bits   BIT      the periods with activity (or a purchase), bit 0 the first period
--   users  BIGINT   users with exactly this pattern (users who never bought have no purchase pattern)
WITH users AS (
  SELECT
    user_id,
    bitstring_agg(period_index('month', strptime(month, '%Y-%m')::DATE), 0, period_count('month') - 1) AS months,
    bitstring_agg(period_index('month', strptime(month, '%Y-%m')::DATE), 0, period_count('month') - 1) FILTER (bought) AS purchase_months,
    bitstring_agg(period_index('week', week), 0, period_count('week') - 1) AS weeks,
    bitstring_agg(period_index('week', week), 0, period_count('week') - 1) FILTER (bought) AS purchase_weeks
  FROM rollup_user_weeks
  GROUP BY user_id
),
patterns AS (
  SELECT months, purchase_months, weeks, purchase_weeks, count(*) AS users
  FROM users
  GROUP BY GROUPING SETS ((months), (purchase_months), (weeks), (purchase_weeks))
)
-- each grouping set's rows have its own column set and the others NULL
SELECT 'month' AS grain, 'activity' AS basis, months AS bits, users FROM patterns WHERE months IS NOT NULL
UNION ALL SELECT 'month', 'purchase', purchase_months, users FROM patterns WHERE purchase_months IS NOT NULL
UNION ALL SELECT 'week', 'activity', weeks, users FROM patterns WHERE weeks IS NOT NULL
UNION ALL SELECT 'week', 'purchase', purchase_weeks, users FROM patterns WHERE purchase_weeks IS NOT NULL
