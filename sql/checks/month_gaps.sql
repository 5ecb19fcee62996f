-- month_gaps: a month missing between the first and the last fails the build (unless allowed in
-- clickstream.config.json, gates.allowMonthGaps): the reports would silently skip it
WITH months AS (SELECT DISTINCT strptime(month, '%Y-%m') AS month FROM data_quality),
expected AS (
  SELECT unnest(generate_series(min(month), max(month), INTERVAL 1 MONTH)) AS month FROM months
)
SELECT format('month {} has no data, but the months before and after it have', strftime(month, '%Y-%m')) AS problem
FROM expected
WHERE NOT getvariable('allow_month_gaps') AND month NOT IN (SELECT month FROM months)
