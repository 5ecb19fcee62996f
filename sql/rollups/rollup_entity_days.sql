-- rollup_entity_days: per product, brand and category in the month: its events, and its days as JSON text
--
-- The series of the drill-down views (sql/explore_documents.sql), made here once per month (and cached)
-- rather than for every entity in every build: per day for brands and categories, per week for products
-- (a day per product would make the views' files three times as large: 18M product-days against 6M
-- product-weeks at 100M events). A product's week is cut at the month's start (week_part in
-- sql/macros.sql), so each row belongs to one month; the page adds up the two parts of a week that
-- spans a month end. A category is a category_code at any level (an event of 'a.b.c' counts for 'a',
-- 'a.b' and 'a.b.c'), or, for events without a code, the category_id (kind 'category_id'). Prices: over
-- the events with a price above 0.
--
-- columns:
--   entity_hash  UBIGINT        entity_hash(kind, key): the file is sorted by it (see sql/macros.sql)
--   kind         VARCHAR        'product', 'brand', 'category' or 'category_id'
--   key          VARCHAR        product id, brand, category code or category id, as text
--   views        BIGINT         view events in the month
--   carts        BIGINT         cart events
--   purchases    BIGINT         purchase events
--   events       BIGINT         all events
--   revenue      DECIMAL(38,2)  sum of price over purchase events
--   days         VARCHAR        the month's days (products: week parts) with an event, in order, as JSON
--                               lists separated by commas: [day (days since 1970-01-01; a product's: the
--                               first day of the week part), views, carts, purchases, removes, events,
--                               revenue, lowest price, highest price, sum of prices, events with a price]
WITH items AS (
  SELECT
    event_time::DATE AS day, product_id, name_hash(brand) AS brand_hash, name_hash(category_code) AS code_hash,
    CASE WHEN category_code IS NULL THEN category_id END AS code_less_id,
    unnest(day_figures(event_type, price))
  FROM events
  GROUP BY day, product_id, brand_hash, code_hash, code_less_id
),
entity_items AS (
  -- products and category ids by their own id, brands and categories by
  -- name_hash (the names are joined to the much smaller result; HUGEINT holds both kinds of id)
  SELECT 'product' AS kind, product_id::HUGEINT AS id, * EXCLUDE (product_id, brand_hash, code_hash, code_less_id) REPLACE (week_part(day) AS day)
  FROM items
  UNION ALL
  SELECT 'brand', brand_hash::HUGEINT, * EXCLUDE (product_id, brand_hash, code_hash, code_less_id) FROM items WHERE brand_hash IS NOT NULL
  UNION ALL
  SELECT 'category', l.name_hash::HUGEINT, i.* EXCLUDE (product_id, brand_hash, code_hash, code_less_id)
  FROM items i JOIN (SELECT code_hash, name_hash FROM step_entity_names WHERE kind = 'category') l USING (code_hash)
  UNION ALL
  SELECT 'category_id', code_less_id::HUGEINT, * EXCLUDE (product_id, brand_hash, code_hash, code_less_id) FROM items WHERE code_less_id IS NOT NULL
),
entity_days AS (
  SELECT
    kind, id, day,
    sum(views)::BIGINT AS views, sum(carts)::BIGINT AS carts, sum(purchases)::BIGINT AS purchases,
    sum(removes)::BIGINT AS removes, sum(events)::BIGINT AS events, sum(revenue) AS revenue,
    min(price_min) AS price_min, max(price_max) AS price_max, sum(price_sum) AS price_sum, sum(priced)::BIGINT AS priced
  FROM entity_items
  GROUP BY ALL
),
named AS (
  SELECT d.kind, CASE WHEN d.kind IN ('product', 'category_id') THEN d.id::VARCHAR ELSE n.name END AS key, d.* EXCLUDE (kind, id)
  FROM entity_days d
  LEFT JOIN (SELECT DISTINCT kind, name_hash, name FROM step_entity_names) n ON n.kind = d.kind AND n.name_hash::HUGEINT = d.id
)
SELECT
  entity_hash(kind, key) AS entity_hash, kind, key,
  sum(views)::BIGINT AS views, sum(carts)::BIGINT AS carts, sum(purchases)::BIGINT AS purchases, sum(events)::BIGINT AS events,
  sum(revenue) AS revenue,
  days_json(list({'day': day, 'row': day_json(day, views, carts, purchases, removes, events, revenue, price_min, price_max, price_sum, priced)})) AS days
FROM named
GROUP BY ALL
ORDER BY entity_hash
