-- reference_brand_daily: the brand_daily snapshot (sql/brand_daily.sql) written the straightforward way (see reference_funnel.sql).
SELECT brand, event_time::DATE AS day, count(*) AS purchases, sum(price) AS revenue
FROM events
WHERE event_type = 'purchase' AND brand IS NOT NULL
GROUP BY ALL
ORDER BY brand, day
