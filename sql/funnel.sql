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
)
SELECT
  e.event_type,
  CASE e.event_type WHEN 'view' THEN 1 WHEN 'cart' THEN 2 WHEN 'purchase' THEN 3 END AS stage,
  e.events,
  (SELECT count(*) FROM user_types u WHERE has_type(u.types, e.event_type)) AS users,
  (SELECT coalesce(sum(s.sessions), 0)::BIGINT FROM session_shapes s WHERE has_type(s.types, e.event_type)) AS sessions
FROM events_by_type e
ORDER BY stage NULLS LAST, e.event_type
