-- product_names: each product's names from the reference files (reference/*.csv), beside its raw brand
-- and category_code as in `products`; NULL where a file has no entry (pages then show the raw value),
-- and the label every list of products shows (the data API, the drill-down views, the win-back list)
--
-- columns:
--   product_id     BIGINT   product
--   product_name   VARCHAR  its name (reference/products.csv)
--   brand_name     VARCHAR  its brand's display name (reference/brands.csv, the raw brand exactly)
--   brand_group    VARCHAR  the group its brand belongs to (reference/brands.csv)
--   category_name  VARCHAR  its category_code's display name (reference/categories.csv)
--   department     VARCHAR  its category_code's department (reference/categories.csv)
--   label          VARCHAR  its name; else its brand and category_code, by their display names where they
--                           have one (product_label in sql/macros.sql)
SELECT
  p.product_id,
  rp.name AS product_name,
  rb.display_name AS brand_name,
  rb.brand_group,
  rc.display_name AS category_name,
  rc.department,
  coalesce(rp.name, product_label(p.product_id, coalesce(rb.display_name, p.brand), coalesce(rc.display_name, p.category_code))) AS label
FROM products p
LEFT JOIN ref_products rp ON rp.product_id = p.product_id
LEFT JOIN ref_brands rb ON rb.brand = p.brand
LEFT JOIN ref_categories rc ON rc.category_code = p.category_code
