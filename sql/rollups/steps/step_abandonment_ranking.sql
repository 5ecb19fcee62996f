-- step_abandonment_ranking: the month's products carted in a non-empty session, ranked for the abandoned
-- carts leaderboard
--
-- A month counts the sessions within it (see cart_products). A step: kept in memory for the month's
-- abandonment_leaderboard rollup. The order is rank_by_abandonment in sql/macros.sql, as for the whole
-- period (sql/models/abandonment_ranking.sql).
--
-- columns:
--   product_id          BIGINT   product
--   cart_sessions       BIGINT   sessions with a cart event of the product
--   abandoned_sessions  BIGINT   of those, sessions without a purchase event of the product
--   cart_events         BIGINT   cart events of the product in the month
--   purchase_events     BIGINT   purchase events of the product in the month
--   overall             BIGINT   rank in the month, 1 = most abandoned
--   reached             INTEGER  the highest cart_sessions threshold the product reaches
SELECT
  r.product_id, r.cart_sessions, r.abandoned_sessions, p.carts AS cart_events, p.purchases AS purchase_events,
  r.overall, r.reached
FROM rank_by_abandonment('rollup_cart_products') r
JOIN rollup_product_totals p USING (product_id)
