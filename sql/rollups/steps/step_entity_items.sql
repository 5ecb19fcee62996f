-- step_entity_items: the month's events grouped by session, user and catalogue item, with their types
--
-- A step (in memory while the month's rollups run): one pass over the events that every drill-down
-- count by session and user (rollup_entity_months) starts from. Brand and category_code are grouped by
-- their hash (name_hash; step_entity_names has the names). Rows without a session are kept: their users
-- count.
--
-- columns:
--   user_session  VARCHAR   session id (UUID in a month stored that way; NULL for rows without one)
--   user_id       BIGINT    user
--   product_id    BIGINT    product
--   brand_hash    UBIGINT   name_hash(brand) (NULL when empty)
--   code_hash     UBIGINT   name_hash(category_code) (NULL when empty)
--   category_id   BIGINT    category id (kept only when category_code is empty)
--   types         INTEGER   event types seen, as bits
SELECT
  user_session, user_id, product_id, name_hash(brand) AS brand_hash, name_hash(category_code) AS code_hash,
  CASE WHEN category_code IS NULL THEN category_id END AS category_id,
  bit_or(type_bit(event_type)) AS types
FROM events
GROUP BY ALL
