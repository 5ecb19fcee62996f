-- dimension_days: per brand group and department (reference/brands.csv, categories.csv) and UTC day: the
-- figures of its drill-down view's series; for sql/explore_documents.sql
--
-- An event counts for the group of its brand and the department of its category (the entry of its
-- category_code, else of its category_id), as in dimension_leaderboard. Made once for all groups and
-- departments, not once per range of explore_documents. Prices: over the events with a price above 0.
--
-- columns:
--   kind       VARCHAR        'brand_group' or 'department'
--   key        VARCHAR        the group or department
--   day        DATE           UTC day
--   views, carts, purchases, removes, events  BIGINT  events of each type, and all
--   revenue    DECIMAL(38,2)  sum of price over purchases
--   price_min, price_max  DECIMAL(10,2)  lowest and highest price above 0 (NULL: none)
--   price_sum  DECIMAL(38,2)  sum of the prices above 0
--   priced     BIGINT         events with a price above 0
SELECT kind, key, day,
  sum(views)::BIGINT AS views, sum(carts)::BIGINT AS carts, sum(purchases)::BIGINT AS purchases,
  sum(removes)::BIGINT AS removes, sum(events)::BIGINT AS events, sum(revenue) AS revenue,
  min(price_min) AS price_min, max(price_max) AS price_max, sum(price_sum) AS price_sum, sum(priced)::BIGINT AS priced
FROM (
  SELECT 'brand_group' AS kind, rb.brand_group AS key, d.*
  FROM rollup_dimension_days d JOIN ref_brands rb ON rb.brand = d.brand
  WHERE d.grouped_by = 'brand'
  UNION ALL
  SELECT 'department', coalesce(rc.department, ri.department), d.*
  FROM rollup_dimension_days d
  LEFT JOIN ref_categories rc ON rc.category_code = d.category_code
  LEFT JOIN ref_categories ri ON ri.category_id = d.category_id
  WHERE d.grouped_by = 'category'
)
WHERE key IS NOT NULL
GROUP BY kind, key, day
ORDER BY kind, key, day
