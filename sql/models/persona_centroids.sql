-- persona_centroids: the centres of the personas, found by k-means on the sample of persona_features
--
-- k (personas.k in clickstream.config.json, default 6) centres start at users spread evenly along the
-- sum of the five standardised features (the ones at ranks (i - 0.5) n / k), then move 25 times to the
-- mean of the sample users nearest to them (Lloyd's algorithm). Distances and means are computed on
-- integers, and a tie goes to the lower centre, so the result does not depend on the thread count. A
-- centre that no sample user is nearest to drops out: there can be fewer than k personas.
--
-- columns:
--   centre  BIGINT  the centre's number
--   z1      BIGINT  its standardised features, in thousandths (see persona_features)
--   z2      BIGINT
--   z3      BIGINT
--   z4      BIGINT
--   z5      BIGINT
WITH RECURSIVE sample AS (
  SELECT user_id, z1, z2, z3, z4, z5, row_number() OVER (ORDER BY z1 + z2 + z3 + z4 + z5, user_id) AS position, count(*) OVER () AS n
  FROM persona_features
  WHERE in_sample
),
starts AS (
  SELECT c AS centre, s.z1, s.z2, s.z3, s.z4, s.z5
  FROM range(1, getvariable('personas_k') + 1) t(c)
  JOIN sample s ON s.position = greatest(1, ((c - 0.5) * s.n / getvariable('personas_k'))::BIGINT)
),
lloyd(step, centre, z1, z2, z3, z4, z5) AS (
  SELECT 0, centre, z1, z2, z3, z4, z5 FROM starts
  UNION ALL
  SELECT step + 1, centre, round(avg(z1))::BIGINT, round(avg(z2))::BIGINT, round(avg(z3))::BIGINT, round(avg(z4))::BIGINT, round(avg(z5))::BIGINT
  FROM (
    SELECT l.step, s.user_id, any_value(s.z1) AS z1, any_value(s.z2) AS z2, any_value(s.z3) AS z3, any_value(s.z4) AS z4, any_value(s.z5) AS z5,
      arg_min(l.centre, (
        (s.z1 - l.z1) * (s.z1 - l.z1) + (s.z2 - l.z2) * (s.z2 - l.z2) + (s.z3 - l.z3) * (s.z3 - l.z3)
        + (s.z4 - l.z4) * (s.z4 - l.z4) + (s.z5 - l.z5) * (s.z5 - l.z5), l.centre)) AS centre
    FROM sample s, lloyd l
    WHERE l.step < 25
    GROUP BY l.step, s.user_id
  )
  GROUP BY step, centre
)
SELECT centre, z1, z2, z3, z4, z5
FROM lloyd
WHERE step = (SELECT max(step) FROM lloyd)
ORDER BY centre
