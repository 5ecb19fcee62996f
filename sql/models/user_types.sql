-- user_types: every user of the data once, with the event types they have in any month
--
-- columns:
--   user_id  BIGINT   user
--   types    INTEGER  event types seen, as bits (see type_bit in sql/macros.sql)
SELECT user_id, bit_or(types) AS types
FROM rollup_user_months
GROUP BY user_id
