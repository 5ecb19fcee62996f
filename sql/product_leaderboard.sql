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
WITH per_period AS (
  SELECT
    month, product_id, sum(price_sum) / sum(events) AS avg_price, sum(views)::BIGINT AS views,
    sum(carts)::BIGINT AS carts, sum(purchases)::BIGINT AS purchases, sum(revenue) AS revenue
  FROM rollup_products
  GROUP BY ALL
  UNION ALL
  SELECT 'all', product_id, avg_price, views, carts, purchases, revenue FROM products
),
qualifying AS (
  SELECT month, threshold AS min_views, p.*, count(*) OVER (PARTITION BY month, threshold) AS qualifying_products
  FROM per_period p
  JOIN leaderboard_thresholds() t ON p.views >= t.threshold
)
SELECT
  q.month, q.min_views::INTEGER AS min_views, q.qualifying_products,
  row_number() OVER (
    PARTITION BY q.month, q.min_views
    ORDER BY q.purchases / q.views DESC, q.purchases DESC, q.views DESC, q.product_id
  ) AS rank,
  q.product_id, p.brand, p.category_code, q.avg_price, q.views, q.carts, q.purchases, q.revenue,
  q.purchases / q.views AS conversion_rate
FROM qualifying q
JOIN products p USING (product_id)
QUALIFY rank <= 100
ORDER BY q.month = 'all' DESC, q.month, q.min_views, rank
