-- rollup_category_months: per category_code, at every level, the month's users and sessions (entity_counts in sql/macros.sql)
--
-- columns:
--   entity_hash         UBIGINT  entity_hash(kind, key): the file is sorted by it
--   kind                VARCHAR  'category'
--   key                 VARCHAR  category code ('a' holds the events of 'a.b' and 'a.b.c')
--   users               BIGINT   distinct users with an event of it
--   sessions            BIGINT   distinct non-empty sessions with an event of it
--   view_sessions       BIGINT   of those, with a view / a cart event / a purchase of it; abandoned: with
--   cart_sessions       BIGINT   a cart event and no purchase of it
--   purchase_sessions   BIGINT
--   abandoned_sessions  BIGINT
WITH category_rows AS NOT MATERIALIZED (
  -- an event counts for its code and every code above it
  SELECT l.name_hash AS id, e.user_session, e.user_id, type_bit(e.event_type) AS types
  FROM events e
  JOIN (SELECT code_hash, name_hash FROM step_entity_names WHERE kind = 'category') l ON l.code_hash = name_hash(e.category_code)
),
counted AS (
  SELECT n.name AS key, c.* EXCLUDE (id)
  FROM entity_counts('category_rows') c
  JOIN (SELECT DISTINCT kind, name_hash, name FROM step_entity_names) n ON n.kind = 'category' AND n.name_hash = c.id
)
SELECT entity_hash('category', key) AS entity_hash, 'category' AS kind, * FROM counted ORDER BY entity_hash
