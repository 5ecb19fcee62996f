-- product_leaderboard: the 100 products with the best conversion, for each month and views threshold
--
-- For the whole period (month 'all') and each month, and for each threshold of leaderboard_thresholds()
-- (1, 2, 5, 10, ... views), the products with at least that many views, ranked as in product_ranking:
-- by conversion_rate, then purchases, then views (highest first), then product_id. Brand and
-- category_code are those of `products`. The product leaderboard page reads one month at a time. Each
-- month's rows come from its rollup (sql/rollups/rollup_product_leaderboard.sql).
--
-- columns:
--   month                VARCHAR        'all' or YYYY-MM
--   min_views            INTEGER        the threshold: products with at least this many views
--   qualifying_products  BIGINT         products that meet the threshold (the list shows the best 100)
--   rank                 BIGINT         1 = best conversion
--   product_id           BIGINT         product
--   brand                VARCHAR        as in products
--   category_code        VARCHAR        as in products
--   product_name         VARCHAR        its name (reference/products.csv; NULL without an entry, as the four below)
--   brand_name           VARCHAR        its brand's display name (reference/brands.csv)
--   brand_group          VARCHAR        the group its brand belongs to (reference/brands.csv)
--   category_name        VARCHAR        its category_code's display name (reference/categories.csv)
--   department           VARCHAR        its category_code's department (reference/categories.csv)
--   avg_price            DOUBLE         mean price over the product's events in the period
--   views                BIGINT         view events in the period
--   carts                BIGINT         cart events
--   purchases            BIGINT         purchase events
--   revenue              DECIMAL(38,2)  sum of price over purchases
--   conversion_rate      DOUBLE         purchases / views
WITH leaders AS (
  SELECT month, min_views, qualifying_products, rank, product_id, avg_price, views, carts, purchases, revenue, conversion_rate
  FROM rollup_product_leaderboard
  UNION ALL
  SELECT
    'all', threshold::INTEGER, qualifying, rank, product_id, avg_price, views, carts, purchases, revenue, conversion_rate
  FROM leaderboard('product_ranking')
)
SELECT
  l.month, l.min_views, l.qualifying_products, l.rank,
  l.product_id, p.brand, p.category_code, n.product_name, n.brand_name, n.brand_group, n.category_name, n.department, l.avg_price, l.views, l.carts, l.purchases, l.revenue, l.conversion_rate
FROM leaders l
JOIN products p USING (product_id)
JOIN product_names n USING (product_id)
ORDER BY l.month = 'all' DESC, l.month, l.min_views, l.rank
