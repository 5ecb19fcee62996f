-- brand_groups: purchases and revenue per brand group (reference/brands.csv, column group) for the whole
-- period (month 'all') and each month: the sums of its member brands' (brand_daily)
--
-- A brand belongs to the group its entry names, matched exactly as the data writes the brand; brands
-- without an entry or without a group make one row with group NULL. Purchases without a brand are left
-- out, as in brand_daily. Users and sessions are not summed: a user of two brands of a group would count
-- twice, and counting them per group would mean reading the events again whenever the file changes.
--
-- columns:
--   month          VARCHAR        'all' or YYYY-MM
--   brand_group    VARCHAR        the group (NULL: brands without one)
--   brands         BIGINT         member brands with a purchase in the period
--   purchases      BIGINT         purchase events of its brands
--   revenue        DECIMAL(38,2)  sum of their price
--   revenue_share  DOUBLE         of the revenue of all purchases with a brand in the period (NULL when 0)
WITH grouped AS (
  SELECT strftime(d.day, '%Y-%m') AS month, r.brand_group, d.brand, d.purchases, d.revenue
  FROM brand_daily d
  LEFT JOIN ref_brands r ON r.brand = d.brand
),
periods AS (
  SELECT month, brand_group, brand, purchases, revenue FROM grouped
  UNION ALL
  SELECT 'all', brand_group, brand, purchases, revenue FROM grouped
)
SELECT
  month,
  brand_group,
  count(DISTINCT brand) AS brands,
  sum(purchases)::BIGINT AS purchases,
  sum(revenue) AS revenue,
  sum(revenue) / nullif(sum(sum(revenue)) OVER (PARTITION BY month), 0) AS revenue_share
FROM periods
GROUP BY month, brand_group
ORDER BY month = 'all' DESC, month, revenue DESC, brand_group NULLS LAST
