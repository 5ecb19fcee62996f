-- abandonment_leaderboard: the 100 products most often left in the cart, for each month and threshold
--
-- As `abandonment`, for the whole period (month 'all') and each month (sessions within the month), and
-- for each threshold of leaderboard_thresholds() on cart_sessions; ranked as in abandonment_ranking: by
-- abandonment_rate, then cart_sessions (highest first), then product_id. Each month's rows come from its
-- rollup (sql/rollups/rollup_abandonment_leaderboard.sql).
--
-- columns:
--   month                VARCHAR  'all' or YYYY-MM
--   min_cart_sessions    INTEGER  the threshold: products carted in at least this many sessions
--   qualifying_products  BIGINT   products that meet the threshold (the list shows the top 100)
--   rank                 BIGINT   1 = most abandoned
--   product_id           BIGINT   product
--   brand                VARCHAR  as in products
--   category_code        VARCHAR  as in products
--   product_name         VARCHAR  its name (reference/products.csv; NULL without an entry, as the four below)
--   brand_name           VARCHAR  its brand's display name (reference/brands.csv)
--   brand_group          VARCHAR  the group its brand belongs to (reference/brands.csv)
--   category_name        VARCHAR  its category_code's display name (reference/categories.csv)
--   department           VARCHAR  its category_code's department (reference/categories.csv)
--   cart_sessions        BIGINT   distinct non-empty sessions with a cart event of the product
--   abandoned_sessions   BIGINT   of those, sessions without a purchase event of the product
--   abandonment_rate     DOUBLE   abandoned_sessions / cart_sessions
--   cart_events          BIGINT   cart events of the product in the period
--   purchase_events      BIGINT   purchase events of the product in the period
WITH leaders AS (
  SELECT
    month, min_cart_sessions, qualifying_products, rank, product_id, cart_sessions, abandoned_sessions,
    abandonment_rate, cart_events, purchase_events
  FROM rollup_abandonment_leaderboard
  UNION ALL
  SELECT
    'all', threshold::INTEGER, qualifying, rank, product_id, cart_sessions, abandoned_sessions,
    abandoned_sessions / cart_sessions, cart_events, purchase_events
  FROM leaderboard('abandonment_ranking')
)
SELECT
  l.month, l.min_cart_sessions, l.qualifying_products, l.rank, l.product_id, p.brand, p.category_code, n.product_name, n.brand_name, n.brand_group, n.category_name, n.department,
  l.cart_sessions, l.abandoned_sessions, l.abandonment_rate, l.cart_events, l.purchase_events
FROM leaders l
JOIN products p USING (product_id)
JOIN product_names n USING (product_id)
ORDER BY l.month = 'all' DESC, l.month, l.min_cart_sessions, l.rank
