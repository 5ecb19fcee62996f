-- rollup_abandonment_leaderboard: the month's rows of the abandonment_leaderboard snapshot, without brand and
-- category
--
-- Made here, once per month, so that a build makes only the whole period's leaderboard; brand and
-- category_code are the whole period's, added by sql/abandonment_leaderboard.sql. The leaderboard
-- macro is in sql/macros.sql.
--
-- columns:
--   min_cart_sessions    INTEGER  the threshold: products carted in at least this many sessions
--   qualifying_products  BIGINT   products that meet the threshold (the list shows the top 100)
--   rank                 BIGINT   1 = most abandoned
--   product_id           BIGINT   product
--   cart_sessions        BIGINT   sessions of the month with a cart event of the product
--   abandoned_sessions   BIGINT   of those, sessions without a purchase event of the product
--   abandonment_rate     DOUBLE   abandoned_sessions / cart_sessions
--   cart_events          BIGINT   cart events of the product in the month
--   purchase_events      BIGINT   purchase events of the product in the month
SELECT
  threshold::INTEGER AS min_cart_sessions, qualifying AS qualifying_products, rank,
  product_id, cart_sessions, abandoned_sessions, abandoned_sessions / cart_sessions AS abandonment_rate,
  cart_events, purchase_events
FROM leaderboard('step_abandonment_ranking')
