-- lifecycle: each month's active users (or buyers) split by where they come from, and those lost
--
-- For basis activity a user is active in a month with any event in it; for basis purchase, with a
-- purchase. new: active for the first time in the data; returning: active this month and the month
-- before; resurrecting: active this month, not the month before, but in an earlier month; dormant:
-- active the month before, not this month (a positive count; the page draws it below the axis). A row
-- for every month from the data's first to its last; the first month has only new users. Counted from
-- the month patterns of activity_patterns (bit i: active in the i-th month).
--
-- columns:
--   basis         VARCHAR  activity or purchase
--   month         DATE     first of the month
--   new           BIGINT   active for the first time
--   returning     BIGINT   active this month and the month before
--   resurrecting  BIGINT   active this month, not the month before, in an earlier month
--   dormant       BIGINT   active the month before, not this month
WITH months AS (
  SELECT basis, unnest(range(period_count('month')))::INTEGER AS i
  FROM (SELECT unnest(['activity', 'purchase']) AS basis)
),
flags AS (
  SELECT m.basis, m.i, p.users,
    get_bit(p.bits, m.i) = 1 AS now,
    CASE WHEN m.i > 0 THEN get_bit(p.bits, m.i - 1) = 1 ELSE false END AS before,
    m.i = set_bits(p.bits)[1] AS first
  FROM months m
  LEFT JOIN activity_patterns p ON p.grain = 'month' AND p.basis = m.basis
)
SELECT
  basis, period_at('month', i) AS month,
  coalesce(sum(users) FILTER (now AND first), 0)::BIGINT AS new,
  coalesce(sum(users) FILTER (now AND before), 0)::BIGINT AS returning,
  coalesce(sum(users) FILTER (now AND NOT before AND NOT first), 0)::BIGINT AS resurrecting,
  coalesce(sum(users) FILTER (NOT now AND before), 0)::BIGINT AS dormant
FROM flags
GROUP BY ALL
ORDER BY basis, month
