-- products: views, carts, purchases, revenue and conversion per product
--
-- brand and category_code are taken from the product's latest event that has one (if several events
-- at that time disagree, the greatest value wins); NULL when no event of the product has one.
--
-- columns:
--   product_id       BIGINT         product
--   brand            VARCHAR        brand on the latest event that has one
--   category_code    VARCHAR        category_code on the latest event that has one
--   avg_price        DOUBLE         mean price over all the product's events
--   views            BIGINT         view events
--   carts            BIGINT         cart events
--   purchases        BIGINT         purchase events
--   revenue          DECIMAL(38,2)  sum of price over purchase events
--   conversion_rate  DOUBLE         purchases / views; NULL when the product has no view
WITH brand_seen AS (
  -- when each brand was last seen on the product: taking the latest from this small table is much
  -- cheaper than over every monthly row
  SELECT product_id, brand, max(last_time) AS seen FROM rollup_products WHERE brand IS NOT NULL GROUP BY ALL
),
category_seen AS (
  SELECT product_id, category_code, max(last_time) AS seen FROM rollup_products WHERE category_code IS NOT NULL GROUP BY ALL
),
attributes AS (
  SELECT product_id, brand, category_code
  FROM (SELECT product_id, arg_max(brand, (seen, brand)) AS brand FROM brand_seen GROUP BY product_id)
  FULL JOIN (SELECT product_id, arg_max(category_code, (seen, category_code)) AS category_code FROM category_seen GROUP BY product_id)
    USING (product_id)
),
totals AS (
  SELECT
    product_id,
    sum(views)::BIGINT AS views,
    sum(carts)::BIGINT AS carts,
    sum(purchases)::BIGINT AS purchases,
    sum(events)::BIGINT AS events,
    sum(price_sum) AS price_sum,
    sum(revenue) AS revenue
  FROM rollup_product_totals
  GROUP BY product_id
)
SELECT
  product_id,
  brand,
  category_code,
  price_sum / events AS avg_price,
  views,
  carts,
  purchases,
  revenue,
  CASE WHEN views > 0 THEN purchases / views END AS conversion_rate
FROM totals
LEFT JOIN attributes USING (product_id)
ORDER BY product_id
