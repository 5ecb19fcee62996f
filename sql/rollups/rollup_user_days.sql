-- rollup_user_days: what each user did on each UTC day of the month
--
-- The one pass over the month's rows grouped by user: the customer snapshots (acquisition, retention,
-- lifecycle, customers, personas) and rollup_users are computed from these rows, never from the events.
-- A (user, day) is in one month only, so the rows of all months add up without double counting.
--
-- columns:
--   user_id                BIGINT         user
--   day                    DATE           UTC day
--   types                  INTEGER        event types seen that day, as bits (see type_bit in sql/macros.sql)
--   events                 BIGINT         rows, duplicates included
--   views                  BIGINT         view events
--   carts                  BIGINT         cart events
--   purchases              BIGINT         purchase events
--   revenue                DECIMAL(38,2)  sum of price over purchases
--   view_price_sum         DECIMAL(38,2)  sum of price over views
--   first_purchase_time    TIMESTAMP      first purchase of the day (NULL without one)
--   last_purchase_time     TIMESTAMP      last purchase of the day (NULL without one)
SELECT
  user_id,
  event_time::DATE AS day,
  bit_or(type_bit(event_type)) AS types,
  count(*) AS events,
  count(*) FILTER (event_type = 'view') AS views,
  count(*) FILTER (event_type = 'cart') AS carts,
  count(*) FILTER (event_type = 'purchase') AS purchases,
  coalesce(sum(price) FILTER (event_type = 'purchase'), 0) AS revenue,
  coalesce(sum(price) FILTER (event_type = 'view'), 0) AS view_price_sum,
  min(event_time) FILTER (event_type = 'purchase') AS first_purchase_time,
  max(event_time) FILTER (event_type = 'purchase') AS last_purchase_time
FROM events
GROUP BY ALL
