-- rollup_view_sessions: per product, the month's non-empty sessions with a view of it
--
-- A session seen in two months counts in each; sql/viewed_then_bought.sql counts it once. The one pass
-- over every view grouped by session and product (about a third of a month's rollup time).
--
-- columns:
--   product_id     BIGINT  product
--   view_sessions  BIGINT  non-empty sessions with a view of the product in the month
SELECT product_id, count(*) AS view_sessions
FROM (SELECT DISTINCT product_id, user_session FROM events WHERE event_type = 'view' AND user_session IS NOT NULL)
GROUP BY product_id
