-- reengagement: the valuable customers slipping away, and a product to win each of them back
--
-- Buyers whose segment (customers) is "Can't lose them" or "At risk", by revenue (highest first), then
-- user_id. last_product_id is the product of their latest purchase event (of several at that time, the
-- greatest product_id); recommended_product_id the best-ranked also_bought product of last_product_id
-- that the user never purchased (NULL when there is none).
--
-- columns:
--   user_id                 BIGINT         buyer
--   segment                 VARCHAR        Can't lose them or At risk
--   last_purchase           TIMESTAMP      last purchase
--   recency_days            BIGINT         days from the UTC day of the last purchase to the data's last day
--   purchase_days           BIGINT         distinct UTC days with a purchase
--   revenue                 DECIMAL(38,2)  sum of price over purchases
--   last_product_id         BIGINT         product of the latest purchase event
--   recommended_product_id  BIGINT         product to offer (see above), or NULL
WITH slipping AS (
  SELECT user_id, segment, last_purchase, recency_days, purchase_days, revenue
  FROM customers
  WHERE segment IN ('Can''t lose them', 'At risk')
),
last_products AS (
  SELECT user_id, arg_max(product_id, (last_purchase, product_id)) AS last_product_id
  FROM buyer_products
  WHERE user_id IN (SELECT user_id FROM slipping)
  GROUP BY user_id
),
recommended AS (
  SELECT l.user_id, arg_min(a.other_product_id, a.rank) AS recommended_product_id
  FROM last_products l
  JOIN also_bought a ON a.product_id = l.last_product_id
  ANTI JOIN buyer_products b ON b.user_id = l.user_id AND b.product_id = a.other_product_id
  GROUP BY l.user_id
)
SELECT s.user_id, s.segment, s.last_purchase, s.recency_days, s.purchase_days, s.revenue, l.last_product_id, r.recommended_product_id
FROM slipping s
JOIN last_products l USING (user_id)
LEFT JOIN recommended r USING (user_id)
ORDER BY s.revenue DESC, s.user_id
