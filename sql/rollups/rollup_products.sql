-- rollup_products: event counts per product and per brand and category (code, or id without one) it was seen with, in the month
--
-- columns:
--   product_id     BIGINT         product
--   brand          VARCHAR        brand on these events (NULL when empty)
--   category_code  VARCHAR        category_code on these events (NULL when empty)
--   category_id    BIGINT         category_id on these events when they have no category_code (else NULL)
--   views          BIGINT         view events
--   carts          BIGINT         cart events
--   purchases      BIGINT         purchase events
--   events         BIGINT         all events
--   price_zero     BIGINT         events with price 0
--   price_sum      DECIMAL(38,2)  sum of price over all events
--   revenue        DECIMAL(38,2)  sum of price over purchase events
--   last_time      TIMESTAMP      latest of these events
SELECT
  product_id,
  brand,
  category_code,
  CASE WHEN category_code IS NULL THEN category_id END AS category_id,
  count(*) FILTER (event_type = 'view') AS views,
  count(*) FILTER (event_type = 'cart') AS carts,
  count(*) FILTER (event_type = 'purchase') AS purchases,
  count(*) AS events,
  count(*) FILTER (price = 0) AS price_zero,
  sum(price) AS price_sum,
  coalesce(sum(price) FILTER (event_type = 'purchase'), 0) AS revenue,
  max(event_time) AS last_time
FROM events
GROUP BY ALL
