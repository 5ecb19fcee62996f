-- customers: every buyer with recency, frequency and money, their RFM scores and segment
--
-- A buyer is a user with a purchase event in the data. Recency counts days from the UTC day of the
-- last purchase to the data's last day. Scores run from 1 to 5:
-- r_score from recency_days against the buyers' quintiles q20, q40, q60, q80: 5 when at most q20, 4 at
-- most q40, 3 at most q60, 2 at most q80, else 1; m_score from revenue against its quintiles the other
-- way round: 1 when at most q20 ... 5 above q80. A quantile is the nearest-rank value, the ceil(p x n)-th
-- smallest of the n buyers' values (quantile_disc). f_score from purchase_days by the cut points
-- rfm.frequency of clickstream.config.json (default 1, 2, 3, 5): 1 when at most 1, 2 at most 2, 3 at most
-- 3, 4 at most 5, else 5. The segment follows from the scores (rfm_segment in sql/macros.sql).
--
-- columns:
--   user_id         BIGINT         buyer
--   first_purchase  TIMESTAMP      first purchase
--   last_purchase   TIMESTAMP      last purchase
--   recency_days    BIGINT         days from the UTC day of the last purchase to the data's last day
--   purchase_days   BIGINT         distinct UTC days with a purchase
--   purchases       BIGINT         purchase events, exact duplicate rows included
--   revenue         DECIMAL(38,2)  sum of price over purchases, exact
--   r_score         INTEGER        recency score, 5 = most recent
--   f_score         INTEGER        frequency score, 5 = most purchase days
--   m_score         INTEGER        monetary score, 5 = most revenue
--   segment         VARCHAR        RFM segment, as listed in segments
WITH purchases AS (
  -- from the buyers' months only (rollup_user_months with a purchase)
  SELECT
    user_id, min(first_purchase) AS first_purchase, max(last_purchase) AS last_purchase,
    sum(bit_count(purchase_days))::BIGINT AS purchase_days, sum(purchases)::BIGINT AS purchases, sum(revenue) AS revenue
  FROM rollup_user_months
  WHERE purchases > 0
  GROUP BY user_id
),
buyers AS (
  SELECT p.user_id, p.first_purchase, p.last_purchase, d.last_day - p.last_purchase::DATE AS recency_days, p.purchase_days, p.purchases, p.revenue
  FROM purchases p, data_span d
),
quintiles AS (
  SELECT quantile_disc(recency_days, [0.2, 0.4, 0.6, 0.8]) AS recency, quantile_disc(revenue, [0.2, 0.4, 0.6, 0.8]) AS revenue
  FROM buyers
),
scored AS (
  SELECT
    b.*,
    (6 - score_up(b.recency_days, q.recency))::INTEGER AS r_score,
    score_up(b.purchase_days, getvariable('rfm_frequency'))::INTEGER AS f_score,
    score_up(b.revenue, q.revenue)::INTEGER AS m_score
  FROM buyers b, quintiles q
)
SELECT
  user_id, first_purchase, last_purchase, recency_days, purchase_days, purchases, revenue, r_score, f_score, m_score,
  rfm_segment(r_score, f_score, m_score) AS segment
FROM scored
ORDER BY user_id
