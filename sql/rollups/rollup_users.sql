-- rollup_users: the event types each user has in the month
--
-- From this month's rollup_user_days: the month's rows are read once, grouped by user and day.
--
-- columns:
--   user_id  BIGINT   user
--   types    INTEGER  event types seen, as bits (see type_bit in sql/macros.sql)
SELECT user_id, bit_or(types) AS types
FROM rollup_user_days
GROUP BY user_id
