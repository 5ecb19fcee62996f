-- product_ranking: every product with a view in the whole period, ranked by conversion_rate, then
-- purchases, then views (highest first), then product_id; for sql/product_leaderboard.sql
--
-- Each month is ranked in its rollup (sql/rollups/steps/step_product_ranking.sql) with the same order
-- (rank_by_conversion in sql/macros.sql).
--
-- columns:
--   product_id       BIGINT         product
--   avg_price        DOUBLE         mean price over the product's events
--   views            BIGINT         view events
--   carts            BIGINT         cart events
--   purchases        BIGINT         purchase events
--   revenue          DECIMAL(38,2)  sum of price over purchases
--   conversion_rate  DOUBLE         purchases / views
--   overall          BIGINT         rank, 1 = best
--   reached          INTEGER        the highest views threshold the product reaches
SELECT product_id, avg_price, views, carts, purchases, revenue, conversion_rate, overall, reached
FROM rank_by_conversion('products')
