-- also_bought: for each product, the products its buyers also bought (top 10)
--
-- Over all months: users_both counts the distinct users who purchased both products (in any months,
-- in any order); users_product the distinct buyers of product_id. confidence = users_both /
-- users_product; lift = confidence / (buyers of other_product_id / all buyers): above 1, buyers of
-- product_id buy other_product_id more often than buyers at large. Buyers of more than
-- recommendations.maxProductsPerUser distinct products (clickstream.config.json, default 50) are left
-- out of users_both only (they would pair everything with everything); users_product and the buyer
-- counts of the lift count every buyer (recommendation_summary says how many were left out). Pairs
-- need users_both of at least recommendations.minUsers (default 2); per product the top 10 by
-- users_both (most first), then lift (highest first), then other_product_id (lowest first).
--
-- columns:
--   product_id        BIGINT  product
--   other_product_id  BIGINT  another product bought by its buyers
--   users_both        BIGINT  distinct users (within the cap) who purchased both
--   users_product     BIGINT  distinct buyers of product_id
--   confidence        DOUBLE  users_both / users_product
--   lift              DOUBLE  confidence / (distinct buyers of other_product_id / all buyers)
--   rank              BIGINT  1 to 10 within product_id
WITH pairs AS (
  SELECT a.product_id, b.product_id AS other_product_id, count(*) AS users_both
  FROM buyer_products a
  JOIN buyer_products b ON b.user_id = a.user_id AND b.product_id <> a.product_id
  WHERE NOT a.capped AND NOT b.capped
  GROUP BY ALL
  HAVING count(*) >= getvariable('recommendations_min_users')
),
product_buyers AS (
  SELECT product_id, count(*) AS buyers FROM buyer_products GROUP BY product_id
),
everyone AS (
  SELECT count(DISTINCT user_id) AS buyers FROM buyer_products
),
scored AS (
  SELECT
    p.product_id, p.other_product_id, p.users_both, x.buyers AS users_product, p.users_both / x.buyers AS confidence,
    -- one division of exact integers, so that equal lifts are equal doubles and tie as they should
    (p.users_both * e.buyers) / (x.buyers * y.buyers) AS lift
  FROM pairs p
  JOIN product_buyers x ON x.product_id = p.product_id
  JOIN product_buyers y ON y.product_id = p.other_product_id
  CROSS JOIN everyone e
)
SELECT *, row_number() OVER (PARTITION BY product_id ORDER BY users_both DESC, lift DESC, other_product_id) AS rank
FROM scored
QUALIFY rank <= 10
ORDER BY product_id, rank
