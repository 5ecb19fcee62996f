-- brand_daily, written the straightforward way (see funnel.sql in this folder).
SELECT brand, event_time::DATE AS day, count(*) AS purchases, sum(price) AS revenue
FROM events
WHERE event_type = 'purchase' AND brand IS NOT NULL
GROUP BY ALL
ORDER BY brand, day
