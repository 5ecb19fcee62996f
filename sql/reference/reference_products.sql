-- reference_products: the products snapshot (sql/products.sql) written the straightforward way (see reference_funnel.sql).
WITH latest_brand AS (
  SELECT product_id, brand FROM events WHERE brand IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY product_id ORDER BY event_time DESC, brand DESC) = 1
),
latest_category AS (
  SELECT product_id, category_code FROM events WHERE category_code IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY product_id ORDER BY event_time DESC, category_code DESC) = 1
),
counts AS (
  SELECT
    product_id,
    avg(price) AS avg_price,
    count(*) FILTER (event_type = 'view') AS views,
    count(*) FILTER (event_type = 'cart') AS carts,
    count(*) FILTER (event_type = 'purchase') AS purchases,
    coalesce(sum(price) FILTER (event_type = 'purchase'), 0) AS revenue
  FROM events
  GROUP BY product_id
)
SELECT
  c.product_id, b.brand, k.category_code, c.avg_price, c.views, c.carts, c.purchases, c.revenue,
  CASE WHEN c.views > 0 THEN c.purchases / c.views END AS conversion_rate
FROM counts c
LEFT JOIN latest_brand b USING (product_id)
LEFT JOIN latest_category k USING (product_id)
ORDER BY c.product_id
