-- rollup_users: the event types each user has in the month
--
-- columns:
--   user_id  BIGINT   user
--   types    INTEGER  event types seen, as bits (see type_bit in sql/macros.sql)
SELECT user_id, bit_or(type_bit(event_type)) AS types
FROM events
GROUP BY user_id
