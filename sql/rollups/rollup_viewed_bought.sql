-- rollup_viewed_bought: pairs of a product viewed and another bought later in the same session, in the month
--
-- A session counts for (product_id, other_product_id) when its first view of product_id is at or before
-- its last purchase of other_product_id (both in this month). Every pair is kept, however few its
-- sessions: the threshold applies to the whole period (sql/viewed_then_bought.sql, which also merges
-- the sessions seen in two months).
--
-- columns:
--   product_id        BIGINT  product viewed
--   other_product_id  BIGINT  another product bought afterwards in the session
--   sessions_both     BIGINT  non-empty sessions of the month with both
SELECT v.product_id, b.product_id AS other_product_id, count(*) AS sessions_both
FROM step_session_products b
JOIN step_session_products v ON v.user_session = b.user_session AND v.product_id <> b.product_id AND v.first_view <= b.last_purchase
WHERE b.last_purchase IS NOT NULL
GROUP BY ALL
