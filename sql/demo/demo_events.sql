-- demo_events: the demo dataset's events of one month (part 3 of 3): the events of the sessions in
-- demo_sessions that fall in the month.
WITH event_numbers AS (
  SELECT *, unnest(range(n_events)) AS j FROM demo_sessions
),
events AS (
  SELECT
    *,
    i * 64 + j AS k,
    CASE
      WHEN buys AND j = n_events - 1 THEN 'purchase'
      WHEN buys AND j = n_events - 2 AND carts_first THEN 'cart'
      WHEN NOT buys AND j > 0 AND rnd(i * 64 + j, 20) < 0.029 THEN 'cart'
      ELSE 'view'
    END AS event_type
  FROM event_numbers
),
drawn AS (
  SELECT
    started + to_microseconds((floor(j * gap + rnd(k, 21) * 0.9 * gap) * 1000000)::BIGINT) AS event_time,
    event_type,
    CASE WHEN event_type <> 'view' OR rnd(k, 22) < 0.35 THEN focus_rank
      ELSE zipf(rnd(k, 23), getvariable('products'), 20)
    END AS product_rank,
    k,
    CASE WHEN second_user_id IS NOT NULL AND j % 2 = 1 THEN second_user_id ELSE user_id END AS user_id,
    user_session,
    -- a cart row is now and then logged dozens of times in the same second; any row, rarely, twice
    CASE
      WHEN event_type = 'cart' AND rnd(k, 24) < 0.00016 THEN 10 + floor(sqrt(rnd(k, 25)) * 69)::INTEGER
      WHEN rnd(k, 26) < 0.00115 THEN 2
      ELSE 1
    END AS copies
  FROM events
),
rows AS (
  SELECT
    d.event_time,
    d.event_type,
    p.product_id,
    c.category_id,
    CASE WHEN rnd(d.k, 27) >= 0.01 THEN c.category_code END AS category_code,
    CASE WHEN rnd(d.k, 28) >= 0.01 THEN b.brand END AS brand,
    -- prices move a little from month to month; a few rows carry price 0
    CASE WHEN rnd(d.k, 29) < 0.0016 THEN 0
      ELSE round(p.base_price * (0.95 + 0.1 * rnd(p.product_rank * 4096 + month(d.event_time), 30)), 2)
    END::DECIMAL(10, 2) AS price,
    d.user_id,
    d.user_session,
    d.copies
  FROM drawn d
  JOIN demo_products p ON p.product_rank = d.product_rank
  JOIN demo_categories c ON c.category_rank = p.category_rank
  LEFT JOIN demo_brands b ON b.brand_rank = p.brand_rank
  WHERE d.event_time >= getvariable('month_start') AND d.event_time < getvariable('month_end')
),
copied AS (
  SELECT *, unnest(range(copies)) FROM rows
)
SELECT event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session
FROM copied
