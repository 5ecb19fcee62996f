-- rollup_category_id_months: per category_id of the events without a category_code, the month's users and sessions (entity_counts in sql/macros.sql)
--
-- columns:
--   entity_hash         UBIGINT  entity_hash(kind, key): the file is sorted by it
--   kind                VARCHAR  'category_id'
--   key                 VARCHAR  category id, as text
--   users               BIGINT   distinct users with an event of it
--   sessions            BIGINT   distinct non-empty sessions with an event of it
--   view_sessions       BIGINT   of those, with a view / a cart event / a purchase of it; abandoned: with
--   cart_sessions       BIGINT   a cart event and no purchase of it
--   purchase_sessions   BIGINT
--   abandoned_sessions  BIGINT
WITH category_id_rows AS NOT MATERIALIZED (
  SELECT category_id AS id, user_session, user_id, type_bit(event_type) AS types FROM events WHERE category_code IS NULL
),
counted AS (
  SELECT c.id::VARCHAR AS key, c.* EXCLUDE (id)
  FROM entity_counts('category_id_rows') c
)
SELECT entity_hash('category_id', key) AS entity_hash, 'category_id' AS kind, * FROM counted ORDER BY entity_hash
