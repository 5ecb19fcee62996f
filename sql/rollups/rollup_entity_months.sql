-- rollup_entity_months: per product, brand and category in the month: users, sessions and the funnel and
-- abandonment of its sessions
--
-- Distinct counts within the month (a session or user seen in two months counts in each). Entities as
-- in rollup_entity_days. A session counts for an entity when it has an event of it; it is abandoned when
-- it has a cart event of the entity and no purchase event of it. Sessions: non-empty ones only; users:
-- every row's.
--
-- columns:
--   kind                VARCHAR  'product', 'brand', 'category' or 'category_id'
--   key                 VARCHAR  product id, brand, category code or category id, as text
--   users               BIGINT   distinct users with an event of the entity
--   sessions            BIGINT   distinct non-empty sessions with an event of it
--   view_sessions       BIGINT   of those, with a view of it
--   cart_sessions       BIGINT   with a cart event of it
--   purchase_sessions   BIGINT   with a purchase of it
--   abandoned_sessions  BIGINT   with a cart event and no purchase of it
WITH levels AS (
  SELECT code_hash, name_hash FROM step_entity_names WHERE kind = 'category'
),
-- each kind's (entity id, session, user, types) rows: products and category ids by their own id, brands
-- and categories by name_hash
product_rows AS (
  SELECT product_id::UBIGINT AS id, user_session, user_id, types FROM step_entity_items
),
brand_rows AS (
  SELECT brand_hash AS id, user_session, user_id, types FROM step_entity_items WHERE brand_hash IS NOT NULL
),
category_rows AS (
  SELECT l.name_hash AS id, user_session, user_id, types FROM step_entity_items JOIN levels l USING (code_hash)
),
category_id_rows AS (
  SELECT category_id::UBIGINT AS id, user_session, user_id, types FROM step_entity_items WHERE category_id IS NOT NULL
),
counts AS (
  SELECT 'product' AS kind, * FROM entity_counts('product_rows')
  UNION ALL SELECT 'brand', * FROM entity_counts('brand_rows')
  UNION ALL SELECT 'category', * FROM entity_counts('category_rows')
  UNION ALL SELECT 'category_id', * FROM entity_counts('category_id_rows')
)
SELECT
  c.kind,
  CASE WHEN c.kind IN ('product', 'category_id') THEN c.id::VARCHAR ELSE n.name END AS key,
  c.users,
  coalesce(c.sessions, 0) AS sessions,
  coalesce(c.view_sessions, 0) AS view_sessions,
  coalesce(c.cart_sessions, 0) AS cart_sessions,
  coalesce(c.purchase_sessions, 0) AS purchase_sessions,
  coalesce(c.abandoned_sessions, 0) AS abandoned_sessions
FROM counts c
LEFT JOIN (SELECT DISTINCT kind, name_hash, name FROM step_entity_names) n ON n.kind = c.kind AND n.name_hash = c.id
