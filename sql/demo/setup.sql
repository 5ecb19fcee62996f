-- setup: the demo dataset's world (part 1 of 3), drawn once: the macros rnd, rnorm, zipf and scramble, and
-- the tables demo_hours, demo_category_codes, demo_categories, demo_brands and demo_products.
--
-- Every random draw is a pure function of (seed, a key, a salt), so the same seed and size give the
-- same rows whatever the thread count. Variables set by data-loaders/demo/generate.ts before this runs:
--   seed_hash   UBIGINT  hash of the --seed
--   sessions    BIGINT   how many sessions the whole dataset has (about events / 4.75)
--   products, brands, categories, users   BIGINT  sizes of the catalogue and the audience
--
-- The shape follows the real REES46 export (../shared/notes/reference-figures.md); the target figures
-- live in data-loaders/demo/targets.ts and are printed next to the measured ones after generation.

-- uniform draw in [0, 1) for a key and a salt; one argument to hash() keeps the streams independent
CREATE OR REPLACE TEMP MACRO rnd(key, salt) AS
  xor(hash(key * 64 + salt), getvariable('seed_hash')) / 18446744073709551616.0;

-- standard normal draw (Box-Muller) from two uniform streams
CREATE OR REPLACE TEMP MACRO rnorm(key, salt) AS
  sqrt(-2 * ln(1 - rnd(key, salt))) * cos(2 * pi() * rnd(key, salt + 1));

-- Zipf-like rank in 1..n (Zipf-Mandelbrot, exponent 1, offset q): rank 1 is the most popular
CREATE OR REPLACE TEMP MACRO zipf(u, n, q) AS
  least(n, greatest(1, floor(q * pow((n + q) / q, u) - q)::BIGINT + 1));

-- a bijection of 0..99999988 onto itself, so ids look scattered but never collide
CREATE OR REPLACE TEMP MACRO scramble(r) AS (r * 48271) % 99999989;

