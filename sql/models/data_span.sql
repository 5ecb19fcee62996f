-- data_span: the data's first and last event, and their UTC days (one row)
--
-- A period (day, week, month) is complete when it lies wholly between first_day and last_day.
--
-- columns:
--   first_time  TIMESTAMP  first event
--   last_time   TIMESTAMP  last event
--   first_day   DATE       UTC day of the first event
--   last_day    DATE       UTC day of the last event
SELECT min(first_time) AS first_time, max(last_time) AS last_time, min(first_time)::DATE AS first_day, max(last_time)::DATE AS last_day
FROM rollup_days
