-- profile: what a file being ingested holds, for the source drift checks (data-loaders/ingest/drift.ts);
-- one row, recorded in the ingest manifest next to the file's entry
--
-- Reads `ingest_profile_source`: the file's rows as they were written (rejected records left out), and
-- `ingest_profile_sample`: a sample of them, blocks of rows drawn at random, about 200,000 rows (every
-- row of a smaller file); data-loaders/ingest/drift.ts defines both. Prices are profiled over rows with a
-- price above 0; ids by their smallest, median and largest value. Quantiles and medians are those of the
-- sample (the value at rank floor(q × (n - 1)) of its n sorted values); the rest is exact (DuckDB's
-- approx_count_distinct was 7 to 16% off on a month of the demo data: no use for a profile).
--
-- columns:
--   rows              BIGINT                 rows written
--   first_event       VARCHAR                first event time
--   last_event        VARCHAR                last event time
--   days              BIGINT                 UTC days with an event
--   event_types       MAP(VARCHAR, UBIGINT)  rows per event type
--   empty             STRUCT                 rows with an empty category_code, brand, user_session; price 0
--   price             DOUBLE[]               price quantiles 0.05, 0.25, 0.5, 0.75, 0.95 (prices above 0; of the sample)
--   product_ids, category_ids, user_ids  BIGINT[]  smallest, median (of the sample) and largest id
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
  (SELECT quantile_disc(price::DOUBLE, [0.05, 0.25, 0.5, 0.75, 0.95]) FILTER (price > 0) FROM ingest_profile_sample) AS price,
  [min(product_id), (SELECT quantile_disc(product_id, 0.5) FROM ingest_profile_sample), max(product_id)] AS product_ids,
  [min(category_id), (SELECT quantile_disc(category_id, 0.5) FROM ingest_profile_sample), max(category_id)] AS category_ids,
  [min(user_id), (SELECT quantile_disc(user_id, 0.5) FROM ingest_profile_sample), max(user_id)] AS user_ids,
  count(DISTINCT user_id) AS users,
  count(DISTINCT product_id) AS products,
  count(DISTINCT user_session) AS sessions
FROM ingest_profile_source
