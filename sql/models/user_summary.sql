-- user_summary: every user of the data once, with what they did over the whole period
--
-- From rollup_user_months (all months). "First" means first in the data the reports cover. What buyers
-- spent and when is in customers (sql/customers.sql), which reads only the months with a purchase:
-- each column here costs a pass over every user's months.
--
-- columns:
--   user_id             BIGINT         user
--   types               INTEGER        event types seen, as bits (see type_bit in sql/macros.sql)
--   first_day           DATE           UTC day of the first event
--   active_days         BIGINT         UTC days with an event
--   events              BIGINT         rows, duplicates included
--   views               BIGINT         view events
--   carts               BIGINT         cart events
--   purchases           BIGINT         purchase events, duplicates included
--   view_price_sum      DECIMAL(38,2)  sum of price over views
SELECT
  user_id,
  bit_or(types) AS types,
  min(first_time)::DATE AS first_day,
  sum(bit_count(active_days))::BIGINT AS active_days,
  sum(events)::BIGINT AS events,
  sum(views)::BIGINT AS views,
  sum(carts)::BIGINT AS carts,
  sum(purchases)::BIGINT AS purchases,
  sum(view_price_sum) AS view_price_sum
FROM rollup_user_months
GROUP BY user_id
