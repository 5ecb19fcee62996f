-- purchase_revenue: a month with purchases but no revenue fails the build: the prices are missing from
-- the data (an audience's build skips it: an audience of a few free products may have no revenue)
SELECT format('month {}: {} purchases but no revenue', month, purchases) AS problem
FROM overview WHERE purchases > 0 AND revenue = 0
