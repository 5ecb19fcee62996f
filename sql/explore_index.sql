-- explore_index: every drill-down view's entity, and which file of documents holds it
--
-- Documents (explore_documents) are put into files of about 200 KB of JSON (40 to 60 KB gzip), so a view
-- loads one small file. A product's file is its id modulo `product_shards` (the page computes it from
-- the link); brands and categories fill their files in key order (DuckDB's, by UTF-8 bytes), so the
-- first key of each file says which file holds a key (explore/shards.json, data-loaders/site/explore.ts).
--
-- columns:
--   kind            VARCHAR        'product', 'brand', 'category' or 'category_id'
--   key             VARCHAR        product id, brand, category code or category id, as text
--   label           VARCHAR        as in explore_documents
--   events          BIGINT         all events of the entity
--   purchases       BIGINT         its purchase events
--   revenue         DECIMAL(38,2)  sum of price over them
--   shard           INTEGER        the file of documents that holds it (dist/explore/<kind>/<shard>.json)
--   product_shards  INTEGER        how many files the products are spread over (the same on every row)
WITH sizes AS (
  SELECT kind, key, label, events, purchases, revenue, strlen(document::VARCHAR) AS bytes FROM explore_documents
),
product_files AS (
  SELECT greatest(1, ceil(coalesce(sum(bytes), 0) / 200000))::INTEGER AS product_shards FROM sizes WHERE kind = 'product'
)
SELECT
  kind, key, label, events, purchases, revenue,
  CASE
    WHEN kind = 'product' THEN (key::BIGINT % product_shards)::INTEGER
    ELSE (sum(bytes) OVER (PARTITION BY kind ORDER BY key ROWS UNBOUNDED PRECEDING) // 200000)::INTEGER
  END AS shard,
  product_shards
FROM sizes, product_files
ORDER BY kind, key
