-- product_ranking: every product with a view, ranked within each period by conversion_rate, then
-- purchases, then views (highest first), then product_id; for sql/product_leaderboard.sql
--
-- Each month comes ranked from its rollup; the whole period ('all') is ranked here, with the same
-- order (rank_by_conversion in sql/macros.sql).
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
SELECT month, product_id, avg_price, views, carts, purchases, revenue, conversion_rate, overall, reached
FROM rollup_product_ranking
UNION ALL
SELECT 'all', product_id, avg_price, views, carts, purchases, revenue, conversion_rate, overall, reached
FROM rank_by_conversion('products')
