-- invariants: figures that cannot be true of correct snapshots fail the build
--
-- (A product's conversion, purchases / views, may exceed 1 when it is bought without being viewed, so
-- it is not checked here; the shares below cannot.)
SELECT format('month {}: {} sessions with a purchase but only {} sessions', month, purchase_sessions, sessions) AS problem
FROM overview WHERE purchase_sessions > sessions
UNION ALL
SELECT format('month {}: conversion rate {} is outside 0..1', month, conversion_rate)
FROM overview WHERE conversion_rate NOT BETWEEN 0 AND 1
UNION ALL
SELECT format('product {}: abandonment rate {} is outside 0..1', product_id, abandonment_rate)
FROM abandonment WHERE abandonment_rate NOT BETWEEN 0 AND 1
UNION ALL
SELECT format('segment {}: negative session durations', segment)
FROM sessions WHERE median_duration_s < 0 OR mean_duration_s < 0
UNION ALL
SELECT format('funnel: {} {} sessions but {} {} events', event_type, sessions, event_type, events)
FROM funnel WHERE sessions > events
