-- brand_index: every brand with a purchase, with its totals, for picking brands on the trends page
--
-- columns:
--   brand      VARCHAR        brand
--   purchases  BIGINT         purchase events
--   revenue    DECIMAL(38,2)  sum of their price
--   first_day  DATE           first day with a purchase
--   last_day   DATE           last day with a purchase
--   rank       BIGINT         1 = most revenue
--   shard      INTEGER        which file of daily series holds the brand (see brand_shard in macros.sql)
SELECT
  brand,
  sum(purchases)::BIGINT AS purchases,
  sum(revenue) AS revenue,
  min(day) AS first_day,
  max(day) AS last_day,
  row_number() OVER (ORDER BY sum(revenue) DESC, sum(purchases) DESC, brand) AS rank,
  brand_shard(brand) AS shard
FROM brand_daily
GROUP BY brand
ORDER BY rank
