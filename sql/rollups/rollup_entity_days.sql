-- rollup_entity_days: per product, brand and category, and UTC day of the month: events and prices
--
-- The daily series of the drill-down views (sql/explore_documents.sql). A category is a category_code at
-- any level (an event of 'a.b.c' counts for 'a', 'a.b' and 'a.b.c'), or, for events without a code,
-- the category_id (kind 'category_id'). Prices: over the events with a price above 0.
--
-- columns:
--   kind       VARCHAR        'product', 'brand', 'category' or 'category_id'
--   key        VARCHAR        product id, brand, category code or category id, as text
--   day        DATE           UTC day
--   views      BIGINT         view events
--   carts      BIGINT         cart events
--   purchases  BIGINT         purchase events
--   removes    BIGINT         remove_from_cart events
--   events     BIGINT         all events
--   revenue    DECIMAL(38,2)  sum of price over purchase events
--   price_min  DECIMAL(38,2)  lowest price above 0 (NULL when none)
--   price_max  DECIMAL(38,2)  highest price
--   price_sum  DECIMAL(38,2)  sum of the prices above 0
--   priced     BIGINT         events with a price above 0
WITH items AS (
  SELECT
    event_time::DATE AS day, product_id, name_hash(brand) AS brand_hash, name_hash(category_code) AS code_hash,
    CASE WHEN category_code IS NULL THEN category_id END AS category_id,
    count(*) FILTER (event_type = 'view') AS views,
    count(*) FILTER (event_type = 'cart') AS carts,
    count(*) FILTER (event_type = 'purchase') AS purchases,
    count(*) FILTER (event_type = 'remove_from_cart') AS removes,
    count(*) AS events,
    coalesce(sum(price) FILTER (event_type = 'purchase'), 0) AS revenue,
    min(price) FILTER (price > 0) AS price_min,
    max(price) FILTER (price > 0) AS price_max,
    sum(price) FILTER (price > 0) AS price_sum,
    count(*) FILTER (price > 0) AS priced
  FROM events
  GROUP BY ALL
),
entity_items AS (
  -- as in rollup_entity_months: products and category ids by their own id, brands and categories by
  -- name_hash (the names are joined to the much smaller result)
  SELECT 'product' AS kind, product_id::UBIGINT AS id, * EXCLUDE (product_id, brand_hash, code_hash, category_id) FROM items
  UNION ALL
  SELECT 'brand', brand_hash, * EXCLUDE (product_id, brand_hash, code_hash, category_id) FROM items WHERE brand_hash IS NOT NULL
  UNION ALL
  SELECT 'category', l.name_hash, i.* EXCLUDE (product_id, brand_hash, code_hash, category_id)
  FROM items i JOIN (SELECT code_hash, name_hash FROM step_entity_names WHERE kind = 'category') l USING (code_hash)
  UNION ALL
  SELECT 'category_id', category_id::UBIGINT, * EXCLUDE (product_id, brand_hash, code_hash, category_id) FROM items WHERE category_id IS NOT NULL
),
entity_days AS (
  SELECT
    kind, id, day,
    sum(views)::BIGINT AS views, sum(carts)::BIGINT AS carts, sum(purchases)::BIGINT AS purchases,
    sum(removes)::BIGINT AS removes, sum(events)::BIGINT AS events, sum(revenue) AS revenue,
    min(price_min) AS price_min, max(price_max) AS price_max, sum(price_sum) AS price_sum, sum(priced)::BIGINT AS priced
  FROM entity_items
  GROUP BY ALL
)
SELECT d.kind, CASE WHEN d.kind IN ('product', 'category_id') THEN d.id::VARCHAR ELSE n.name END AS key, d.* EXCLUDE (kind, id)
FROM entity_days d
LEFT JOIN (SELECT DISTINCT kind, name_hash, name FROM step_entity_names) n ON n.kind = d.kind AND n.name_hash = d.id
