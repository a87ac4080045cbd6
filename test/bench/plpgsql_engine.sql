-- test/bench/plpgsql_engine.sql: the settlement engine written the
-- straightforward way, in PL/pgSQL, as the yardstick of figure 2 of
-- make bench.  Not part of the extension: the rules live in C
-- (src/settlement.c, src/settlement_trigger.c); this copy exists only to
-- measure what C buys, and bench.sh asserts that it fills every engine
-- column exactly as the C trigger does on the generated data.
--
-- It is a real implementation of what the generated mix exercises, with
-- the same queries as the C engine: the engine-column guard, the amount
-- checks, the encounter with its person, institution, pooling region and
-- the stay a visit falls in (S1–S3), the person's filings and the five
-- category steps of SPEC §3 with F8/F9 (004 §二(一)–(三), 001 §四(二)),
-- the 002 #8 home-benefit and F10 exemption look-ups, emergencies
-- (001 §五(一)), the networked check, the dated policy with the province's
-- ratio rules (002 #2–#5), the ledger row locked FOR NO KEY UPDATE, the
-- invoice check (000 §四), the amounts rounded half up to the fen (SPEC §3,
-- 000 §三(二)–(三)) and the ledger update.  Referrals and reversals are not
-- in the generated mix and are refused (feature_not_supported).
SET client_min_messages = warning;

CREATE TYPE bench.filing_fact AS (
	id			bigint,
	destination	text,
	long_term	boolean,
	active		boolean,
	start_on	date,
	applied_on	date,
	closed_on	date,
	proof		boolean
);

-- does the filing hold on day d (closed_on: the first day it no longer does)
CREATE FUNCTION bench.pl_holds_on(f bench.filing_fact, d date) RETURNS boolean
	LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
	IF f.start_on > d THEN
		RETURN false;
	END IF;
	IF f.closed_on IS NOT NULL THEN
		RETURN d < f.closed_on;
	END IF;
	RETURN f.active;
END $$;

CREATE FUNCTION bench.pl_settlement_engine() RETURNS trigger
	LANGUAGE plpgsql AS $$
DECLARE
	e record;
	pol record;
	fs bench.filing_fact[];
	f bench.filing_fact;
	away bench.filing_fact;
	direct boolean;
	inpatient boolean;
	end_on date;
	cat text;
	why text;
	fid bigint;
	found_it boolean := false;
	scope text;
	networked boolean;
	policy_category text;
	first boolean := true;
	ratio integer;
	policy_ratio integer;
	adj_ids bigint[] := '{}';
	steps integer[] := '{}';
	fs_bp integer;
	yr integer;
	met bigint;
	paid bigint;
	settled bigint;
	reversed bigint;
	last_id bigint;
	in_scope bigint;
	first_selfpay bigint;
	base bigint;
	ded bigint;
	payable bigint;
	fund bigint;
BEGIN
	-- a dump's rows come back as they were (src/restore.c)
	IF NOT current_setting('check_function_bodies')::boolean
		AND (SELECT r.rolsuper FROM pg_roles r WHERE r.rolname = session_user) THEN
		RETURN NEW;
	END IF;
	IF num_nonnulls(NEW.person_id, NEW.institution_code, NEW.insured_region, NEW.treatment_region,
			NEW.filing_id, NEW.scope, NEW.category, NEW.policy_id, NEW.ratio_bp,
			NEW.first_selfpay_fen, NEW.deductible_fen, NEW.fund_fen, NEW.personal_fen,
			NEW.service_on, NEW.category_reason, NEW.quota_group, NEW.invoice_seq,
			NEW.policy_deductible_fen, NEW.policy_ratio_bp, NEW.first_selfpay_bp,
			NEW.annual_cap_fen, NEW.adjustment_ids, NEW.ratio_steps, NEW.in_scope_fen,
			NEW.deductible_met_before_fen, NEW.fund_paid_before_fen) > 0 THEN
		RAISE EXCEPTION 'settlement columns are filled by the engine' USING ERRCODE = 'YB316';
	END IF;
	IF NEW.reverses IS NOT NULL OR NEW.referral_id IS NOT NULL THEN
		RAISE EXCEPTION 'reversals and referrals are not in the bench mix'
			USING ERRCODE = 'feature_not_supported';
	END IF;
	IF NEW.encounter_id IS NULL OR NEW.settled_on IS NULL OR NEW.mode IS NULL
		OR NEW.invoice_no IS NULL OR NEW.total_fen IS NULL OR NEW.out_of_scope_fen IS NULL THEN
		RETURN NEW;				-- the NOT NULL constraints report it
	END IF;
	IF NOT isfinite(NEW.settled_on) THEN
		RAISE EXCEPTION 'settlement date must be a finite date' USING ERRCODE = '22008';
	END IF;
	direct := NEW.mode <> 'manual';
	IF NEW.total_fen < 0 OR NEW.out_of_scope_fen < 0 OR NEW.out_of_scope_fen > NEW.total_fen THEN
		RAISE EXCEPTION 'invalid settlement amounts' USING ERRCODE = 'YB302';
	END IF;

	-- the encounter, its person and institution, and (S3) a stay elsewhere
	SELECT en.person_id, en.institution_code, en.visit_type, en.admitted_on, en.discharged_on,
		en.emergency, en.trauma, en.third_party, en.trauma_pledge, en.attached_to,
		p.insured_region, p.scheme, i.tier, i.kind, i.networked_inpatient,
		i.networked_outpatient, i.networked_chronic,
		xdjy.pooling_region(i.region_code) AS treatment_region, st.id AS stay_id
	INTO e
	FROM xdjy.encounter en
	JOIN xdjy.person p ON p.id = en.person_id
	JOIN xdjy.institution i ON i.code = en.institution_code
	LEFT JOIN LATERAL (
		SELECT s.id FROM xdjy.encounter s
		WHERE en.visit_type <> 'inpatient' AND en.attached_to IS NULL
		  AND s.person_id = en.person_id AND s.visit_type = 'inpatient'
		  AND s.institution_code <> en.institution_code
		  AND s.admitted_on < en.admitted_on
		  AND (s.discharged_on IS NULL OR en.admitted_on < s.discharged_on)
		ORDER BY s.admitted_on DESC LIMIT 1) st ON true
	WHERE en.id = NEW.encounter_id;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown encounter' USING ERRCODE = 'YB002';
	END IF;
	IF e.treatment_region IS NULL THEN
		RAISE EXCEPTION 'institution is in no pooling region' USING ERRCODE = 'YB002';
	END IF;

	-- S1–S3
	IF NEW.settled_on < e.admitted_on THEN
		RAISE EXCEPTION 'settlement date before the encounter' USING ERRCODE = 'YB318';
	END IF;
	IF e.attached_to IS NOT NULL THEN
		RAISE EXCEPTION 'item bought outside during a stay settles with the stay' USING ERRCODE = 'YB305';
	END IF;
	IF e.trauma AND e.third_party THEN
		RAISE EXCEPTION 'trauma with a third party is not paid by the fund' USING ERRCODE = 'YB303';
	END IF;
	IF direct AND e.trauma AND NOT e.trauma_pledge THEN
		RAISE EXCEPTION 'trauma settles directly only with the no-third-party pledge' USING ERRCODE = 'YB304';
	END IF;
	IF e.stay_id IS NOT NULL THEN
		RAISE EXCEPTION 'visit elsewhere during a stay' USING ERRCODE = 'YB307';
	END IF;

	-- F8: the discharge (or settlement) date
	end_on := NEW.settled_on;
	IF NOT direct AND e.discharged_on IS NOT NULL AND e.discharged_on < end_on THEN
		end_on := e.discharged_on;
	END IF;
	IF end_on < e.admitted_on THEN
		end_on := e.admitted_on;
	END IF;
	inpatient := e.visit_type = 'inpatient';

	SELECT coalesce(array_agg(ROW(fl.id, coalesce(fl.destination_region, ''),
			fl.category OPERATOR(xdjy.=) 'long_term_resident'::xdjy.residence_category,
			fl.status OPERATOR(xdjy.=) 'active'::xdjy.filing_status, fl.start_date,
			coalesce(fl.applied_on, fl.start_date), fl.closed_on,
			fl.proof IS NOT NULL)::bench.filing_fact ORDER BY fl.id DESC), '{}')
	INTO fs
	FROM xdjy.filing fl
	WHERE fl.person_id = e.person_id
	  AND fl.start_date <= greatest(end_on, NEW.settled_on)
	  AND (fl.closed_on IS NULL OR fl.closed_on > e.admitted_on);

	-- SPEC §3 step 1: treated in the insured pooling region
	IF e.insured_region = e.treatment_region THEN
		FOREACH f IN ARRAY fs LOOP
			CONTINUE WHEN NOT f.long_term OR f.destination = e.insured_region
				OR NOT bench.pl_holds_on(f, e.admitted_on)
				OR (direct AND f.applied_on > NEW.settled_on);
			IF away.id IS NULL OR (f.proof AND NOT away.proof) THEN
				away := f;
			END IF;
		END LOOP;
		IF away.id IS NULL THEN
			cat := 'local'; why := 'local';
		ELSIF away.proof THEN
			cat := 'local'; why := 'local_with_proof'; fid := away.id;
		ELSIF EXISTS (SELECT 1 FROM xdjy.home_benefit_kept h
				WHERE h.province = left(e.insured_region, 2) AND h.valid @> e.admitted_on) THEN
			cat := 'local'; why := 'local_home_kept'; fid := away.id;
		ELSE
			cat := 'temporary'; why := 'home_without_proof'; fid := away.id;
		END IF;
	ELSE
		-- steps 2 and 3: a long-term, then a temporary filing for R
		FOR pass IN 0..1 LOOP
			FOREACH f IN ARRAY fs LOOP
				CONTINUE WHEN f.long_term <> (pass = 0) OR f.destination <> e.treatment_region;
				CONTINUE WHEN direct AND f.applied_on > NEW.settled_on;
				IF bench.pl_holds_on(f, e.admitted_on) THEN
					IF f.closed_on IS NOT NULL AND f.closed_on <= NEW.settled_on THEN
						why := 'closed_mid_stay';
					ELSIF NOT direct AND f.applied_on > end_on THEN
						why := 'filed_after_discharge';
					ELSE
						why := CASE WHEN pass = 0 THEN 'long_term_filing' ELSE 'temporary_filing' END;
					END IF;
					found_it := true;
				ELSIF inpatient AND f.applied_on <= end_on AND bench.pl_holds_on(f, end_on) THEN
					why := 'filed_before_discharge';
					found_it := true;
				END IF;
				IF found_it THEN
					cat := CASE WHEN pass = 0 THEN 'long_term' ELSE 'temporary' END;
					fid := f.id;
					EXIT;
				END IF;
			END LOOP;
			EXIT WHEN found_it;
		END LOOP;
		IF NOT found_it THEN
			IF left(e.insured_region, 2) = left(e.treatment_region, 2)
				AND EXISTS (SELECT 1 FROM xdjy.filing_exemption x
					WHERE x.province = left(e.insured_region, 2) || '0000'
					  AND x.valid @> e.admitted_on) THEN
				cat := 'temporary'; why := 'filing_exempt';
			ELSIF e.emergency THEN
				cat := 'temporary'; why := 'emergency';
			ELSE
				cat := 'unfiled'; why := 'unfiled';
			END IF;
		END IF;
	END IF;

	IF cat = 'unfiled' AND direct THEN
		RAISE EXCEPTION 'direct settlement without filing' USING ERRCODE = 'YB301';
	END IF;
	scope := CASE WHEN e.insured_region = e.treatment_region THEN 'local'
		WHEN left(e.insured_region, 2) = left(e.treatment_region, 2) THEN 'intra_province'
		ELSE 'cross_province' END;
	networked := CASE e.visit_type WHEN 'inpatient' THEN e.networked_inpatient
		WHEN 'chronic_outpatient' THEN e.networked_chronic ELSE e.networked_outpatient END;
	IF direct AND scope <> 'local' AND NOT networked THEN
		RAISE EXCEPTION 'institution not open for direct cross-region settlement' USING ERRCODE = 'YB317';
	END IF;

	-- the dated policy (long-term pays the local standard, 004 §二(三))
	-- with the province's ratio rules, 'set' first (002 #2–#5)
	policy_category := CASE WHEN cat = 'long_term' THEN 'local' ELSE cat END;
	FOR pol IN
		SELECT p.id, p.deductible_fen, p.ratio_bp, p.first_selfpay_bp, p.annual_cap_fen,
			p.quota_group, a.id AS adj_id, a.kind = 'set' AS adj_set, a.points_bp
		FROM (SELECT p.* FROM xdjy.policy p
			WHERE p.insured_region = e.insured_region AND p.scheme = e.scheme
			  AND p.category = policy_category AND p.visit_type = e.visit_type
			  AND (p.tier = e.tier OR p.tier IS NULL) AND p.valid @> e.admitted_on
			ORDER BY p.tier IS NULL LIMIT 1) p
		LEFT JOIN LATERAL (
			SELECT a.id, a.kind, a.points_bp FROM xdjy.ratio_adjustment a
			WHERE a.province = left(e.insured_region, 2) AND a.category = cat
			  AND (a.scheme IS NULL OR a.scheme = e.scheme)
			  AND (a.visit_type IS NULL OR a.visit_type = e.visit_type)
			  AND (NOT a.own_reason_only OR NEW.own_reason)
			  AND a.valid @> e.admitted_on) a ON true
		ORDER BY a.kind = 'delta', a.id
	LOOP
		IF first THEN
			first := false;
			NEW.policy_id := pol.id;
			NEW.policy_deductible_fen := pol.deductible_fen;
			NEW.annual_cap_fen := pol.annual_cap_fen;
			NEW.quota_group := pol.quota_group;
			policy_ratio := pol.ratio_bp;
			ratio := pol.ratio_bp;
			fs_bp := pol.first_selfpay_bp;
		END IF;
		EXIT WHEN pol.adj_id IS NULL;
		IF pol.adj_set THEN
			ratio := pol.points_bp;
		ELSE
			ratio := ratio + pol.points_bp;
		END IF;
		adj_ids := adj_ids || pol.adj_id;
		steps := steps || ratio;
	END LOOP;
	IF first THEN
		RAISE EXCEPTION 'no policy for the settlement' USING ERRCODE = 'YB501';
	END IF;
	ratio := greatest(0, least(10000, ratio));
	IF cat IN ('local', 'long_term') THEN
		fs_bp := 0;				-- first self-pay is a temporary-outside rule, 000 §三(二)
	END IF;

	-- the ledger row, locked, then the invoice (000 §四)
	yr := extract(year FROM e.admitted_on);
	SELECT l.deductible_met_fen, l.fund_paid_fen INTO met, paid
	FROM xdjy.ledger l
	WHERE l.person_id = e.person_id AND l.year = yr AND l.quota_group = NEW.quota_group
	FOR NO KEY UPDATE;
	IF NOT FOUND THEN
		INSERT INTO xdjy.ledger (person_id, year, quota_group)
		VALUES (e.person_id, yr, NEW.quota_group) ON CONFLICT DO NOTHING;
		SELECT l.deductible_met_fen, l.fund_paid_fen INTO STRICT met, paid
		FROM xdjy.ledger l
		WHERE l.person_id = e.person_id AND l.year = yr AND l.quota_group = NEW.quota_group
		FOR NO KEY UPDATE;
	END IF;
	-- the reversal as a subquery, as the C engine has it (a join on s.id
	-- can get a whole scan of settlement_pkey on fresh statistics)
	SELECT count(*), count(*) FILTER (WHERE EXISTS (SELECT FROM xdjy.settlement r WHERE r.reverses = s.id)),
		max(s.id) INTO settled, reversed, last_id
	FROM xdjy.settlement s
	WHERE s.institution_code = e.institution_code AND s.invoice_no = NEW.invoice_no
	  AND s.reverses IS NULL;
	IF settled > reversed THEN
		RAISE EXCEPTION 'invoice already reimbursed' USING ERRCODE = 'YB308';
	END IF;

	-- SPEC §3, in fen, half up
	in_scope := NEW.total_fen - NEW.out_of_scope_fen;
	first_selfpay := (in_scope * fs_bp + 5000) / 10000;
	base := in_scope - first_selfpay;
	ded := least(base, greatest(0, NEW.policy_deductible_fen - met));
	payable := ((base - ded) * ratio + 5000) / 10000;
	fund := least(payable, greatest(0, NEW.annual_cap_fen - paid));

	UPDATE xdjy.ledger l
	SET deductible_met_fen = l.deductible_met_fen + ded, fund_paid_fen = l.fund_paid_fen + fund
	WHERE l.person_id = e.person_id AND l.year = yr AND l.quota_group = NEW.quota_group;

	NEW.person_id := e.person_id;
	NEW.institution_code := e.institution_code;
	NEW.insured_region := e.insured_region;
	NEW.treatment_region := e.treatment_region;
	NEW.filing_id := fid;
	NEW.scope := scope;
	NEW.category := cat;
	NEW.category_reason := why;
	NEW.ratio_bp := ratio;
	NEW.policy_ratio_bp := policy_ratio;
	NEW.first_selfpay_bp := fs_bp;
	NEW.first_selfpay_fen := first_selfpay;
	NEW.deductible_fen := ded;
	NEW.fund_fen := fund;
	NEW.personal_fen := NEW.total_fen - fund;
	NEW.service_on := e.admitted_on;
	NEW.invoice_seq := settled;
	NEW.adjustment_ids := adj_ids;
	NEW.ratio_steps := steps;
	NEW.in_scope_fen := in_scope;
	NEW.deductible_met_before_fen := met;
	NEW.fund_paid_before_fen := paid;
	RETURN NEW;
END $$;

CREATE TRIGGER bench_plpgsql_engine BEFORE INSERT ON xdjy.settlement
	FOR EACH ROW EXECUTE FUNCTION bench.pl_settlement_engine();
ALTER TABLE xdjy.settlement DISABLE TRIGGER bench_plpgsql_engine;
