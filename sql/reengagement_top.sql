-- reengagement_top: the first 100 customers of the win-back list, with what their products are called
--
-- The top of reengagement (same order), for the Win back page; the whole list is a download.
--
-- columns:
--   position                   BIGINT         1 to 100, in the order of reengagement
--   user_id                    BIGINT         buyer
--   segment                    VARCHAR        Can't lose them or At risk
--   last_purchase              TIMESTAMP      last purchase
--   recency_days               BIGINT         days from the UTC day of the last purchase to the data's last day
--   purchase_days              BIGINT         distinct UTC days with a purchase
--   revenue                    DECIMAL(38,2)  sum of price over purchases
--   last_product_id            BIGINT         product of the latest purchase event
--   last_product_label         VARCHAR        its label: its name, else its brand and category (product_names)
--   recommended_product_id     BIGINT         product to offer, or NULL
--   recommended_product_label  VARCHAR        its label (product_names), or NULL
WITH top AS (
  SELECT row_number() OVER (ORDER BY revenue DESC, user_id) AS position, *
  FROM reengagement
  QUALIFY position <= 100
)
SELECT
  t.position, t.user_id, t.segment, t.last_purchase, t.recency_days, t.purchase_days, t.revenue,
  t.last_product_id, l.label AS last_product_label,
  t.recommended_product_id, r.label AS recommended_product_label
FROM top t
LEFT JOIN product_names l ON l.product_id = t.last_product_id
LEFT JOIN product_names r ON r.product_id = t.recommended_product_id
ORDER BY t.position
