-- step_entity_names: the brands and categories of the month, by the hash the entity rollups group them by
--
-- A step (in memory while the month's rollups run). Every category_code gives a row for itself and one
-- for each code above it (category_levels). Two names with one hash would be counted as one entity:
-- the step raises an error naming them instead, so a count is exact or the build stops.
--
-- columns:
--   kind       VARCHAR  'brand' or 'category'
--   name_hash  UBIGINT  name_hash(name): the brand's, or the category code's
--   name       VARCHAR  the brand or the category code
--   code_hash  UBIGINT  for a category: the hash of the code seen on events that it is (or is above)
WITH names AS (
  SELECT DISTINCT 'brand' AS kind, name_hash(brand) AS name_hash, brand AS name, NULL::UBIGINT AS code_hash
  FROM rollup_products WHERE brand IS NOT NULL
  UNION ALL
  SELECT 'category', name_hash(level), level, name_hash(category_code)
  FROM (SELECT DISTINCT category_code, unnest(category_levels(category_code)) AS level FROM rollup_products WHERE category_code IS NOT NULL)
),
checked AS (
  SELECT *, count(DISTINCT name) OVER (PARTITION BY kind, name_hash) AS names FROM names
)
SELECT kind, name_hash, CASE WHEN names > 1 THEN error(format('two {} names share the hash {}: {}', kind, name_hash, name)) ELSE name END AS name, code_hash
FROM checked
