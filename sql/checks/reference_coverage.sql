-- reference_coverage: with reference.action "block", a reference file that names fewer events than
-- reference.minEventShare stops the build (with "warn" it is a warning, sql/data_quality_warnings.sql);
-- a file with a header and no entry yet names nothing on purpose
SELECT format('{} names {:.1f}% of the events, under the {:.1f}% of reference.minEventShare', file, 100 * event_share,
  100 * getvariable('reference_min_event_share')) AS problem
FROM reference_coverage
WHERE getvariable('reference_action') = 'block' AND entries > 0 AND event_share < getvariable('reference_min_event_share')
