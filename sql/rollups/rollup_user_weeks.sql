-- rollup_user_weeks: the weeks (from Monday) in which each user came, within the month
--
-- From this month's rollup_user_months. A week cut by the month's first or last day holds only its days
-- in this month; the same user and week in the next month is the same week, which the customer
-- snapshots count once.
--
-- columns:
--   user_id  BIGINT   user
--   week     DATE     the week's Monday
--   bought   BOOLEAN  the user bought in the week (within this month)
SELECT user_id, period_start('week', day) AS week, bool_or(bought) AS bought
FROM (
  SELECT user_id, getvariable('month_start')::DATE + b::INTEGER AS day, (purchase_days >> b) & 1 = 1 AS bought
  FROM (SELECT user_id, purchase_days, unnest(day_bits(active_days)) AS b FROM rollup_user_months)
)
GROUP BY ALL
