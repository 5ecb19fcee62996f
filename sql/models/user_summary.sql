-- user_summary: every user of the data once, with what they did over the whole period
--
-- From rollup_user_months (all months). "First" means first in the data the reports cover.
--
-- columns:
--   user_id             BIGINT         user
--   first_day           DATE           UTC day of the first event
--   first_purchase_day  DATE           UTC day of the first purchase (NULL for a user who never bought)
--   first_purchase      TIMESTAMP      first purchase
--   last_purchase       TIMESTAMP      last purchase
--   active_days         BIGINT         UTC days with an event
--   purchase_days       BIGINT         UTC days with a purchase
--   events              BIGINT         rows, duplicates included
--   views               BIGINT         view events
--   carts               BIGINT         cart events
--   purchases           BIGINT         purchase events, duplicates included
--   revenue             DECIMAL(38,2)  sum of price over purchases
--   view_price_sum      DECIMAL(38,2)  sum of price over views
SELECT
  user_id,
  min(first_time)::DATE AS first_day,
  min(first_purchase)::DATE AS first_purchase_day,
  min(first_purchase) AS first_purchase,
  max(last_purchase) AS last_purchase,
  sum(bit_count(active_days))::BIGINT AS active_days,
  sum(bit_count(purchase_days))::BIGINT AS purchase_days,
  sum(events)::BIGINT AS events,
  sum(views)::BIGINT AS views,
  sum(carts)::BIGINT AS carts,
  sum(purchases)::BIGINT AS purchases,
  sum(revenue) AS revenue,
  sum(view_price_sum) AS view_price_sum
FROM rollup_user_months
GROUP BY user_id
