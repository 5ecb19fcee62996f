-- rollup_brand_days: purchases and revenue per non-empty brand and UTC day in the month
--
-- columns:
--   brand      VARCHAR        brand on the purchase event
--   day        DATE           UTC day of the purchase
--   purchases  BIGINT         purchase events
--   revenue    DECIMAL(38,2)  sum of their price
SELECT brand, event_time::DATE AS day, count(*) AS purchases, sum(price) AS revenue
FROM events
WHERE event_type = 'purchase' AND brand IS NOT NULL
GROUP BY ALL