-- Hours of the whole period with a weight each: monthly volumes of the real export, a daily rhythm
-- (quiet at night, peak mid-afternoon UTC), busier weekends, and the 15-17 November sale.
CREATE OR REPLACE TEMP TABLE demo_hours AS
WITH hours AS (
  SELECT unnest(generate_series(TIMESTAMP '2019-10-01', TIMESTAMP '2020-04-30 23:00:00', INTERVAL 1 HOUR)) AS hour_start
),
weighted AS (
  SELECT
    hour_start,
    CASE strftime(hour_start, '%Y-%m')
      WHEN '2019-10' THEN 42.4 WHEN '2019-11' THEN 67.5 WHEN '2019-12' THEN 67.5
      WHEN '2020-01' THEN 56.0 WHEN '2020-02' THEN 55.3 WHEN '2020-03' THEN 56.3 ELSE 66.6
    END / (24 * day(last_day(hour_start)))                                     -- share of the month
    * (0.35 + 0.65 * pow(sin(pi() * (hour(hour_start) + 19) / 24), 2))      -- daily rhythm
    * CASE WHEN dayofweek(hour_start) IN (0, 6) THEN 1.15 ELSE 1.0 END        -- weekly rhythm
    * CASE strftime(hour_start, '%m-%d')
        WHEN '11-17' THEN 2.0 WHEN '11-16' THEN 1.3 WHEN '11-15' THEN 1.3 ELSE 1.0
      END AS weight
  FROM hours
)
-- session i belongs to the hour whose share of the cumulative weight holds (i + 0.5) / sessions
SELECT
  hour_start,
  ceil(coalesce(sum(weight) OVER (ORDER BY hour_start ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
    / sum(weight) OVER () * getvariable('sessions') - 0.5)::BIGINT AS first_session,
  ceil(sum(weight) OVER (ORDER BY hour_start) / sum(weight) OVER () * getvariable('sessions') - 0.5)::BIGINT
    AS end_session,
  -- the sale raises the share of sessions that buy (with twice the visits, about 7 times the purchases)
  CASE strftime(hour_start, '%m-%d') WHEN '11-17' THEN 2.8 WHEN '11-16' THEN 1.5 WHEN '11-15' THEN 1.5 ELSE 1.0 END
    AS purchase_lift
FROM weighted;

-- Category codes of the real export's kind; category ids beyond this list have no code (about 31%
-- of products are placed in those, so about 32% of rows have an empty category_code).
CREATE OR REPLACE TEMP TABLE demo_category_codes AS
SELECT row_number() OVER () AS code_rank, code
FROM (SELECT unnest([
  'electronics.smartphone', 'electronics.audio.headphone', 'electronics.video.tv', 'computers.notebook',
  'appliances.kitchen.washer', 'appliances.kitchen.refrigerators', 'appliances.environment.vacuum',
  'electronics.clocks', 'computers.desktop', 'electronics.tablet', 'apparel.shoes', 'furniture.living_room.sofa',
  'appliances.kitchen.microwave', 'electronics.audio.subwoofer', 'auto.accessories.player', 'kids.toys',
  'computers.peripherals.printer', 'appliances.personal.hair_cutter', 'construction.tools.drill',
  'apparel.shoes.keds', 'sport.bicycle', 'furniture.bedroom.bed', 'electronics.camera.photo',
  'appliances.iron', 'computers.components.videocards', 'accessories.bag', 'appliances.kitchen.kettle',
  'electronics.telephone', 'country_yard.lawn_mower', 'medicine.tools.tonometer', 'stationery.cartrige',
  'apparel.jeans', 'auto.accessories.videoregister', 'kids.carriage', 'appliances.environment.air_heater'
]) AS code);

CREATE OR REPLACE TEMP TABLE demo_categories AS
SELECT
  c AS category_rank,
  2053013550000000000 + scramble(c) * 7 AS category_id,
  -- the first 40% of category ranks carry a code (a few share one, as in the real export)
  CASE WHEN c <= ceil(getvariable('categories') * 0.4)
    THEN (SELECT code FROM demo_category_codes WHERE code_rank = 1 + (c - 1) % 35)
  END AS category_code
FROM range(1, getvariable('categories') + 1) t(c);

-- Brand names: a few real-looking ones, a few that test escaping, quoting and spreadsheet formulas in
-- downloads, then made-up words.
CREATE OR REPLACE TEMP TABLE demo_brands AS
WITH named AS (
  SELECT row_number() OVER () AS brand_rank, name
  FROM (SELECT unnest([
    'samsung', 'apple', 'xiaomi', 'huawei', 'lucente', 'lg', 'bosch', 'sony', 'oppo', 'lenovo',
    'acer', 'respect', 'artel', 'cordiant', 'indesit', 'l''oréal', '"quoted", comma',
    '<img src=x onerror=alert(1)>', 'müller & söhne', '東芝', '=HYPERLINK("http://example.com","x")', '@sum'
  ]) AS name)
)
SELECT
  b AS brand_rank,
  coalesce(named.name,
    ['ka', 'lo', 'mi', 'ter', 'vo', 'zen', 'ra', 'nu', 'sol', 'bri', 'dex', 'fa'][1 + b % 12]
    || ['na', 'ro', 'tek', 'li', 'vi', 'mar', 'to', 'sa', 'ne', 'quo', 'ba'][1 + (b // 12) % 11]
    || CASE WHEN b >= 132 THEN ['x', 'ta', 'on', 'is', 'el', 'ko', 'um'][1 + (b // 132) % 7] ELSE '' END
    || CASE WHEN b >= 924 THEN (b // 924)::VARCHAR ELSE '' END) AS brand
FROM range(1, getvariable('brands') + 1) t(b)
LEFT JOIN named ON named.brand_rank = b;

-- Products, by popularity rank. Whether a product lacks a brand or a category code is spread evenly over
-- the ranks (13 and 31 of every 100), so the share of rows stays near the target whatever the seed.
CREATE OR REPLACE TEMP TABLE demo_products AS
WITH p AS (
  SELECT
    r AS product_rank,
    1000000 + scramble(r) AS product_id,
    (r * 7) % 100 < 13 AS no_brand,
    (r * 37 + 11) % 100 < 31 AS no_category_code,
    -- log-normal base price, median about 90, capped at the real export's maximum
    least(2574.07, round(exp(4.5 + 1.1 * rnorm(r, 1)), 2)) AS base_price,
    rnd(r, 3) AS u_brand,
    rnd(r, 4) AS u_category
  FROM range(1, getvariable('products') + 1) t(r)
),
coded AS (SELECT count(*) AS n FROM demo_categories WHERE category_code IS NOT NULL)
SELECT
  product_rank, product_id, base_price,
  CASE WHEN NOT no_brand THEN zipf(u_brand, getvariable('brands'), 3) END AS brand_rank,
  CASE WHEN no_category_code
    THEN coded.n + zipf(u_category, getvariable('categories') - coded.n, 2)
    ELSE zipf(u_category, coded.n, 2)
  END AS category_rank
FROM p, coded;
