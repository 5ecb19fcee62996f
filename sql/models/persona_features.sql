-- persona_features: every active user's behaviour in five numbers, standardised, for the personas
--
-- The five features, from user_summary:
--   active_days      days with an event (log scale: ln(1 + days))
--   events_per_day   events per active day (log scale): how much a visit holds
--   cart_share       carts / events: how often looking turns into carting
--   purchase_share   purchases / events: how often it turns into buying
--   view_price       mean price of the products viewed (log scale: ln(1 + price)); users who viewed
--                    nothing get the average
-- Each is standardised over all users (z = (x - mean) / sd) and kept as an integer number of
-- thousandths. Means and deviations are taken from exact integer sums (of millionths), and the fitting
-- sums integers too, so that the personas and every assignment come out the same whatever the thread
-- count (floating-point sums in parallel depend on the order). A standardised value is at most sqrt(n)
-- deviations from the mean over n users, so squared distances between them fit in a BIGINT for any
-- number of users up to about 10^11 (sql/user_personas.sql, sql/models/persona_centroids.sql).
-- `in_sample` marks about 50,000 users, picked by a hash of their id, on which the personas are
-- fitted (sql/models/persona_centroids.sql); every user is then assigned.
--
-- columns:
--   user_id         BIGINT   user
--   in_sample       BOOLEAN  among the users the personas are fitted on
--   active_days     BIGINT   days with an event
--   events_per_day  DOUBLE   events per active day
--   cart_share      DOUBLE   carts / events
--   purchase_share  DOUBLE   purchases / events
--   view_price      DOUBLE   mean price of the products viewed (NULL without a view)
--   purchases       BIGINT   purchase events
--   z1              BIGINT   standardised ln(1 + active_days), in thousandths
--   z2              BIGINT   standardised ln(events_per_day), in thousandths
--   z3              BIGINT   standardised cart_share, in thousandths
--   z4              BIGINT   standardised purchase_share, in thousandths
--   z5              BIGINT   standardised ln(1 + view_price), in thousandths (0 without a view)
WITH raw AS (
  SELECT
    user_id, active_days, events / active_days AS events_per_day, carts / events AS cart_share, purchases / events AS purchase_share,
    CASE WHEN views > 0 THEN (view_price_sum / views)::DOUBLE END AS view_price, purchases
  FROM user_summary
),
micro AS (
  -- each feature in millionths, as an integer
  SELECT *,
    round(1e6 * ln(1 + active_days))::BIGINT AS x1, round(1e6 * ln(events_per_day))::BIGINT AS x2,
    round(1e6 * cart_share)::BIGINT AS x3, round(1e6 * purchase_share)::BIGINT AS x4,
    round(1e6 * ln(1 + view_price))::BIGINT AS x5
  FROM raw
),
sums AS (
  SELECT count(*) AS n, count(x5) AS n5,
    sum(x1) AS s1, sum(x1::HUGEINT * x1) AS q1, sum(x2) AS s2, sum(x2::HUGEINT * x2) AS q2, sum(x3) AS s3, sum(x3::HUGEINT * x3) AS q3,
    sum(x4) AS s4, sum(x4::HUGEINT * x4) AS q4, sum(x5) AS s5, sum(x5::HUGEINT * x5) AS q5
  FROM micro
),
moments AS (
  SELECT n,
    s1 / n AS m1, sqrt(greatest(q1 / n - (s1 / n) ^ 2, 0)) AS d1, s2 / n AS m2, sqrt(greatest(q2 / n - (s2 / n) ^ 2, 0)) AS d2,
    s3 / n AS m3, sqrt(greatest(q3 / n - (s3 / n) ^ 2, 0)) AS d3, s4 / n AS m4, sqrt(greatest(q4 / n - (s4 / n) ^ 2, 0)) AS d4,
    s5 / nullif(n5, 0) AS m5, sqrt(greatest(q5 / nullif(n5, 0) - (s5 / nullif(n5, 0)) ^ 2, 0)) AS d5
  FROM sums
)
SELECT
  u.user_id,
  hash(u.user_id) % 1000000 < 1000000 * 50000::BIGINT / m.n AS in_sample,
  u.active_days, u.events_per_day, u.cart_share, u.purchase_share, u.view_price, u.purchases,
  round(1000 * coalesce((u.x1 - m.m1) / nullif(m.d1, 0), 0))::BIGINT AS z1,
  round(1000 * coalesce((u.x2 - m.m2) / nullif(m.d2, 0), 0))::BIGINT AS z2,
  round(1000 * coalesce((u.x3 - m.m3) / nullif(m.d3, 0), 0))::BIGINT AS z3,
  round(1000 * coalesce((u.x4 - m.m4) / nullif(m.d4, 0), 0))::BIGINT AS z4,
  round(1000 * coalesce((u.x5 - m.m5) / nullif(m.d5, 0), 0))::BIGINT AS z5
FROM micro u, moments m
