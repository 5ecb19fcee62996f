-- rollup_view_sessions: per product, the month's non-empty sessions with a view of it
--
-- A session seen in two months counts in each; sql/viewed_then_bought.sql counts it once.
--
-- columns:
--   product_id     BIGINT  product
--   view_sessions  BIGINT  non-empty sessions with a view of the product in the month
SELECT product_id, count(*) AS view_sessions
FROM step_session_products
WHERE first_view IS NOT NULL
GROUP BY product_id
