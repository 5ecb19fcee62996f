-- profile: what a file being ingested holds, for the source drift checks (data-loaders/ingest/drift.ts);
-- one row, recorded in the ingest manifest next to the file's entry
--
-- Reads `ingest_profile_source`: the file's rows as they were written (rejected records left out).
-- Prices are profiled over rows with a price above 0; ids by their smallest, median and largest value.
-- Quantiles and medians are values of a random sample of 100,000 rows, the one at rank floor(q × (n - 1))
-- of the n sorted (the whole file up to that many rows; an exact quantile of a month of 17M rows costs
-- 7 s, the sample 0.4 s); the rest is exact.
--
-- columns:
--   rows              BIGINT                 rows written
--   first_event       VARCHAR                first event time
--   last_event        VARCHAR                last event time
--   days              BIGINT                 UTC days with an event
--   event_types       MAP(VARCHAR, UBIGINT)  rows per event type
--   empty             STRUCT                 rows with an empty category_code, brand, user_session; price 0
--   price             DOUBLE[]               price quantiles 0.05, 0.25, 0.5, 0.75, 0.95 (prices above 0; sampled)
--   product_ids, category_ids, user_ids  BIGINT[]  smallest, median (sampled) and largest id
--   users, products, sessions  BIGINT        distinct user ids, product ids and non-empty sessions
SELECT
  count(*) AS rows,
  min(event_time)::VARCHAR AS first_event,
  max(event_time)::VARCHAR AS last_event,
  count(DISTINCT event_time::DATE) AS days,
  histogram(event_type) AS event_types,
  {
    category_code: count(*) FILTER (category_code IS NULL),
    brand: count(*) FILTER (brand IS NULL),
    user_session: count(*) FILTER (user_session IS NULL),
    price_zero: count(*) FILTER (price = 0)
  } AS empty,
  reservoir_quantile(price::DOUBLE, [0.05, 0.25, 0.5, 0.75, 0.95], 100000) FILTER (price > 0) AS price,
  [min(product_id), reservoir_quantile(product_id, 0.5, 100000), max(product_id)] AS product_ids,
  [min(category_id), reservoir_quantile(category_id, 0.5, 100000), max(category_id)] AS category_ids,
  [min(user_id), reservoir_quantile(user_id, 0.5, 100000), max(user_id)] AS user_ids,
  count(DISTINCT user_id) AS users,
  count(DISTINCT product_id) AS products,
  count(DISTINCT user_session) AS sessions
FROM ingest_profile_source
