-- rollup_session_product_edges: the products viewed or bought in the sessions near the month's edges
--
-- The rows of step_session_products for the sessions that start or end within a day of the month's
-- first or last day (near_month_edge, as rollup_session_edges): the sessions that may cross into
-- another month, whose views and purchases sql/viewed_then_bought.sql merges over their months.
--
-- columns:
--   user_session   VARCHAR    session id (as text, whatever the month's layout)
--   product_id     BIGINT     product viewed or bought in the session
--   first_view     TIMESTAMP  first view of the product in the session this month (NULL without one)
--   last_purchase  TIMESTAMP  last purchase of the product in the session this month (NULL without one)
SELECT user_session::VARCHAR AS user_session, product_id, first_view, last_purchase
FROM step_session_products
WHERE near_edge
