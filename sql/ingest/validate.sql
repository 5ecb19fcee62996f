-- validate: every record of a CSV file being ingested, typed for the partition layout, with the reason
-- it cannot be loaded (NULL when it can)
--
-- Reads `ingest_source`: the file's records with every column as text, and `record`, their number in the
-- file when it is needed (data-loaders/ingest/stage.ts defines it; records with too few or too many fields
-- never get here, DuckDB's CSV reader sets them aside). Empty optional fields (category_code, brand,
-- user_session) are NULL; the other fields are required. `raw` gives a rejected record back as text.
WITH checked AS (
  SELECT
    *,
    TRY_STRPTIME(event_time, '%Y-%m-%d %H:%M:%S UTC') AS time_value,
    TRY_CAST(product_id AS BIGINT) AS product_value,
    TRY_CAST(category_id AS BIGINT) AS category_value,
    TRY_CAST(user_id AS BIGINT) AS user_value,
    TRY_CAST(price AS DECIMAL(10, 2)) AS price_value
  FROM ingest_source
)
SELECT
  record,
  CASE
    WHEN event_time IS NULL THEN 'event_time is empty'
    WHEN time_value IS NULL THEN format('event_time "{}" is not a time like 2019-10-01 00:00:00 UTC', event_time)
    WHEN event_type IS NULL THEN 'event_type is empty'
    WHEN event_type NOT IN ('view', 'cart', 'purchase', 'remove_from_cart') THEN format('unknown event_type "{}"', event_type)
    WHEN product_id IS NULL THEN 'product_id is empty'
    -- an id must be written as digits: a spreadsheet's 1.48758E+18 is not an id
    WHEN product_value::VARCHAR IS DISTINCT FROM product_id THEN format('product_id "{}" is not an integer', product_id)
    WHEN category_id IS NULL THEN 'category_id is empty'
    WHEN category_value::VARCHAR IS DISTINCT FROM category_id THEN format('category_id "{}" is not an integer', category_id)
    WHEN user_id IS NULL THEN 'user_id is empty'
    WHEN user_value::VARCHAR IS DISTINCT FROM user_id THEN format('user_id "{}" is not an integer', user_id)
    WHEN price IS NULL THEN 'price is empty'
    WHEN NOT regexp_full_match(price, '-?[0-9]{1,8}(\.[0-9]{1,2})?') THEN format('price "{}" is not a number with at most two decimals', price)
    WHEN price_value < 0 THEN format('price {} is negative', price)
  END AS reason,
  time_value AS event_time,
  event_type,
  product_value AS product_id,
  category_value AS category_id,
  category_code,
  brand,
  price_value AS price,
  user_value AS user_id,
  user_session,
  -- a rejected record's fields as read, empty ones kept in place (NULL for a good record)
  CASE WHEN reason IS NOT NULL THEN concat_ws(',', coalesce(event_time, ''), coalesce(event_type, ''), coalesce(product_id, ''),
    coalesce(category_id, ''), coalesce(category_code, ''), coalesce(brand, ''), coalesce(price, ''), coalesce(user_id, ''),
    coalesce(user_session, '')) END AS raw
FROM checked
