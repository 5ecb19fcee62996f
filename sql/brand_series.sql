-- brand_series: every brand's daily purchases and revenue as lists, for the brand trends page
--
-- One row per brand with a purchase, best first, as in brand_index. Days are counted from `origin`, the
-- first day of the data (the same on every row), which keeps the page's files small. The page loads the
-- top brands' rows first, and the row of any other brand from the file of its shard.
--
-- columns:
--   brand      VARCHAR          brand, as the data writes it
--   label      VARCHAR          its display name in reference/brands.csv, else the brand itself (the page
--                               shows one line per label: raw brands with the same display name add up)
--   rank       BIGINT           as in brand_index: 1 = most revenue
--   shard      INTEGER          as in brand_index
--   origin     DATE             first day of the data
--   days       BIGINT[]         days with a purchase of the brand, as days after origin
--   purchases  BIGINT[]         purchases on each of those days
--   revenue    DECIMAL(38,2)[]  revenue on each of those days
SELECT
  i.brand,
  coalesce(r.display_name, i.brand) AS label,
  i.rank,
  i.shard,
  o.origin,
  list(d.day - o.origin ORDER BY d.day) AS days,
  list(d.purchases ORDER BY d.day) AS purchases,
  list(d.revenue ORDER BY d.day) AS revenue
FROM brand_index i
JOIN brand_daily d USING (brand)
CROSS JOIN (SELECT min(day) AS origin FROM daily) o
LEFT JOIN ref_brands r ON r.brand = i.brand
GROUP BY i.brand, r.display_name, i.rank, i.shard, o.origin
ORDER BY i.rank
