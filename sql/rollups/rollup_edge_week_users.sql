-- rollup_edge_week_users: the users of the weeks that the month's first or last day cuts
--
-- A week (from Monday) that starts before the month or ends after it has days in two months; its users
-- are kept here, so that such a week counts each user once across both (sql/acquisition.sql).
--
-- columns:
--   week     DATE     the week's Monday
--   user_id  BIGINT   user active in the week, within this month
--   bought   BOOLEAN  the user bought in the week, within this month
SELECT period_start('week', day) AS week, user_id, bool_or(purchases > 0) AS bought
FROM rollup_user_days
WHERE period_start('week', day) < getvariable('month_start')::DATE
  OR period_start('week', day) + 7 > getvariable('month_end')::DATE
GROUP BY ALL
