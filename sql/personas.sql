-- personas: groups of users who behave alike, found by k-means, with what sets each apart
--
-- All active users, grouped as in user_personas (k-means on the five standardised features of
-- persona_features: active days, events per active day, cart share, purchase share, price of the
-- products viewed; numbered by size, 1 the largest). The description names the (at most
-- three) features on which the persona's mean is furthest from the average user's, when at least a
-- third of a standard deviation away.
--
-- columns:
--   persona               BIGINT         1 = the most users
--   users                 BIGINT         users in the persona
--   user_share            DOUBLE         users / all active users
--   buyers                BIGINT         of them, users with a purchase
--   revenue_share         DOUBLE         their revenue / all revenue
--   mean_active_days      DOUBLE         mean days with an event
--   mean_events_per_day   DOUBLE         mean events per active day
--   mean_cart_share       DOUBLE         mean carts / events
--   mean_purchase_share   DOUBLE         mean purchases / events
--   mean_view_price       DOUBLE         mean price of the products viewed
--   description           VARCHAR        what sets the persona apart from the average user, in words
WITH members AS (
  -- revenue from customers: users who never bought have none
  SELECT f.*, p.persona, c.revenue
  FROM persona_features f
  JOIN user_personas p USING (user_id)
  LEFT JOIN customers c USING (user_id)
),
groups AS (
  SELECT
    persona, count(*) AS users, count(*) FILTER (purchases > 0) AS buyers, sum(revenue) AS revenue,
    -- means of millionths (integer sums, exact in any order), so that every build gives the same digits
    avg(active_days) AS mean_active_days, avg(round(1e6 * events_per_day)::BIGINT) / 1e6 AS mean_events_per_day,
    avg(round(1e6 * cart_share)::BIGINT) / 1e6 AS mean_cart_share, avg(round(1e6 * purchase_share)::BIGINT) / 1e6 AS mean_purchase_share,
    avg(round(1e6 * view_price)::BIGINT) / 1e6 AS mean_view_price,
    -- the persona's mean standardised features, in standard deviations
    avg(z1) / 1000 AS a1, avg(z2) / 1000 AS a2, avg(z3) / 1000 AS a3, avg(z4) / 1000 AS a4, avg(z5) / 1000 AS a5
  FROM members
  GROUP BY persona
),
traits AS (
  SELECT persona, list(CASE WHEN z > 0 THEN more ELSE less END ORDER BY abs(z) DESC)[1:3] AS words
  FROM (
    SELECT persona, unnest([a1, a2, a3, a4, a5]) AS z,
      unnest(['many active days', 'long visits', 'carts often', 'buys often', 'high prices']) AS more,
      unnest(['few active days', 'short visits', 'rarely carts', 'rarely buys', 'low prices']) AS less
    FROM groups
  )
  WHERE abs(z) >= 1 / 3
  GROUP BY persona
)
SELECT
  g.persona, g.users, g.users / sum(g.users) OVER () AS user_share, g.buyers,
  coalesce((g.revenue / nullif(sum(g.revenue) OVER (), 0))::DOUBLE, 0) AS revenue_share,
  g.mean_active_days, g.mean_events_per_day, g.mean_cart_share, g.mean_purchase_share, g.mean_view_price,
  coalesce(array_to_string(t.words, ', '), 'close to the average user') AS description
FROM groups g
LEFT JOIN traits t USING (persona)
ORDER BY g.persona
