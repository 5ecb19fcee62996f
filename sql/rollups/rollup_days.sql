-- rollup_days: events and revenue per UTC day and event type
--
-- columns:
--   day         DATE           UTC day
--   event_type  VARCHAR        event type as logged
--   events      BIGINT         rows
--   revenue     DECIMAL(38,2)  sum of price
--   first_time  TIMESTAMP      first event of the day
--   last_time   TIMESTAMP      last event of the day
SELECT
  event_time::DATE AS day,
  event_type,
  count(*) AS events,
  sum(price) AS revenue,
  min(event_time) AS first_time,
  max(event_time) AS last_time
FROM events
GROUP BY ALL
