-- dimension_leaderboard: brand groups and departments ranked by revenue, for the whole period (month
-- 'all') and each month
--
-- An event counts for the group of its brand (reference/brands.csv, column group, the brand matched
-- exactly as the data writes it) and for the department of its category (reference/categories.csv: the
-- entry of its category_code, or of its category_id when it has no code). Events whose brand or category
-- has no group or department count in one row with value NULL, ranked last. The figures of a group are its
-- events' own, so they add up to the period's totals.
--
-- columns:
--   month            VARCHAR        'all' or YYYY-MM
--   dimension        VARCHAR        brand_group or department
--   value            VARCHAR        the group or department (NULL: events without one)
--   products         BIGINT         distinct products with an event of it
--   views            BIGINT         view events
--   carts            BIGINT         cart events
--   purchases        BIGINT         purchase events
--   revenue          DECIMAL(38,2)  sum of price over purchases
--   conversion_rate  DOUBLE         purchases / views (NULL without views)
--   revenue_share    DOUBLE         of the period's revenue (NULL when it is 0)
--   rank             BIGINT         1 = most revenue, then most purchases, then by value; NULL value last
WITH tagged AS (
  SELECT p.month, rb.brand_group, coalesce(rc.department, ri.department) AS department, p.product_id, p.views, p.carts, p.purchases, p.revenue
  FROM rollup_products p
  LEFT JOIN ref_brands rb ON rb.brand = p.brand
  LEFT JOIN ref_categories rc ON rc.category_code = p.category_code
  LEFT JOIN ref_categories ri ON ri.category_id = p.category_id
),
by_dimension AS (
  SELECT month, 'brand_group' AS dimension, brand_group AS value, product_id, views, carts, purchases, revenue FROM tagged
  UNION ALL
  SELECT month, 'department', department, product_id, views, carts, purchases, revenue FROM tagged
),
periods AS (
  SELECT * FROM by_dimension
  UNION ALL
  SELECT 'all', dimension, value, product_id, views, carts, purchases, revenue FROM by_dimension
)
SELECT
  month,
  dimension,
  value,
  count(DISTINCT product_id) AS products,
  sum(views)::BIGINT AS views,
  sum(carts)::BIGINT AS carts,
  sum(purchases)::BIGINT AS purchases,
  sum(revenue) AS revenue,
  sum(purchases) / nullif(sum(views), 0) AS conversion_rate,
  sum(revenue) / nullif(sum(sum(revenue)) OVER (PARTITION BY month, dimension), 0) AS revenue_share,
  row_number() OVER (PARTITION BY month, dimension ORDER BY value IS NULL, sum(revenue) DESC, sum(purchases) DESC, value) AS rank
FROM periods
GROUP BY month, dimension, value
ORDER BY month = 'all' DESC, month, dimension, rank
