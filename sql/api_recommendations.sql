-- api_recommendations: the static data API's document for each product with a recommendation
--
-- One JSON document per product that has an also_bought or a viewed_then_bought row, written by the
-- build as dist/api/recommendations/<product_id>.json (see the README). Each recommended product comes
-- with its label (product_names: its name from reference/products.csv, else its brand and category);
-- labels are data, to be shown as text.
--
-- columns:
--   product_id  BIGINT  product
--   document    JSON    {product_id, label, also_bought: [{product_id, label, users_both, confidence, lift, rank}],
--                       viewed_then_bought: [{product_id, label, sessions_both, share, rank}]}
WITH labels AS (
  SELECT product_id, label FROM product_names
),
also AS (
  SELECT a.product_id, a.users_product,
    list({'product_id': a.other_product_id, 'label': l.label, 'users_both': a.users_both, 'confidence': round(a.confidence, 6), 'lift': round(a.lift, 6), 'rank': a.rank} ORDER BY a.rank) AS items
  FROM also_bought a
  JOIN labels l ON l.product_id = a.other_product_id
  GROUP BY a.product_id, a.users_product
),
viewed AS (
  SELECT v.product_id, v.sessions_viewed,
    list({'product_id': v.other_product_id, 'label': l.label, 'sessions_both': v.sessions_both, 'share': round(v.share, 6), 'rank': v.rank} ORDER BY v.rank) AS items
  FROM viewed_then_bought v
  JOIN labels l ON l.product_id = v.other_product_id
  GROUP BY v.product_id, v.sessions_viewed
)
SELECT
  product_id,
  to_json({
    'product_id': product_id, 'label': l.label,
    'buyers': coalesce(a.users_product, 0), 'also_bought': coalesce(a.items, []),
    'sessions_viewed': v.sessions_viewed, 'viewed_then_bought': coalesce(v.items, [])
  }) AS document
FROM also a
FULL JOIN viewed v USING (product_id)
JOIN labels l USING (product_id)
ORDER BY product_id
