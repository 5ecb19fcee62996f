-- rollup_user_counts: how many of the month's users have each combination of event types
--
-- Computed from this month's rollup_user_months; monthly figures read this small table instead of every user.
--
-- columns:
--   types  INTEGER  event types seen, as bits (see type_bit in sql/macros.sql)
--   users  BIGINT   users with exactly these types in the month
SELECT types, count(*) AS users FROM rollup_user_months GROUP BY types
