
-- == performance ==

-- The settlement engine keeps per-backend copies of the reference tables
-- it reads on every row (src/reference_cache.c): regions, policies, ratio
-- rules, home-benefit and filing-exemption settings.  A row change sends
-- no relcache invalidation by itself, so every statement that changes one
-- of them sends one (cache_changed_trigger, as for the calendar); always,
-- replication apply included.
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['region', 'policy', 'ratio_adjustment', 'home_benefit_kept', 'filing_exemption'] LOOP
		EXECUTE pg_catalog.format('CREATE TRIGGER reference_cache_changed'
			' AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON xdjy.%I'
			' FOR EACH STATEMENT EXECUTE FUNCTION xdjy.cache_changed_trigger()', t);
		EXECUTE pg_catalog.format('ALTER TABLE xdjy.%I ENABLE ALWAYS TRIGGER reference_cache_changed', t);
	END LOOP;
END
$$;

-- S3 (002 #8) on every settlement of a visit: the person's latest stay
-- elsewhere begun before the visit.  Without it the planner reads the
-- stays through the GiST exclusion index (text keys decompressed per
-- row, a third of the engine's time); this one is walked backwards from
-- the visit date and stops at the first row.
CREATE INDEX encounter_stay_lookup_idx ON encounter (person_id, admitted_on)
	WHERE visit_type = 'inpatient';

-- == end of performance ==
