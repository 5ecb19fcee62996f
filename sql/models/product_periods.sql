-- product_periods: each product's figures for the whole period ('all') and for each month it has events
--
-- columns:
--   month            VARCHAR        'all' or YYYY-MM
--   product_id       BIGINT         product
--   avg_price        DOUBLE         mean price over the product's events in the period
--   views            BIGINT         view events
--   carts            BIGINT         cart events
--   purchases        BIGINT         purchase events
--   revenue          DECIMAL(38,2)  sum of price over purchases
SELECT month, product_id, price_sum / events AS avg_price, views, carts, purchases, revenue
FROM rollup_product_totals
UNION ALL
SELECT 'all', product_id, avg_price, views, carts, purchases, revenue FROM products
