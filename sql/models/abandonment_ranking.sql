-- abandonment_ranking: every product carted in a non-empty session in the whole period, ranked by
-- abandonment rate, then cart sessions (highest first), then product_id; for
-- sql/abandonment_leaderboard.sql
--
-- Each month is ranked in its rollup (sql/rollups/steps/step_abandonment_ranking.sql) with the same order
-- (rank_by_abandonment in sql/macros.sql).
--
-- columns:
--   product_id          BIGINT   product
--   cart_sessions       BIGINT   sessions with a cart event of the product
--   abandoned_sessions  BIGINT   of those, sessions without a purchase event of the product
--   cart_events         BIGINT   cart events of the product
--   purchase_events     BIGINT   purchase events of the product
--   overall             BIGINT   rank, 1 = most abandoned
--   reached             INTEGER  the highest cart_sessions threshold the product reaches
SELECT product_id, cart_sessions, abandoned_sessions, cart_events, purchase_events, overall, reached
FROM rank_by_abandonment('abandonment')
