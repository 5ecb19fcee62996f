-- rollup_user_months: what each user did in the month, the days they came and bought as bits
--
-- The one pass over the month's rows grouped by user (the purchase columns come from the month's
-- purchases alone, rollup_user_products): the funnel's user counts and the customer snapshots
-- (acquisition, retention, lifecycle, customers, personas) are computed from these rows, never from the
-- events. Bit d - 1 of active_days is set when the user has an event on day d of the month (and
-- likewise purchase_days), which keeps one row per user and month instead of one per user and day.
--
-- columns:
--   user_id         BIGINT         user
--   types           INTEGER        event types seen, as bits (see type_bit in sql/macros.sql)
--   active_days     UINTEGER       UTC days of the month with an event, as bits (day 1 = bit 0)
--   purchase_days   UINTEGER       UTC days of the month with a purchase, as bits
--   events          BIGINT         rows, duplicates included
--   views           BIGINT         view events
--   carts           BIGINT         cart events
--   purchases       BIGINT         purchase events
--   revenue         DECIMAL(38,2)  sum of price over purchases
--   view_price_sum  DECIMAL(38,2)  sum of price over views
--   first_time      TIMESTAMP      first event of the month
--   first_purchase  TIMESTAMP      first purchase of the month (NULL without one)
--   last_purchase   TIMESTAMP      last purchase of the month (NULL without one)
WITH activity AS (
  SELECT
    user_id,
    bit_or(type_bit(event_type)) AS types,
    bit_or(1::UINTEGER << (dayofmonth(event_time) - 1)) AS active_days,
    count(*) AS events,
    count(*) FILTER (event_type = 'view') AS views,
    count(*) FILTER (event_type = 'cart') AS carts,
    coalesce(sum(price) FILTER (event_type = 'view'), 0) AS view_price_sum,
    min(event_time) AS first_time
  FROM events
  GROUP BY user_id
),
bought AS (
  -- from the month's purchases alone: cheaper than filtering every row for them above
  SELECT
    user_id, bit_or(purchase_days) AS purchase_days, sum(purchases)::BIGINT AS purchases, sum(revenue) AS revenue,
    min(first_purchase) AS first_purchase, max(last_purchase) AS last_purchase
  FROM rollup_user_products
  GROUP BY user_id
)
SELECT
  a.user_id, a.types, a.active_days, coalesce(b.purchase_days, 0::UINTEGER) AS purchase_days, a.events, a.views, a.carts,
  coalesce(b.purchases, 0) AS purchases, coalesce(b.revenue, 0) AS revenue, a.view_price_sum, a.first_time, b.first_purchase, b.last_purchase
FROM activity a
LEFT JOIN bought b USING (user_id)
