-- funnel: events, users and sessions per event type
--
-- Every row of the data counts, duplicates included. remove_from_cart is listed when the shop logs it
-- but is no stage of the funnel (its stage is NULL).
--
-- columns:
--   event_type  VARCHAR  view, cart, purchase or remove_from_cart
--   stage       INTEGER  1 view, 2 cart, 3 purchase; NULL for event types that are no funnel stage
--   events      BIGINT   rows of this type
--   users       BIGINT   distinct users with at least one event of this type
--   sessions    BIGINT   distinct non-empty sessions with at least one event of this type
WITH events_by_type AS (
  SELECT event_type, sum(events)::BIGINT AS events FROM rollup_days GROUP BY event_type
),
users_by_type AS (
  UNPIVOT (SELECT unnest(sum_by_type(types, 1)) FROM user_summary) ON COLUMNS(*) INTO NAME event_type VALUE users
),
sessions_by_type AS (
  UNPIVOT (SELECT unnest(sum_by_type(types, sessions)) FROM session_shapes) ON COLUMNS(*) INTO NAME event_type VALUE sessions
)
SELECT
  event_type,
  CASE event_type WHEN 'view' THEN 1 WHEN 'cart' THEN 2 WHEN 'purchase' THEN 3 END AS stage,
  e.events,
  u.users,
  s.sessions
FROM events_by_type e
JOIN users_by_type u USING (event_type)
JOIN sessions_by_type s USING (event_type)
ORDER BY stage NULLS LAST, event_type
