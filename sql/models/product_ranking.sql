-- product_ranking: every product with a view, ranked within each period by conversion_rate, then
-- purchases, then views (highest first), then product_id; for sql/product_leaderboard.sql
--
-- columns:
--   month            VARCHAR        'all' or YYYY-MM
--   product_id       BIGINT         product
--   avg_price        DOUBLE         mean price over the product's events in the period
--   views            BIGINT         view events
--   carts            BIGINT         cart events
--   purchases        BIGINT         purchase events
--   revenue          DECIMAL(38,2)  sum of price over purchases
--   conversion_rate  DOUBLE         purchases / views
--   overall          BIGINT         rank in the period, 1 = best
--   reached          INTEGER        the highest views threshold the product reaches
SELECT
  *,
  purchases / views AS conversion_rate,
  row_number() OVER (PARTITION BY month ORDER BY purchases / views DESC, purchases DESC, views DESC, product_id) AS overall,
  threshold_reached(views) AS reached
FROM product_periods
WHERE views >= 1
