-- buyer_products: every buyer with every product they purchased, once, over all months
--
-- From rollup_user_products. capped marks the buyers of more distinct products than
-- recommendations.maxProductsPerUser (clickstream.config.json), whom also_bought leaves out of its pairs.
--
-- columns:
--   user_id        BIGINT     buyer
--   product_id     BIGINT     product they purchased
--   last_purchase  TIMESTAMP  their last purchase of it
--   capped         BOOLEAN    the buyer purchased more distinct products than the cap
SELECT user_id, product_id, last_purchase, count(*) OVER (PARTITION BY user_id) > getvariable('recommendations_max_products_per_user') AS capped
FROM (SELECT user_id, product_id, max(last_purchase) AS last_purchase FROM rollup_user_products GROUP BY ALL)
