-- rollup_product_totals: per product, the month's events, as in `products` without brand and category
--
-- Computed from this month's `products` rollup, so monthly figures need not add up its brand and
-- category rows again.
--
-- columns:
--   product_id  BIGINT         product
--   views       BIGINT         view events
--   carts       BIGINT         cart events
--   purchases   BIGINT         purchase events
--   events      BIGINT         all events
--   price_sum   DECIMAL(38,2)  sum of price over all events
--   revenue     DECIMAL(38,2)  sum of price over purchase events
SELECT
  product_id, sum(views)::BIGINT AS views, sum(carts)::BIGINT AS carts, sum(purchases)::BIGINT AS purchases,
  sum(events)::BIGINT AS events, sum(price_sum) AS price_sum, sum(revenue) AS revenue
FROM rollup_products
GROUP BY product_id
