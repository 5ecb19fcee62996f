-- rollup_dimension_days: per UTC day in the month, per brand and per category (category_code and
-- category_id): events, revenue and prices, for the drill-down views of brand groups and departments
-- (sql/models/dimension_days.sql)
--
-- The reference files (reference/brands.csv, categories.csv) say which brands make a group and which
-- categories a department; they change without the events changing, so the days are kept here by the
-- raw values the files name, and each build sums them per group and department. Two sets of rows, a
-- brand's and a category's (a row per brand and category together would be ten times as many). Prices:
-- over the events with a price above 0.
--
-- columns:
--   grouped_by     VARCHAR        'brand' (category_code and category_id NULL) or 'category' (brand NULL)
--   day            DATE           UTC day
--   brand          VARCHAR        brand (a 'brand' row with NULL: the events without one)
--   category_code  VARCHAR        category_code (NULL: none)
--   category_id    BIGINT         category_id
--   views          BIGINT         view events
--   carts          BIGINT         cart events
--   purchases      BIGINT         purchase events
--   removes        BIGINT         remove_from_cart events
--   events         BIGINT         all events
--   revenue        DECIMAL(38,2)  sum of price over purchase events
--   price_min      DECIMAL(10,2)  lowest price above 0 (NULL: none)
--   price_max      DECIMAL(10,2)  highest price above 0
--   price_sum      DECIMAL(38,2)  sum of the prices above 0
--   priced         BIGINT         events with a price above 0
SELECT
  CASE WHEN grouping(brand) = 0 THEN 'brand' ELSE 'category' END AS grouped_by,
  event_time::DATE AS day, brand, category_code, category_id, unnest(day_figures(event_type, price))
FROM events
GROUP BY GROUPING SETS ((day, brand), (day, category_code, category_id))
ORDER BY grouped_by, day, brand, category_code, category_id
