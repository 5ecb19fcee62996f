-- user_personas: every active user's persona (a download; the personas page shows the groups)
--
-- Each user goes to the nearest centre of persona_centroids (squared distance over the five
-- standardised features; a tie goes to the lower centre). Personas are numbered by size, 1 the largest
-- (a tie in size goes to the lower centre).
--
-- columns:
--   user_id  BIGINT  user
--   persona  BIGINT  the persona's number, as in personas
WITH centres AS (
  SELECT list({'centre': centre, 'z1': z1, 'z2': z2, 'z3': z3, 'z4': z4, 'z5': z5} ORDER BY centre) AS all_centres FROM persona_centroids
),
distances AS (
  SELECT f.user_id,
    list_transform(c.all_centres, p -> (f.z1 - p.z1) * (f.z1 - p.z1) + (f.z2 - p.z2) * (f.z2 - p.z2)
      + (f.z3 - p.z3) * (f.z3 - p.z3) + (f.z4 - p.z4) * (f.z4 - p.z4) + (f.z5 - p.z5) * (f.z5 - p.z5)) AS d,
    c.all_centres
  FROM persona_features f, centres c
),
assigned AS (
  SELECT user_id, all_centres[list_position(d, list_min(d))].centre AS centre FROM distances
),
numbered AS (
  SELECT centre, row_number() OVER (ORDER BY count(*) DESC, centre) AS persona FROM assigned GROUP BY centre
)
SELECT a.user_id, n.persona
FROM assigned a
JOIN numbered n USING (centre)
ORDER BY a.user_id
