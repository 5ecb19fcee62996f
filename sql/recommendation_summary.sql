-- recommendation_summary: how many buyers and products the recommendations cover (one row)
--
-- columns:
--   buyers                      BIGINT  distinct buyers
--   capped_buyers               BIGINT  of them, buyers left out of the also_bought pairs (more distinct products than the cap)
--   max_products_per_user       BIGINT  the cap (recommendations.maxProductsPerUser)
--   products_also_bought        BIGINT  products with at least one also_bought row
--   products_viewed_then_bought BIGINT  products with at least one viewed_then_bought row
--   reengagement_buyers         BIGINT  rows of reengagement
--   reengagement_recommended    BIGINT  of them, buyers with a recommended product
SELECT
  (SELECT count(DISTINCT user_id) FROM buyer_products) AS buyers,
  (SELECT count(DISTINCT user_id) FROM buyer_products WHERE capped) AS capped_buyers,
  getvariable('recommendations_max_products_per_user')::BIGINT AS max_products_per_user,
  (SELECT count(DISTINCT product_id) FROM also_bought) AS products_also_bought,
  (SELECT count(DISTINCT product_id) FROM viewed_then_bought) AS products_viewed_then_bought,
  (SELECT count(*) FROM reengagement) AS reengagement_buyers,
  (SELECT count(recommended_product_id) FROM reengagement) AS reengagement_recommended
