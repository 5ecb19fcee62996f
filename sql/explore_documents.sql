-- explore_documents: the data of each drill-down view (product, brand, category, brand group,
-- department), one JSON document each
--
-- The build writes them into files of a few dozen documents (dist/explore/<kind>/<shard>.json, the shard
-- from explore_index; see data-loaders/site/explore.ts); the pages product.md, brand.md, category.md,
-- brand-group.md and department.md load the one file that holds the entity asked for. Entities as in rollup_entity_days: every product, every non-empty brand,
-- every category_code at every level ('electronics.audio' holds 'electronics.audio.headphone'), and the
-- category_id of events without a code (kind 'category_id'); and every brand group and department of the
-- reference files, with the events dimension_leaderboard counts for them (sql/models/dimension_days.sql). Names
-- are data, to be shown as text.
--
-- Computed for one range of entity_hash at a time (range_low, range_high: see RANGED_SNAPSHOTS in
-- data-loaders/snapshots/snapshots.ts): the documents of every entity at once would not fit in memory.
--
-- A document holds: `days`, one list of numbers per day with an event (a product's: per week part, see
-- rollup_entity_days; `grain` says which), in the order of `day_columns` (day as days since 1970-01-01,
-- views, carts, purchases, removes, events, revenue, price_min, price_max, price_sum, priced: prices over
-- the events with a price above 0);
-- `months`, a list per column: each month, its distinct users and non-empty sessions, by what the
-- session did with the entity (rollup_product_months and the like: a user or session seen in two months
-- counts in each, so months are not added); NULL for a brand group or department, whose users cannot be
-- added up from its brands' or categories' (a user of two of them would count twice);
-- the top 10 products, brands and categories and a category's sub-categories
-- (sql/models/entity_top_lists.sql); for a category the code above it (`parent`); for a product its brand
-- and category_code (as in `products`) and its recommendations (the data API's document,
-- sql/api_recommendations.sql); for a brand its group (`brand_group`), for a category its `department`
-- (reference/*.csv).
--
-- columns:
--   kind      VARCHAR        'product', 'brand', 'category', 'category_id', 'brand_group' or 'department'
--   key       VARCHAR        product id, brand, category code, category id, group or department, as text
--   label     VARCHAR        what the view is called: a product's label (product_names), a brand's or category's
--                            display name (reference/*.csv), else the key
--   events    BIGINT         all events of the entity
--   purchases BIGINT         its purchase events
--   revenue   DECIMAL(38,2)  sum of price over them
--   document  JSON           the view's data, as above
WITH totals AS (
  SELECT
    kind, key, sum(events)::BIGINT AS events, sum(purchases)::BIGINT AS purchases, sum(revenue) AS revenue,
    -- each month's days are JSON text already (rollup_entity_days): joined in month order
    '[' || array_to_string(list_transform(list_sort(list({'month': month, 'days': days})), m -> m.days), ',') || ']' AS days
  FROM rollup_entity_days
  WHERE in_range(entity_hash)
  GROUP BY ALL
),
dimension_totals AS (
  SELECT kind, key, sum(events)::BIGINT AS events, sum(purchases)::BIGINT AS purchases, sum(revenue) AS revenue,
    '[' || days_json(list({'day': day, 'row': day_json(day, views, carts, purchases, removes, events, revenue, price_min, price_max, price_sum, priced)})) || ']' AS days
  FROM dimension_days
  WHERE in_range(entity_hash(kind, key))
  GROUP BY kind, key
),
months AS (
  -- a list per column (the names once, not once a month)
  SELECT kind, key, {
    'month': list(month ORDER BY month), 'users': list(users ORDER BY month), 'sessions': list(sessions ORDER BY month),
    'view_sessions': list(view_sessions ORDER BY month), 'cart_sessions': list(cart_sessions ORDER BY month),
    'purchase_sessions': list(purchase_sessions ORDER BY month), 'abandoned_sessions': list(abandoned_sessions ORDER BY month)
  } AS months
  FROM (
    SELECT * FROM rollup_product_months UNION ALL SELECT * FROM rollup_brand_months
    UNION ALL SELECT * FROM rollup_category_months UNION ALL SELECT * FROM rollup_category_id_months
  )
  WHERE in_range(entity_hash)
  GROUP BY ALL
),
products_of_range AS (
  SELECT 'product' AS kind, p.product_id::VARCHAR AS key, n.label AS product_label,
    p.brand, p.category_code, r.document AS recommendations
  FROM products p
  JOIN product_names n USING (product_id)
  LEFT JOIN api_recommendations r USING (product_id)
  WHERE in_range(entity_hash('product', p.product_id::VARCHAR))
),
top_lists AS (
  SELECT * FROM entity_top_lists WHERE in_range(entity_hash(kind, key))
),
documents AS (
  SELECT
    t.kind,
    t.key,
    -- the reference files' display names (reference/*.csv) where they have one
    CASE t.kind
      WHEN 'product' THEN p.product_label
      WHEN 'brand' THEN coalesce(rb.display_name, t.key)
      WHEN 'category' THEN coalesce(rc.display_name, t.key)
      WHEN 'category_id' THEN coalesce(ri.display_name, 'category ' || t.key || ' (no category_code)')
      ELSE t.key
    END AS label,
    t.events, t.purchases, t.revenue,
    to_json({
      'kind': t.kind, 'key': t.key, 'label': label,
      'parent': CASE WHEN t.kind = 'category' THEN category_parent(t.key) END,
      'brand': p.brand, 'category_code': p.category_code,
      'brand_group': rb.brand_group, 'department': coalesce(rc.department, ri.department),
      'months': m.months,
      'top_products': tl.top_products, 'top_brands': tl.top_brands, 'top_categories': tl.top_categories,
      'children': tl.children, 'recommendations': p.recommendations,
      'grain': CASE t.kind WHEN 'product' THEN 'week' ELSE 'day' END,
      'day_columns': ['day', 'views', 'carts', 'purchases', 'removes', 'events', 'revenue', 'price_min', 'price_max', 'price_sum', 'priced']
    })::VARCHAR AS head,
    t.days
  FROM (SELECT * FROM totals UNION ALL SELECT * FROM dimension_totals) t
  LEFT JOIN months m USING (kind, key)
  LEFT JOIN products_of_range p USING (kind, key)
  LEFT JOIN top_lists tl USING (kind, key)
  LEFT JOIN ref_brands rb ON t.kind = 'brand' AND rb.brand = t.key
  LEFT JOIN ref_categories rc ON t.kind = 'category' AND rc.category_code = t.key
  LEFT JOIN ref_categories ri ON t.kind = 'category_id' AND ri.category_id::VARCHAR = t.key
)
-- the days are JSON text already: added to the rest as text, not parsed and written again
SELECT kind, key, label, events, purchases, revenue, (rtrim(head, '}') || ',"days":' || days || '}')::JSON AS document
FROM documents
ORDER BY kind, key
