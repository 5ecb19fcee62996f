-- demo_sessions: the demo dataset's sessions of one month (part 2 of 3; variables month_start, month_end:
-- TIMESTAMP), and demo_session_numbers, the session numbers they are drawn for.
--
-- Sessions are numbered in time order (each hour of demo_hours owns a range of session numbers), so a
-- month needs only the sessions that start in it or in the day before it (a session lasts less than a
-- day); their events are kept if they fall in the month.
-- The numbers are listed first, in a table of their own, so that drawing the sessions runs in parallel.
CREATE OR REPLACE TEMP TABLE demo_session_numbers AS
SELECT hour_start, purchase_lift, unnest(range(first_session, end_session)) AS i
FROM demo_hours
WHERE hour_start >= getvariable('month_start') - INTERVAL 1 DAY AND hour_start < getvariable('month_end');

CREATE OR REPLACE TEMP TABLE demo_sessions AS
WITH buyers AS (
  SELECT i, hour_start, rnd(i, 3) < 0.0665 * purchase_lift AS buys FROM demo_session_numbers
),
sessions AS (
  SELECT
    i,
    hour_start + to_seconds(floor(rnd(i, 1) * 3600)::BIGINT) AS started,
    -- events: 1 + geometric, mean about 4.6; buyers look at a few more things first
    least(60, 1 + floor(-ln(1 - rnd(i, 2)) * 3.9)::INTEGER + CASE WHEN buys THEN 2 ELSE 0 END) AS n_events,
    buys,
    -- a fifth of the purchases have no cart event before them
    rnd(i, 4) < 0.8 AS carts_first,
    -- seconds between events: log-normal, median 35 s, at most 1400 s (so a session lasts under a day)
    least(1400, exp(ln(35) + 1.1 * rnorm(i, 5))) AS gap,
    zipf(rnd(i, 7), getvariable('products'), 20) AS focus_rank,
    500000000 + scramble(zipf(rnd(i, 8), getvariable('users'), 50)) AS user_id,
    -- a session id shared by two users, now and then
    CASE WHEN rnd(i, 9) < 0.0001 THEN 500000000 + scramble(zipf(rnd(i, 10), getvariable('users'), 50)) END
      AS second_user_id,
    -- a few sessions were logged without an id; the ids are UUIDs, stored as such (see data-loaders/shared/layout.ts)
    CASE WHEN rnd(i, 11) >= 0.00002 THEN
      printf('%08x-%04x-4%03x-%04x-%012x',
        hash(i * 64 + 12) % 4294967296, hash(i * 64 + 13) % 65536, hash(i * 64 + 14) % 4096,
        32768 + hash(i * 64 + 15) % 16384, xor(hash(i * 64 + 16), getvariable('seed_hash')) % 281474976710656)::UUID
    END AS user_session
  FROM buyers
)
SELECT * FROM sessions;
