-- rollup_brand_months: per brand (non-empty), the month's users and sessions (entity_counts in sql/macros.sql)
--
-- columns:
--   entity_hash         UBIGINT  entity_hash(kind, key): the file is sorted by it
--   kind                VARCHAR  'brand'
--   key                 VARCHAR  brand
--   users               BIGINT   distinct users with an event of it
--   sessions            BIGINT   distinct non-empty sessions with an event of it
--   view_sessions       BIGINT   of those, with a view / a cart event / a purchase of it; abandoned: with
--   cart_sessions       BIGINT   a cart event and no purchase of it
--   purchase_sessions   BIGINT
--   abandoned_sessions  BIGINT
WITH brand_rows AS NOT MATERIALIZED (
  SELECT name_hash(brand) AS id, user_session, user_id, type_bit(event_type) AS types FROM events WHERE brand IS NOT NULL
),
counted AS (
  SELECT n.name AS key, c.* EXCLUDE (id)
  FROM entity_counts('brand_rows') c
  JOIN (SELECT DISTINCT kind, name_hash, name FROM step_entity_names) n ON n.kind = 'brand' AND n.name_hash = c.id
)
SELECT entity_hash('brand', key) AS entity_hash, 'brand' AS kind, * FROM counted ORDER BY entity_hash
