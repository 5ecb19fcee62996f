-- Macros shared by the SQL in this folder.

-- Event types as bits, so one bit_or() tells which types a session or user has:
-- 1 view, 2 cart, 4 purchase, 8 remove_from_cart.
CREATE OR REPLACE TEMP MACRO type_bit(event_type) AS
  CASE event_type WHEN 'view' THEN 1 WHEN 'cart' THEN 2 WHEN 'purchase' THEN 4 WHEN 'remove_from_cart' THEN 8 ELSE 0 END;

CREATE OR REPLACE TEMP MACRO has_type(types, event_type) AS (types & type_bit(event_type)) <> 0;

-- Seconds between two timestamps, exact to the microsecond.
CREATE OR REPLACE TEMP MACRO seconds_between(first_time, last_time) AS
  (epoch_us(last_time) - epoch_us(first_time)) / 1000000;

-- Exact median of a histogram, as an aggregate over its rows: value, and `upto` = the running count of
-- the rows up to this value in value order (sum(n) OVER (ORDER BY value)), `total` = the whole count.
-- The middle value, or the mean of the two middle values when the count is even.
CREATE OR REPLACE TEMP MACRO weighted_median(value, upto, total) AS
  (min(value) FILTER (upto >= (total + 1) // 2) + min(value) FILTER (upto >= total // 2 + 1)) / 2;
