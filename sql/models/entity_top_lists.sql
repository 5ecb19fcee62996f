-- entity_top_lists: the top lists of the drill-down views, per brand, category, brand group and
-- department: for sql/explore_documents.sql
--
-- Over all months, by revenue, then purchases, then views (most first), then the name or id: the top 10
-- products of each; the top 10 brands of a category (or category id), group or department; the top 10
-- categories (category_code) of a brand, group or department; and a category's sub-categories (the codes
-- one level below it, all of them). A category counts the events of every code below it; a group or
-- department the events dimension_leaderboard counts for it. Made once for all entities, not once per
-- range of explore_documents.
--
-- columns:
--   kind            VARCHAR  'brand', 'category', 'category_id', 'brand_group' or 'department'
--   key             VARCHAR  brand, category code, category id, group or department, as text
--   top_products    STRUCT[] product_id, label, views, purchases, revenue (NULL when none)
--   top_brands      STRUCT[] brand, views, purchases, revenue
--   top_categories  STRUCT[] category_code, views, purchases, revenue
--   children        STRUCT[] category_code, events, views, purchases, revenue
WITH items AS (
  -- every (product, brand, category) combination seen, with its totals over all months
  SELECT product_id, brand, category_code, category_id, sum(views)::BIGINT AS views, sum(purchases)::BIGINT AS purchases, sum(revenue) AS revenue
  FROM rollup_products
  GROUP BY ALL
),
memberships AS (
  -- which brand and categories each item counts for
  SELECT * FROM (
    SELECT 'brand' AS kind, brand AS key, * FROM items WHERE brand IS NOT NULL
    UNION ALL
    SELECT 'category', unnest(category_levels(category_code)), * FROM items WHERE category_code IS NOT NULL
    UNION ALL
    SELECT 'category_id', category_id::VARCHAR, * FROM items WHERE category_id IS NOT NULL
    UNION ALL
    SELECT 'brand_group', rb.brand_group, i.* FROM items i JOIN ref_brands rb USING (brand) WHERE rb.brand_group IS NOT NULL
    UNION ALL
    SELECT 'department', coalesce(rc.department, ri.department), i.*
    FROM items i
    LEFT JOIN ref_categories rc ON rc.category_code = i.category_code
    LEFT JOIN ref_categories ri ON ri.category_id = i.category_id
    WHERE coalesce(rc.department, ri.department) IS NOT NULL
  )
),
labels AS (
  SELECT p.product_id, p.brand, p.category_code, n.label FROM products p JOIN product_names n USING (product_id)
),
top_products AS (
  SELECT kind, key, list({'product_id': product_id, 'label': label, 'views': views, 'purchases': purchases, 'revenue': revenue}
    ORDER BY revenue DESC, purchases DESC, views DESC, product_id) AS top_products
  FROM (
    SELECT kind, key, product_id, sum(views)::BIGINT AS views, sum(purchases)::BIGINT AS purchases, sum(revenue) AS revenue
    FROM memberships GROUP BY kind, key, product_id
    QUALIFY row_number() OVER (PARTITION BY kind, key ORDER BY sum(revenue) DESC, sum(purchases) DESC, sum(views) DESC, product_id) <= 10
  )
  JOIN labels USING (product_id)
  GROUP BY ALL
),
top_brands AS (
  SELECT kind, key, list({'brand': brand, 'views': views, 'purchases': purchases, 'revenue': revenue}
    ORDER BY revenue DESC, purchases DESC, views DESC, brand) AS top_brands
  FROM (
    SELECT kind, key, brand, sum(views)::BIGINT AS views, sum(purchases)::BIGINT AS purchases, sum(revenue) AS revenue
    FROM memberships WHERE kind <> 'brand' AND brand IS NOT NULL GROUP BY kind, key, brand
    QUALIFY row_number() OVER (PARTITION BY kind, key ORDER BY sum(revenue) DESC, sum(purchases) DESC, sum(views) DESC, brand) <= 10
  )
  GROUP BY ALL
),
top_categories AS (
  SELECT kind, key, list({'category_code': category_code, 'views': views, 'purchases': purchases, 'revenue': revenue}
    ORDER BY revenue DESC, purchases DESC, views DESC, category_code) AS top_categories
  FROM (
    SELECT kind, key, category_code, sum(views)::BIGINT AS views, sum(purchases)::BIGINT AS purchases, sum(revenue) AS revenue
    FROM memberships WHERE kind IN ('brand', 'brand_group', 'department') AND category_code IS NOT NULL GROUP BY kind, key, category_code
    QUALIFY row_number() OVER (PARTITION BY kind, key ORDER BY sum(revenue) DESC, sum(purchases) DESC, sum(views) DESC, category_code) <= 10
  )
  GROUP BY ALL
),
children AS (
  SELECT 'category' AS kind, category_parent(key) AS key, list({'category_code': key, 'events': events, 'views': views, 'purchases': purchases, 'revenue': revenue}
    ORDER BY revenue DESC, purchases DESC, events DESC, key) AS children
  FROM (
    SELECT key, sum(events)::BIGINT AS events, sum(views)::BIGINT AS views, sum(purchases)::BIGINT AS purchases, sum(revenue) AS revenue
    FROM rollup_entity_days
    WHERE kind = 'category' AND contains(key, '.')
    GROUP BY key
  )
  GROUP BY ALL
)
SELECT kind, key, tp.top_products, tb.top_brands, tc.top_categories, c.children
FROM top_products tp
FULL JOIN top_brands tb USING (kind, key)
FULL JOIN top_categories tc USING (kind, key)
FULL JOIN children c USING (kind, key)
