-- product_leaderboard: the 100 products with the best conversion, for each month and views threshold
--
-- For the whole period (month 'all') and each month, and for each threshold of leaderboard_thresholds()
-- (1, 2, 5, 10, ... views), the products with at least that many views, ranked by conversion_rate, then
-- purchases, then views (highest first), then product_id. Brand and category_code are those of
-- `products`. The product leaderboard page reads one month of this at a time.
--
-- columns:
--   month                VARCHAR        'all' or YYYY-MM
--   min_views            INTEGER        the threshold: products with at least this many views
--   qualifying_products  BIGINT         products that meet the threshold (the list shows the best 100)
--   rank                 BIGINT         1 = best conversion
--   product_id           BIGINT         product
--   brand                VARCHAR        as in products
--   category_code        VARCHAR        as in products
--   avg_price            DOUBLE         mean price over the product's events in the period
--   views                BIGINT         view events in the period
--   carts                BIGINT         cart events
--   purchases            BIGINT         purchase events
--   revenue              DECIMAL(38,2)  sum of price over purchases
--   conversion_rate      DOUBLE         purchases / views
WITH ranked AS (
  SELECT
    *,
    purchases / views AS conversion_rate,
    row_number() OVER (PARTITION BY month ORDER BY purchases / views DESC, purchases DESC, views DESC, product_id) AS overall,
    threshold_reached(views) AS reached
  FROM product_periods
  WHERE views >= 1
),
-- the top 100 for a threshold are among the top 100 of each group of products reaching a threshold at
-- or above it, so only those candidates need ranking per threshold
candidates AS (
  SELECT * FROM ranked QUALIFY row_number() OVER (PARTITION BY month, reached ORDER BY overall) <= 100
),
per_group AS (
  SELECT month, reached, count(*) AS products FROM ranked GROUP BY ALL
),
qualifying AS (
  SELECT month, t AS min_views, sum(products)::BIGINT AS qualifying_products
  FROM per_group, unnest(leaderboard_thresholds()) AS u(t)
  WHERE reached >= t
  GROUP BY ALL
)
SELECT
  c.month, q.min_views::INTEGER AS min_views, q.qualifying_products,
  row_number() OVER (PARTITION BY c.month, q.min_views ORDER BY c.overall) AS rank,
  c.product_id, p.brand, p.category_code, c.avg_price, c.views, c.carts, c.purchases, c.revenue, c.conversion_rate
FROM candidates c
JOIN qualifying q ON q.month = c.month AND c.reached >= q.min_views
JOIN products p USING (product_id)
QUALIFY rank <= 100
ORDER BY c.month = 'all' DESC, c.month, q.min_views, rank
