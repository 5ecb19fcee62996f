-- rollup_user_products: what each buyer bought in the month, per product
--
-- The month's purchase events only (a few percent of its rows), grouped by user and product: the
-- buyers' side of rollup_user_months, and who bought what for the customer snapshots.
--
-- columns:
--   user_id         BIGINT         buyer
--   product_id      BIGINT         product bought
--   purchases       BIGINT         purchase events, exact duplicate rows included
--   revenue         DECIMAL(38,2)  sum of price over them
--   purchase_days   UINTEGER       UTC days of the month with such a purchase, as bits (day 1 = bit 0)
--   first_purchase  TIMESTAMP      first such purchase of the month
--   last_purchase   TIMESTAMP      last such purchase of the month
SELECT
  user_id,
  product_id,
  count(*) AS purchases,
  sum(price) AS revenue,
  bit_or(1::UINTEGER << (dayofmonth(event_time) - 1)) AS purchase_days,
  min(event_time) AS first_purchase,
  max(event_time) AS last_purchase
FROM events
WHERE event_type = 'purchase'
GROUP BY user_id, product_id
