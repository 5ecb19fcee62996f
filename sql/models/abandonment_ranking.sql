-- abandonment_ranking: every product carted in a non-empty session, ranked within each period by
-- abandonment rate, then cart sessions (highest first), then product_id; for
-- sql/abandonment_leaderboard.sql. A month counts the sessions within it.
--
-- Each month comes ranked from its rollup; the whole period ('all') is ranked here, with the same
-- order (rank_by_abandonment in sql/macros.sql).
--
-- columns:
--   month               VARCHAR  'all' or YYYY-MM
--   product_id          BIGINT   product
--   cart_sessions       BIGINT   sessions with a cart event of the product
--   abandoned_sessions  BIGINT   of those, sessions without a purchase event of the product
--   cart_events         BIGINT   cart events of the product in the period
--   purchase_events     BIGINT   purchase events of the product in the period
--   overall             BIGINT   rank in the period, 1 = most abandoned
--   reached             INTEGER  the highest cart_sessions threshold the product reaches
SELECT month, product_id, cart_sessions, abandoned_sessions, cart_events, purchase_events, overall, reached
FROM rollup_abandonment_ranking
UNION ALL
SELECT 'all', product_id, cart_sessions, abandoned_sessions, cart_events, purchase_events, overall, reached
FROM rank_by_abandonment('abandonment')
