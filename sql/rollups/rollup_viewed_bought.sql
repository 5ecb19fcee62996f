-- rollup_viewed_bought: pairs of a product viewed and another bought later in the same session, in the month
--
-- A session counts for (product_id, other_product_id) when its first view of product_id is at or before
-- its last purchase of other_product_id (both in this month; viewed_bought_pairs in sql/macros.sql). Every pair is kept, however few its
-- sessions: the threshold applies to the whole period (sql/viewed_then_bought.sql, which also merges
-- the sessions seen in two months).
--
-- columns:
--   product_id        BIGINT  product viewed
--   other_product_id  BIGINT  another product bought afterwards in the session
--   sessions_both     BIGINT  non-empty sessions of the month with both
WITH session_products AS NOT MATERIALIZED (
  SELECT user_session AS session_key, product_id, first_view, last_purchase FROM step_session_products
)
SELECT * FROM viewed_bought_pairs('session_products')
