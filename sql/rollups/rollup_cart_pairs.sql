-- rollup_cart_pairs: per session and product, its cart and purchase events in the month
--
-- Pairs without a session id (user_session NULL) are kept here and left out by the snapshots.
--
-- columns:
--   user_session     VARCHAR  session id (as text, whatever the month's layout)
--   product_id       BIGINT   product
--   cart_events      BIGINT   cart events (a row logged 40 times counts 40)
--   purchase_events  BIGINT   purchase events
SELECT
  user_session::VARCHAR AS user_session,
  product_id,
  count(*) FILTER (event_type = 'cart') AS cart_events,
  count(*) FILTER (event_type = 'purchase') AS purchase_events
FROM events
WHERE event_type IN ('cart', 'purchase')
GROUP BY events.user_session, product_id
