-- daily: events and revenue per UTC day and event type, for the overview's time series
--
-- columns:
--   day         DATE           UTC day
--   event_type  VARCHAR        event type
--   events      BIGINT         rows
--   revenue     DECIMAL(38,2)  sum of price (the revenue of the day is that of event_type purchase)
SELECT day, event_type, sum(events)::BIGINT AS events, sum(revenue) AS revenue
FROM rollup_days
GROUP BY ALL
ORDER BY day, event_type
