-- reference_coverage: how much of the data the reference files in reference/ name (brands.csv,
-- categories.csv, products.csv; see data-loaders/snapshots/reference-data.ts), one row per file present
--
-- An event is named by brands.csv when its brand has an entry (exactly as the data writes it), by
-- categories.csv when its category_code has one or, without a code, its category_id, by products.csv
-- when its product_id has one. Coverage is over all events and all revenue, events without a brand or
-- category included. Below reference.minEventShare of the configuration a file with entries warns or
-- stops the build (reference.action); entries that match nothing warn.
--
-- columns:
--   file             VARCHAR  reference/brands.csv, reference/categories.csv or reference/products.csv
--   fingerprint      VARCHAR  sha256 of the file's content
--   entries          BIGINT   rows of the file
--   unused_entries   BIGINT   entries whose key the data does not have
--   unmapped_values  BIGINT   distinct brands, categories or products in the data without an entry
--   event_share      DOUBLE   events it names ÷ all events
--   revenue_share    DOUBLE   revenue of the events it names ÷ all revenue (NULL without revenue)
WITH products AS (
  SELECT product_id, brand, category_code, category_id, sum(events) AS events, sum(revenue) AS revenue
  FROM rollup_products
  GROUP BY ALL
),
named AS (
  SELECT
    p.*,
    rb.brand IS NOT NULL AS by_brand,
    (rc.category_code IS NOT NULL OR ri.category_id IS NOT NULL) AS by_category,
    rp.product_id IS NOT NULL AS by_product
  FROM products p
  LEFT JOIN ref_brands rb ON rb.brand = p.brand
  LEFT JOIN ref_categories rc ON rc.category_code = p.category_code
  LEFT JOIN ref_categories ri ON ri.category_id = p.category_id
  LEFT JOIN ref_products rp ON rp.product_id = p.product_id
),
shares AS (
  SELECT * FROM (VALUES ('reference/brands.csv'), ('reference/categories.csv'), ('reference/products.csv')) f(file)
  CROSS JOIN LATERAL (
    SELECT
      coalesce(sum(events) FILTER (named_by), 0) / sum(events) AS event_share,
      coalesce(sum(revenue) FILTER (named_by), 0) / nullif(sum(revenue), 0) AS revenue_share
    FROM (SELECT *, CASE f.file WHEN 'reference/brands.csv' THEN by_brand WHEN 'reference/categories.csv' THEN by_category ELSE by_product END AS named_by FROM named)
  )
),
counts AS (
  SELECT 'reference/brands.csv' AS file,
    (SELECT count(*) FROM ref_brands r WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.brand = r.brand)) AS unused_entries,
    (SELECT count(DISTINCT brand) FROM named WHERE brand IS NOT NULL AND NOT by_brand) AS unmapped_values
  UNION ALL
  SELECT 'reference/categories.csv',
    (SELECT count(*) FROM ref_categories r WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.category_code = r.category_code OR p.category_id = r.category_id)),
    (SELECT count(DISTINCT coalesce(category_code, category_id::VARCHAR)) FROM named WHERE NOT by_category)
  UNION ALL
  SELECT 'reference/products.csv',
    (SELECT count(*) FROM ref_products r WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.product_id = r.product_id)),
    (SELECT count(DISTINCT product_id) FROM named WHERE NOT by_product)
)
SELECT f.file, f.fingerprint, f.rows AS entries, c.unused_entries, c.unmapped_values,
  s.event_share, s.revenue_share
FROM reference_files f
JOIN counts c USING (file)
JOIN shares s USING (file)
ORDER BY f.file
