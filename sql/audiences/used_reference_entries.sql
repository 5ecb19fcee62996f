-- used_reference_entries: in an audience's build, the reference tables keep only the entries its events
-- use (no table of its own: it trims ref_brands, ref_categories, ref_products and reference_files)
--
-- An audience's site must name nothing outside its events: the other entries of reference/*.csv are
-- other brands, categories and products. The coverage figures (sql/reference_coverage.sql) are then
-- over the audience's events with the entries it uses: no entry is unused. A file's fingerprint is then
-- that of the entries kept, which changes when one of them does.
DELETE FROM ref_brands WHERE brand NOT IN (SELECT brand FROM rollup_products WHERE brand IS NOT NULL);
DELETE FROM ref_categories
WHERE coalesce(category_code NOT IN (SELECT category_code FROM rollup_products WHERE category_code IS NOT NULL), true)
  AND coalesce(category_id NOT IN (SELECT category_id FROM rollup_products WHERE category_id IS NOT NULL), true);
DELETE FROM ref_products WHERE product_id NOT IN (SELECT product_id FROM rollup_products);
-- each file's rows and fingerprint become those of the entries kept: the whole file's fingerprint is
-- made from the others too
UPDATE reference_files SET
  rows = CASE file
    WHEN 'reference/brands.csv' THEN (SELECT count(*) FROM ref_brands)
    WHEN 'reference/categories.csv' THEN (SELECT count(*) FROM ref_categories)
    WHEN 'reference/products.csv' THEN (SELECT count(*) FROM ref_products)
  END,
  fingerprint = 'sha256:' || sha256(CASE file
    WHEN 'reference/brands.csv' THEN (SELECT coalesce(string_agg(to_json(r)::VARCHAR, chr(10) ORDER BY brand), '') FROM ref_brands r)
    WHEN 'reference/categories.csv' THEN (SELECT coalesce(string_agg(to_json(r)::VARCHAR, chr(10) ORDER BY category_code, category_id), '') FROM ref_categories r)
    WHEN 'reference/products.csv' THEN (SELECT coalesce(string_agg(to_json(r)::VARCHAR, chr(10) ORDER BY product_id), '') FROM ref_products r)
  END);
