-- segments: the RFM segments of the buyers, with their size, revenue and what sets them apart
--
-- From customers. Shares are of all buyers and of all buyers' revenue. A segment without customers is
-- left out.
--
-- columns:
--   segment             VARCHAR        RFM segment
--   customers           BIGINT         buyers in the segment
--   customer_share      DOUBLE         customers / all buyers
--   revenue             DECIMAL(38,2)  their revenue
--   revenue_share       DOUBLE         revenue / all buyers' revenue
--   mean_recency_days   DOUBLE         mean days since their last purchase
--   mean_purchase_days  DOUBLE         mean days with a purchase
--   mean_revenue        DOUBLE         mean revenue per buyer
--   display_order       INTEGER        1 to 9, the order of rfm_segments in sql/macros.sql
--   meaning             VARCHAR        what the segment holds, in words
WITH per_segment AS (
  SELECT
    segment, count(*) AS customers, sum(revenue) AS revenue,
    avg(recency_days) AS mean_recency_days, avg(purchase_days) AS mean_purchase_days, avg(revenue)::DOUBLE AS mean_revenue
  FROM customers
  GROUP BY segment
)
SELECT
  p.segment, p.customers, p.customers / sum(p.customers) OVER () AS customer_share,
  p.revenue, CASE WHEN sum(p.revenue) OVER () > 0 THEN (p.revenue / sum(p.revenue) OVER ())::DOUBLE ELSE 0 END AS revenue_share,
  p.mean_recency_days, p.mean_purchase_days, p.mean_revenue, s.display_order::INTEGER AS display_order, s.meaning
FROM per_segment p
JOIN rfm_segments() s USING (segment)
ORDER BY s.display_order
