-- step_product_ranking: the month's products with a view, ranked for the product leaderboard
--
-- A step: kept in memory for the month's product_leaderboard rollup. The order is rank_by_conversion in
-- sql/macros.sql, as for the whole period (sql/models/product_ranking.sql).
--
-- columns:
--   product_id       BIGINT         product
--   avg_price        DOUBLE         mean price over the product's events in the month
--   views            BIGINT         view events
--   carts            BIGINT         cart events
--   purchases        BIGINT         purchase events
--   revenue          DECIMAL(38,2)  sum of price over purchases
--   conversion_rate  DOUBLE         purchases / views
--   overall          BIGINT         rank in the month, 1 = best
--   reached          INTEGER        the highest views threshold the product reaches
SELECT
  product_id, price_sum / events AS avg_price, views, carts, purchases, revenue, purchases / views AS conversion_rate,
  overall, reached
FROM rank_by_conversion('rollup_product_totals')
