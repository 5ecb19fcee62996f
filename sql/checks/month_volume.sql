-- month_volume: a month with far fewer rows than its neighbours fails the build (a partition half
-- written or half lost). The limit is gates.minMonthVolumeRatio in clickstream.config.json: a month
-- must have at least that share of the smaller of its neighbours' rows (the first and last month are
-- compared with their one neighbour).
WITH neighbours AS (
  SELECT
    month, rows,
    least(lag(rows) OVER (ORDER BY month), lead(rows) OVER (ORDER BY month)) AS both_sides,
    coalesce(lag(rows) OVER (ORDER BY month), lead(rows) OVER (ORDER BY month)) AS one_side
  FROM data_quality
)
SELECT format('month {} has {} rows, under {:.0f}% of its neighbours'' {}', month, rows,
  100 * getvariable('min_month_volume_ratio'), coalesce(both_sides, one_side)) AS problem
FROM neighbours
WHERE rows < getvariable('min_month_volume_ratio') * coalesce(both_sides, one_side)
