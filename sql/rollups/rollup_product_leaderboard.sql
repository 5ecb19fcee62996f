-- rollup_product_leaderboard: the month's rows of the product_leaderboard snapshot, without brand and category
--
-- Made here, once per month, so that a build makes only the whole period's leaderboard; brand and
-- category_code are the whole period's, added by sql/product_leaderboard.sql. The leaderboard macro is
-- in sql/macros.sql.
--
-- columns:
--   min_views            INTEGER        the threshold: products with at least this many views in the month
--   qualifying_products  BIGINT         products that meet the threshold (the list shows the best 100)
--   rank                 BIGINT         1 = best conversion
--   product_id           BIGINT         product
--   avg_price            DOUBLE         mean price over the product's events in the month
--   views                BIGINT         view events in the month
--   carts                BIGINT         cart events
--   purchases            BIGINT         purchase events
--   revenue              DECIMAL(38,2)  sum of price over purchases
--   conversion_rate      DOUBLE         purchases / views
SELECT
  threshold::INTEGER AS min_views, qualifying AS qualifying_products, rank,
  product_id, avg_price, views, carts, purchases, revenue, conversion_rate
FROM leaderboard('step_product_ranking')
