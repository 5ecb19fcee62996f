-- brand_daily: purchases and revenue per brand and UTC day
--
-- Purchases without a brand are left out. Days without a purchase of the brand have no row.
--
-- columns:
--   brand      VARCHAR        brand on the purchase event
--   day        DATE           UTC day
--   purchases  BIGINT         purchase events
--   revenue    DECIMAL(38,2)  sum of their price
SELECT brand, day, sum(purchases)::BIGINT AS purchases, sum(revenue) AS revenue
FROM rollup_brand_days
GROUP BY ALL
ORDER BY brand, day
