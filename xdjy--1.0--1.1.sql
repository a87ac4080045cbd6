/*
 * xdjy--1.0--1.1.sql: carries a 1.0 database to 1.1 with every row kept
 * (ALTER EXTENSION xdjy UPDATE).  test/t/070_upgrade.sh compares the result
 * with a fresh 1.1 install, object by object and row by row.
 */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "ALTER EXTENSION xdjy UPDATE TO '1.1'" to load this file. \quit

-- CREATE OR REPLACE appears here only for functions 1.0 created, to give
-- them a new body, and for views 1.0 created, to append columns (an
-- install script never replaces).  PostgreSQL refuses
-- to replace, from an extension script, an object that is not already a
-- member of the extension, so an object planted under the same name by
-- another role cannot be taken over.

-- filing_at() and filing_exempt() only read, in the caller's snapshot
-- (declared VOLATILE in 1.0); a parallel worker may run them
ALTER FUNCTION filing_at(text, text, date) STABLE PARALLEL SAFE;
ALTER FUNCTION filing_exempt(text, text, date) STABLE PARALLEL SAFE;

-- pooling_region(): the one walk of the rules (src/region.c) over the
-- backend's reference cache, in place of a second walk in SQL; the same
-- results, the depth limit written once
CREATE OR REPLACE FUNCTION pooling_region(region_code text) RETURNS text
	AS 'MODULE_PATHNAME', 'pooling_region' LANGUAGE C STABLE STRICT PARALLEL SAFE;

-- The error catalogue comes from the registry compiled into the library
-- (src/error_registry.c), as in a fresh 1.1 install: the rows are brought
-- to exactly the registry's, which every error raised takes its primary
-- message from.
CREATE FUNCTION error_registry()
	RETURNS TABLE (code text, category text, message_en text, message_zh text,
		cause_en text, cause_zh text)
	AS 'MODULE_PATHNAME', 'xdjy_error_registry'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION error_registry() IS
	'the registry of xdjy''s SQLSTATEs (class YB) compiled into the library: error_code is filled from it, and every error raised takes its primary message from it';

DELETE FROM error_code e
WHERE NOT EXISTS (SELECT FROM error_registry() r WHERE r.code OPERATOR(pg_catalog.=) e.code::text);
UPDATE error_code e
SET category = r.category, message_en = r.message_en, message_zh = r.message_zh,
	cause_en = r.cause_en, cause_zh = r.cause_zh
FROM error_registry() r
WHERE r.code OPERATOR(pg_catalog.=) e.code::text
	AND (e.category, e.message_en, e.message_zh, e.cause_en, e.cause_zh)
		IS DISTINCT FROM (r.category, r.message_en, r.message_zh, r.cause_en, r.cause_zh);
INSERT INTO error_code (code, category, message_en, message_zh, cause_en, cause_zh)
SELECT r.code, r.category, r.message_en, r.message_zh, r.cause_en, r.cause_zh
FROM error_registry() r
WHERE NOT EXISTS (SELECT FROM error_code e WHERE e.code::text OPERATOR(pg_catalog.=) r.code);

-- the category reasons as the settlement engine lists them (src/settlement.h)
CREATE FUNCTION category_reasons() RETURNS SETOF text
	AS 'MODULE_PATHNAME', 'xdjy_category_reasons'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION category_reasons() IS
	'the values settlement.category_reason may take: why the settlement engine chose the benefit category';

-- operator_region: a grant names a role the server knows (src/reference.c);
-- rows written under 1.0 stay as they are
CREATE FUNCTION operator_region_rules_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C
	SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
REVOKE EXECUTE ON FUNCTION operator_region_rules_trigger() FROM PUBLIC;
COMMENT ON FUNCTION operator_region_rules_trigger() IS
	'operator_region rules: a grant names an existing role (YB003)';
CREATE TRIGGER operator_region_rules BEFORE INSERT OR UPDATE ON operator_region
	FOR EACH ROW EXECUTE FUNCTION operator_region_rules_trigger();

-- filing_history is written only by the filing trigger, with the owner's
-- rights: 1.0's insert policy trusted pg_trigger_depth(), which any
-- trigger of an operator's own satisfies
DROP POLICY filing_history_operator_insert ON filing_history;
REVOKE INSERT ON filing_history FROM xdjy_operator;

-- settlement_attempt feeds the success-rate KPI: it is written only by
-- try_settle(), now in C, with the table owner's rights; operators no
-- longer insert into it
CREATE OR REPLACE FUNCTION try_settle(encounter_id bigint, total_fen bigint, out_of_scope_fen bigint,
		invoice_no text, settled_on date DEFAULT CURRENT_DATE, mode text DEFAULT 'direct',
		own_reason boolean DEFAULT false, referral_id bigint DEFAULT NULL,
		diagnosis text DEFAULT NULL)
	RETURNS settlement
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE
	SET search_path = pg_catalog, pg_temp;
DROP POLICY settlement_attempt_operator_insert ON settlement_attempt;
REVOKE INSERT ON settlement_attempt FROM xdjy_operator;

-- DROP EXTENSION xdjy no longer drops users' data unasked (src/drop_guard.c):
-- the event trigger, a member of the extension as in a fresh install
CREATE FUNCTION drop_guard_event_trigger() RETURNS event_trigger
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE PARALLEL UNSAFE
	SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
REVOKE EXECUTE ON FUNCTION drop_guard_event_trigger() FROM PUBLIC;
COMMENT ON FUNCTION drop_guard_event_trigger() IS
	'refuses a DROP EXTENSION or DROP SCHEMA ... CASCADE that would drop xdjy while its tables hold rows users entered (YB002), unless xdjy.allow_drop_with_data is on';

CREATE EVENT TRIGGER xdjy_drop_guard ON ddl_command_start
	WHEN TAG IN ('DROP EXTENSION', 'DROP SCHEMA')
	EXECUTE FUNCTION drop_guard_event_trigger();
COMMENT ON EVENT TRIGGER xdjy_drop_guard IS
	'DROP EXTENSION xdjy (and DROP SCHEMA xdjy CASCADE) fails with YB002 while xdjy holds data users entered';

-- a row that has priced a settlement may only be closed; a row
-- overlapping another of its key is refused with that row
-- (src/policy_frozen.c)
CREATE FUNCTION policy_frozen_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C
	SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
REVOKE EXECUTE ON FUNCTION policy_frozen_trigger() FROM PUBLIC;
COMMENT ON FUNCTION policy_frozen_trigger() IS
	'rejects changing (other than closing) or deleting a policy, ratio adjustment or first self-pay ceiling row that has priced settlements, and a row overlapping another of its key';
CREATE TRIGGER policy_frozen BEFORE INSERT OR UPDATE OR DELETE ON policy
	FOR EACH ROW EXECUTE FUNCTION policy_frozen_trigger();
CREATE TRIGGER ratio_adjustment_frozen BEFORE INSERT OR UPDATE OR DELETE ON ratio_adjustment
	FOR EACH ROW EXECUTE FUNCTION policy_frozen_trigger();
CREATE TRIGGER first_selfpay_ceiling_frozen BEFORE INSERT OR UPDATE OR DELETE ON first_selfpay_ceiling
	FOR EACH ROW EXECUTE FUNCTION policy_frozen_trigger();

-- an operator's write outside its regions: a coded error (YB005) before
-- any rule looks at the row (src/row_access.c)
CREATE FUNCTION region_access_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
REVOKE EXECUTE ON FUNCTION region_access_trigger() FROM PUBLIC;
COMMENT ON FUNCTION region_access_trigger() IS
	'refuses with YB005 a row the acting role''s row-level security policies would reject, naming its granted regions; first of a table''s BEFORE triggers';
CREATE TRIGGER filing_access BEFORE INSERT OR UPDATE ON filing
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('person_id');
CREATE TRIGGER institution_choice_access BEFORE INSERT OR UPDATE ON institution_choice
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('filing_id');
CREATE TRIGGER encounter_access BEFORE INSERT OR UPDATE ON encounter
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('institution_code', 'person_id');
CREATE TRIGGER referral_access BEFORE INSERT OR UPDATE ON referral
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('person_id');
CREATE TRIGGER manual_claim_access BEFORE INSERT OR UPDATE ON manual_claim
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('encounter_id');
CREATE TRIGGER party_report_access BEFORE INSERT OR UPDATE ON party_report
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('settlement_id');
CREATE TRIGGER detail_upload_access BEFORE INSERT OR UPDATE ON detail_upload
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('settlement_id');
CREATE TRIGGER clearing_confirmation_access BEFORE INSERT OR UPDATE ON clearing_confirmation
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('institution_code');
CREATE TRIGGER clearing_declaration_access BEFORE INSERT OR UPDATE ON clearing_declaration
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('institution_code');
CREATE TRIGGER clearing_transfer_access BEFORE INSERT OR UPDATE ON clearing_transfer
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('region_code');
CREATE TRIGGER stmt_detail_upload_access BEFORE INSERT OR UPDATE ON stmt_detail_upload
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('loaded_by');
CREATE TRIGGER clearing_detail_confirmation_access BEFORE INSERT OR UPDATE ON clearing_detail_confirmation
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('setl_sn');

-- references between xdjy's tables: constraint triggers in place of
-- the foreign keys, so that pg_restore -j restores every row whatever
-- order it loads the tables in (src/reference_check.c)
CREATE FUNCTION reference_child_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
REVOKE EXECUTE ON FUNCTION reference_child_trigger() FROM PUBLIC;
COMMENT ON FUNCTION reference_child_trigger() IS
	'after a row is inserted or its reference changed: the row it refers to exists, locked FOR KEY SHARE (23503 otherwise), as a foreign key checks';
CREATE FUNCTION reference_parent_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
REVOKE EXECUTE ON FUNCTION reference_parent_trigger() FROM PUBLIC;
COMMENT ON FUNCTION reference_parent_trigger() IS
	'after a row is deleted or its key changed: no row refers to the old key (23503 otherwise), as a foreign key with NO ACTION checks';
ALTER TABLE region DROP CONSTRAINT region_parent_code_fkey;
ALTER TABLE institution DROP CONSTRAINT institution_region_code_fkey;
ALTER TABLE operator_region DROP CONSTRAINT operator_region_region_code_fkey;
ALTER TABLE person DROP CONSTRAINT person_insured_region_fkey;
ALTER TABLE filing DROP CONSTRAINT filing_person_id_fkey;
ALTER TABLE filing DROP CONSTRAINT filing_destination_region_fkey;
ALTER TABLE filing DROP CONSTRAINT filing_channel_fkey;
ALTER TABLE filing DROP CONSTRAINT filing_replaced_by_fkey;
ALTER TABLE filing_exemption DROP CONSTRAINT filing_exemption_province_fkey;
ALTER TABLE filing_history DROP CONSTRAINT filing_history_filing_id_fkey;
ALTER TABLE institution_choice_rule DROP CONSTRAINT institution_choice_rule_province_fkey;
ALTER TABLE institution_choice DROP CONSTRAINT institution_choice_filing_id_fkey;
ALTER TABLE institution_choice DROP CONSTRAINT institution_choice_institution_code_fkey;
ALTER TABLE encounter DROP CONSTRAINT encounter_person_id_fkey;
ALTER TABLE encounter DROP CONSTRAINT encounter_institution_code_fkey;
ALTER TABLE encounter DROP CONSTRAINT encounter_attached_to_fkey;
ALTER TABLE policy DROP CONSTRAINT policy_insured_region_fkey;
ALTER TABLE referral DROP CONSTRAINT referral_person_id_fkey;
ALTER TABLE referral DROP CONSTRAINT referral_issued_by_fkey;
ALTER TABLE referral DROP CONSTRAINT referral_destination_region_fkey;
ALTER TABLE settlement DROP CONSTRAINT settlement_encounter_id_fkey;
ALTER TABLE settlement DROP CONSTRAINT settlement_reverses_fkey;
ALTER TABLE settlement DROP CONSTRAINT settlement_filing_id_fkey;
ALTER TABLE settlement DROP CONSTRAINT settlement_referral_id_fkey;
ALTER TABLE settlement DROP CONSTRAINT settlement_policy_fk;
ALTER TABLE ledger DROP CONSTRAINT ledger_person_id_fkey;
ALTER TABLE settlement_attempt DROP CONSTRAINT settlement_attempt_encounter_id_fkey;
ALTER TABLE manual_claim DROP CONSTRAINT manual_claim_encounter_id_fkey;
ALTER TABLE manual_claim DROP CONSTRAINT manual_claim_settlement_id_fkey;
ALTER TABLE manual_claim DROP CONSTRAINT manual_claim_referral_id_fkey;
ALTER TABLE detail_upload DROP CONSTRAINT detail_upload_settlement_id_fkey;
ALTER TABLE clearing_confirmation DROP CONSTRAINT clearing_confirmation_institution_code_fkey;
ALTER TABLE clearing_declaration DROP CONSTRAINT clearing_declaration_institution_code_fkey;
ALTER TABLE provincial_clearing DROP CONSTRAINT provincial_clearing_province_code_fkey;
ALTER TABLE clearing_transfer DROP CONSTRAINT clearing_transfer_region_code_fkey;
ALTER TABLE clearing_detail_confirmation DROP CONSTRAINT clearing_detail_confirmation_setl_sn_fkey;
CREATE CONSTRAINT TRIGGER region_references AFTER INSERT OR UPDATE ON region
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'region_parent_code_fkey', 'parent_code', 'region', 'code');
COMMENT ON TRIGGER region_references ON region IS
	'references of region: parent_code → region (code)';
CREATE CONSTRAINT TRIGGER region_referenced AFTER UPDATE OR DELETE ON region
	FOR EACH ROW EXECUTE FUNCTION reference_parent_trigger(
		'region_parent_code_fkey', 'code', 'region', 'parent_code',
		'institution_region_code_fkey', 'code', 'institution', 'region_code',
		'operator_region_region_code_fkey', 'code', 'operator_region', 'region_code',
		'person_insured_region_fkey', 'code', 'person', 'insured_region',
		'filing_destination_region_fkey', 'code', 'filing', 'destination_region',
		'filing_exemption_province_fkey', 'code', 'filing_exemption', 'province',
		'institution_choice_rule_province_fkey', 'code', 'institution_choice_rule', 'province',
		'policy_insured_region_fkey', 'code', 'policy', 'insured_region',
		'referral_destination_region_fkey', 'code', 'referral', 'destination_region',
		'provincial_clearing_province_code_fkey', 'code', 'provincial_clearing', 'province_code',
		'clearing_transfer_region_code_fkey', 'code', 'clearing_transfer', 'region_code',
		'med_list_region_code_fkey', 'code', 'med_list', 'region_code',
		'fee_lines_required_region_code_fkey', 'code', 'fee_lines_required', 'region_code');
COMMENT ON TRIGGER region_referenced ON region IS
	'rows referring to region: region.parent_code, institution.region_code, operator_region.region_code, person.insured_region, filing.destination_region, filing_exemption.province, institution_choice_rule.province, policy.insured_region, referral.destination_region, provincial_clearing.province_code, clearing_transfer.region_code, med_list.region_code, fee_lines_required.region_code (no action: a key still referred to stays)';
CREATE CONSTRAINT TRIGGER institution_references AFTER INSERT OR UPDATE ON institution
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'institution_region_code_fkey', 'region_code', 'region', 'code');
COMMENT ON TRIGGER institution_references ON institution IS
	'references of institution: region_code → region (code)';
CREATE CONSTRAINT TRIGGER institution_referenced AFTER UPDATE OR DELETE ON institution
	FOR EACH ROW EXECUTE FUNCTION reference_parent_trigger(
		'institution_choice_institution_code_fkey', 'code', 'institution_choice', 'institution_code',
		'encounter_institution_code_fkey', 'code', 'encounter', 'institution_code',
		'referral_issued_by_fkey', 'code', 'referral', 'issued_by',
		'clearing_confirmation_institution_code_fkey', 'code', 'clearing_confirmation', 'institution_code',
		'clearing_declaration_institution_code_fkey', 'code', 'clearing_declaration', 'institution_code');
COMMENT ON TRIGGER institution_referenced ON institution IS
	'rows referring to institution: institution_choice.institution_code, encounter.institution_code, referral.issued_by, clearing_confirmation.institution_code, clearing_declaration.institution_code (no action: a key still referred to stays)';
CREATE CONSTRAINT TRIGGER channel_referenced AFTER UPDATE OR DELETE ON channel
	FOR EACH ROW EXECUTE FUNCTION reference_parent_trigger(
		'filing_channel_fkey', 'code', 'filing', 'channel');
COMMENT ON TRIGGER channel_referenced ON channel IS
	'rows referring to channel: filing.channel (no action: a key still referred to stays)';
CREATE CONSTRAINT TRIGGER operator_region_references AFTER INSERT OR UPDATE ON operator_region
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'operator_region_region_code_fkey', 'region_code', 'region', 'code');
COMMENT ON TRIGGER operator_region_references ON operator_region IS
	'references of operator_region: region_code → region (code)';
CREATE CONSTRAINT TRIGGER person_references AFTER INSERT OR UPDATE ON person
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'person_insured_region_fkey', 'insured_region', 'region', 'code');
COMMENT ON TRIGGER person_references ON person IS
	'references of person: insured_region → region (code)';
CREATE CONSTRAINT TRIGGER person_referenced AFTER UPDATE OR DELETE ON person
	FOR EACH ROW EXECUTE FUNCTION reference_parent_trigger(
		'filing_person_id_fkey', 'id', 'filing', 'person_id',
		'encounter_person_id_fkey', 'id', 'encounter', 'person_id',
		'referral_person_id_fkey', 'id', 'referral', 'person_id',
		'ledger_person_id_fkey', 'id', 'ledger', 'person_id');
COMMENT ON TRIGGER person_referenced ON person IS
	'rows referring to person: filing.person_id, encounter.person_id, referral.person_id, ledger.person_id (no action: a key still referred to stays)';
CREATE CONSTRAINT TRIGGER filing_references AFTER INSERT OR UPDATE ON filing
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'filing_person_id_fkey', 'person_id', 'person', 'id',
		'filing_destination_region_fkey', 'destination_region', 'region', 'code',
		'filing_channel_fkey', 'channel', 'channel', 'code');
COMMENT ON TRIGGER filing_references ON filing IS
	'references of filing: person_id → person (id), destination_region → region (code), channel → channel (code)';
CREATE CONSTRAINT TRIGGER filing_references_deferred AFTER INSERT OR UPDATE ON filing
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'filing_replaced_by_fkey', 'replaced_by', 'filing', 'id');
COMMENT ON TRIGGER filing_references_deferred ON filing IS
	'references of filing: replaced_by → filing (id) (checked at commit)';
CREATE CONSTRAINT TRIGGER filing_referenced AFTER UPDATE OR DELETE ON filing
	FOR EACH ROW EXECUTE FUNCTION reference_parent_trigger(
		'institution_choice_filing_id_fkey', 'id', 'institution_choice', 'filing_id',
		'settlement_filing_id_fkey', 'id', 'settlement', 'filing_id');
COMMENT ON TRIGGER filing_referenced ON filing IS
	'rows referring to filing: institution_choice.filing_id, settlement.filing_id (no action: a key still referred to stays)';
CREATE CONSTRAINT TRIGGER filing_referenced_deferred AFTER UPDATE OR DELETE ON filing
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION reference_parent_trigger(
		'filing_replaced_by_fkey', 'id', 'filing', 'replaced_by',
		'filing_history_filing_id_fkey', 'id', 'filing_history', 'filing_id');
COMMENT ON TRIGGER filing_referenced_deferred ON filing IS
	'rows referring to filing: filing.replaced_by, filing_history.filing_id (no action: a key still referred to stays) (checked at commit)';
CREATE CONSTRAINT TRIGGER filing_exemption_references AFTER INSERT OR UPDATE ON filing_exemption
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'filing_exemption_province_fkey', 'province', 'region', 'code');
COMMENT ON TRIGGER filing_exemption_references ON filing_exemption IS
	'references of filing_exemption: province → region (code)';
CREATE CONSTRAINT TRIGGER filing_history_references_deferred AFTER INSERT OR UPDATE ON filing_history
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'filing_history_filing_id_fkey', 'filing_id', 'filing', 'id');
COMMENT ON TRIGGER filing_history_references_deferred ON filing_history IS
	'references of filing_history: filing_id → filing (id) (checked at commit)';
CREATE CONSTRAINT TRIGGER institution_choice_rule_references AFTER INSERT OR UPDATE ON institution_choice_rule
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'institution_choice_rule_province_fkey', 'province', 'region', 'code');
COMMENT ON TRIGGER institution_choice_rule_references ON institution_choice_rule IS
	'references of institution_choice_rule: province → region (code)';
CREATE CONSTRAINT TRIGGER institution_choice_references AFTER INSERT OR UPDATE ON institution_choice
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'institution_choice_filing_id_fkey', 'filing_id', 'filing', 'id',
		'institution_choice_institution_code_fkey', 'institution_code', 'institution', 'code');
COMMENT ON TRIGGER institution_choice_references ON institution_choice IS
	'references of institution_choice: filing_id → filing (id), institution_code → institution (code)';
CREATE CONSTRAINT TRIGGER encounter_references AFTER INSERT OR UPDATE ON encounter
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'encounter_person_id_fkey', 'person_id', 'person', 'id',
		'encounter_institution_code_fkey', 'institution_code', 'institution', 'code');
COMMENT ON TRIGGER encounter_references ON encounter IS
	'references of encounter: person_id → person (id), institution_code → institution (code)';
CREATE CONSTRAINT TRIGGER encounter_references_deferred AFTER INSERT OR UPDATE ON encounter
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'encounter_attached_to_fkey', 'attached_to', 'encounter', 'id');
COMMENT ON TRIGGER encounter_references_deferred ON encounter IS
	'references of encounter: attached_to → encounter (id) (checked at commit)';
CREATE CONSTRAINT TRIGGER encounter_referenced AFTER UPDATE OR DELETE ON encounter
	FOR EACH ROW EXECUTE FUNCTION reference_parent_trigger(
		'settlement_encounter_id_fkey', 'id', 'settlement', 'encounter_id',
		'settlement_attempt_encounter_id_fkey', 'id', 'settlement_attempt', 'encounter_id',
		'manual_claim_encounter_id_fkey', 'id', 'manual_claim', 'encounter_id',
		'fee_detail_encounter_id_fkey', 'id', 'fee_detail', 'encounter_id',
		'fee_detail_revoked_encounter_id_fkey', 'id', 'fee_detail_revoked', 'encounter_id');
COMMENT ON TRIGGER encounter_referenced ON encounter IS
	'rows referring to encounter: settlement.encounter_id, settlement_attempt.encounter_id, manual_claim.encounter_id, fee_detail.encounter_id, fee_detail_revoked.encounter_id (no action: a key still referred to stays)';
CREATE CONSTRAINT TRIGGER encounter_referenced_deferred AFTER UPDATE OR DELETE ON encounter
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION reference_parent_trigger(
		'encounter_attached_to_fkey', 'id', 'encounter', 'attached_to');
COMMENT ON TRIGGER encounter_referenced_deferred ON encounter IS
	'rows referring to encounter: encounter.attached_to (no action: a key still referred to stays) (checked at commit)';
CREATE CONSTRAINT TRIGGER policy_references AFTER INSERT OR UPDATE ON policy
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'policy_insured_region_fkey', 'insured_region', 'region', 'code');
COMMENT ON TRIGGER policy_references ON policy IS
	'references of policy: insured_region → region (code)';
CREATE CONSTRAINT TRIGGER policy_referenced AFTER UPDATE OR DELETE ON policy
	FOR EACH ROW EXECUTE FUNCTION reference_parent_trigger(
		'settlement_policy_fk', 'id', 'settlement', 'policy_id');
COMMENT ON TRIGGER policy_referenced ON policy IS
	'rows referring to policy: settlement.policy_id (no action: a key still referred to stays)';
CREATE CONSTRAINT TRIGGER referral_references AFTER INSERT OR UPDATE ON referral
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'referral_person_id_fkey', 'person_id', 'person', 'id',
		'referral_issued_by_fkey', 'issued_by', 'institution', 'code',
		'referral_destination_region_fkey', 'destination_region', 'region', 'code');
COMMENT ON TRIGGER referral_references ON referral IS
	'references of referral: person_id → person (id), issued_by → institution (code), destination_region → region (code)';
CREATE CONSTRAINT TRIGGER referral_referenced AFTER UPDATE OR DELETE ON referral
	FOR EACH ROW EXECUTE FUNCTION reference_parent_trigger(
		'settlement_referral_id_fkey', 'id', 'settlement', 'referral_id',
		'manual_claim_referral_id_fkey', 'id', 'manual_claim', 'referral_id');
COMMENT ON TRIGGER referral_referenced ON referral IS
	'rows referring to referral: settlement.referral_id, manual_claim.referral_id (no action: a key still referred to stays)';
CREATE CONSTRAINT TRIGGER settlement_references AFTER INSERT OR UPDATE ON settlement
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'settlement_encounter_id_fkey', 'encounter_id', 'encounter', 'id',
		'settlement_filing_id_fkey', 'filing_id', 'filing', 'id',
		'settlement_referral_id_fkey', 'referral_id', 'referral', 'id',
		'settlement_policy_fk', 'policy_id', 'policy', 'id');
COMMENT ON TRIGGER settlement_references ON settlement IS
	'references of settlement: encounter_id → encounter (id), filing_id → filing (id), referral_id → referral (id), policy_id → policy (id)';
CREATE CONSTRAINT TRIGGER settlement_references_deferred AFTER INSERT OR UPDATE ON settlement
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'settlement_reverses_fkey', 'reverses', 'settlement', 'id');
COMMENT ON TRIGGER settlement_references_deferred ON settlement IS
	'references of settlement: reverses → settlement (id) (checked at commit)';
CREATE CONSTRAINT TRIGGER settlement_referenced AFTER UPDATE OR DELETE ON settlement
	FOR EACH ROW EXECUTE FUNCTION reference_parent_trigger(
		'manual_claim_settlement_id_fkey', 'id', 'manual_claim', 'settlement_id',
		'detail_upload_settlement_id_fkey', 'id', 'detail_upload', 'settlement_id',
		'clearing_detail_confirmation_setl_sn_fkey', 'id', 'clearing_detail_confirmation', 'setl_sn');
COMMENT ON TRIGGER settlement_referenced ON settlement IS
	'rows referring to settlement: manual_claim.settlement_id, detail_upload.settlement_id, clearing_detail_confirmation.setl_sn (no action: a key still referred to stays)';
CREATE CONSTRAINT TRIGGER settlement_referenced_deferred AFTER UPDATE OR DELETE ON settlement
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION reference_parent_trigger(
		'settlement_reverses_fkey', 'id', 'settlement', 'reverses');
COMMENT ON TRIGGER settlement_referenced_deferred ON settlement IS
	'rows referring to settlement: settlement.reverses (no action: a key still referred to stays) (checked at commit)';
CREATE CONSTRAINT TRIGGER ledger_references AFTER INSERT OR UPDATE ON ledger
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'ledger_person_id_fkey', 'person_id', 'person', 'id');
COMMENT ON TRIGGER ledger_references ON ledger IS
	'references of ledger: person_id → person (id)';
CREATE CONSTRAINT TRIGGER settlement_attempt_references AFTER INSERT OR UPDATE ON settlement_attempt
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'settlement_attempt_encounter_id_fkey', 'encounter_id', 'encounter', 'id');
COMMENT ON TRIGGER settlement_attempt_references ON settlement_attempt IS
	'references of settlement_attempt: encounter_id → encounter (id)';
CREATE CONSTRAINT TRIGGER manual_claim_references AFTER INSERT OR UPDATE ON manual_claim
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'manual_claim_encounter_id_fkey', 'encounter_id', 'encounter', 'id',
		'manual_claim_settlement_id_fkey', 'settlement_id', 'settlement', 'id',
		'manual_claim_referral_id_fkey', 'referral_id', 'referral', 'id');
COMMENT ON TRIGGER manual_claim_references ON manual_claim IS
	'references of manual_claim: encounter_id → encounter (id), settlement_id → settlement (id), referral_id → referral (id)';
CREATE CONSTRAINT TRIGGER detail_upload_references AFTER INSERT OR UPDATE ON detail_upload
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'detail_upload_settlement_id_fkey', 'settlement_id', 'settlement', 'id');
COMMENT ON TRIGGER detail_upload_references ON detail_upload IS
	'references of detail_upload: settlement_id → settlement (id)';
CREATE CONSTRAINT TRIGGER clearing_confirmation_references AFTER INSERT OR UPDATE ON clearing_confirmation
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'clearing_confirmation_institution_code_fkey', 'institution_code', 'institution', 'code');
COMMENT ON TRIGGER clearing_confirmation_references ON clearing_confirmation IS
	'references of clearing_confirmation: institution_code → institution (code)';
CREATE CONSTRAINT TRIGGER clearing_declaration_references AFTER INSERT OR UPDATE ON clearing_declaration
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'clearing_declaration_institution_code_fkey', 'institution_code', 'institution', 'code');
COMMENT ON TRIGGER clearing_declaration_references ON clearing_declaration IS
	'references of clearing_declaration: institution_code → institution (code)';
CREATE CONSTRAINT TRIGGER provincial_clearing_references AFTER INSERT OR UPDATE ON provincial_clearing
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'provincial_clearing_province_code_fkey', 'province_code', 'region', 'code');
COMMENT ON TRIGGER provincial_clearing_references ON provincial_clearing IS
	'references of provincial_clearing: province_code → region (code)';
CREATE CONSTRAINT TRIGGER clearing_transfer_references AFTER INSERT OR UPDATE ON clearing_transfer
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'clearing_transfer_region_code_fkey', 'region_code', 'region', 'code');
COMMENT ON TRIGGER clearing_transfer_references ON clearing_transfer IS
	'references of clearing_transfer: region_code → region (code)';
CREATE CONSTRAINT TRIGGER clearing_detail_confirmation_references AFTER INSERT OR UPDATE ON clearing_detail_confirmation
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'clearing_detail_confirmation_setl_sn_fkey', 'setl_sn', 'settlement', 'id');
COMMENT ON TRIGGER clearing_detail_confirmation_references ON clearing_detail_confirmation IS
	'references of clearing_detail_confirmation: setl_sn → settlement (id)';
-- business dates: every date stored or given lies in the window set by
-- xdjy.business_date_min / xdjy.business_date_max (YB004, src/dates.c);
-- rows stored under 1.0 stay as they are (only new or changed dates are
-- checked)
CREATE FUNCTION business_dates_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION business_dates_trigger() IS
	'refuses (YB004) a new or changed business date (date or finite daterange bound) outside xdjy.business_date_min .. xdjy.business_date_max; arguments: the columns';
CREATE FUNCTION check_business_date(day date, what text) RETURNS void
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION check_business_date(date, text) IS
	'raises YB004 naming what unless day lies within xdjy.business_date_min .. xdjy.business_date_max (±infinity and NULL pass)';
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON holiday
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('day');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON filing
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('start_date', 'applied_on', 'closed_on');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON filing_exemption
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('valid');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON filing_history
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('business_date');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON institution_choice_rule
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('valid');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON institution_choice
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('chosen_on');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON encounter
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('admitted_on', 'discharged_on');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON policy
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('valid');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON first_selfpay_ceiling
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('valid');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON ratio_adjustment
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('valid');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON home_benefit_kept
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('valid');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON referral
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('issued_on');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON settlement
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('settled_on', 'service_on', 'details_received_on');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON settlement_attempt
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('attempted_on');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON manual_claim
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('submitted_on', 'materials_complete_on', 'due_on', 'decided_on');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON party_report
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('reported_on');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON detail_upload
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('uploaded_on');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON clearing_confirmation
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('month', 'confirmed_on', 'rolled_back_on');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON clearing_declaration
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('month', 'declared_on', 'paid_on');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON provincial_clearing
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('month', 'starts_on');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON clearing_transfer
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('month', 'transferred_on');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON clearing_detail_confirmation
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('recorded_on');
-- the SQL functions check their date argument first (new bodies, the
-- same signatures, properties and comments)
CREATE OR REPLACE FUNCTION is_chosen_institution(person_id text, institution_code text,
	on_date date DEFAULT CURRENT_DATE) RETURNS boolean
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.check_business_date(is_chosen_institution.on_date, 'is_chosen_institution(on_date)');
	SELECT EXISTS (
		SELECT 1 FROM xdjy.institution_choice c
		JOIN xdjy.filing f ON f.id OPERATOR(pg_catalog.=) c.filing_id
		WHERE f.person_id OPERATOR(pg_catalog.=) $1
		  AND c.institution_code OPERATOR(pg_catalog.=) $2
		  AND c.chosen_on OPERATOR(pg_catalog.<=) $3
		  AND f.start_date OPERATOR(pg_catalog.<=) $3
		  AND (f.closed_on IS NULL OR f.closed_on OPERATOR(pg_catalog.>) $3));
END;
CREATE OR REPLACE FUNCTION manual_claim_due_as_of(as_of date)
	RETURNS TABLE (claim_id bigint, encounter_id bigint, person_id text, insured_region text,
		institution_code text, submitted_on date, materials_complete_on date, due_on date,
		status text, overdue boolean)
	LANGUAGE sql STABLE STRICT PARALLEL RESTRICTED
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.check_business_date(manual_claim_due_as_of.as_of, 'manual_claim_due_as_of(as_of)');
	SELECT c.id, c.encounter_id, e.person_id, p.insured_region, e.institution_code,
		c.submitted_on, x.complete_on, CASE WHEN x.complete_on IS NOT NULL THEN c.due_on END,
		CASE WHEN x.complete_on IS NULL THEN 'awaiting_materials'
			ELSE xdjy.deadline_status(c.due_on, NULL, as_of) END,
		x.complete_on IS NOT NULL AND xdjy.deadline_missed(c.due_on, NULL, as_of)
	FROM xdjy.manual_claim c
	JOIN xdjy.encounter e ON e.id = c.encounter_id
	JOIN xdjy.person p ON p.id = e.person_id
	CROSS JOIN LATERAL (SELECT CASE WHEN c.materials_complete_on <= as_of
		THEN c.materials_complete_on END AS complete_on) x
	WHERE c.submitted_on <= as_of AND (c.decided_on IS NULL OR c.decided_on > as_of)
	ORDER BY c.due_on NULLS LAST, c.id;
END;
CREATE OR REPLACE FUNCTION export_setlinfo("from" date, "to" date)
	RETURNS SETOF setlinfo
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.national_check_period(export_setlinfo."from", export_setlinfo."to", 'from', 'to');
	SELECT xdjy.check_business_date(export_setlinfo."from", 'export_setlinfo(from)');
	SELECT xdjy.check_business_date(export_setlinfo."to", 'export_setlinfo(to)');
	SELECT i.* FROM xdjy.setlinfo i
	WHERE i.setl_time OPERATOR(pg_catalog.>=) export_setlinfo."from"
		AND i.setl_time OPERATOR(pg_catalog.<=) export_setlinfo."to"
	ORDER BY i.setl_time, i.setl_id;
END;
-- settlement: a stay settles at discharge, or explicitly mid-stay
-- (中途结算); settle() and try_settle() take the mark as their last
-- argument (src/settlement_trigger.c)
ALTER TABLE settlement ADD COLUMN mid_stay boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN settlement.mid_stay IS
	'xdjy only: 中途结算, part of an inpatient stay still in hospital on the settlement date; false: a discharge settlement (出院结算), which needs the discharge date (YB320, YB321)';
DROP FUNCTION settle(bigint, bigint, bigint, text, date, text, boolean, bigint, text);
DROP FUNCTION try_settle(bigint, bigint, bigint, text, date, text, boolean, bigint, text);
CREATE FUNCTION settle(encounter_id bigint, total_fen bigint, out_of_scope_fen bigint,
		invoice_no text, settled_on date DEFAULT CURRENT_DATE, mode text DEFAULT 'direct',
		own_reason boolean DEFAULT false, referral_id bigint DEFAULT NULL,
		diagnosis text DEFAULT NULL, mid_stay boolean DEFAULT false)
	RETURNS settlement
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
	AS $$
	INSERT INTO xdjy.settlement (encounter_id, total_fen, out_of_scope_fen, invoice_no,
		settled_on, mode, own_reason, referral_id, diagnosis, mid_stay)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
	RETURNING *
$$;
COMMENT ON FUNCTION settle(bigint, bigint, bigint, text, date, text, boolean, bigint, text, boolean) IS
	'settle an encounter (a stay at discharge, or part of it with mid_stay): the engine decides the category and the amounts, or rejects with a YB code';

CREATE FUNCTION try_settle(encounter_id bigint, total_fen bigint, out_of_scope_fen bigint,
		invoice_no text, settled_on date DEFAULT CURRENT_DATE, mode text DEFAULT 'direct',
		own_reason boolean DEFAULT false, referral_id bigint DEFAULT NULL,
		diagnosis text DEFAULT NULL, mid_stay boolean DEFAULT false)
	RETURNS settlement
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION try_settle(bigint, bigint, bigint, text, date, text, boolean, bigint, text, boolean) IS
	'settle(), but a rejection is recorded in settlement_attempt with its SQLSTATE (R4) and NULL returned';


-- manual claims: submit_manual_claim() with the materials of 吉医保发〔2019〕34号
-- 附件第15条; decide_manual_claim() raises a refusal like every other
-- function (the library's decide_manual_claim no longer records it);
-- try_decide_manual_claim() records it, as 1.0's decide_manual_claim did
COMMENT ON FUNCTION decide_manual_claim(bigint, date) IS
	'decide a manual claim: pay it through a manual settlement at the insured place''s standard, or raise the code of the rule that refuses it (the claim stays open)';

CREATE FUNCTION try_decide_manual_claim(claim_id bigint, decided_on date DEFAULT CURRENT_DATE)
	RETURNS settlement
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION try_decide_manual_claim(bigint, date) IS
	'decide_manual_claim(), but a refusal closes the claim as rejected with the rule''s SQLSTATE and message, and NULL is returned';

CREATE FUNCTION submit_manual_claim(encounter_id bigint, invoice_no text, total_fen bigint,
		out_of_scope_fen bigint DEFAULT 0, submitted_on date DEFAULT CURRENT_DATE,
		medical_record boolean DEFAULT false, expense_list boolean DEFAULT false,
		own_reason boolean DEFAULT false, referral_id bigint DEFAULT NULL,
		diagnosis text DEFAULT NULL)
	RETURNS manual_claim
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
	-- 吉医保发〔2019〕34号 附件第15条: the materials are the invoice (its
	-- number and amounts), the medical record and the expense list, and
	-- nothing more; with all three the materials are complete on the day
	-- of submission, otherwise materials_complete_on is recorded later
	AS $$
	INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, out_of_scope_fen,
		submitted_on, materials_complete_on, own_reason, referral_id, diagnosis)
	VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 AND $7 THEN $5 END, $8, $9, $10)
	RETURNING *
$$;
COMMENT ON FUNCTION submit_manual_claim(bigint, text, bigint, bigint, date, boolean, boolean, boolean, bigint, text) IS
	'submit a manual claim (手工报销) with the invoice, and whether the medical record and the expense list are in: nothing more may be asked (吉医保发〔2019〕34号 附件第15条); with all three, due in 22 working days';

-- settlement: a cross-province long-term resident claiming by hand from an
-- unchosen non-direct-settlement institution of the residence city is
-- paid at the unfiled standard (吉医保发〔2019〕34号 附件第7条): a new
-- category reason (src/settlement.h)
ALTER TABLE settlement DROP CONSTRAINT settlement_category_reason;
ALTER TABLE settlement ADD CONSTRAINT settlement_category_reason CHECK (category_reason IN ('local', 'local_with_proof',
		'local_home_kept', 'home_without_proof', 'long_term_filing', 'temporary_filing',
		'filed_before_discharge', 'filed_after_discharge', 'closed_mid_stay', 'filing_exempt',
		'referral', 'emergency', 'unchosen_institution', 'unfiled'));
COMMENT ON COLUMN settlement.category_reason IS
	'why the category: local, local_with_proof, local_home_kept, home_without_proof, long_term_filing, temporary_filing, filed_before_discharge, filed_after_discharge, closed_mid_stay, filing_exempt, referral, emergency, unchosen_institution, unfiled';

-- The analyst views show money in yuan beside the fen and rates in percent
-- beside the basis points, kpi_monthly names the province a row counts
-- (treatment_province or insured_province), and every column of every
-- view has an English / Chinese comment.  Their column lists change, so
-- the views are dropped and created again, with the functions that read
-- remote_direct_settlement (their BEGIN ATOMIC bodies depend on it) and
-- the views over those functions; the date check of 1.1 comes with them.
DROP VIEW clearing_monthly;
DROP FUNCTION clearing_monthly_as_of(date);
DROP VIEW reconciliation_monthly;
DROP FUNCTION reconciliation_monthly_as_of(date);
DROP VIEW detail_upload_overdue;
DROP FUNCTION detail_upload_overdue_as_of(date);
DROP VIEW kpi_monthly;
DROP VIEW reconciliation_mismatch;
DROP VIEW remote_direct_settlement;

-- The settlements the reconciliation, detail-upload and clearing rules are
-- about: settled directly (直接结算) away from the insured pooling region
-- (intra-province or cross-province).  Local settlements and manual
-- reimbursements (手工报销, paid by the insured place itself) do not pass
-- through the platforms.
CREATE VIEW remote_direct_settlement WITH (security_invoker = true) AS
SELECT s.id, s.encounter_id, s.settled_on, s.scope, s.reverses, s.institution_code,
	s.insured_region, s.treatment_region,
	s.total_fen, (s.total_fen / 100.0)::numeric(20,2) AS total_yuan,
	s.fund_fen, (s.fund_fen / 100.0)::numeric(20,2) AS fund_yuan,
	s.personal_fen, (s.personal_fen / 100.0)::numeric(20,2) AS personal_yuan
FROM xdjy.settlement s
WHERE s.mode = 'direct' AND s.scope IN ('intra_province', 'cross_province');
COMMENT ON VIEW remote_direct_settlement IS
	'settlements made directly (直接结算) outside the insured pooling region: what the platforms reconcile and clear';
GRANT SELECT ON remote_direct_settlement TO xdjy_admin, xdjy_operator, xdjy_analyst;
COMMENT ON COLUMN remote_direct_settlement.id IS 'the settlement (setl_id) / 结算ID';
COMMENT ON COLUMN remote_direct_settlement.encounter_id IS 'its stay or visit (mdtrt_id) / 就诊ID';
COMMENT ON COLUMN remote_direct_settlement.settled_on IS 'settlement date / 结算日期';
COMMENT ON COLUMN remote_direct_settlement.scope IS 'intra_province or cross_province / 省内异地或跨省异地';
COMMENT ON COLUMN remote_direct_settlement.reverses IS 'the settlement this row reverses (冲正), if any / 被冲正的结算ID';
COMMENT ON COLUMN remote_direct_settlement.institution_code IS 'the institution (fixmedins_code) / 定点医药机构编号';
COMMENT ON COLUMN remote_direct_settlement.insured_region IS 'insured pooling region / 参保地统筹区';
COMMENT ON COLUMN remote_direct_settlement.treatment_region IS 'treatment pooling region / 就医地统筹区';
COMMENT ON COLUMN remote_direct_settlement.total_fen IS 'total in fen / 医疗费总额（分）';
COMMENT ON COLUMN remote_direct_settlement.total_yuan IS 'total in yuan (total_fen / 100, exact) / 医疗费总额（元）';
COMMENT ON COLUMN remote_direct_settlement.fund_fen IS 'fund payment in fen / 基金支付（分）';
COMMENT ON COLUMN remote_direct_settlement.fund_yuan IS 'fund payment in yuan (fund_fen / 100, exact) / 基金支付（元）';
COMMENT ON COLUMN remote_direct_settlement.personal_fen IS 'personal payment in fen / 个人负担（分）';
COMMENT ON COLUMN remote_direct_settlement.personal_yuan IS 'personal payment in yuan (personal_fen / 100, exact) / 个人负担（元）';

-- Daily three-party reconciliation: every remote direct settlement with something wrong, one row per
-- kind, all three parties' latest values side by side; and every settlement
-- id a party reported that xdjy does not know, once per report day.  Filter
-- on day: settlement and party_report are read through their indexes.
-- Every amount in fen has its yuan beside it (exact: fen / 100.0 as numeric).
CREATE VIEW reconciliation_mismatch WITH (security_invoker = true) AS
SELECT m.day, m.settlement_id, m.kind, m.institution_code, m.insured_region, m.treatment_region,
	m.total_fen, (m.total_fen / 100.0)::numeric(20,2) AS total_yuan,
	m.fund_fen, (m.fund_fen / 100.0)::numeric(20,2) AS fund_yuan,
	m.personal_fen, (m.personal_fen / 100.0)::numeric(20,2) AS personal_yuan,
	m.insured_total_fen, (m.insured_total_fen / 100.0)::numeric(20,2) AS insured_total_yuan,
	m.insured_fund_fen, (m.insured_fund_fen / 100.0)::numeric(20,2) AS insured_fund_yuan,
	m.insured_personal_fen, (m.insured_personal_fen / 100.0)::numeric(20,2) AS insured_personal_yuan,
	m.insured_reports,
	m.treatment_total_fen, (m.treatment_total_fen / 100.0)::numeric(20,2) AS treatment_total_yuan,
	m.treatment_fund_fen, (m.treatment_fund_fen / 100.0)::numeric(20,2) AS treatment_fund_yuan,
	m.treatment_personal_fen, (m.treatment_personal_fen / 100.0)::numeric(20,2) AS treatment_personal_yuan,
	m.treatment_reports,
	m.national_total_fen, (m.national_total_fen / 100.0)::numeric(20,2) AS national_total_yuan,
	m.national_fund_fen, (m.national_fund_fen / 100.0)::numeric(20,2) AS national_fund_yuan,
	m.national_personal_fen, (m.national_personal_fen / 100.0)::numeric(20,2) AS national_personal_yuan,
	m.national_reports
FROM (
	SELECT s.settled_on AS day, s.id AS settlement_id, k.kind,
		s.institution_code, s.insured_region, s.treatment_region,
		s.total_fen, s.fund_fen, s.personal_fen,
		ins.total_fen AS insured_total_fen, ins.fund_fen AS insured_fund_fen,
		ins.personal_fen AS insured_personal_fen, coalesce(ins.reports, 0) AS insured_reports,
		tre.total_fen AS treatment_total_fen, tre.fund_fen AS treatment_fund_fen,
		tre.personal_fen AS treatment_personal_fen, coalesce(tre.reports, 0) AS treatment_reports,
		nat.total_fen AS national_total_fen, nat.fund_fen AS national_fund_fen,
		nat.personal_fen AS national_personal_fen, coalesce(nat.reports, 0) AS national_reports
	FROM xdjy.remote_direct_settlement s
	LEFT JOIN LATERAL (
		SELECT r.total_fen, r.fund_fen, r.personal_fen, count(*) OVER () AS reports
		FROM xdjy.party_report r
		WHERE r.settlement_id = s.id AND r.party = 'insured'
		ORDER BY r.reported_on DESC, r.id DESC LIMIT 1) ins ON true
	LEFT JOIN LATERAL (
		SELECT r.total_fen, r.fund_fen, r.personal_fen, count(*) OVER () AS reports
		FROM xdjy.party_report r
		WHERE r.settlement_id = s.id AND r.party = 'treatment'
		ORDER BY r.reported_on DESC, r.id DESC LIMIT 1) tre ON true
	LEFT JOIN LATERAL (
		SELECT r.total_fen, r.fund_fen, r.personal_fen, count(*) OVER () AS reports
		FROM xdjy.party_report r
		WHERE r.settlement_id = s.id AND r.party = 'national'
		ORDER BY r.reported_on DESC, r.id DESC LIMIT 1) nat ON true
	CROSS JOIN LATERAL pg_catalog.unnest(xdjy.reconciliation_kinds(
		ARRAY[s.total_fen, s.fund_fen, s.personal_fen],
		ARRAY[ins.total_fen, ins.fund_fen, ins.personal_fen],
		ARRAY[tre.total_fen, tre.fund_fen, tre.personal_fen],
		ARRAY[nat.total_fen, nat.fund_fen, nat.personal_fen])) AS k(kind)
	UNION ALL
	SELECT u.day, u.settlement_id, k.kind,
		NULL, NULL, NULL, NULL, NULL, NULL,
		u.insured_total_fen, u.insured_fund_fen, u.insured_personal_fen, u.insured_reports,
		u.treatment_total_fen, u.treatment_fund_fen, u.treatment_personal_fen, u.treatment_reports,
		u.national_total_fen, u.national_fund_fen, u.national_personal_fen, u.national_reports
	FROM (
		SELECT r.reported_on AS day, r.settlement_id,
			(array_agg(r.total_fen ORDER BY r.id DESC) FILTER (WHERE r.party = 'insured'))[1] AS insured_total_fen,
			(array_agg(r.fund_fen ORDER BY r.id DESC) FILTER (WHERE r.party = 'insured'))[1] AS insured_fund_fen,
			(array_agg(r.personal_fen ORDER BY r.id DESC) FILTER (WHERE r.party = 'insured'))[1] AS insured_personal_fen,
			count(*) FILTER (WHERE r.party = 'insured') AS insured_reports,
			(array_agg(r.total_fen ORDER BY r.id DESC) FILTER (WHERE r.party = 'treatment'))[1] AS treatment_total_fen,
			(array_agg(r.fund_fen ORDER BY r.id DESC) FILTER (WHERE r.party = 'treatment'))[1] AS treatment_fund_fen,
			(array_agg(r.personal_fen ORDER BY r.id DESC) FILTER (WHERE r.party = 'treatment'))[1] AS treatment_personal_fen,
			count(*) FILTER (WHERE r.party = 'treatment') AS treatment_reports,
			(array_agg(r.total_fen ORDER BY r.id DESC) FILTER (WHERE r.party = 'national'))[1] AS national_total_fen,
			(array_agg(r.fund_fen ORDER BY r.id DESC) FILTER (WHERE r.party = 'national'))[1] AS national_fund_fen,
			(array_agg(r.personal_fen ORDER BY r.id DESC) FILTER (WHERE r.party = 'national'))[1] AS national_personal_fen,
			count(*) FILTER (WHERE r.party = 'national') AS national_reports
		FROM xdjy.party_report r
		-- a scalar subquery, not NOT EXISTS: one index probe per report of the
		-- day, never a hash of all settlements
		WHERE (SELECT s.id FROM xdjy.settlement s WHERE s.id = r.settlement_id) IS NULL
		GROUP BY r.reported_on, r.settlement_id
	) u
	CROSS JOIN LATERAL pg_catalog.unnest(xdjy.reconciliation_kinds(NULL,
		ARRAY[u.insured_total_fen, u.insured_fund_fen, u.insured_personal_fen],
		ARRAY[u.treatment_total_fen, u.treatment_fund_fen, u.treatment_personal_fen],
		ARRAY[u.national_total_fen, u.national_fund_fen, u.national_personal_fen])) AS k(kind)
) m;
COMMENT ON VIEW reconciliation_mismatch IS
	'daily three-party reconciliation (三方对账, 鲁医保发〔2022〕26号 第四条(一)): every remote direct settlement missing at a party or whose amounts differ, and every settlement a party reported that xdjy does not know; latest report per party, report counts show a settlement reported twice';
GRANT SELECT ON reconciliation_mismatch TO xdjy_admin, xdjy_operator, xdjy_analyst;
COMMENT ON COLUMN reconciliation_mismatch.day IS 'settlement day (of the report, for an unknown settlement) / 结算日期（未知结算为报送日期）';
COMMENT ON COLUMN reconciliation_mismatch.settlement_id IS 'the settlement (setl_id) / 结算ID';
COMMENT ON COLUMN reconciliation_mismatch.kind IS 'missing_at_insured, missing_at_treatment, missing_at_national, amount_differs or unknown_settlement / 问题类型：参保地缺报、就医地缺报、国家平台缺报、金额不符、未知结算';
COMMENT ON COLUMN reconciliation_mismatch.institution_code IS 'the institution (fixmedins_code) / 定点医药机构编号';
COMMENT ON COLUMN reconciliation_mismatch.insured_region IS 'insured pooling region / 参保地统筹区';
COMMENT ON COLUMN reconciliation_mismatch.treatment_region IS 'treatment pooling region / 就医地统筹区';
COMMENT ON COLUMN reconciliation_mismatch.total_fen IS 'xdjy''s total in fen / 本系统医疗费总额（分）';
COMMENT ON COLUMN reconciliation_mismatch.total_yuan IS 'xdjy''s total in yuan (total_fen / 100, exact) / 本系统医疗费总额（元）';
COMMENT ON COLUMN reconciliation_mismatch.fund_fen IS 'xdjy''s fund payment in fen / 本系统基金支付（分）';
COMMENT ON COLUMN reconciliation_mismatch.fund_yuan IS 'xdjy''s fund payment in yuan (fund_fen / 100, exact) / 本系统基金支付（元）';
COMMENT ON COLUMN reconciliation_mismatch.personal_fen IS 'xdjy''s personal payment in fen / 本系统个人负担（分）';
COMMENT ON COLUMN reconciliation_mismatch.personal_yuan IS 'xdjy''s personal payment in yuan (personal_fen / 100, exact) / 本系统个人负担（元）';
COMMENT ON COLUMN reconciliation_mismatch.insured_total_fen IS 'total in fen, the insured party''s latest report / 参保地最新报送的医疗费总额（分）';
COMMENT ON COLUMN reconciliation_mismatch.insured_total_yuan IS 'total in yuan, the insured party''s latest report (insured_total_fen / 100, exact) / 参保地最新报送的医疗费总额（元）';
COMMENT ON COLUMN reconciliation_mismatch.insured_fund_fen IS 'fund payment in fen, the insured party''s latest report / 参保地最新报送的基金支付（分）';
COMMENT ON COLUMN reconciliation_mismatch.insured_fund_yuan IS 'fund payment in yuan, the insured party''s latest report (insured_fund_fen / 100, exact) / 参保地最新报送的基金支付（元）';
COMMENT ON COLUMN reconciliation_mismatch.insured_personal_fen IS 'personal payment in fen, the insured party''s latest report / 参保地最新报送的个人负担（分）';
COMMENT ON COLUMN reconciliation_mismatch.insured_personal_yuan IS 'personal payment in yuan, the insured party''s latest report (insured_personal_fen / 100, exact) / 参保地最新报送的个人负担（元）';
COMMENT ON COLUMN reconciliation_mismatch.insured_reports IS 'reports the insured party sent for it / 参保地报送次数';
COMMENT ON COLUMN reconciliation_mismatch.treatment_total_fen IS 'total in fen, the treatment party''s latest report / 就医地最新报送的医疗费总额（分）';
COMMENT ON COLUMN reconciliation_mismatch.treatment_total_yuan IS 'total in yuan, the treatment party''s latest report (treatment_total_fen / 100, exact) / 就医地最新报送的医疗费总额（元）';
COMMENT ON COLUMN reconciliation_mismatch.treatment_fund_fen IS 'fund payment in fen, the treatment party''s latest report / 就医地最新报送的基金支付（分）';
COMMENT ON COLUMN reconciliation_mismatch.treatment_fund_yuan IS 'fund payment in yuan, the treatment party''s latest report (treatment_fund_fen / 100, exact) / 就医地最新报送的基金支付（元）';
COMMENT ON COLUMN reconciliation_mismatch.treatment_personal_fen IS 'personal payment in fen, the treatment party''s latest report / 就医地最新报送的个人负担（分）';
COMMENT ON COLUMN reconciliation_mismatch.treatment_personal_yuan IS 'personal payment in yuan, the treatment party''s latest report (treatment_personal_fen / 100, exact) / 就医地最新报送的个人负担（元）';
COMMENT ON COLUMN reconciliation_mismatch.treatment_reports IS 'reports the treatment party sent for it / 就医地报送次数';
COMMENT ON COLUMN reconciliation_mismatch.national_total_fen IS 'total in fen, the national party''s latest report / 国家平台最新报送的医疗费总额（分）';
COMMENT ON COLUMN reconciliation_mismatch.national_total_yuan IS 'total in yuan, the national party''s latest report (national_total_fen / 100, exact) / 国家平台最新报送的医疗费总额（元）';
COMMENT ON COLUMN reconciliation_mismatch.national_fund_fen IS 'fund payment in fen, the national party''s latest report / 国家平台最新报送的基金支付（分）';
COMMENT ON COLUMN reconciliation_mismatch.national_fund_yuan IS 'fund payment in yuan, the national party''s latest report (national_fund_fen / 100, exact) / 国家平台最新报送的基金支付（元）';
COMMENT ON COLUMN reconciliation_mismatch.national_personal_fen IS 'personal payment in fen, the national party''s latest report / 国家平台最新报送的个人负担（分）';
COMMENT ON COLUMN reconciliation_mismatch.national_personal_yuan IS 'personal payment in yuan, the national party''s latest report (national_personal_fen / 100, exact) / 国家平台最新报送的个人负担（元）';
COMMENT ON COLUMN reconciliation_mismatch.national_reports IS 'reports the national party sent for it / 国家平台报送次数';

-- Monthly three-party reconciliation, as it stood on as_of: only reports made by as_of count.  A
-- month is reconciled (reconciled_on) when every remote direct settlement
-- of it matches at all three parties and no unknown settlement was
-- reported in it; reconciled_on is then the day the last report needed came
-- in.  due_on is the 3rd of the next month; status done/open/overdue.
CREATE FUNCTION reconciliation_monthly_as_of(as_of date)
	RETURNS TABLE (month date, settlements bigint, matched bigint, mismatched bigint,
		unknown_settlements bigint, reconciled_on date, due_on date, status text, late boolean)
	LANGUAGE sql STABLE STRICT PARALLEL RESTRICTED
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.check_business_date(reconciliation_monthly_as_of.as_of, 'reconciliation_monthly_as_of(as_of)');
	-- each party''s latest report (reported_on, then id) in one hashed
	-- pass: the greatest ARRAY[day, id, total, fund, personal] per party,
	-- its amounts sliced out, with no sort of every report (make bench)
	WITH pivot AS (
		SELECT r.settlement_id,
			(max(ARRAY[(r.reported_on - DATE '2000-01-01')::bigint, r.id, r.total_fen, r.fund_fen, r.personal_fen])
				FILTER (WHERE r.party = 'insured'))[3:5] AS insured,
			(max(ARRAY[(r.reported_on - DATE '2000-01-01')::bigint, r.id, r.total_fen, r.fund_fen, r.personal_fen])
				FILTER (WHERE r.party = 'treatment'))[3:5] AS treatment,
			(max(ARRAY[(r.reported_on - DATE '2000-01-01')::bigint, r.id, r.total_fen, r.fund_fen, r.personal_fen])
				FILTER (WHERE r.party = 'national'))[3:5] AS national,
			max(r.reported_on) AS last_reported_on
		FROM xdjy.party_report r
		WHERE r.reported_on <= as_of
		GROUP BY r.settlement_id
	), per_settlement AS (
		SELECT xdjy.month_of(s.settled_on) AS month,
			pg_catalog.cardinality(xdjy.reconciliation_kinds(
				ARRAY[s.total_fen, s.fund_fen, s.personal_fen],
				p.insured, p.treatment, p.national)) = 0 AS matched,
			p.last_reported_on
		FROM xdjy.remote_direct_settlement s
		LEFT JOIN pivot p ON p.settlement_id = s.id
		WHERE s.settled_on <= as_of
	), unknown AS (
		SELECT xdjy.month_of(min(r.reported_on)) AS month, r.settlement_id
		FROM xdjy.party_report r
		WHERE r.reported_on <= as_of
			AND NOT EXISTS (SELECT FROM xdjy.settlement s WHERE s.id = r.settlement_id)
		GROUP BY r.settlement_id
	), months AS (
		SELECT ps.month, count(*) AS settlements, count(*) FILTER (WHERE ps.matched) AS matched,
			max(ps.last_reported_on) AS last_reported_on
		FROM per_settlement ps
		GROUP BY ps.month
	), unknown_months AS (
		SELECT u.month, count(*) AS unknown_settlements
		FROM unknown u
		GROUP BY u.month
	), report AS (
		SELECT coalesce(m.month, um.month) AS month,
			coalesce(m.settlements, 0) AS settlements,
			coalesce(m.matched, 0) AS matched,
			coalesce(um.unknown_settlements, 0) AS unknown_settlements,
			m.last_reported_on
		FROM months m
		FULL JOIN unknown_months um ON um.month = m.month
	), done AS (
		SELECT rp.*,
			CASE WHEN rp.matched = rp.settlements AND rp.unknown_settlements = 0
				THEN rp.last_reported_on END AS reconciled_on,
			xdjy.reconciliation_due_on(rp.month) AS due_on
		FROM report rp
	)
	SELECT d.month, d.settlements, d.matched, d.settlements - d.matched, d.unknown_settlements,
		d.reconciled_on, d.due_on,
		xdjy.deadline_status(d.due_on, d.reconciled_on, as_of),
		xdjy.deadline_missed(d.due_on, d.reconciled_on, as_of)
	FROM done d
	ORDER BY d.month;
END;
COMMENT ON FUNCTION reconciliation_monthly_as_of(date) IS
	'monthly three-party reconciliation (三方对账) as it stood on as_of (鲁医保发〔2022〕26号 第四条(一): by the 3rd of the next month)';

CREATE VIEW reconciliation_monthly WITH (security_invoker = true) AS
SELECT * FROM xdjy.reconciliation_monthly_as_of(CURRENT_DATE);
COMMENT ON VIEW reconciliation_monthly IS
	'monthly three-party reconciliation today; reconciliation_monthly_as_of(date) for another day';
GRANT SELECT ON reconciliation_monthly TO xdjy_admin, xdjy_operator, xdjy_analyst;
COMMENT ON COLUMN reconciliation_monthly.month IS 'month of settled_on (its first day) / 结算月份（当月第一天）';
COMMENT ON COLUMN reconciliation_monthly.settlements IS 'remote direct settlements of the month / 当月异地直接结算笔数';
COMMENT ON COLUMN reconciliation_monthly.matched IS 'settlements all three parties reported with the same amounts / 三方金额一致的结算笔数';
COMMENT ON COLUMN reconciliation_monthly.mismatched IS 'settlements missing at a party or with a differing amount / 缺报或金额不符的结算笔数';
COMMENT ON COLUMN reconciliation_monthly.unknown_settlements IS 'settlement ids a party reported that xdjy does not know / 对方报送而本系统无此结算的笔数';
COMMENT ON COLUMN reconciliation_monthly.reconciled_on IS 'the day every settlement of the month matched, if it has / 当月全部相符的日期';
COMMENT ON COLUMN reconciliation_monthly.due_on IS 'due: the 3rd of the next month (鲁医保发〔2022〕26号 第四条(一)) / 对账截止日期：次月3日';
COMMENT ON COLUMN reconciliation_monthly.status IS 'open, done or overdue (reporting_label gives the words) / 状态：未到期、已完成、逾期';
COMMENT ON COLUMN reconciliation_monthly.late IS 'reconciled after due_on, or not yet and past it / 是否逾期';

-- Expense details, as it stood on as_of: inpatient direct settlements away from the
-- insured place whose expense details were not uploaded within 3 days
-- (uploaded late: done; not uploaded yet: overdue).  Reversals (冲正) carry
-- no new expenses.
CREATE FUNCTION detail_upload_overdue_as_of(as_of date)
	RETURNS TABLE (settlement_id bigint, settled_on date, institution_code text,
		insured_region text, treatment_region text, due_on date, uploaded_on date,
		status text, days_late integer)
	LANGUAGE sql STABLE STRICT PARALLEL RESTRICTED
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.check_business_date(detail_upload_overdue_as_of.as_of, 'detail_upload_overdue_as_of(as_of)');
	SELECT s.id, s.settled_on, s.institution_code, s.insured_region, s.treatment_region,
		x.due_on, u.uploaded_on,
		xdjy.deadline_status(x.due_on, u.uploaded_on, as_of),
		coalesce(u.uploaded_on, as_of) - x.due_on
	FROM xdjy.remote_direct_settlement s
	JOIN xdjy.encounter e ON e.id = s.encounter_id
	CROSS JOIN LATERAL (SELECT xdjy.detail_upload_due_on(s.settled_on) AS due_on) x
	LEFT JOIN xdjy.detail_upload u ON u.settlement_id = s.id AND u.uploaded_on <= as_of
	WHERE e.visit_type = 'inpatient' AND s.reverses IS NULL AND s.settled_on <= as_of
		AND xdjy.deadline_missed(x.due_on, u.uploaded_on, as_of)
	ORDER BY s.settled_on, s.id;
END;
COMMENT ON FUNCTION detail_upload_overdue_as_of(date) IS
	'inpatient expense details not uploaded within 3 days of direct settlement (鲁医保发〔2022〕26号 第三条(四)), as it stood on as_of';

CREATE VIEW detail_upload_overdue WITH (security_invoker = true) AS
SELECT * FROM xdjy.detail_upload_overdue_as_of(CURRENT_DATE);
COMMENT ON VIEW detail_upload_overdue IS
	'inpatient expense details not uploaded within 3 days (鲁医保发〔2022〕26号 第三条(四)), today';
GRANT SELECT ON detail_upload_overdue TO xdjy_admin, xdjy_operator, xdjy_analyst;
COMMENT ON COLUMN detail_upload_overdue.settlement_id IS 'the inpatient direct settlement (setl_id) / 住院直接结算ID';
COMMENT ON COLUMN detail_upload_overdue.settled_on IS 'its settlement date / 结算日期';
COMMENT ON COLUMN detail_upload_overdue.institution_code IS 'the institution that uploads (fixmedins_code) / 上传明细的定点医疗机构';
COMMENT ON COLUMN detail_upload_overdue.insured_region IS 'insured pooling region / 参保地统筹区';
COMMENT ON COLUMN detail_upload_overdue.treatment_region IS 'treatment pooling region / 就医地统筹区';
COMMENT ON COLUMN detail_upload_overdue.due_on IS 'due: settled_on + 3 calendar days (鲁医保发〔2022〕26号 第三条(四)) / 上传截止日期：结算后3日（自然日）';
COMMENT ON COLUMN detail_upload_overdue.uploaded_on IS 'the day the details were uploaded, if they were / 明细上传日期';
COMMENT ON COLUMN detail_upload_overdue.status IS 'done (uploaded late) or overdue (not yet) / 状态：逾期已传或逾期未传';
COMMENT ON COLUMN detail_upload_overdue.days_late IS 'days past due_on, to the upload or to today / 逾期天数';

-- 鲁医保发〔2022〕26号 第一条, per province and month:
--   network_success: remote direct settlements (by the treatment province)
--     against them plus the failed direct attempts recorded for remote
--     encounters (try_settle; every recorded failure counts, a retry that
--     succeeds counts once each way); target 98%;
--   cross_province_inpatient_direct: cross-province inpatient settlements
--     of the province's insured settled directly, against all of them,
--     manual reimbursements included (counted per settlement); target 80%.
-- Reversals (冲正) are not settlements of their own here.  A row counts
-- one province, named for what it is: treatment_province on the
-- network_success rows, insured_province on the others (the other NULL),
-- so that no query reads one column in two senses.  Rates and targets are
-- in basis points and in percent.
CREATE VIEW kpi_monthly WITH (security_invoker = true) AS
WITH network AS (
	SELECT xdjy.month_of(s.settled_on) AS month, xdjy.province_of(s.treatment_region) AS province,
		1 AS success
	FROM xdjy.remote_direct_settlement s
	WHERE s.reverses IS NULL
	UNION ALL
	SELECT xdjy.month_of(a.attempted_on), xdjy.province_of(t.treatment_region), 0
	FROM xdjy.settlement_attempt a
	JOIN xdjy.encounter e ON e.id = a.encounter_id
	JOIN xdjy.person p ON p.id = e.person_id
	JOIN xdjy.institution i ON i.code = e.institution_code
	CROSS JOIN LATERAL (SELECT xdjy.pooling_region(i.region_code) AS treatment_region) t
	WHERE a.mode = 'direct'
		AND xdjy.treatment_scope(p.insured_region, t.treatment_region) <> 'local'
), counts AS (
	SELECT n.month, n.province, 'network_success' AS kpi,
		sum(n.success)::bigint AS numerator, count(*) AS denominator, 'treatment' AS basis
	FROM network n
	GROUP BY n.month, n.province
	UNION ALL
	SELECT xdjy.month_of(s.settled_on), xdjy.province_of(s.insured_region), 'cross_province_inpatient_direct',
		count(*) FILTER (WHERE s.mode = 'direct'), count(*), 'insured'
	FROM xdjy.settlement s
	JOIN xdjy.encounter e ON e.id = s.encounter_id
	WHERE s.scope = 'cross_province' AND e.visit_type = 'inpatient' AND s.reverses IS NULL
	GROUP BY 1, 2
)
SELECT c.month, c.kpi,
	CASE WHEN c.basis = 'treatment' THEN c.province END AS treatment_province,
	CASE WHEN c.basis = 'insured' THEN c.province END AS insured_province,
	r.name_zh AS province_name_zh, r.name_en AS province_name_en,
	c.numerator, c.denominator,
	xdjy.rate_bp(c.numerator, c.denominator) AS rate_bp,
	(xdjy.rate_bp(c.numerator, c.denominator) / 100.0)::numeric(7,2) AS rate_percent,
	xdjy.kpi_target_bp(c.kpi) AS target_bp,
	(xdjy.kpi_target_bp(c.kpi) / 100.0)::numeric(7,2) AS target_percent,
	xdjy.rate_meets(c.numerator, c.denominator, xdjy.kpi_target_bp(c.kpi)) AS met
FROM counts c
LEFT JOIN xdjy.region r ON r.code = c.province;
COMMENT ON VIEW kpi_monthly IS
	'monthly indicators per province (鲁医保发〔2022〕26号 第一条): network_success (target 98%) by treatment province, cross_province_inpatient_direct (target 80%) by insured province';
COMMENT ON COLUMN kpi_monthly.month IS 'month (its first day) / 月份（当月第一天）';
COMMENT ON COLUMN kpi_monthly.kpi IS
	'indicator: network_success or cross_province_inpatient_direct (reporting_label gives its name) / 指标：network_success 异地就医联网结算成功率，cross_province_inpatient_direct 住院费用跨省直接结算率';
COMMENT ON COLUMN kpi_monthly.treatment_province IS
	'the treatment province the row counts (network_success rows; NULL on the others) / 就医省份（联网结算成功率按就医省份统计；其他指标为空）';
COMMENT ON COLUMN kpi_monthly.insured_province IS
	'the insured province the row counts (cross_province_inpatient_direct rows; NULL on the others) / 参保省份（住院费用跨省直接结算率按参保省份统计；其他指标为空）';
COMMENT ON COLUMN kpi_monthly.province_name_zh IS
	'name in Chinese of the row''s province (treatment_province or insured_province, whichever is set) / 本行省份名称（中文）';
COMMENT ON COLUMN kpi_monthly.province_name_en IS
	'name in English of the row''s province (treatment_province or insured_province, whichever is set) / 本行省份名称（英文）';
COMMENT ON COLUMN kpi_monthly.numerator IS
	'successful direct settlements, or cross-province inpatient settlements made directly / 分子：联网结算成功笔数，或跨省住院直接结算笔数';
COMMENT ON COLUMN kpi_monthly.denominator IS
	'direct settlements plus recorded failed attempts, or all cross-province inpatient settlements (manual included) / 分母：联网结算笔数加失败尝试笔数，或全部跨省住院结算笔数（含手工报销）';
COMMENT ON COLUMN kpi_monthly.rate_bp IS 'numerator / denominator in basis points, rounded half up (9800 = 98%) / 比率（基点，四舍五入，9800 即 98%）';
COMMENT ON COLUMN kpi_monthly.rate_percent IS 'rate_bp in percent, exact (9800 bp = 98.00) / 比率（百分数）';
COMMENT ON COLUMN kpi_monthly.target_bp IS 'the target in basis points: 9800 or 8000 (鲁医保发〔2022〕26号 第一条) / 目标（基点）';
COMMENT ON COLUMN kpi_monthly.target_percent IS 'target_bp in percent (98.00 or 80.00) / 目标（百分数）';
COMMENT ON COLUMN kpi_monthly.met IS 'the exact rate reaches the target (以上 includes it) / 是否达标（按精确比率比较，达到目标即达标）';
GRANT SELECT ON kpi_monthly TO xdjy_admin, xdjy_operator, xdjy_analyst;

-- the analyst views kept: their columns' comments
COMMENT ON COLUMN coverage_gap.gap IS 'township_inpatient or county_chronic: which requirement is not met / 缺口类型：乡镇住院或县级门诊慢特病';
COMMENT ON COLUMN coverage_gap.region_code IS 'the township or county-level division / 乡镇（街道）或县级行政区代码';
COMMENT ON COLUMN coverage_gap.name_zh IS 'its name in Chinese / 名称（中文）';
COMMENT ON COLUMN coverage_gap.name_en IS 'its name in English / 名称（英文）';
COMMENT ON COLUMN coverage_gap.parent_code IS 'the division it belongs to / 上级区划代码';
COMMENT ON COLUMN coverage_gap.province IS 'its province / 所属省份代码';
COMMENT ON COLUMN coverage_gap.networked IS 'networked institutions it has / 现有联网定点医疗机构数';
COMMENT ON COLUMN coverage_gap.required IS 'how many are required (鲁医保发〔2020〕68号 二(一)(二)) / 要求数量';
COMMENT ON COLUMN coverage_gap.gap_en IS 'the gap in English / 缺口说明（英文）';
COMMENT ON COLUMN coverage_gap.gap_zh IS 'the gap in Chinese / 缺口说明（中文）';
COMMENT ON COLUMN manual_claim_due.claim_id IS 'the manual claim / 手工报销申请ID';
COMMENT ON COLUMN manual_claim_due.encounter_id IS 'its stay or visit (mdtrt_id) / 就诊ID';
COMMENT ON COLUMN manual_claim_due.person_id IS 'the insured person (psn_no) / 人员编号';
COMMENT ON COLUMN manual_claim_due.insured_region IS 'insured pooling region, which reimburses / 参保地统筹区（经办报销）';
COMMENT ON COLUMN manual_claim_due.institution_code IS 'the institution of the invoice / 开具票据的定点医疗机构';
COMMENT ON COLUMN manual_claim_due.submitted_on IS 'submitted on / 申请日期';
COMMENT ON COLUMN manual_claim_due.materials_complete_on IS 'invoice, medical record and expense list all in on (吉医保发〔2019〕34号 附件第15条) / 材料收齐日期';
COMMENT ON COLUMN manual_claim_due.due_on IS 'due: 22 working days after the materials are complete / 办结时限：材料收齐后22个工作日';
COMMENT ON COLUMN manual_claim_due.status IS 'awaiting_materials, open or overdue / 状态：待补材料、办理中、逾期';
COMMENT ON COLUMN manual_claim_due.overdue IS 'past due_on and not decided / 是否逾期未办结';

-- Monthly clearing belongs to reporting, but reads the 3261/3262 answers
-- above, so it is defined last.
-- Monthly clearing, as it stood on as_of: per month, what each institution receives
-- (confirmation by the 20th of the next month, payment within 30 working
-- days of its declaration), what each insured pooling region pays (transfer
-- up before the next provincial clearing starts) and what each treatment
-- pooling region receives.  Amounts are the fund part (统筹) of remote
-- direct settlements, reversals included.
CREATE FUNCTION clearing_monthly_as_of(as_of date)
	RETURNS TABLE (month date, party_kind text, code text, region_code text,
		settlements bigint, fund_fen bigint, fund_yuan numeric,
		confirm_due_on date, confirmed_on date, confirmed_fund_fen bigint, confirmed_fund_yuan numeric,
		agreed_settlements bigint, confirm_status text,
		declared_on date, declared_fund_fen bigint, declared_fund_yuan numeric,
		pay_due_on date, paid_on date, paid_fen bigint, paid_yuan numeric, pay_status text,
		transfer_due_on date, transferred_on date, transferred_fund_fen bigint, transferred_fund_yuan numeric,
		transfer_status text)
	LANGUAGE sql STABLE STRICT PARALLEL RESTRICTED
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.check_business_date(clearing_monthly_as_of.as_of, 'clearing_monthly_as_of(as_of)');
	WITH cleared AS (
		SELECT xdjy.month_of(s.settled_on) AS month, s.id, s.institution_code,
			s.insured_region, s.treatment_region, s.fund_fen
		FROM xdjy.remote_direct_settlement s
		WHERE s.settled_on <= as_of
	), answer AS (
		-- each settlement's standing 3261/3262 answer on as_of: its latest entry
		SELECT DISTINCT ON (k.setl_sn) k.setl_sn, k.action, k.cnfm_flag, k.recorded_on
		FROM xdjy.clearing_detail_confirmation k
		WHERE k.recorded_on <= as_of
		ORDER BY k.setl_sn, k.seq DESC
	), inst AS (
		SELECT c.month, c.institution_code, min(c.treatment_region) AS region_code,
			count(*) AS settlements, sum(c.fund_fen)::bigint AS fund_fen,
			count(*) FILTER (WHERE a.action = 'confirm' AND a.cnfm_flag = '1') AS agreed,
			max(a.recorded_on) FILTER (WHERE a.action = 'confirm' AND a.cnfm_flag = '1') AS last_agreed_on,
			xdjy.clearing_confirm_due_on(c.month) AS confirm_due_on
		FROM cleared c
		LEFT JOIN answer a ON a.setl_sn = c.id
		GROUP BY c.month, c.institution_code
	), confirmed AS (
		-- confirmed: by a standing month confirmation, or once every row is
		-- agreed (cnfm_flag 1) through the national interface, whichever first
		SELECT i.*, cf.fund_fen AS confirmed_fund_fen,
			LEAST(cf.confirmed_on, CASE WHEN i.agreed = i.settlements THEN i.last_agreed_on END) AS confirmed_on
		FROM inst i
		LEFT JOIN LATERAL (
			SELECT c.confirmed_on, c.fund_fen
			FROM xdjy.clearing_confirmation c
			WHERE c.month = i.month AND c.institution_code = i.institution_code
				AND c.confirmed_on <= as_of AND (c.rolled_back_on IS NULL OR c.rolled_back_on > as_of)
			ORDER BY c.confirmed_on DESC, c.id DESC LIMIT 1) cf ON true
	), payer AS (
		SELECT c.month, c.insured_region, count(*) AS settlements, sum(c.fund_fen)::bigint AS fund_fen,
			xdjy.clearing_transfer_due_on(pc.starts_on) AS transfer_due_on
		FROM cleared c
		LEFT JOIN xdjy.provincial_clearing pc
			ON pc.province_code = xdjy.province_of(c.insured_region)
			AND pc.month = (c.month + interval '1 month')::date
		GROUP BY c.month, c.insured_region, pc.starts_on
	), payee AS (
		SELECT c.month, c.treatment_region, count(*) AS settlements, sum(c.fund_fen)::bigint AS fund_fen
		FROM cleared c
		GROUP BY c.month, c.treatment_region
	), declared AS (
		SELECT d.month, d.institution_code, d.declared_on, d.fund_fen,
			xdjy.clearing_pay_due_on(d.declared_on) AS pay_due_on,
			CASE WHEN d.paid_on <= as_of THEN d.paid_on END AS paid_on,
			CASE WHEN d.paid_on <= as_of THEN d.paid_fen END AS paid_fen
		FROM xdjy.clearing_declaration d
		WHERE d.declared_on <= as_of
	)
	-- every amount in fen with its yuan beside it (exact: fen / 100.0 as numeric)
	SELECT x.month, x.party_kind, x.code, x.region_code, x.settlements,
		x.fund_fen, (x.fund_fen / 100.0)::numeric(20,2),
		x.confirm_due_on, x.confirmed_on, x.confirmed_fund_fen, (x.confirmed_fund_fen / 100.0)::numeric(20,2),
		x.agreed_settlements, x.confirm_status,
		x.declared_on, x.declared_fund_fen, (x.declared_fund_fen / 100.0)::numeric(20,2),
		x.pay_due_on, x.paid_on, x.paid_fen, (x.paid_fen / 100.0)::numeric(20,2), x.pay_status,
		x.transfer_due_on, x.transferred_on, x.transferred_fund_fen, (x.transferred_fund_fen / 100.0)::numeric(20,2),
		x.transfer_status
	FROM (
		SELECT i.month, 'institution', i.institution_code, i.region_code, i.settlements, i.fund_fen,
			i.confirm_due_on, i.confirmed_on, i.confirmed_fund_fen, i.agreed,
			xdjy.deadline_status(i.confirm_due_on, i.confirmed_on, as_of),
			dc.declared_on, dc.fund_fen, dc.pay_due_on, dc.paid_on, dc.paid_fen,
			CASE WHEN dc.declared_on IS NOT NULL THEN xdjy.deadline_status(dc.pay_due_on, dc.paid_on, as_of) END,
			NULL, NULL, NULL, NULL
		FROM confirmed i
		LEFT JOIN declared dc ON dc.month = i.month AND dc.institution_code = i.institution_code
		UNION ALL
		SELECT p.month, 'insured_region', p.insured_region, p.insured_region, p.settlements, p.fund_fen,
			NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
			p.transfer_due_on, t.transferred_on, t.fund_fen,
			xdjy.deadline_status(p.transfer_due_on, t.transferred_on, as_of)
		FROM payer p
		LEFT JOIN xdjy.clearing_transfer t
			ON t.month = p.month AND t.region_code = p.insured_region AND t.transferred_on <= as_of
		UNION ALL
		SELECT q.month, 'treatment_region', q.treatment_region, q.treatment_region, q.settlements, q.fund_fen,
			NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
		FROM payee q
	) x (month, party_kind, code, region_code, settlements, fund_fen,
		confirm_due_on, confirmed_on, confirmed_fund_fen, agreed_settlements, confirm_status,
		declared_on, declared_fund_fen, pay_due_on, paid_on, paid_fen, pay_status,
		transfer_due_on, transferred_on, transferred_fund_fen, transfer_status)
	ORDER BY 1, 2, 3;
END;
COMMENT ON FUNCTION clearing_monthly_as_of(date) IS
	'monthly clearing (清算) as it stood on as_of: per institution (confirm by the 20th, pay within 30 working days of declaration), per insured region (transfer up before the next provincial clearing), per treatment region (鲁医保发〔2022〕26号 第四条(二)(三))';

CREATE VIEW clearing_monthly WITH (security_invoker = true) AS
SELECT * FROM xdjy.clearing_monthly_as_of(CURRENT_DATE);
COMMENT ON VIEW clearing_monthly IS
	'monthly clearing today; clearing_monthly_as_of(date) for another day';
GRANT SELECT ON clearing_monthly TO xdjy_admin, xdjy_operator, xdjy_analyst;
COMMENT ON COLUMN clearing_monthly.month IS 'the month cleared (its first day; month of settled_on) / 清算月份（当月第一天）';
COMMENT ON COLUMN clearing_monthly.party_kind IS 'institution (receives), insured_region (pays) or treatment_region (receives); reporting_label gives the words / 清算方类型：定点医疗机构（收款）、参保地（付款）、就医地（收款）';
COMMENT ON COLUMN clearing_monthly.code IS 'the institution code (fixmedins_code) or the pooling region code / 定点医疗机构编号或统筹区代码';
COMMENT ON COLUMN clearing_monthly.region_code IS 'the pooling region: the institution''s, or the region itself / 所属统筹区';
COMMENT ON COLUMN clearing_monthly.settlements IS 'remote direct settlements of the month, reversals included / 当月异地直接结算笔数（含冲正）';
COMMENT ON COLUMN clearing_monthly.fund_fen IS 'fund part (统筹) of those settlements in fen, reversals netted / 基金支付金额（分，冲正已抵减）';
COMMENT ON COLUMN clearing_monthly.fund_yuan IS 'fund_fen in yuan (fund_fen / 100, exact) / 基金支付金额（元）';
COMMENT ON COLUMN clearing_monthly.confirm_due_on IS 'institution rows: confirmation due, the 20th of the next month (鲁医保发〔2022〕26号 第四条(二)) / 对账确认截止日期：次月20日';
COMMENT ON COLUMN clearing_monthly.confirmed_on IS 'institution rows: the day the month was confirmed (a standing confirmation, or the last 3261 agreement of its rows) / 对账确认日期';
COMMENT ON COLUMN clearing_monthly.confirmed_fund_fen IS 'institution rows: fund amount of the standing confirmation in fen / 确认的基金支付金额（分）';
COMMENT ON COLUMN clearing_monthly.confirmed_fund_yuan IS 'confirmed_fund_fen in yuan (exact) / 确认的基金支付金额（元）';
COMMENT ON COLUMN clearing_monthly.agreed_settlements IS 'institution rows: settlements the institution agreed through 3261 (cnfm_flag 1) / 经3261确认一致的结算笔数';
COMMENT ON COLUMN clearing_monthly.confirm_status IS 'institution rows: done, open or overdue against confirm_due_on / 对账确认状态：已完成、未到期、已逾期';
COMMENT ON COLUMN clearing_monthly.declared_on IS 'institution rows: the day the institution declared the month''s costs (费用申报) / 费用申报日期';
COMMENT ON COLUMN clearing_monthly.declared_fund_fen IS 'institution rows: fund amount declared in fen / 申报的基金支付金额（分）';
COMMENT ON COLUMN clearing_monthly.declared_fund_yuan IS 'declared_fund_fen in yuan (exact) / 申报的基金支付金额（元）';
COMMENT ON COLUMN clearing_monthly.pay_due_on IS 'institution rows: payment due, the 30th working day after the declaration (鲁医保发〔2022〕26号 第四条(二)) / 拨付截止日期：申报后30个工作日';
COMMENT ON COLUMN clearing_monthly.paid_on IS 'institution rows: the day it was paid, if by as_of / 拨付日期';
COMMENT ON COLUMN clearing_monthly.paid_fen IS 'institution rows: amount paid in fen / 拨付金额（分）';
COMMENT ON COLUMN clearing_monthly.paid_yuan IS 'paid_fen in yuan (exact) / 拨付金额（元）';
COMMENT ON COLUMN clearing_monthly.pay_status IS 'institution rows: done, open or overdue against pay_due_on; NULL before a declaration / 拨付状态';
COMMENT ON COLUMN clearing_monthly.transfer_due_on IS 'insured_region rows: transfer up (上解) due, the day before the province''s next clearing starts (鲁医保发〔2022〕26号 第四条(三)); NULL without a provincial_clearing row / 上解截止日期：下次省级清算开始前一日';
COMMENT ON COLUMN clearing_monthly.transferred_on IS 'insured_region rows: the day the fund was transferred up / 上解日期';
COMMENT ON COLUMN clearing_monthly.transferred_fund_fen IS 'insured_region rows: amount transferred up in fen / 上解金额（分）';
COMMENT ON COLUMN clearing_monthly.transferred_fund_yuan IS 'transferred_fund_fen in yuan (exact) / 上解金额（元）';
COMMENT ON COLUMN clearing_monthly.transfer_status IS 'insured_region rows: done, open or overdue against transfer_due_on / 上解状态';

-- the national interface's views: every column's comment in English and Chinese
COMMENT ON COLUMN insutype_map_effective.scheme IS 'xdjy''s insurance scheme: employee or resident / 参保险种：职工或城乡居民';
COMMENT ON COLUMN insutype_map_effective.insutype IS 'the national insutype code in effect (险种类型) / 险种类型代码';
COMMENT ON COLUMN insutype_map_effective.name_zh IS 'the code''s name in Chinese (name of insutype) / 险种类型名称';
COMMENT ON COLUMN insutype_map_effective.priority IS 'its priority: builtin rows 0, a DBA''s rows above 0; the highest is in effect / 优先级：内置行为0，自定义行大于0，取最高者';
COMMENT ON COLUMN insutype_map_effective.builtin IS 'shipped with xdjy (not dumped, read-only) / 是否为内置行（随扩展提供，只读）';
COMMENT ON COLUMN med_type_map_effective.visit_type IS 'xdjy''s visit type: inpatient, outpatient, chronic_outpatient or pharmacy / 就诊类型：住院、门诊、门诊慢特病、药店购药';
COMMENT ON COLUMN med_type_map_effective.emergency IS 'the encounter is an emergency (encounter.emergency) / 是否急诊';
COMMENT ON COLUMN med_type_map_effective.trauma IS 'the encounter is a trauma case (encounter.trauma) / 是否外伤';
COMMENT ON COLUMN med_type_map_effective.med_type IS 'the national med_type code in effect (医疗类别) / 医疗类别代码';
COMMENT ON COLUMN med_type_map_effective.name_zh IS 'the code''s name in Chinese (name of med_type) / 医疗类别名称';
COMMENT ON COLUMN med_type_map_effective.priority IS 'its priority: builtin rows 0, a DBA''s rows above 0; the highest is in effect / 优先级：内置行为0，自定义行大于0，取最高者';
COMMENT ON COLUMN med_type_map_effective.builtin IS 'shipped with xdjy (not dumped, read-only) / 是否为内置行（随扩展提供，只读）';
COMMENT ON COLUMN clr_type_map_effective.visit_type IS 'xdjy''s visit type: inpatient, outpatient, chronic_outpatient or pharmacy / 就诊类型：住院、门诊、门诊慢特病、药店购药';
COMMENT ON COLUMN clr_type_map_effective.clr_type IS 'the national clr_type code in effect (清算类别) / 清算类别代码';
COMMENT ON COLUMN clr_type_map_effective.name_zh IS 'the code''s name in Chinese (name of clr_type) / 清算类别名称';
COMMENT ON COLUMN clr_type_map_effective.priority IS 'its priority: builtin rows 0, a DBA''s rows above 0; the highest is in effect / 优先级：内置行为0，自定义行大于0，取最高者';
COMMENT ON COLUMN clr_type_map_effective.builtin IS 'shipped with xdjy (not dumped, read-only) / 是否为内置行（随扩展提供，只读）';
COMMENT ON COLUMN setlinfo.psn_no IS 'person number (settlement.person_id) / 人员编号';
COMMENT ON COLUMN setlinfo.mdtrt_id IS 'encounter id (encounter.id) / 就诊ID';
COMMENT ON COLUMN setlinfo.setl_id IS 'settlement id (settlement.id) / 结算ID';
COMMENT ON COLUMN setlinfo.insutype IS 'insurance type, from person.scheme through insutype_map (the person''s scheme today: a settlement does not record it) / 险种类型';
COMMENT ON COLUMN setlinfo.med_type IS 'medical type, from encounter visit_type, emergency, trauma through med_type_map / 医疗类别';
COMMENT ON COLUMN setlinfo.clr_type IS 'clearing type, from encounter visit_type through clr_type_map / 清算类别';
COMMENT ON COLUMN setlinfo.insuplc_admdvs IS 'insured place''s division code (settlement.insured_region) / 参保地医保区划';
COMMENT ON COLUMN setlinfo.mdtrtarea_admvs IS 'treatment place''s division code: the institution''s pooling region / 就医地医保区划';
COMMENT ON COLUMN setlinfo.fixmedins_code IS 'designated institution code (settlement.institution_code) / 定点医药机构编号';
COMMENT ON COLUMN setlinfo.clr_optins IS 'clearing agency: the insured pooling region; the setl_optins of a 3201/3202 statement / 清算经办机构';
COMMENT ON COLUMN setlinfo.medfee_sumamt IS 'total medical costs in yuan = fulamt_ownpay_amt + preselfpay_amt + inscp_scp_amt (超限价自费 overlmt_selfpay is not modelled: 0) / 医疗费总额（元）';
COMMENT ON COLUMN setlinfo.fulamt_ownpay_amt IS 'wholly self-paid amount in yuan (settlement.out_of_scope_fen) / 全自费金额（元）';
COMMENT ON COLUMN setlinfo.preselfpay_amt IS 'first self-payment in yuan (settlement.first_selfpay_fen) / 先行自付金额（元）';
COMMENT ON COLUMN setlinfo.inscp_scp_amt IS 'amount within the policy scope in yuan: total − 全自费 − 先行自付 / 符合政策范围金额（元）';
COMMENT ON COLUMN setlinfo.act_pay_dedc IS 'deductible actually paid in yuan (settlement.deductible_fen) / 实际支付起付线（元）';
COMMENT ON COLUMN setlinfo.hifp_pay IS 'pooled fund payment in yuan (settlement.fund_fen) / 统筹基金支出（元）';
COMMENT ON COLUMN setlinfo.pool_prop_selfpay IS 'pooled fund payment ratio (ratio_bp / 10000, 0.7000 = 70%) / 基本医疗保险统筹基金支付比例';
COMMENT ON COLUMN setlinfo.fund_pay_sumamt IS 'total fund payment in yuan (= hifp_pay: no other fund is modelled) / 基金支付总额（元）';
COMMENT ON COLUMN setlinfo.acct_pay IS 'personal account payment in yuan: 0, personal accounts are not modelled / 个人账户支出（元）';
COMMENT ON COLUMN setlinfo.psn_part_amt IS 'total borne by the person in yuan (settlement.personal_fen) / 个人负担总金额（元）';
COMMENT ON COLUMN setlinfo.setl_time IS 'settlement time: the business date (settlement.settled_on) / 结算时间';
COMMENT ON COLUMN setlinfo.refd_setl_flag IS 'refund settlement flag: 1 for a reversal row (settlement.reverses set; negative amounts), 0 otherwise / 退费结算标志';
COMMENT ON COLUMN setlinfo.reverses IS 'xdjy: the setl_id a reversal row reverses / 被冲正的结算ID';
COMMENT ON COLUMN setlinfo.mode IS 'xdjy: direct or manual; statements and clearing count direct settlements only / 结算方式：直接结算或手工报销';
COMMENT ON COLUMN clearing_detail.trt_year IS 'year of setl_time / 年度';
COMMENT ON COLUMN clearing_detail.trt_month IS 'month of setl_time / 月份';
COMMENT ON COLUMN clearing_detail.mdtrtarea IS 'treatment place: the treatment pooling region / 就医地';
COMMENT ON COLUMN clearing_detail.medins_no IS 'medical institution number (fixmedins_code) / 医疗机构编号';
COMMENT ON COLUMN clearing_detail.certno IS 'certificate number (person.certno, NULL when not recorded) / 证件号码';
COMMENT ON COLUMN clearing_detail.psn_no IS 'person number (settlement.person_id) / 人员编号';
COMMENT ON COLUMN clearing_detail.mdtrt_id IS 'encounter id (encounter.id) / 就诊ID';
COMMENT ON COLUMN clearing_detail.setl_sn IS 'settlement serial number (settlement.id = setl_id) / 结算流水号';
COMMENT ON COLUMN clearing_detail.medfee_sumamt IS 'total medical costs in yuan / 医疗费总额（元）';
COMMENT ON COLUMN clearing_detail.optins_pay_sumamt IS 'agency payment in yuan: the fund''s payment (hifp_pay; personal accounts are not modelled) / 经办机构支付总额（元）';
COMMENT ON COLUMN clearing_detail.insuplc_admdvs IS 'insured place''s division code (settlement.insured_region) / 参保地医保区划';
COMMENT ON COLUMN clearing_detail.setl_time IS 'settlement time: the business date (settlement.settled_on) / 结算时间';
COMMENT ON COLUMN clearing_detail.refd_setl_flag IS 'refund settlement flag: 1 for a reversal row, 0 otherwise / 退费结算标志';
COMMENT ON COLUMN clearing_detail.cnfm_flag IS 'confirmation flag (3261): 1 agreed, 0 not agreed, NULL unanswered or rolled back (3262) / 确认标志';
COMMENT ON COLUMN clearing_detail.cnfm_date IS 'confirmation date: the business date of the standing 3261 answer / 确认日期';
COMMENT ON COLUMN clearing_detail.cnfm_opter IS 'confirming operator: the role that recorded the standing 3261 answer / 确认人';
COMMENT ON COLUMN clearing_confirmation_monthly.trt_year IS 'year of setl_time / 年度';
COMMENT ON COLUMN clearing_confirmation_monthly.trt_month IS 'month of setl_time / 月份';
COMMENT ON COLUMN clearing_confirmation_monthly.medins_no IS 'medical institution number (fixmedins_code) / 医疗机构编号';
COMMENT ON COLUMN clearing_confirmation_monthly.mdtrtarea IS 'treatment place: the treatment pooling region / 就医地';
COMMENT ON COLUMN clearing_confirmation_monthly.setl_cnt IS 'clearing rows of the institution''s month / 清分明细笔数';
COMMENT ON COLUMN clearing_confirmation_monthly.medfee_sumamt IS 'total medical costs in yuan / 医疗费总额（元）';
COMMENT ON COLUMN clearing_confirmation_monthly.optins_pay_sumamt IS 'agency payment in yuan (the fund''s payment) / 经办机构支付总额（元）';
COMMENT ON COLUMN clearing_confirmation_monthly.agreed_cnt IS 'rows answered 1 agreed (3261) / 确认一致笔数';
COMMENT ON COLUMN clearing_confirmation_monthly.disputed_cnt IS 'rows answered 0 not agreed (3261) / 确认不一致笔数';
COMMENT ON COLUMN clearing_confirmation_monthly.open_cnt IS 'rows not answered, or rolled back (3262) / 未确认笔数';
COMMENT ON COLUMN clearing_confirmation_monthly.confirmed_on IS 'the day the last open row was answered; NULL while any is open / 全部确认的日期';
-- Policy documents: the documents xdjy implements, cited by number
-- The policy documents xdjy implements, cited by their official number
-- (文号) wherever a rule, a hint, a cause or an explanation step names its
-- source.  They ship with the extension (builtin = true): not dumped,
-- recreated by CREATE EXTENSION, read-only.  A DBA may add the documents
-- of a province of their own (dumped).
CREATE TABLE policy_document (
	code		text PRIMARY KEY CHECK (code OPERATOR(pg_catalog.<>) '' AND code OPERATOR(pg_catalog.=) pg_catalog.btrim(code)),
	title		text NOT NULL,
	issuer		text NOT NULL,
	issued_on	date CHECK (pg_catalog.isfinite(issued_on)),
	in_force_on	date CHECK (pg_catalog.isfinite(in_force_on)),
	note		text,
	builtin		boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE policy_document IS
	'the policy documents xdjy implements (政策文件), by official number (文号): what hints, error causes and explain_settlement sources cite';
COMMENT ON COLUMN policy_document.code IS 'the document number as cited, e.g. 鲁医保发〔2021〕46号 (brackets 〔〕); a document without a number: issuer and short title';
COMMENT ON COLUMN policy_document.title IS 'the full title (标题)';
COMMENT ON COLUMN policy_document.issuer IS 'the issuing authorities (发文机关)';
COMMENT ON COLUMN policy_document.issued_on IS 'date of issue (印发日期); NULL when the text gives none';
COMMENT ON COLUMN policy_document.in_force_on IS 'date it takes effect (施行日期); NULL when the text gives none';
COMMENT ON COLUMN policy_document.note IS 'how it reaches xdjy: forwarded by, implementing';
COMMENT ON COLUMN policy_document.builtin IS 'shipped with xdjy (read-only, not dumped; CREATE EXTENSION recreates it)';
SELECT pg_catalog.pg_extension_config_dump('policy_document', 'WHERE NOT builtin');
GRANT SELECT ON policy_document TO xdjy_admin, xdjy_operator, xdjy_analyst;
GRANT INSERT, UPDATE, DELETE ON policy_document TO xdjy_admin;
CREATE TRIGGER policy_document_guard BEFORE INSERT OR UPDATE OR DELETE ON policy_document
	FOR EACH ROW EXECUTE FUNCTION builtin_guard_trigger('policy_rule', 'code');
CREATE TRIGGER policy_document_guard_truncate BEFORE TRUNCATE ON policy_document
	FOR EACH STATEMENT EXECUTE FUNCTION builtin_guard_trigger('policy_rule');
INSERT INTO policy_document (code, title, issuer, issued_on, in_force_on, note, builtin) VALUES
	('鲁医保发〔2021〕46号',
	 '山东省医疗保障局 山东省财政厅关于调整我省参保人员异地就医政策有关问题的通知',
	 '山东省医疗保障局 山东省财政厅', '2021-11-15', '2022-01-01',
	 'forwarded by 济医保发〔2021〕14号 (济南市医疗保障局 济南市财政局, 2021-12-15)', true),
	('济医保发〔2021〕14号',
	 '济南市医疗保障局 济南市财政局关于转发鲁医保发〔2021〕46号文件进一步做好参保人员异地就医有关工作的通知',
	 '济南市医疗保障局 济南市财政局', '2021-12-15', '2022-01-01',
	 'forwards 鲁医保发〔2021〕46号 to Jinan', true),
	('济宁市医保局 异地就医十项便民措施',
	 '济宁市医疗保障局关于实施异地就医十项便民措施的通知',
	 '济宁市医疗保障局', '2023-11-09', NULL,
	 'no document number printed; implements 医保发〔2022〕22号', true),
	('吉医保发〔2019〕34号',
	 '吉林省医疗保障局关于印发《优化异地就医十六条具体举措》的通知',
	 '吉林省医疗保障局', '2019-09-18', '2019-10-01',
	 'cited by the attachment''s items: 附件第N条', true),
	('鲁医保发〔2020〕68号',
	 '山东省医疗保障局关于印发《山东省完善异地就医即时结算制度实施方案》的通知',
	 '山东省医疗保障局', NULL, NULL,
	 'issued 2020; cited by the plan''s sections: 二(一)', true),
	('鲁医保发〔2022〕26号',
	 '山东省医疗保障局 山东省财政厅关于转发《国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》的通知',
	 '山东省医疗保障局 山东省财政厅', '2022-09-09', NULL,
	 'forwards 医保发〔2022〕22号; forwarded by 威海市医疗保障局 威海市财政局, 2022-11-03', true),
	('国家医疗保障信息平台 接口规范',
	 '国家医疗保障信息平台 定点医药机构接口规范',
	 '国家医疗保障局', NULL, NULL,
	 'cited by transaction number (交易编号), e.g. 3201; xdjy''s field names follow public HIS integrations, local variants exist', true);

-- Citations by document number: the comments of objects that 1.0 made
-- cite the policy documents by their official numbers, as a fresh install does
COMMENT ON TYPE residence_category IS
	'who a filing is for: long_term_resident (异地长期居住人员) or temporary_outside (临时外出就医人员); accepts the legacy group names of 鲁医保发〔2021〕46号 第一条';
COMMENT ON FUNCTION filing_status_can_transition(filing_status, filing_status) IS
	'true only for a move out of active (济宁市医保局 异地就医十项便民措施 第四条(一), 鲁医保发〔2022〕26号 第二条(一))';
COMMENT ON TABLE error_code IS
	'catalogue of xdjy''s own SQLSTATEs (class YB), classified, with cause in English and Chinese (鲁医保发〔2022〕26号 第五条(三))';
COMMENT ON COLUMN institution.specialty IS 'specialty hospital (专科医院), 吉医保发〔2019〕34号 附件第7条';
COMMENT ON COLUMN institution.ownership IS 'public (公立) or private (社会办); one policy for both (吉医保发〔2019〕34号 附件第6条)';
COMMENT ON TABLE channel IS 'filing channels (备案渠道), 鲁医保发〔2021〕46号 第二条(二) and 济宁市医保局 异地就医十项便民措施 第一–二条';
COMMENT ON TABLE operator_region IS
	'the regions an xdjy_operator member works for: row-level security lets it read and write only their rows';
COMMENT ON FUNCTION person_rules_trigger() IS
	'person rules: insured_region is a pooling region and no active filing''s destination (鲁医保发〔2021〕46号 第三条(四))';
COMMENT ON FUNCTION institution_rules_trigger() IS
	'institution rules: its region lies under a pooling region';
COMMENT ON TABLE holiday IS
	'working-day calendar: a row overrides the Monday-to-Friday rule for its day (法定节假日 or 调休上班); builtin rows are the State Council notices 2022-2026';
COMMENT ON FUNCTION is_working_day(date) IS
	'whether a day is a working day (工作日): its holiday row decides, else Monday to Friday';
COMMENT ON FUNCTION add_working_days(date, integer) IS
	'the n-th working day after day (n > 0) or before it (n < 0), day itself not counted; n = 0 returns day unchanged';
COMMENT ON TABLE filing IS 'filings for treatment away from the insured place (异地就医备案)';
COMMENT ON COLUMN filing.destination_region IS
	'mdtrtarea_admvs 就医地医保区划 (mdtrtarea_admdvs in some versions) — the pooling region filed for (备案地), never an institution (鲁医保发〔2021〕46号 第三条(四)); never the insured region';
COMMENT ON COLUMN filing.start_date IS
	'begndate 开始日期 — first day the filing applies; long-term: at most 5 days before applied_on (济宁市医保局 异地就医十项便民措施 第四条(二)); any filing: at most one year after applied_on';
COMMENT ON COLUMN filing.pledge IS
	'xdjy only: 个人承诺 — residence pledge (承诺) of 6 months or more; required for long-term filings (鲁医保发〔2021〕46号 第二条(一))';
COMMENT ON COLUMN filing.proof IS
	'xdjy only: 证明材料 — optional proof of living there (户籍证明/居住证/单位工作证明); may be added while active; matters for benefits at the insured place (鲁医保发〔2022〕26号 第二条(三))';
COMMENT ON COLUMN filing.replaced_by IS
	'xdjy only: 变更后的备案 — for a changed filing: the filing that continues it from closed_on';
COMMENT ON TABLE filing_exemption IS
	'from when a province exempts intra-province (省内跨市) temporary treatment of its insured from filing (鲁医保发〔2021〕46号 第二条(三))';
COMMENT ON FUNCTION filing_exempt(text, text, date) IS
	'true when treatment there needs no filing on that date (intra-province and the insured province''s exemption covers the date, 鲁医保发〔2021〕46号 第二条(三))';
COMMENT ON FUNCTION filing_rules_trigger() IS
	'filing rules on every INSERT and UPDATE; filings are never deleted';
COMMENT ON FUNCTION filing_replacement_trigger() IS
	'a changed filing is continued by the same person''s filing from the change date (checked at commit)';
COMMENT ON FUNCTION file_long_term(text, text, date, date, text, text) IS
	'files a long-term residence (异地长期居住) by pledge; returns the filing id (start at most 5 days back)';
COMMENT ON FUNCTION file_temporary(text, text, date, date, text) IS
	'files temporary treatment outside (临时外出就医); start date unrestricted backwards (鲁医保发〔2022〕26号 第二条(二)); returns the filing id';
COMMENT ON FUNCTION change_filing(bigint, text, date) IS
	'变更备案: closes the filing (changed) and opens one to new_destination from on_date; returns the new id';
COMMENT ON FUNCTION cancel_filing(bigint, date) IS
	'取消备案: closes the filing (cancelled) from on_date; after expenses there, not before start + 6 months (change window)';
COMMENT ON FUNCTION terminate_filing(bigint, date) IS
	'因故终止备案: closes the filing (terminated) from on_date; not limited by the 6-month window (鲁医保发〔2022〕26号 第二条(一))';
COMMENT ON TABLE institution_choice_rule IS
	'insured provinces and schemes whose cross-province long-term residents choose four non-direct institutions (吉医保发〔2019〕34号 附件第7条)';
COMMENT ON TABLE institution_choice IS
	'the non-direct institutions a long-term resident chose in the residence city, one per slot, one special-disease (吉医保发〔2019〕34号 附件第7条)';
COMMENT ON FUNCTION institution_choice_rules_trigger() IS 'chosen institutions rules (吉医保发〔2019〕34号 附件第7条), src/institution_choice.c';
COMMENT ON FUNCTION choose_institution(bigint, text, boolean, date) IS
	'chooses a non-direct institution of the residence city under a long-term filing (吉医保发〔2019〕34号 附件第7条); returns the choice id';
COMMENT ON FUNCTION is_chosen_institution(text, text, date) IS
	'did the person choose this institution under a long-term filing that applies on that date (吉医保发〔2019〕34号 附件第7条)';
COMMENT ON FUNCTION stay_span(date, date) IS
	'the days a stay occupies, [admission, discharge); (吉医保发〔2019〕34号 附件第8条)';
COMMENT ON TABLE encounter IS 'a stay or a visit at an institution (就诊)';
COMMENT ON COLUMN encounter.trauma_pledge IS 'xdjy only: 外伤无第三方责任承诺书 (鲁医保发〔2022〕26号 第二条(四))';
COMMENT ON COLUMN encounter.attached_to IS
	'xdjy only: 住院期间外院检查治疗或定点药店购药单 (济宁市医保局 异地就医十项便民措施 第五条(三)) — the inpatient stay of the same person, covering this service date, that an outside test or pharmacy purchase belongs to (济宁市医保局 异地就医十项便民措施 第五条(三))';
COMMENT ON FUNCTION encounter_stay_overlap_trigger() IS
	'吉医保发〔2019〕34号 附件第8条: two stays of one person never overlap';
COMMENT ON TABLE policy IS
	'benefit parameters (待遇标准) as dated data: the row valid on the service date prices a settlement';
COMMENT ON COLUMN policy.quota_group IS 'the ledger the row draws on; rows naming one group share one deductible and one annual cap per person and year, e.g. local and remote outpatient (鲁医保发〔2021〕46号 第三条(三))';
COMMENT ON TABLE first_selfpay_ceiling IS
	'per-province dated ceiling of the temporary-outside first self-pay ratio (首先自付比例上限), 鲁医保发〔2021〕46号 第三条(二)';
COMMENT ON TABLE ratio_adjustment IS
	'dated fund-ratio rules of an insured province that replace (set) or lower (delta) the policy ratio; they add up (吉医保发〔2019〕34号 附件第5条)';
COMMENT ON COLUMN ratio_adjustment.own_reason_only IS 'applies only to a settlement not made directly for the person''s own reason (吉医保发〔2019〕34号 附件第4条)';
COMMENT ON TABLE home_benefit_kept IS
	'provinces where a long-term filer keeps local benefits at the insured place without proof of residence (吉医保发〔2019〕34号 附件第8条); elsewhere 鲁医保发〔2022〕26号 第二条(三)';
COMMENT ON FUNCTION policy_ceiling_trigger() IS
	'rejects a temporary-outside policy row above its province''s first self-pay ceiling (鲁医保发〔2021〕46号 第三条(二))';
COMMENT ON FUNCTION first_selfpay_ceiling_trigger() IS
	'rejects a first self-pay ceiling below an existing policy row of its province (鲁医保发〔2021〕46号 第三条(二))';
COMMENT ON TABLE referral IS 'referrals (转诊转院), 吉医保发〔2019〕34号 附件第10–12条';
COMMENT ON COLUMN referral.diagnosis IS 'the diagnosis the referral is for (e.g. an ICD-10 code); treatment under it must match (吉医保发〔2019〕34号 附件第12条)';
COMMENT ON COLUMN settlement.own_reason IS
	'input: not settled directly for the person''s own reason (吉医保发〔2019〕34号 附件第4条), manual only';
COMMENT ON COLUMN settlement.referral_id IS 'input: the referral the treatment is under';
COMMENT ON COLUMN settlement.diagnosis IS
	'input: main diagnosis, checked against the referral (吉医保发〔2019〕34号 附件第12条)';
COMMENT ON COLUMN settlement.invoice_seq IS
	'how many earlier (reversed) settlements the invoice had (an invoice is reimbursed once)';
COMMENT ON CONSTRAINT settlement_invoice_no_form ON settlement IS
	'invoice number (鲁医保发〔2021〕46号 第四条): 1 to 100 characters, no control characters, no surrounding whitespace';
COMMENT ON TABLE ledger IS
	'per person, year and quota group: deductible met and fund paid so far (鲁医保发〔2021〕46号 第三条(三)); kept by the settlement engine';
COMMENT ON TABLE settlement_attempt IS 'failed settlement attempts with their SQLSTATE (network settlement success rate)';
-- the rule triggers of every row switch to the owner and to the search
-- path pg_catalog in C (src/owner.c): SECURITY DEFINER's wrapper cost more
-- per row than most of their look-ups
ALTER FUNCTION settlement_insert_trigger() SECURITY INVOKER RESET search_path;
ALTER FUNCTION filing_rules_trigger() SECURITY INVOKER RESET search_path;
ALTER FUNCTION filing_replacement_trigger() SECURITY INVOKER RESET search_path;
ALTER FUNCTION encounter_rules_trigger() SECURITY INVOKER RESET search_path;
ALTER FUNCTION encounter_stay_overlap_trigger() SECURITY INVOKER RESET search_path;
COMMENT ON FUNCTION settlement_insert_trigger() IS
	'the settlement engine: category, amounts, ledgers and checks (trauma, outside tests, overlapping stays, invoice once, referral) on insert; reversals';
COMMENT ON FUNCTION settlement_amounts(bigint, bigint, integer, bigint, bigint, integer, bigint, bigint) IS
	'the amounts in fen, rounded half up, as the settlement engine computes them';
COMMENT ON FUNCTION try_settle(bigint, bigint, bigint, text, date, text, boolean, bigint, text, boolean) IS
	'settle(), but a rejection is recorded in settlement_attempt with its SQLSTATE (for the settlement rates) and NULL returned';
COMMENT ON FUNCTION explain_settlement(bigint, text) IS
	'every step of a settlement (category and why, policy, ratio rules, amounts, ledgers before and after) with its rule and document article, in en or zh (default xdjy.language)';
COMMENT ON TABLE manual_claim IS 'manual reimbursement claims (手工报销), 吉医保发〔2019〕34号 附件第15–16条';
COMMENT ON COLUMN manual_claim.own_reason IS 'not settled directly for the person''s own reason (吉医保发〔2019〕34号 附件第4条: −10 points in Jilin)';
COMMENT ON COLUMN manual_claim.due_on IS 'computed: 22 working days after materials_complete_on (吉医保发〔2019〕34号 附件第15条)';
COMMENT ON CONSTRAINT manual_claim_invoice_no_form ON manual_claim IS
	'invoice number (鲁医保发〔2021〕46号 第四条): 1 to 100 characters, no control characters, no surrounding whitespace';
COMMENT ON FUNCTION manual_claim_trigger() IS
	'claim deadline (吉医保发〔2019〕34号 附件第16条), due date (吉医保发〔2019〕34号 附件第15条), invoice once (鲁医保发〔2021〕46号 第四条), submitted fields fixed, decisions final';
COMMENT ON FUNCTION reconciliation_kinds(bigint[], bigint[], bigint[], bigint[]) IS
	'three-party reconciliation of one settlement (鲁医保发〔2022〕26号 第四条(一)): each argument ARRAY[total_fen, fund_fen, personal_fen] or NULL; returns missing_at_<party>, amount_differs, unknown_settlement (expected NULL), or {} when matched';
COMMENT ON FUNCTION reconciliation_due_on(date) IS
	'the 3rd of the next month: a month''s settlements are reconciled by then (鲁医保发〔2022〕26号 第四条(一))';
COMMENT ON FUNCTION detail_upload_due_on(date) IS
	'settled_on + 3 calendar days: inpatient expense details are uploaded by then (鲁医保发〔2022〕26号 第三条(四) 3日内)';
COMMENT ON FUNCTION clearing_confirm_due_on(date) IS
	'the 20th of the next month: a month''s clearing is confirmed with the institutions by then (鲁医保发〔2022〕26号 第四条(二))';
COMMENT ON FUNCTION clearing_pay_due_on(date) IS
	'the 30th working day after a declaration: paid by then (鲁医保发〔2022〕26号 第四条(二) 30个工作日内)';
COMMENT ON FUNCTION clearing_transfer_due_on(date) IS
	'the day before the next provincial clearing starts: funds are transferred up (上解) by then (鲁医保发〔2022〕26号 第四条(三))';
COMMENT ON FUNCTION kpi_target_bp(text) IS
	'鲁医保发〔2022〕26号 第一条 targets: network_success 9800 (98%, by the end of 2023), cross_province_inpatient_direct 8000 (80%, by the end of 2025)';
COMMENT ON FUNCTION coverage_minimum(text) IS
	'鲁医保发〔2020〕68号 二: township_inpatient 1 networked inpatient institution per township, county_chronic 2 networked chronic-outpatient hospitals per county';
COMMENT ON FUNCTION province_of(text) IS 'the province of a division code: its first two digits and 0000';
COMMENT ON TABLE party_report IS
	'three-party reconciliation (三方对账, 鲁医保发〔2022〕26号 第四条(一)): a settlement as reported by the insured place, the treatment place or the platform';
COMMENT ON TABLE detail_upload IS
	'expense details of an inpatient direct settlement uploaded to the national and provincial platforms (鲁医保发〔2022〕26号 第三条(四): within 3 days)';
COMMENT ON TABLE clearing_confirmation IS
	'monthly clearing confirmed with an institution (对账确认, 鲁医保发〔2022〕26号 第四条(二): by the 20th of the next month; interface 3261 confirm, 3262 roll back)';
COMMENT ON TABLE clearing_declaration IS
	'an institution''s declaration of a month''s remote-treatment costs (费用申报) and its payment (鲁医保发〔2022〕26号 第四条(二): within 30 working days)';
COMMENT ON TABLE provincial_clearing IS
	'when a province''s clearing of a month''s remote-treatment costs starts (省级清算); the transfer up of the month before is due before it (鲁医保发〔2022〕26号 第四条(三))';
COMMENT ON TABLE clearing_transfer IS
	'a pooling region''s transfer up (上解) of the month''s remote-treatment costs of its insured (鲁医保发〔2022〕26号 第四条(三))';
COMMENT ON VIEW coverage_gap IS
	'coverage gaps (鲁医保发〔2020〕68号 二(一)(二)): townships without a networked inpatient institution, counties with fewer than two networked chronic-outpatient hospitals';
COMMENT ON FUNCTION manual_claim_due_as_of(date) IS
	'manual claims (手工报销) open on as_of with their due day (22 working days after complete materials, 吉医保发〔2019〕34号 附件第15条) and an overdue flag';
COMMENT ON VIEW manual_claim_due IS 'manual claims (手工报销) open today, with due day and overdue flag (吉医保发〔2019〕34号 附件第15条)';
COMMENT ON COLUMN clearing_detail_confirmation.recorded_on IS 'the business day of the answer (the 20th of the next month is the deadline, 鲁医保发〔2022〕26号 第四条(二))';
COMMENT ON VIEW clearing_confirmation_monthly IS
	'per institution and clearing month: rows, amounts, answers (agreed, disputed, open) and the day the last open row was answered (NULL while any is open); what a monthly clearing view joins to check the 20th (鲁医保发〔2022〕26号 第四条(二))';

-- the policy documents' dates lie in the business-date window too
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON policy_document
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('issued_on', 'in_force_on');

-- Itemised fee lines (费用明细) priced against the treatment place's
-- catalogue (鲁医保发〔2022〕26号 第二条(四)).  A settlement takes its
-- amounts from the lines (settle() passes NULL totals for that); without
-- lines a NULL total is refused and a NULL out_of_scope_fen is 0.  Rows of
-- 1.0 were priced from totals: no lines, nothing over a ceiling, no 乙类
-- share (the defaults the new columns fill them with).
ALTER TABLE settlement ADD COLUMN overlmt_fen bigint NOT NULL DEFAULT 0,
	ADD COLUMN preselfpay_fen bigint NOT NULL DEFAULT 0,
	ADD COLUMN fee_detail_ids bigint[] NOT NULL DEFAULT '{}',
	ADD COLUMN details_received_on date;
COMMENT ON COLUMN settlement.overlmt_fen IS
	'overlmt_selfpay 超限价自费金额 (in fen): Σ over the price ceiling of the lines covered; part of out_of_scope_fen';
COMMENT ON COLUMN settlement.preselfpay_fen IS
	'Σ 乙类先行自付 of the lines covered (in fen), kept out of the in-scope amount (鲁医保发〔2022〕26号 第二条(四))';
COMMENT ON COLUMN settlement.fee_detail_ids IS
	'the fee lines (fee_detail.id) the settlement was priced from: a later line cannot change a settled sum';
COMMENT ON COLUMN settlement.details_received_on IS
	'the day the last fee line it covered arrived (fee_detail.received_on): when the expense details were uploaded (鲁医保发〔2022〕26号 第三条(四)); NULL for a settlement from totals';
-- when the details arrived: what detail_upload_overdue reports (鲁医保发〔2022〕26号 第三条(四))
GRANT SELECT (details_received_on) ON settlement TO xdjy_analyst;


--------------------------------------------------------------------------
-- Itemised fee lines (费用明细) priced against the treatment place's
-- catalogue (医保目录): the payable scope is the treatment place's
-- (符合就医地基本医疗保险支付范围, 鲁医保发〔2022〕26号 第二条(四)), and the
-- expense details are what the treatment place uploads (第三条(四)); only
-- item lines can show an invented expense (鲁医保发〔2021〕46号 第四条).
-- Rules in C: src/fee_detail.c (lines), src/fee_price.c (arithmetic).
--------------------------------------------------------------------------

-- The catalogue: dated rows per treatment region.  A province row applies
-- to every pooling region of the province that has no row of its own for
-- the code on that date.
CREATE TABLE med_list (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	region_code			text NOT NULL,
	med_list_codg		text NOT NULL,
	name				text NOT NULL CHECK (name <> ''),
	kind				text NOT NULL CHECK (kind IN ('drug', 'service', 'material')),
	chrgitm_lv			text NOT NULL CHECK (chrgitm_lv IN ('01', '02', '03')),
	selfpay_prop_bp		integer NOT NULL DEFAULT 0,
	pric_uplmt			numeric CHECK (pric_uplmt OPERATOR(pg_catalog.>=) 0
		AND pric_uplmt OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	valid				daterange NOT NULL CHECK (NOT pg_catalog.isempty(valid)),
	-- 甲类 pays in full within the scope, 丙类 not at all: only 乙类 has a
	-- share paid first by the person (先行自付)
	CONSTRAINT med_list_selfpay_prop CHECK (
		(chrgitm_lv OPERATOR(pg_catalog.=) '02' AND selfpay_prop_bp BETWEEN 0 AND 10000)
		OR (chrgitm_lv OPERATOR(pg_catalog.<>) '02' AND selfpay_prop_bp OPERATOR(pg_catalog.=) 0)),
	CONSTRAINT med_list_codg_form CHECK (pg_catalog.length(med_list_codg) OPERATOR(pg_catalog.<=) 50
		AND med_list_codg OPERATOR(pg_catalog.~) '^[[:alnum:]._-]+$'),
	CONSTRAINT med_list_no_overlap EXCLUDE USING gist (
		region_code WITH OPERATOR(pg_catalog.=),
		med_list_codg WITH OPERATOR(pg_catalog.=),
		valid WITH OPERATOR(pg_catalog.&&))
);
CREATE INDEX med_list_lookup_idx ON med_list (med_list_codg, region_code);
CREATE CONSTRAINT TRIGGER med_list_references AFTER INSERT OR UPDATE ON med_list
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'med_list_region_code_fkey', 'region_code', 'region', 'code');
COMMENT ON TRIGGER med_list_references ON med_list IS
	'references of med_list: region_code → region (code)';
CREATE CONSTRAINT TRIGGER med_list_referenced AFTER UPDATE OR DELETE ON med_list
	FOR EACH ROW EXECUTE FUNCTION reference_parent_trigger(
		'fee_detail_med_list_id_fkey', 'id', 'fee_detail', 'med_list_id');
COMMENT ON TRIGGER med_list_referenced ON med_list IS
	'rows referring to med_list: fee_detail.med_list_id (no action: a key still referred to stays)';
COMMENT ON TABLE med_list IS
	'医保目录 the treatment region''s catalogue, dated: what a fee line is priced against (鲁医保发〔2022〕26号 第二条(四): 就医地目录)';
COMMENT ON COLUMN med_list.region_code IS
	'the treatment region: a province (applies to all its pooling regions) or a pooling region (its own row wins)';
COMMENT ON COLUMN med_list.med_list_codg IS 'med_list_codg 医疗目录编码 (national code)';
COMMENT ON COLUMN med_list.kind IS 'drug 药品, service 诊疗项目, material 医用耗材';
COMMENT ON COLUMN med_list.chrgitm_lv IS 'chrgitm_lv 收费项目等级: 01 甲类, 02 乙类, 03 丙类 (全自费)';
COMMENT ON COLUMN med_list.selfpay_prop_bp IS
	'selfpay_prop 自付比例 of a 乙类 item (先行自付), in basis points (the platform uses a fraction); 0 for 甲类 and 丙类';
COMMENT ON COLUMN med_list.pric_uplmt IS
	'pric_uplmt_amt 定价上限金额: price ceiling per unit in yuan (exact); above it the person pays the excess (超限价); NULL for none';
COMMENT ON COLUMN med_list.valid IS 'the days the row applies to (by the fee date, fee_ocur_time)';
SELECT pg_catalog.pg_extension_config_dump('med_list', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.med_list', 'id'), '');
GRANT SELECT ON med_list TO xdjy_admin, xdjy_operator, xdjy_analyst;
GRANT INSERT, UPDATE, DELETE ON med_list TO xdjy_admin;
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON med_list
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('valid');

-- Fee lines (2301 费用明细上传).  The client writes the national input
-- fields; the pricing trigger fills the rest or rejects the line.
CREATE TABLE fee_detail (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	encounter_id		bigint NOT NULL,
	feedetl_sn			text NOT NULL,
	init_feedetl_sn		text,
	med_list_codg		text NOT NULL,
	fee_ocur_time		timestamp NOT NULL,
	cnt					numeric NOT NULL,
	pric				numeric NOT NULL,
	det_item_fee_sumamt	numeric,
	received_on			date NOT NULL DEFAULT current_date,
	created_at			timestamptz NOT NULL DEFAULT now(),
	-- filled by the pricing trigger
	med_list_id			bigint,
	listed				boolean,
	chrgitm_lv			text,
	selfpay_prop_bp		integer,
	pric_uplmt			numeric,
	amount_fen			bigint,
	fulamt_ownpay_fen	bigint,
	overlmt_fen			bigint,
	preselfpay_fen		bigint,
	inscp_scp_fen		bigint,
	CONSTRAINT fee_detail_sn_form CHECK (pg_catalog.length(feedetl_sn) OPERATOR(pg_catalog.<=) 30
		AND feedetl_sn OPERATOR(pg_catalog.~) '^[[:alnum:]._-]+$'),
	CONSTRAINT fee_detail_not_own_refund CHECK (init_feedetl_sn OPERATOR(pg_catalog.<>) feedetl_sn),
	-- the parts of a priced line add up to it
	CONSTRAINT fee_detail_priced_sum CHECK (amount_fen OPERATOR(pg_catalog.=) (((fulamt_ownpay_fen
		OPERATOR(pg_catalog.+) overlmt_fen) OPERATOR(pg_catalog.+) preselfpay_fen)
		OPERATOR(pg_catalog.+) inscp_scp_fen))
);
CREATE UNIQUE INDEX fee_detail_sn_once ON fee_detail (encounter_id, feedetl_sn);
CREATE INDEX fee_detail_refund_idx ON fee_detail (encounter_id, init_feedetl_sn)
	WHERE init_feedetl_sn IS NOT NULL;
CREATE CONSTRAINT TRIGGER fee_detail_references AFTER INSERT OR UPDATE ON fee_detail
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'fee_detail_encounter_id_fkey', 'encounter_id', 'encounter', 'id',
		'fee_detail_med_list_id_fkey', 'med_list_id', 'med_list', 'id');
COMMENT ON TRIGGER fee_detail_references ON fee_detail IS
	'references of fee_detail: encounter_id → encounter (id), med_list_id → med_list (id)';
COMMENT ON TABLE fee_detail IS
	'费用明细 fee lines of an encounter (2301), priced against the treatment region''s catalogue; never updated, deleted only before settlement (2302, recorded in fee_detail_revoked)';
COMMENT ON COLUMN fee_detail.encounter_id IS 'mdtrt_id 就诊ID';
COMMENT ON COLUMN fee_detail.feedetl_sn IS 'feedetl_sn 费用明细流水号, unique per encounter';
COMMENT ON COLUMN fee_detail.init_feedetl_sn IS
	'init_feedetl_sn 原费用流水号: a refund line (退费, cnt negative) names the line it refunds';
COMMENT ON COLUMN fee_detail.med_list_codg IS 'med_list_codg 医疗目录编码';
COMMENT ON COLUMN fee_detail.fee_ocur_time IS
	'fee_ocur_time 费用发生时间: its date lies within the stay (admission to discharge) or is the visit day';
COMMENT ON COLUMN fee_detail.cnt IS 'cnt 数量 (exact; negative on a refund line)';
COMMENT ON COLUMN fee_detail.pric IS 'pric 单价 in yuan (exact)';
COMMENT ON COLUMN fee_detail.det_item_fee_sumamt IS
	'det_item_fee_sumamt 明细项目费用总额 in yuan: cnt × pric rounded half up to the fen; a sent amount that differs is refused, NULL is filled';
COMMENT ON COLUMN fee_detail.received_on IS
	'business date the line arrived (the upload of the details, 鲁医保发〔2022〕26号 第三条(四))';
COMMENT ON COLUMN fee_detail.med_list_id IS 'the catalogue row the line was priced from; NULL: the code is not in the catalogue';
COMMENT ON COLUMN fee_detail.listed IS 'false: the code is not in the treatment region''s catalogue on the fee date (全自费)';
COMMENT ON COLUMN fee_detail.chrgitm_lv IS 'chrgitm_lv used: 01 甲类, 02 乙类, 03 丙类; NULL when not listed';
COMMENT ON COLUMN fee_detail.selfpay_prop_bp IS 'selfpay_prop used, in basis points';
COMMENT ON COLUMN fee_detail.pric_uplmt IS 'pric_uplmt_amt used (yuan), NULL for none';
COMMENT ON COLUMN fee_detail.amount_fen IS 'det_item_fee_sumamt in fen';
COMMENT ON COLUMN fee_detail.fulamt_ownpay_fen IS 'fulamt_ownpay_amt 全自费金额 in fen: a 丙类 line, or one not in the catalogue';
COMMENT ON COLUMN fee_detail.overlmt_fen IS 'overlmt_amt 超限价金额 in fen: (pric − pric_uplmt) × cnt, rounded half up';
COMMENT ON COLUMN fee_detail.preselfpay_fen IS
	'preselfpay_amt 先行自付金额 in fen: (amount − over limit) × selfpay_prop of a 乙类 line, rounded half up';
COMMENT ON COLUMN fee_detail.inscp_scp_fen IS 'inscp_scp_amt 符合范围金额 in fen: the rest of the line';
SELECT pg_catalog.pg_extension_config_dump('fee_detail', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.fee_detail', 'id'), '');
ALTER TABLE fee_detail ENABLE ROW LEVEL SECURITY;
ALTER TABLE fee_detail FORCE ROW LEVEL SECURITY;
-- fee lines are written by the treatment place (the institution's region),
-- read there and by the insured place, as the encounter is
GRANT SELECT ON fee_detail TO xdjy_admin;
GRANT SELECT, INSERT, DELETE ON fee_detail TO xdjy_operator;
GRANT SELECT (id, encounter_id, med_list_codg, received_on, listed, chrgitm_lv, amount_fen,
	fulamt_ownpay_fen, overlmt_fen, preselfpay_fen, inscp_scp_fen) ON fee_detail TO xdjy_analyst;
CREATE POLICY fee_detail_admin ON fee_detail FOR SELECT TO xdjy_admin USING (true);
CREATE POLICY fee_detail_operator_read ON fee_detail FOR SELECT TO xdjy_operator
	USING (EXISTS (SELECT FROM xdjy.encounter e WHERE e.id = encounter_id));
CREATE POLICY fee_detail_operator_insert ON fee_detail FOR INSERT TO xdjy_operator
	WITH CHECK (EXISTS (SELECT FROM xdjy.encounter e WHERE e.id = encounter_id
		AND e.institution_code IN (SELECT xdjy.operator_institutions())));
CREATE POLICY fee_detail_operator_delete ON fee_detail FOR DELETE TO xdjy_operator
	USING (EXISTS (SELECT FROM xdjy.encounter e WHERE e.id = encounter_id
		AND e.institution_code IN (SELECT xdjy.operator_institutions())));
CREATE POLICY fee_detail_analyst ON fee_detail FOR SELECT TO xdjy_analyst USING (true);
CREATE TRIGGER fee_detail_access BEFORE INSERT OR UPDATE ON fee_detail
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('encounter_id');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON fee_detail
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('received_on');

-- as the owner with the search path pg_catalog, switched in C (src/owner.c)
CREATE FUNCTION fee_detail_pricing_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
REVOKE EXECUTE ON FUNCTION fee_detail_pricing_trigger() FROM PUBLIC;
COMMENT ON FUNCTION fee_detail_pricing_trigger() IS
	'prices a fee line against the catalogue (鲁医保发〔2022〕26号 第二条(四)) and refuses an unlawful one: fee date outside the encounter, encounter settled, refund beyond its original, arithmetic that does not hold';
CREATE TRIGGER fee_detail_pricing BEFORE INSERT ON fee_detail
	FOR EACH ROW EXECUTE FUNCTION fee_detail_pricing_trigger();
-- as the owner with the search path pg_catalog, switched in C (src/owner.c)
CREATE FUNCTION fee_detail_change_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
REVOKE EXECUTE ON FUNCTION fee_detail_change_trigger() FROM PUBLIC;
COMMENT ON FUNCTION fee_detail_change_trigger() IS
	'fee lines are never updated; a line of an unsettled encounter may be deleted (2302), and the deletion is recorded in fee_detail_revoked';
CREATE TRIGGER fee_detail_change BEFORE UPDATE OR DELETE ON fee_detail
	FOR EACH ROW EXECUTE FUNCTION fee_detail_change_trigger();

-- 2302 费用明细撤销: what was deleted, by whom; written by the trigger alone
CREATE TABLE fee_detail_revoked (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	fee_detail_id		bigint NOT NULL,
	encounter_id		bigint NOT NULL,
	feedetl_sn			text NOT NULL,
	med_list_codg		text NOT NULL,
	cnt					numeric NOT NULL,
	pric				numeric NOT NULL,
	amount_fen			bigint,
	revoked_by			text NOT NULL,
	revoked_at			timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fee_detail_revoked_encounter_idx ON fee_detail_revoked (encounter_id);
CREATE CONSTRAINT TRIGGER fee_detail_revoked_references AFTER INSERT OR UPDATE ON fee_detail_revoked
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'fee_detail_revoked_encounter_id_fkey', 'encounter_id', 'encounter', 'id');
COMMENT ON TRIGGER fee_detail_revoked_references ON fee_detail_revoked IS
	'references of fee_detail_revoked: encounter_id → encounter (id)';
COMMENT ON TABLE fee_detail_revoked IS
	'费用明细撤销 (2302): each fee line deleted before settlement, as it was, with the role that deleted it';
SELECT pg_catalog.pg_extension_config_dump('fee_detail_revoked', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.fee_detail_revoked', 'id'), '');
ALTER TABLE fee_detail_revoked ENABLE ROW LEVEL SECURITY;
ALTER TABLE fee_detail_revoked FORCE ROW LEVEL SECURITY;
GRANT SELECT ON fee_detail_revoked TO xdjy_admin, xdjy_operator;
CREATE POLICY fee_detail_revoked_admin ON fee_detail_revoked FOR SELECT TO xdjy_admin USING (true);
CREATE POLICY fee_detail_revoked_operator ON fee_detail_revoked FOR SELECT TO xdjy_operator
	USING (EXISTS (SELECT FROM xdjy.encounter e WHERE e.id = encounter_id));

-- 2301's output (result[]), one row per fee line in the platform's names:
-- amounts in yuan numeric(16,2) converted exactly from fen, the ratio as
-- the platform's fraction.  med_chrgitm_type and lmt_used_flag are not
-- modelled (the catalogue keeps no fee category nor restriction flag).
CREATE VIEW fee_detail_result WITH (security_invoker = true) AS
	SELECT
		f.encounter_id AS mdtrt_id,
		f.feedetl_sn,
		f.init_feedetl_sn,
		f.med_list_codg,
		f.fee_ocur_time,
		f.det_item_fee_sumamt::numeric(16,2) AS det_item_fee_sumamt,
		f.cnt,
		f.pric,
		f.pric_uplmt AS pric_uplmt_amt,
		(f.selfpay_prop_bp::numeric OPERATOR(pg_catalog./) 10000)::numeric(5,4) AS selfpay_prop,
		xdjy.fen_to_yuan(f.fulamt_ownpay_fen)::numeric(16,2) AS fulamt_ownpay_amt,
		xdjy.fen_to_yuan(f.overlmt_fen)::numeric(16,2) AS overlmt_amt,
		xdjy.fen_to_yuan(f.preselfpay_fen)::numeric(16,2) AS preselfpay_amt,
		xdjy.fen_to_yuan(f.inscp_scp_fen)::numeric(16,2) AS inscp_scp_amt,
		f.chrgitm_lv,
		f.listed,
		f.received_on
	FROM xdjy.fee_detail f;
COMMENT ON VIEW fee_detail_result IS
	'2301 费用明细上传 output (result[]): each fee line as priced, in the national platform''s names, amounts in yuan';
GRANT SELECT ON fee_detail_result TO xdjy_admin, xdjy_operator;
COMMENT ON COLUMN fee_detail_result.mdtrt_id IS 'encounter id (fee_detail.encounter_id) / 就诊ID';
COMMENT ON COLUMN fee_detail_result.feedetl_sn IS 'fee line serial number, unique per encounter / 费用明细流水号';
COMMENT ON COLUMN fee_detail_result.init_feedetl_sn IS 'the line a refund line refunds, if any / 原费用流水号';
COMMENT ON COLUMN fee_detail_result.med_list_codg IS 'national catalogue code / 医疗目录编码';
COMMENT ON COLUMN fee_detail_result.fee_ocur_time IS 'when the fee was incurred / 费用发生时间';
COMMENT ON COLUMN fee_detail_result.det_item_fee_sumamt IS 'line amount in yuan: cnt × pric rounded half up to the fen / 明细项目费用总额（元）';
COMMENT ON COLUMN fee_detail_result.cnt IS 'count (exact; negative on a refund line) / 数量';
COMMENT ON COLUMN fee_detail_result.pric IS 'unit price in yuan (exact) / 单价（元）';
COMMENT ON COLUMN fee_detail_result.pric_uplmt_amt IS 'price ceiling per unit used, in yuan; NULL for none / 定价上限金额（元）';
COMMENT ON COLUMN fee_detail_result.selfpay_prop IS 'self-pay share of a class-B item used, as a fraction (0.1500 = 15%) / 自付比例';
COMMENT ON COLUMN fee_detail_result.fulamt_ownpay_amt IS 'paid in full by the person: class C, or a code not in the catalogue, in yuan / 全自费金额（元）';
COMMENT ON COLUMN fee_detail_result.overlmt_amt IS 'above the price ceiling: (pric − ceiling) × cnt, in yuan / 超限价金额（元）';
COMMENT ON COLUMN fee_detail_result.preselfpay_amt IS 'class-B share paid first by the person, in yuan / 先行自付金额（元）';
COMMENT ON COLUMN fee_detail_result.inscp_scp_amt IS 'the rest, within the payable scope, in yuan / 符合范围金额（元）';
COMMENT ON COLUMN fee_detail_result.chrgitm_lv IS 'class used: 01 class A, 02 class B, 03 class C; NULL when not in the catalogue / 收费项目等级：01甲类、02乙类、03丙类';
COMMENT ON COLUMN fee_detail_result.listed IS 'xdjy only: false when the code is not in the treatment region''s catalogue on the fee date / 是否在就医地目录内';
COMMENT ON COLUMN fee_detail_result.received_on IS 'xdjy only: business date the line arrived (the details upload) / 明细接收日期';

CREATE FUNCTION fee_line_amounts(cnt numeric, pric numeric, chrgitm_lv text,
		selfpay_prop_bp integer, pric_uplmt numeric,
		OUT amount_fen bigint, OUT fulamt_ownpay_fen bigint, OUT overlmt_fen bigint,
		OUT preselfpay_fen bigint, OUT inscp_scp_fen bigint)
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION fee_line_amounts(numeric, numeric, text, integer, numeric) IS
	'the amounts in fen of one fee line as the pricing trigger computes them (chrgitm_lv NULL: not in the catalogue), for a quote and for the property test';

CREATE FUNCTION revoke_fee_details(encounter_id bigint, feedetl_sn text DEFAULT NULL)
	RETURNS bigint
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH d AS (DELETE FROM xdjy.fee_detail f
		WHERE f.encounter_id OPERATOR(pg_catalog.=) $1
		  AND ($2 IS NULL OR $2 OPERATOR(pg_catalog.=) '0000' OR f.feedetl_sn OPERATOR(pg_catalog.=) $2)
		RETURNING 1)
	SELECT pg_catalog.count(*) FROM d
$$;
COMMENT ON FUNCTION revoke_fee_details(bigint, text) IS
	'2302 费用明细撤销: delete an unsettled encounter''s fee lines (all, or the one named; "0000" is all, as in the interface); returns how many';

-- Where the treatment place has every institution upload its details, a
-- direct settlement from totals alone is refused (YB815): the catalogue,
-- not the client, decides the payable scope (鲁医保发〔2022〕26号 第二条(四)).
-- A row on a province applies to all its pooling regions; manual claims
-- (手工报销) stay with the totals the agency reviewed.
CREATE TABLE fee_lines_required (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	region_code			text NOT NULL,
	valid				daterange NOT NULL,
	source				text NOT NULL CHECK (source OPERATOR(pg_catalog.<>) ''),
	CONSTRAINT fee_lines_required_region_form CHECK (region_code OPERATOR(pg_catalog.~) '^[0-9]{6}$'),
	CONSTRAINT fee_lines_required_valid CHECK (NOT pg_catalog.isempty(valid)
		AND NOT pg_catalog.lower_inf(valid)),
	CONSTRAINT fee_lines_required_no_overlap EXCLUDE USING gist (
		region_code WITH OPERATOR(pg_catalog.=),
		valid WITH OPERATOR(pg_catalog.&&))
);
CREATE CONSTRAINT TRIGGER fee_lines_required_references AFTER INSERT OR UPDATE ON fee_lines_required
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'fee_lines_required_region_code_fkey', 'region_code', 'region', 'code');
COMMENT ON TRIGGER fee_lines_required_references ON fee_lines_required IS
	'references of fee_lines_required: region_code → region (code)';
COMMENT ON TABLE fee_lines_required IS
	'treatment regions that require itemised fee lines (费用明细) for a direct settlement, from a date: a settlement from totals alone is refused there (YB815)';
COMMENT ON COLUMN fee_lines_required.region_code IS
	'the treatment region: a province (all its pooling regions) or a pooling region; a district''s code never matches a settlement';
COMMENT ON COLUMN fee_lines_required.valid IS 'settlement dates (settled_on) the requirement covers, e.g. [2025-01-01,)';
COMMENT ON COLUMN fee_lines_required.source IS 'the notice that requires it, by number and article';
SELECT pg_catalog.pg_extension_config_dump('fee_lines_required', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.fee_lines_required', 'id'), '');
GRANT SELECT ON fee_lines_required TO xdjy_admin, xdjy_operator, xdjy_analyst;
GRANT INSERT, UPDATE, DELETE ON fee_lines_required TO xdjy_admin;
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON fee_lines_required
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('valid');
CREATE TRIGGER reference_cache_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fee_lines_required
	FOR EACH STATEMENT EXECUTE FUNCTION cache_changed_trigger();
ALTER TABLE fee_lines_required ENABLE ALWAYS TRIGGER reference_cache_changed;
COMMENT ON FUNCTION cache_changed_trigger() IS
	'after a statement changes a table a per-backend cache copies (holiday, region, policy, ratio_adjustment, home_benefit_kept, filing_exemption, fee_lines_required): every backend re-reads its copy';
-- R1 from the lines: the details arrived with them (settlement.details_received_on)
CREATE OR REPLACE FUNCTION detail_upload_overdue_as_of(as_of date)
	RETURNS TABLE (settlement_id bigint, settled_on date, institution_code text,
		insured_region text, treatment_region text, due_on date, uploaded_on date,
		status text, days_late integer)
	LANGUAGE sql STABLE STRICT PARALLEL RESTRICTED
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.check_business_date(detail_upload_overdue_as_of.as_of, 'detail_upload_overdue_as_of(as_of)');
	SELECT s.id, s.settled_on, s.institution_code, s.insured_region, s.treatment_region,
		x.due_on, d.uploaded_on,
		xdjy.deadline_status(x.due_on, d.uploaded_on, as_of),
		coalesce(d.uploaded_on, as_of) - x.due_on
	FROM xdjy.remote_direct_settlement s
	JOIN xdjy.encounter e ON e.id = s.encounter_id
	JOIN xdjy.settlement l ON l.id = s.id
	CROSS JOIN LATERAL (SELECT xdjy.detail_upload_due_on(s.settled_on) AS due_on) x
	LEFT JOIN xdjy.detail_upload u ON u.settlement_id = s.id AND u.uploaded_on <= as_of
	CROSS JOIN LATERAL (SELECT CASE WHEN l.details_received_on <= as_of THEN l.details_received_on
		WHEN l.details_received_on IS NULL THEN u.uploaded_on END AS uploaded_on) d
	WHERE e.visit_type = 'inpatient' AND s.reverses IS NULL AND s.settled_on <= as_of
		AND xdjy.deadline_missed(x.due_on, d.uploaded_on, as_of)
	ORDER BY s.settled_on, s.id;
END;
-- Operations (schema/15_operations.sql, as a fresh install creates them):
-- xdjy.version() for support requests, and the daily reconciliation
-- recorded in reconciliation_day, on a pg_cron schedule when pg_cron is
-- installed (鲁医保发〔2022〕26号 第四条(一); src/schedule.c)

-- version ------------------------------------------------------------------

CREATE FUNCTION library_build() RETURNS text
	AS 'MODULE_PATHNAME', 'xdjy_library_build' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION library_build() IS
	'the shared library''s build: the xdjy version it was built as and the PostgreSQL major version of the headers it was compiled against, e.g. "xdjy 1.1 for PostgreSQL 15"';

-- For a support request: the extension's SQL version (which stays at the
-- old one until ALTER EXTENSION xdjy UPDATE), the library serving it, the
-- server, and the policy documents loaded (the builtin ones and those a
-- DBA added).  Call it qualified, xdjy.version(): pg_catalog.version()
-- comes first in every search_path that does not name pg_catalog.
CREATE FUNCTION version(OUT extension_version text, OUT library_build text,
		OUT server_version text, OUT policy_documents bigint, OUT policy_document_codes text[])
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT (SELECT e.extversion::text FROM pg_catalog.pg_extension e WHERE e.extname = 'xdjy'),
		xdjy.library_build(),
		pg_catalog.current_setting('server_version'),
		(SELECT pg_catalog.count(*) FROM xdjy.policy_document),
		(SELECT pg_catalog.array_agg(d.code ORDER BY d.code COLLATE "C") FROM xdjy.policy_document d);
END;
COMMENT ON FUNCTION version() IS
	'for support requests: the extension''s version (pg_extension), the shared library''s build, the server version and the policy documents loaded (xdjy.policy_document), in one row';
GRANT EXECUTE ON FUNCTION version() TO xdjy_admin, xdjy_operator, xdjy_analyst;

-- daily reconciliation -----------------------------------------------------

-- The national subsystem generates the statement of each day (鲁医保发
-- 〔2022〕26号 第四条(一)); reconciliation_mismatch shows the mismatches as
-- they stand now.  reconciliation_day keeps, per business day, what the
-- reconciliation of that day was when it was recorded, so that analysts
-- can chart matches and mismatches over time.  A day is recorded by
-- record_daily_reconciliation(day), by hand or by the pg_cron job that
-- schedule_daily_reconciliation(at) registers; recording a day again (a
-- late or corrected report) replaces its row.  The counts are computed,
-- never typed: the admin reads and deletes rows, writes come from the
-- function (as the admin or a superuser, who read every region).  The
-- rows are not regional, so operators, who read only their regions, do
-- not read them; analysts do.
CREATE TABLE reconciliation_day (
	day						date PRIMARY KEY,
	settlements				bigint NOT NULL,
	matched					bigint NOT NULL,
	mismatched				bigint NOT NULL,
	missing_at_insured		bigint NOT NULL,
	missing_at_treatment	bigint NOT NULL,
	missing_at_national		bigint NOT NULL,
	amount_differs			bigint NOT NULL,
	unknown_settlements		bigint NOT NULL,
	recorded_at				timestamptz NOT NULL DEFAULT pg_catalog.now(),
	CONSTRAINT reconciliation_day_day_finite CHECK (pg_catalog.isfinite(day)),
	CONSTRAINT reconciliation_day_counts CHECK (
		matched OPERATOR(pg_catalog.>=) 0 AND mismatched OPERATOR(pg_catalog.>=) 0
		AND matched OPERATOR(pg_catalog.+) mismatched OPERATOR(pg_catalog.=) settlements
		AND missing_at_insured OPERATOR(pg_catalog.>=) 0 AND missing_at_treatment OPERATOR(pg_catalog.>=) 0
		AND missing_at_national OPERATOR(pg_catalog.>=) 0 AND amount_differs OPERATOR(pg_catalog.>=) 0
		AND unknown_settlements OPERATOR(pg_catalog.>=) 0)
);
COMMENT ON TABLE reconciliation_day IS
	'daily three-party reconciliation as recorded (鲁医保发〔2022〕26号 第四条(一)): per business day, the remote direct settlements, how many matched, and the mismatches by kind; filled by record_daily_reconciliation()';
COMMENT ON COLUMN reconciliation_day.day IS 'the business day: settlement day, or report day of an unknown settlement / 业务日期：结算日期（未知结算为报送日期）';
COMMENT ON COLUMN reconciliation_day.settlements IS 'remote direct settlements of the day / 当日异地直接结算笔数';
COMMENT ON COLUMN reconciliation_day.matched IS 'settlements all three parties reported with the same amounts / 三方金额一致的结算笔数';
COMMENT ON COLUMN reconciliation_day.mismatched IS 'settlements missing at a party or with a differing amount / 缺报或金额不符的结算笔数';
COMMENT ON COLUMN reconciliation_day.missing_at_insured IS 'settlements the insured party has not reported / 参保地缺报笔数';
COMMENT ON COLUMN reconciliation_day.missing_at_treatment IS 'settlements the treatment party has not reported / 就医地缺报笔数';
COMMENT ON COLUMN reconciliation_day.missing_at_national IS 'settlements the national party has not reported / 国家平台缺报笔数';
COMMENT ON COLUMN reconciliation_day.amount_differs IS 'settlements whose amounts differ at a party / 金额不符笔数';
COMMENT ON COLUMN reconciliation_day.unknown_settlements IS 'settlement ids a party reported that day that xdjy does not know / 当日对方报送而本系统无此结算的笔数';
COMMENT ON COLUMN reconciliation_day.recorded_at IS 'when the day was last recorded / 最近一次记录时间';
SELECT pg_catalog.pg_extension_config_dump('reconciliation_day', '');
ALTER TABLE reconciliation_day ENABLE ROW LEVEL SECURITY;
ALTER TABLE reconciliation_day FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON reconciliation_day TO xdjy_admin;
GRANT SELECT ON reconciliation_day TO xdjy_analyst;
CREATE POLICY reconciliation_day_admin ON reconciliation_day TO xdjy_admin USING (true) WITH CHECK (true);
CREATE POLICY reconciliation_day_analyst ON reconciliation_day FOR SELECT TO xdjy_analyst USING (true);
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON reconciliation_day
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('day');

-- Records one business day from reconciliation_mismatch (the latest report
-- of each party) and remote_direct_settlement; a second call for the day
-- replaces its row.  The caller's rights: run it as the admin or a
-- superuser, who read every region.
CREATE FUNCTION record_daily_reconciliation(day date DEFAULT CURRENT_DATE - 1)
	RETURNS reconciliation_day
	LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.check_business_date(record_daily_reconciliation.day, 'record_daily_reconciliation(day)');
	INSERT INTO xdjy.reconciliation_day AS r (day, settlements, matched, mismatched,
		missing_at_insured, missing_at_treatment, missing_at_national, amount_differs,
		unknown_settlements, recorded_at)
	SELECT record_daily_reconciliation.day, s.settlements, s.settlements OPERATOR(pg_catalog.-) m.mismatched,
		m.mismatched, m.missing_at_insured, m.missing_at_treatment, m.missing_at_national,
		m.amount_differs, m.unknown_settlements, pg_catalog.now()
	FROM (SELECT pg_catalog.count(*) AS settlements
			FROM xdjy.remote_direct_settlement rd
			WHERE rd.settled_on OPERATOR(pg_catalog.=) record_daily_reconciliation.day) s,
		(SELECT pg_catalog.count(DISTINCT x.settlement_id)
				FILTER (WHERE x.kind OPERATOR(pg_catalog.<>) 'unknown_settlement') AS mismatched,
			pg_catalog.count(*) FILTER (WHERE x.kind OPERATOR(pg_catalog.=) 'missing_at_insured') AS missing_at_insured,
			pg_catalog.count(*) FILTER (WHERE x.kind OPERATOR(pg_catalog.=) 'missing_at_treatment') AS missing_at_treatment,
			pg_catalog.count(*) FILTER (WHERE x.kind OPERATOR(pg_catalog.=) 'missing_at_national') AS missing_at_national,
			pg_catalog.count(*) FILTER (WHERE x.kind OPERATOR(pg_catalog.=) 'amount_differs') AS amount_differs,
			pg_catalog.count(*) FILTER (WHERE x.kind OPERATOR(pg_catalog.=) 'unknown_settlement') AS unknown_settlements
			FROM xdjy.reconciliation_mismatch x
			WHERE x.day OPERATOR(pg_catalog.=) record_daily_reconciliation.day) m
	ON CONFLICT (day) DO UPDATE SET settlements = excluded.settlements, matched = excluded.matched,
		mismatched = excluded.mismatched, missing_at_insured = excluded.missing_at_insured,
		missing_at_treatment = excluded.missing_at_treatment, missing_at_national = excluded.missing_at_national,
		amount_differs = excluded.amount_differs, unknown_settlements = excluded.unknown_settlements,
		recorded_at = excluded.recorded_at
	RETURNING r.*;
END;
COMMENT ON FUNCTION record_daily_reconciliation(date) IS
	'records the three-party reconciliation of one business day (default yesterday) in reconciliation_day, replacing an earlier record of the day (鲁医保发〔2022〕26号 第四条(一)); returns the row';
REVOKE EXECUTE ON FUNCTION record_daily_reconciliation(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION record_daily_reconciliation(date) TO xdjy_admin;

-- Registers record_daily_reconciliation() as the daily pg_cron job
-- "xdjy-daily-reconciliation" at the time of day at, in the session's
-- TimeZone (src/schedule.c); calling it again reschedules that job.
-- pg_cron is optional: it is looked for when the function is called, and
-- without it the function says what to install (YB010, YB011).
CREATE FUNCTION schedule_daily_reconciliation("at" time) RETURNS bigint
	AS 'MODULE_PATHNAME', 'xdjy_schedule_daily_reconciliation' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION schedule_daily_reconciliation(time) IS
	'registers (or reschedules) the pg_cron job xdjy-daily-reconciliation that records yesterday''s reconciliation every day at "at", a time of day in the session''s TimeZone (鲁医保发〔2022〕26号 第四条(一)); returns the job id; YB010/YB011 without a usable pg_cron, YB012 for a time that is not a whole minute';
REVOKE EXECUTE ON FUNCTION schedule_daily_reconciliation(time) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION schedule_daily_reconciliation(time) TO xdjy_admin;

-- setlinfo from the fee lines: 超限价 apart from 全自费, the lines' 乙类先行自付
-- in preselfpay_amt.  Replaced, not dropped: export_setlinfo() returns its
-- row type and other views read it; the new column comes last, as in a
-- fresh install.
CREATE OR REPLACE VIEW setlinfo WITH (security_invoker = true) AS
	SELECT
		s.person_id AS psn_no,
		s.encounter_id AS mdtrt_id,
		s.id AS setl_id,
		it.insutype,
		mt.med_type,
		ct.clr_type,
		s.insured_region AS insuplc_admdvs,
		s.treatment_region AS mdtrtarea_admvs,
		s.institution_code AS fixmedins_code,
		s.insured_region AS clr_optins,
		xdjy.fen_to_yuan(s.total_fen)::numeric(16,2) AS medfee_sumamt,
		xdjy.fen_to_yuan(s.out_of_scope_fen OPERATOR(pg_catalog.-) s.overlmt_fen)::numeric(16,2) AS fulamt_ownpay_amt,
		xdjy.fen_to_yuan(s.first_selfpay_fen OPERATOR(pg_catalog.+) s.preselfpay_fen)::numeric(16,2) AS preselfpay_amt,
		xdjy.fen_to_yuan(((s.total_fen OPERATOR(pg_catalog.-) s.out_of_scope_fen)
			OPERATOR(pg_catalog.-) s.first_selfpay_fen) OPERATOR(pg_catalog.-) s.preselfpay_fen)::numeric(16,2) AS inscp_scp_amt,
		xdjy.fen_to_yuan(s.deductible_fen)::numeric(16,2) AS act_pay_dedc,
		xdjy.fen_to_yuan(s.fund_fen)::numeric(16,2) AS hifp_pay,
		(s.ratio_bp::numeric OPERATOR(pg_catalog./) 10000)::numeric(5,4) AS pool_prop_selfpay,
		xdjy.fen_to_yuan(s.fund_fen)::numeric(16,2) AS fund_pay_sumamt,
		0::numeric(16,2) AS acct_pay,
		xdjy.fen_to_yuan(s.personal_fen)::numeric(16,2) AS psn_part_amt,
		s.settled_on AS setl_time,
		CASE WHEN s.reverses IS NULL THEN '0' ELSE '1' END AS refd_setl_flag,
		s.reverses,
		s.mode,
		-- 1.1: after the columns 1.0 had (a view keeps its column order)
		xdjy.fen_to_yuan(s.overlmt_fen)::numeric(16,2) AS overlmt_selfpay
	FROM xdjy.settlement s
	JOIN xdjy.encounter e ON e.id OPERATOR(pg_catalog.=) s.encounter_id
	LEFT JOIN xdjy.person p ON p.id OPERATOR(pg_catalog.=) s.person_id
	LEFT JOIN xdjy.insutype_map_effective it ON it.scheme OPERATOR(pg_catalog.=) p.scheme
	LEFT JOIN xdjy.med_type_map_effective mt
		ON mt.visit_type OPERATOR(pg_catalog.=) e.visit_type
		AND mt.emergency OPERATOR(pg_catalog.=) e.emergency
		AND mt.trauma OPERATOR(pg_catalog.=) e.trauma
	LEFT JOIN xdjy.clr_type_map_effective ct ON ct.visit_type OPERATOR(pg_catalog.=) e.visit_type;
COMMENT ON COLUMN setlinfo.medfee_sumamt IS 'total medical costs in yuan = fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt + inscp_scp_amt / 医疗费总额（元）';
COMMENT ON COLUMN setlinfo.fulamt_ownpay_amt IS 'wholly self-paid amount in yuan: 丙类 and codes not in the catalogue (settlement.out_of_scope_fen − overlmt_fen) / 全自费金额（元）';
COMMENT ON COLUMN setlinfo.preselfpay_amt IS 'paid first by the person in yuan: the lines'' 乙类先行自付 (settlement.preselfpay_fen) plus the temporary traveller''s 首先自付 (first_selfpay_fen, 鲁医保发〔2021〕46号 第三条(二)) / 先行自付金额（元）';
COMMENT ON COLUMN setlinfo.inscp_scp_amt IS 'amount within the policy scope in yuan: total − 全自费 − 超限价 − 先行自付 / 符合政策范围金额（元）';
COMMENT ON COLUMN setlinfo.overlmt_selfpay IS 'self-paid above the price ceilings in yuan (settlement.overlmt_fen, from the fee lines) / 超限价自费金额（元）';

-- the statement and export functions read setlinfo with SQL-standard bodies,
-- which fix its columns when created: created again over the new view
CREATE OR REPLACE FUNCTION stmt_scope(setl_optins text, insutype text, clr_type text,
		begndate date, enddate date, refd_setl_flag text DEFAULT '1', fixmedins_code text DEFAULT NULL)
	RETURNS SETOF setlinfo
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT i.* FROM xdjy.setlinfo i
	WHERE i.mode OPERATOR(pg_catalog.=) 'direct'
		AND i.clr_optins OPERATOR(pg_catalog.=) stmt_scope.setl_optins
		AND i.insutype OPERATOR(pg_catalog.=) stmt_scope.insutype
		AND i.clr_type OPERATOR(pg_catalog.=) stmt_scope.clr_type
		AND i.setl_time OPERATOR(pg_catalog.>=) stmt_scope.begndate
		AND i.setl_time OPERATOR(pg_catalog.<=) stmt_scope.enddate
		AND (stmt_scope.refd_setl_flag OPERATOR(pg_catalog.=) '1'
			OR i.refd_setl_flag OPERATOR(pg_catalog.=) '0')
		AND (stmt_scope.fixmedins_code IS NULL
			OR i.fixmedins_code OPERATOR(pg_catalog.=) stmt_scope.fixmedins_code);
END;
CREATE OR REPLACE FUNCTION stmt_detail(batch text, setl_optins text, insutype text, clr_type text,
		begndate date, enddate date, refd_setl_flag text DEFAULT '1', fixmedins_code text DEFAULT NULL)
	RETURNS TABLE (setl_id bigint, mdtrt_id bigint, psn_no text,
		stmt_rslt text, stmt_rslt_dscr text, kind text,
		centre_medfee_sumamt numeric, fixmedins_medfee_sumamt numeric,
		centre_fund_pay_sumamt numeric, fixmedins_fund_pay_sumamt numeric,
		centre_acct_pay numeric, fixmedins_acct_pay numeric,
		centre_refd_setl_flag text, fixmedins_refd_setl_flag text, memo text)
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.stmt_check_request(stmt_detail.setl_optins, stmt_detail.insutype, stmt_detail.clr_type,
		stmt_detail.begndate, stmt_detail.enddate, stmt_detail.refd_setl_flag,
		stmt_detail.fixmedins_code);
	SELECT xdjy.stmt_check_batch(stmt_detail.batch);
	WITH centre AS (
		SELECT i.setl_id, i.mdtrt_id, i.psn_no, i.medfee_sumamt, i.fund_pay_sumamt,
			i.acct_pay, i.refd_setl_flag
		FROM xdjy.stmt_scope(stmt_detail.setl_optins, stmt_detail.insutype, stmt_detail.clr_type,
			stmt_detail.begndate, stmt_detail.enddate, stmt_detail.refd_setl_flag,
			stmt_detail.fixmedins_code) i
	), inst AS (
		SELECT u.setl_id, u.mdtrt_id, u.psn_no, u.medfee_sumamt::numeric(16,2) AS medfee_sumamt,
			u.fund_pay_sumamt::numeric(16,2) AS fund_pay_sumamt, u.acct_pay::numeric(16,2) AS acct_pay,
			u.refd_setl_flag
		FROM xdjy.stmt_detail_upload u
		WHERE u.batch OPERATOR(pg_catalog.=) stmt_detail.batch
			AND (stmt_detail.refd_setl_flag OPERATOR(pg_catalog.=) '1'
				OR u.refd_setl_flag OPERATOR(pg_catalog.=) '0')
	), pair AS (
		SELECT coalesce(c.setl_id, f.setl_id) AS setl_id,
			c.setl_id IS NOT NULL AS at_centre, f.setl_id IS NOT NULL AS at_inst,
			c.mdtrt_id AS c_mdtrt_id, f.mdtrt_id AS f_mdtrt_id,
			c.psn_no AS c_psn_no, f.psn_no AS f_psn_no,
			c.medfee_sumamt AS c_medfee, f.medfee_sumamt AS f_medfee,
			c.fund_pay_sumamt AS c_fund, f.fund_pay_sumamt AS f_fund,
			c.acct_pay AS c_acct, f.acct_pay AS f_acct,
			c.refd_setl_flag AS c_refd, f.refd_setl_flag AS f_refd
		FROM centre c FULL JOIN inst f ON f.setl_id OPERATOR(pg_catalog.=) c.setl_id
	), judged AS (
		SELECT p.*,
			CASE WHEN NOT p.at_inst THEN '1'
				WHEN NOT p.at_centre THEN '2'
				WHEN p.c_mdtrt_id IS DISTINCT FROM p.f_mdtrt_id
					OR p.c_psn_no IS DISTINCT FROM p.f_psn_no
					OR p.c_medfee OPERATOR(pg_catalog.<>) p.f_medfee
					OR p.c_fund OPERATOR(pg_catalog.<>) p.f_fund
					OR p.c_acct OPERATOR(pg_catalog.<>) p.f_acct
					OR p.c_refd OPERATOR(pg_catalog.<>) p.f_refd THEN '3'
			END AS rslt
		FROM pair p
	)
	SELECT j.setl_id, coalesce(j.c_mdtrt_id, j.f_mdtrt_id), coalesce(j.c_psn_no, j.f_psn_no),
		j.rslt,
		CASE j.rslt WHEN '1' THEN '中心多' WHEN '2' THEN '医药机构多' ELSE '数据不一致' END,
		CASE j.rslt WHEN '1' THEN 'missing_at_institution' WHEN '2' THEN 'missing_at_centre' ELSE 'differs' END,
		j.c_medfee, j.f_medfee, j.c_fund, j.f_fund, j.c_acct, j.f_acct, j.c_refd, j.f_refd,
		CASE j.rslt
			WHEN '1' THEN '医药机构未上传此结算'
			WHEN '2' THEN coalesce(
				(SELECT pg_catalog.format('中心有此结算，但不在本次对账范围：结算时间 %s，险种类型 %s，清算类别 %s，清算经办机构 %s，定点医药机构 %s%s',
						pg_catalog.to_char(o.setl_time, 'YYYY-MM-DD'), o.insutype, o.clr_type, o.clr_optins, o.fixmedins_code,
						CASE WHEN o.mode OPERATOR(pg_catalog.<>) 'direct' THEN '，手工报销' ELSE '' END)
					FROM xdjy.setlinfo o WHERE o.setl_id OPERATOR(pg_catalog.=) j.setl_id),
				'中心无此结算')
			ELSE pg_catalog.concat_ws('；',
				CASE WHEN j.c_mdtrt_id IS DISTINCT FROM j.f_mdtrt_id
					THEN pg_catalog.format('就诊ID 中心 %s / 医药机构 %s', j.c_mdtrt_id, j.f_mdtrt_id) END,
				CASE WHEN j.c_psn_no IS DISTINCT FROM j.f_psn_no
					THEN pg_catalog.format('人员编号 中心 %s / 医药机构 %s', j.c_psn_no, j.f_psn_no) END,
				CASE WHEN j.c_medfee OPERATOR(pg_catalog.<>) j.f_medfee
					THEN pg_catalog.format('医疗费总额 中心 %s / 医药机构 %s', j.c_medfee, j.f_medfee) END,
				CASE WHEN j.c_fund OPERATOR(pg_catalog.<>) j.f_fund
					THEN pg_catalog.format('基金支付总额 中心 %s / 医药机构 %s', j.c_fund, j.f_fund) END,
				CASE WHEN j.c_acct OPERATOR(pg_catalog.<>) j.f_acct
					THEN pg_catalog.format('个人账户支出 中心 %s / 医药机构 %s', j.c_acct, j.f_acct) END,
				CASE WHEN j.c_refd OPERATOR(pg_catalog.<>) j.f_refd
					THEN pg_catalog.format('退费结算标志 中心 %s / 医药机构 %s', j.c_refd, j.f_refd) END)
		END
	FROM judged j
	WHERE j.rslt IS NOT NULL
	ORDER BY j.setl_id;
END;
CREATE OR REPLACE FUNCTION stmt_total(setl_optins text, insutype text, clr_type text,
		begndate date, enddate date, medfee_sumamt numeric, fund_pay_sumamt numeric,
		acct_pay numeric, fixmedins_setl_cnt integer, refd_setl_flag text DEFAULT '1',
		fixmedins_code text DEFAULT NULL,
		OUT stmt_rslt text, OUT stmt_rslt_dscr text, OUT centre_setl_cnt bigint,
		OUT centre_medfee_sumamt numeric, OUT centre_fund_pay_sumamt numeric,
		OUT centre_acct_pay numeric)
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.stmt_check_request(stmt_total.setl_optins, stmt_total.insutype, stmt_total.clr_type,
		stmt_total.begndate, stmt_total.enddate, stmt_total.refd_setl_flag, stmt_total.fixmedins_code);
	SELECT r.stmt_rslt, r.stmt_rslt_dscr, c.n, c.medfee, c.fund, c.acct
	FROM (SELECT pg_catalog.count(*) AS n,
			coalesce(pg_catalog.sum(i.medfee_sumamt), 0.00) AS medfee,
			coalesce(pg_catalog.sum(i.fund_pay_sumamt), 0.00) AS fund,
			coalesce(pg_catalog.sum(i.acct_pay), 0.00) AS acct
		FROM xdjy.stmt_scope(stmt_total.setl_optins, stmt_total.insutype, stmt_total.clr_type,
			stmt_total.begndate, stmt_total.enddate, stmt_total.refd_setl_flag,
			stmt_total.fixmedins_code) i) c
	CROSS JOIN LATERAL xdjy.stmt_compare(c.n, c.medfee, c.fund, c.acct,
		stmt_total.fixmedins_setl_cnt, stmt_total.medfee_sumamt,
		stmt_total.fund_pay_sumamt, stmt_total.acct_pay) r;
END;
CREATE OR REPLACE FUNCTION export_setlinfo("from" date, "to" date)
	RETURNS SETOF setlinfo
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.national_check_period(export_setlinfo."from", export_setlinfo."to", 'from', 'to');
	SELECT xdjy.check_business_date(export_setlinfo."from", 'export_setlinfo(from)');
	SELECT xdjy.check_business_date(export_setlinfo."to", 'export_setlinfo(to)');
	SELECT i.* FROM xdjy.setlinfo i
	WHERE i.setl_time OPERATOR(pg_catalog.>=) export_setlinfo."from"
		AND i.setl_time OPERATOR(pg_catalog.<=) export_setlinfo."to"
	ORDER BY i.setl_time, i.setl_id;
END;

-- issue 16: personal accounts (个人账户, 鲁医保发〔2020〕68号 二(五);
-- cleared monthly across provinces, 鲁医保发〔2022〕26号 第四条(二)) and
-- referral qualification (吉医保发〔2019〕34号 附件第10条).  Settlements of
-- 1.0 paid nothing from an account: acct_used false, acct_pay_fen 0, the
-- whole personal share in cash, no balance.
--------------------------------------------------------------------------
ALTER TABLE settlement ADD COLUMN acct_used boolean NOT NULL DEFAULT false,
	ADD COLUMN acct_pay_fen bigint NOT NULL DEFAULT 0,
	ADD COLUMN cash_pay_fen bigint GENERATED ALWAYS AS (personal_fen OPERATOR(pg_catalog.-) acct_pay_fen) STORED,
	ADD COLUMN acct_balance_fen bigint,
	ADD CONSTRAINT settlement_acct_pay_used CHECK (acct_used OR acct_pay_fen = 0);
COMMENT ON COLUMN settlement.acct_used IS
	'input: acct_used_flag 个人账户使用标志 — pay the personal share from the personal account as far as its balance goes (鲁医保发〔2020〕68号 二(五))';
COMMENT ON COLUMN settlement.acct_pay_fen IS
	'acct_pay 个人账户支出 (in fen; the platform uses yuan): part of personal_fen, cleared monthly across provinces (鲁医保发〔2022〕26号 第四条(二))';
COMMENT ON COLUMN settlement.cash_pay_fen IS
	'psn_cash_pay 个人现金支出 (in fen): personal_fen − acct_pay_fen';
COMMENT ON COLUMN settlement.acct_balance_fen IS
	'balc 余额 (in fen): the personal account''s balance after the settlement; NULL when the account was not used';

-- settle() takes acct_used as its last argument (DEFAULT false: callers
-- of 1.0's argument list are served as before)
DROP FUNCTION settle(bigint, bigint, bigint, text, date, text, boolean, bigint, text, boolean);
CREATE FUNCTION settle(encounter_id bigint, total_fen bigint, out_of_scope_fen bigint,
		invoice_no text, settled_on date DEFAULT CURRENT_DATE, mode text DEFAULT 'direct',
		own_reason boolean DEFAULT false, referral_id bigint DEFAULT NULL,
		diagnosis text DEFAULT NULL, mid_stay boolean DEFAULT false,
		acct_used boolean DEFAULT false)
	RETURNS settlement
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
	AS $$
-- PL/pgSQL, not SQL: its INSERT is planned once per session, where an SQL
-- function is planned again in every statement that calls it (a hospital
-- system calls settle() once per transaction)
DECLARE
	r xdjy.settlement;
BEGIN
	INSERT INTO xdjy.settlement (encounter_id, total_fen, out_of_scope_fen, invoice_no, settled_on, mode, own_reason, referral_id, diagnosis, mid_stay, acct_used) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING * INTO r;
	RETURN r;
END
$$;
COMMENT ON FUNCTION settle(bigint, bigint, bigint, text, date, text, boolean, bigint, text, boolean, boolean) IS
	'settle an encounter (a stay at discharge, or part of it with mid_stay; acct_used: the personal share from the personal account as far as it goes): the engine decides the category and the amounts, or rejects with a YB code';

-- setlinfo: acct_pay from the settlement, psn_cash_pay and balc appended;
-- the functions over it are created again (their SQL-standard bodies fix
-- its columns)
CREATE OR REPLACE VIEW setlinfo WITH (security_invoker = true) AS
	SELECT
		s.person_id AS psn_no,
		s.encounter_id AS mdtrt_id,
		s.id AS setl_id,
		it.insutype,
		mt.med_type,
		ct.clr_type,
		s.insured_region AS insuplc_admdvs,
		s.treatment_region AS mdtrtarea_admvs,
		s.institution_code AS fixmedins_code,
		s.insured_region AS clr_optins,
		xdjy.fen_to_yuan(s.total_fen)::numeric(16,2) AS medfee_sumamt,
		xdjy.fen_to_yuan(s.out_of_scope_fen OPERATOR(pg_catalog.-) s.overlmt_fen)::numeric(16,2) AS fulamt_ownpay_amt,
		xdjy.fen_to_yuan(s.first_selfpay_fen OPERATOR(pg_catalog.+) s.preselfpay_fen)::numeric(16,2) AS preselfpay_amt,
		xdjy.fen_to_yuan(((s.total_fen OPERATOR(pg_catalog.-) s.out_of_scope_fen)
			OPERATOR(pg_catalog.-) s.first_selfpay_fen) OPERATOR(pg_catalog.-) s.preselfpay_fen)::numeric(16,2) AS inscp_scp_amt,
		xdjy.fen_to_yuan(s.deductible_fen)::numeric(16,2) AS act_pay_dedc,
		xdjy.fen_to_yuan(s.fund_fen)::numeric(16,2) AS hifp_pay,
		(s.ratio_bp::numeric OPERATOR(pg_catalog./) 10000)::numeric(5,4) AS pool_prop_selfpay,
		xdjy.fen_to_yuan(s.fund_fen)::numeric(16,2) AS fund_pay_sumamt,
		xdjy.fen_to_yuan(s.acct_pay_fen)::numeric(16,2) AS acct_pay,
		xdjy.fen_to_yuan(s.personal_fen)::numeric(16,2) AS psn_part_amt,
		s.settled_on AS setl_time,
		CASE WHEN s.reverses IS NULL THEN '0' ELSE '1' END AS refd_setl_flag,
		s.reverses,
		s.mode,
		-- 1.1: after the columns 1.0 had (a view keeps its column order)
		xdjy.fen_to_yuan(s.overlmt_fen)::numeric(16,2) AS overlmt_selfpay,
		-- the personal account (个人账户)
		xdjy.fen_to_yuan(s.cash_pay_fen)::numeric(16,2) AS psn_cash_pay,
		xdjy.fen_to_yuan(s.acct_balance_fen)::numeric(16,2) AS balc
	FROM xdjy.settlement s
	JOIN xdjy.encounter e ON e.id OPERATOR(pg_catalog.=) s.encounter_id
	LEFT JOIN xdjy.person p ON p.id OPERATOR(pg_catalog.=) s.person_id
	LEFT JOIN xdjy.insutype_map_effective it ON it.scheme OPERATOR(pg_catalog.=) p.scheme
	LEFT JOIN xdjy.med_type_map_effective mt
		ON mt.visit_type OPERATOR(pg_catalog.=) e.visit_type
		AND mt.emergency OPERATOR(pg_catalog.=) e.emergency
		AND mt.trauma OPERATOR(pg_catalog.=) e.trauma
	LEFT JOIN xdjy.clr_type_map_effective ct ON ct.visit_type OPERATOR(pg_catalog.=) e.visit_type;
COMMENT ON COLUMN setlinfo.acct_pay IS 'personal account payment in yuan (settlement.acct_pay_fen; 鲁医保发〔2020〕68号 二(五)) / 个人账户支出（元）';
COMMENT ON COLUMN setlinfo.psn_cash_pay IS 'personal cash payment in yuan: psn_part_amt − acct_pay (settlement.cash_pay_fen) / 个人现金支出（元）';
COMMENT ON COLUMN setlinfo.balc IS 'personal account balance after the settlement in yuan (settlement.acct_balance_fen); NULL when the account was not used / 余额（元）';
CREATE OR REPLACE FUNCTION stmt_scope(setl_optins text, insutype text, clr_type text,
		begndate date, enddate date, refd_setl_flag text DEFAULT '1', fixmedins_code text DEFAULT NULL)
	RETURNS SETOF setlinfo
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT i.* FROM xdjy.setlinfo i
	WHERE i.mode OPERATOR(pg_catalog.=) 'direct'
		AND i.clr_optins OPERATOR(pg_catalog.=) stmt_scope.setl_optins
		AND i.insutype OPERATOR(pg_catalog.=) stmt_scope.insutype
		AND i.clr_type OPERATOR(pg_catalog.=) stmt_scope.clr_type
		AND i.setl_time OPERATOR(pg_catalog.>=) stmt_scope.begndate
		AND i.setl_time OPERATOR(pg_catalog.<=) stmt_scope.enddate
		AND (stmt_scope.refd_setl_flag OPERATOR(pg_catalog.=) '1'
			OR i.refd_setl_flag OPERATOR(pg_catalog.=) '0')
		AND (stmt_scope.fixmedins_code IS NULL
			OR i.fixmedins_code OPERATOR(pg_catalog.=) stmt_scope.fixmedins_code);
END;
CREATE OR REPLACE FUNCTION stmt_detail(batch text, setl_optins text, insutype text, clr_type text,
		begndate date, enddate date, refd_setl_flag text DEFAULT '1', fixmedins_code text DEFAULT NULL)
	RETURNS TABLE (setl_id bigint, mdtrt_id bigint, psn_no text,
		stmt_rslt text, stmt_rslt_dscr text, kind text,
		centre_medfee_sumamt numeric, fixmedins_medfee_sumamt numeric,
		centre_fund_pay_sumamt numeric, fixmedins_fund_pay_sumamt numeric,
		centre_acct_pay numeric, fixmedins_acct_pay numeric,
		centre_refd_setl_flag text, fixmedins_refd_setl_flag text, memo text)
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.stmt_check_request(stmt_detail.setl_optins, stmt_detail.insutype, stmt_detail.clr_type,
		stmt_detail.begndate, stmt_detail.enddate, stmt_detail.refd_setl_flag,
		stmt_detail.fixmedins_code);
	SELECT xdjy.stmt_check_batch(stmt_detail.batch);
	WITH centre AS (
		SELECT i.setl_id, i.mdtrt_id, i.psn_no, i.medfee_sumamt, i.fund_pay_sumamt,
			i.acct_pay, i.refd_setl_flag
		FROM xdjy.stmt_scope(stmt_detail.setl_optins, stmt_detail.insutype, stmt_detail.clr_type,
			stmt_detail.begndate, stmt_detail.enddate, stmt_detail.refd_setl_flag,
			stmt_detail.fixmedins_code) i
	), inst AS (
		SELECT u.setl_id, u.mdtrt_id, u.psn_no, u.medfee_sumamt::numeric(16,2) AS medfee_sumamt,
			u.fund_pay_sumamt::numeric(16,2) AS fund_pay_sumamt, u.acct_pay::numeric(16,2) AS acct_pay,
			u.refd_setl_flag
		FROM xdjy.stmt_detail_upload u
		WHERE u.batch OPERATOR(pg_catalog.=) stmt_detail.batch
			AND (stmt_detail.refd_setl_flag OPERATOR(pg_catalog.=) '1'
				OR u.refd_setl_flag OPERATOR(pg_catalog.=) '0')
	), pair AS (
		SELECT coalesce(c.setl_id, f.setl_id) AS setl_id,
			c.setl_id IS NOT NULL AS at_centre, f.setl_id IS NOT NULL AS at_inst,
			c.mdtrt_id AS c_mdtrt_id, f.mdtrt_id AS f_mdtrt_id,
			c.psn_no AS c_psn_no, f.psn_no AS f_psn_no,
			c.medfee_sumamt AS c_medfee, f.medfee_sumamt AS f_medfee,
			c.fund_pay_sumamt AS c_fund, f.fund_pay_sumamt AS f_fund,
			c.acct_pay AS c_acct, f.acct_pay AS f_acct,
			c.refd_setl_flag AS c_refd, f.refd_setl_flag AS f_refd
		FROM centre c FULL JOIN inst f ON f.setl_id OPERATOR(pg_catalog.=) c.setl_id
	), judged AS (
		SELECT p.*,
			CASE WHEN NOT p.at_inst THEN '1'
				WHEN NOT p.at_centre THEN '2'
				WHEN p.c_mdtrt_id IS DISTINCT FROM p.f_mdtrt_id
					OR p.c_psn_no IS DISTINCT FROM p.f_psn_no
					OR p.c_medfee OPERATOR(pg_catalog.<>) p.f_medfee
					OR p.c_fund OPERATOR(pg_catalog.<>) p.f_fund
					OR p.c_acct OPERATOR(pg_catalog.<>) p.f_acct
					OR p.c_refd OPERATOR(pg_catalog.<>) p.f_refd THEN '3'
			END AS rslt
		FROM pair p
	)
	SELECT j.setl_id, coalesce(j.c_mdtrt_id, j.f_mdtrt_id), coalesce(j.c_psn_no, j.f_psn_no),
		j.rslt,
		CASE j.rslt WHEN '1' THEN '中心多' WHEN '2' THEN '医药机构多' ELSE '数据不一致' END,
		CASE j.rslt WHEN '1' THEN 'missing_at_institution' WHEN '2' THEN 'missing_at_centre' ELSE 'differs' END,
		j.c_medfee, j.f_medfee, j.c_fund, j.f_fund, j.c_acct, j.f_acct, j.c_refd, j.f_refd,
		CASE j.rslt
			WHEN '1' THEN '医药机构未上传此结算'
			WHEN '2' THEN coalesce(
				(SELECT pg_catalog.format('中心有此结算，但不在本次对账范围：结算时间 %s，险种类型 %s，清算类别 %s，清算经办机构 %s，定点医药机构 %s%s',
						pg_catalog.to_char(o.setl_time, 'YYYY-MM-DD'), o.insutype, o.clr_type, o.clr_optins, o.fixmedins_code,
						CASE WHEN o.mode OPERATOR(pg_catalog.<>) 'direct' THEN '，手工报销' ELSE '' END)
					FROM xdjy.setlinfo o WHERE o.setl_id OPERATOR(pg_catalog.=) j.setl_id),
				'中心无此结算')
			ELSE pg_catalog.concat_ws('；',
				CASE WHEN j.c_mdtrt_id IS DISTINCT FROM j.f_mdtrt_id
					THEN pg_catalog.format('就诊ID 中心 %s / 医药机构 %s', j.c_mdtrt_id, j.f_mdtrt_id) END,
				CASE WHEN j.c_psn_no IS DISTINCT FROM j.f_psn_no
					THEN pg_catalog.format('人员编号 中心 %s / 医药机构 %s', j.c_psn_no, j.f_psn_no) END,
				CASE WHEN j.c_medfee OPERATOR(pg_catalog.<>) j.f_medfee
					THEN pg_catalog.format('医疗费总额 中心 %s / 医药机构 %s', j.c_medfee, j.f_medfee) END,
				CASE WHEN j.c_fund OPERATOR(pg_catalog.<>) j.f_fund
					THEN pg_catalog.format('基金支付总额 中心 %s / 医药机构 %s', j.c_fund, j.f_fund) END,
				CASE WHEN j.c_acct OPERATOR(pg_catalog.<>) j.f_acct
					THEN pg_catalog.format('个人账户支出 中心 %s / 医药机构 %s', j.c_acct, j.f_acct) END,
				CASE WHEN j.c_refd OPERATOR(pg_catalog.<>) j.f_refd
					THEN pg_catalog.format('退费结算标志 中心 %s / 医药机构 %s', j.c_refd, j.f_refd) END)
		END
	FROM judged j
	WHERE j.rslt IS NOT NULL
	ORDER BY j.setl_id;
END;
CREATE OR REPLACE FUNCTION stmt_total(setl_optins text, insutype text, clr_type text,
		begndate date, enddate date, medfee_sumamt numeric, fund_pay_sumamt numeric,
		acct_pay numeric, fixmedins_setl_cnt integer, refd_setl_flag text DEFAULT '1',
		fixmedins_code text DEFAULT NULL,
		OUT stmt_rslt text, OUT stmt_rslt_dscr text, OUT centre_setl_cnt bigint,
		OUT centre_medfee_sumamt numeric, OUT centre_fund_pay_sumamt numeric,
		OUT centre_acct_pay numeric)
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.stmt_check_request(stmt_total.setl_optins, stmt_total.insutype, stmt_total.clr_type,
		stmt_total.begndate, stmt_total.enddate, stmt_total.refd_setl_flag, stmt_total.fixmedins_code);
	SELECT r.stmt_rslt, r.stmt_rslt_dscr, c.n, c.medfee, c.fund, c.acct
	FROM (SELECT pg_catalog.count(*) AS n,
			coalesce(pg_catalog.sum(i.medfee_sumamt), 0.00) AS medfee,
			coalesce(pg_catalog.sum(i.fund_pay_sumamt), 0.00) AS fund,
			coalesce(pg_catalog.sum(i.acct_pay), 0.00) AS acct
		FROM xdjy.stmt_scope(stmt_total.setl_optins, stmt_total.insutype, stmt_total.clr_type,
			stmt_total.begndate, stmt_total.enddate, stmt_total.refd_setl_flag,
			stmt_total.fixmedins_code) i) c
	CROSS JOIN LATERAL xdjy.stmt_compare(c.n, c.medfee, c.fund, c.acct,
		stmt_total.fixmedins_setl_cnt, stmt_total.medfee_sumamt,
		stmt_total.fund_pay_sumamt, stmt_total.acct_pay) r;
END;
CREATE OR REPLACE FUNCTION export_setlinfo("from" date, "to" date)
	RETURNS SETOF setlinfo
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.national_check_period(export_setlinfo."from", export_setlinfo."to", 'from', 'to');
	SELECT xdjy.check_business_date(export_setlinfo."from", 'export_setlinfo(from)');
	SELECT xdjy.check_business_date(export_setlinfo."to", 'export_setlinfo(to)');
	SELECT i.* FROM xdjy.setlinfo i
	WHERE i.setl_time OPERATOR(pg_catalog.>=) export_setlinfo."from"
		AND i.setl_time OPERATOR(pg_catalog.<=) export_setlinfo."to"
	ORDER BY i.setl_time, i.setl_id;
END;
COMMENT ON FUNCTION stmt_total(text, text, text, date, date, numeric, numeric, numeric, integer, text, text) IS
	'3201 医药机构费用结算对总账: an institution''s totals against xdjy.stmt_scope(...); stmt_rslt 0 对平, 1 中心多, 2 医药机构多, 3 数据不一致, stmt_rslt_dscr names the differing figures, acct_pay included (personal account payments, cleared monthly across provinces: 鲁医保发〔2022〕26号 第四条(二))';

-- the accounts, their movements and settings, referral qualification
-- (schema/16_accounts.sql, as a fresh install creates them)

-- One row per person: the balance, kept by the movement trigger alone.
CREATE TABLE personal_account (
	person_id			text PRIMARY KEY,
	balance_fen			bigint NOT NULL DEFAULT 0 CHECK (balance_fen >= 0)
);
CREATE CONSTRAINT TRIGGER personal_account_references AFTER INSERT OR UPDATE ON personal_account
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'personal_account_person_id_fkey', 'person_id', 'person', 'id');
COMMENT ON TRIGGER personal_account_references ON personal_account IS
	'references of personal_account: person_id → person (id)';
COMMENT ON TABLE personal_account IS
	'个人账户 a person''s account balance (in fen), usable across the province (鲁医保发〔2020〕68号 二(五)); changed only through personal_account_movement';
COMMENT ON COLUMN personal_account.balance_fen IS 'balc 余额 (in fen): never below zero';
SELECT pg_catalog.pg_extension_config_dump('personal_account', '');
ALTER TABLE personal_account ENABLE ROW LEVEL SECURITY;
ALTER TABLE personal_account FORCE ROW LEVEL SECURITY;
GRANT SELECT ON personal_account TO xdjy_admin, xdjy_operator;
CREATE POLICY personal_account_admin ON personal_account FOR SELECT TO xdjy_admin USING (true);
CREATE POLICY personal_account_operator ON personal_account FOR SELECT TO xdjy_operator
	USING (EXISTS (SELECT FROM xdjy.person p WHERE p.id = person_id
		AND p.insured_region IN (SELECT xdjy.operator_regions())));

-- The append-only ledger of the account: a credit by the insured place
-- (an operator of the person's insured region, or the admin), a debit by a
-- settlement that pays from the account, a refund by the reversal of such
-- a settlement.  The trigger keeps personal_account and fills
-- balance_after_fen; rows are never changed.
CREATE TABLE personal_account_movement (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	person_id			text NOT NULL,
	kind				text NOT NULL CHECK (kind IN ('credit', 'debit', 'refund')),
	amount_fen			bigint NOT NULL,
	moved_on			date NOT NULL DEFAULT current_date,
	settlement_id		bigint,
	balance_after_fen	bigint,
	created_at			timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT personal_account_movement_sign CHECK (
		(kind = 'debit' AND amount_fen < 0) OR (kind <> 'debit' AND amount_fen > 0)),
	CONSTRAINT personal_account_movement_settlement CHECK ((kind = 'credit') = (settlement_id IS NULL))
);
CREATE INDEX personal_account_movement_person_idx ON personal_account_movement (person_id, id);
CREATE INDEX personal_account_movement_settlement_idx ON personal_account_movement (settlement_id)
	WHERE settlement_id IS NOT NULL;
CREATE CONSTRAINT TRIGGER personal_account_movement_references AFTER INSERT OR UPDATE ON personal_account_movement
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'personal_account_movement_person_id_fkey', 'person_id', 'person', 'id');
COMMENT ON TRIGGER personal_account_movement_references ON personal_account_movement IS
	'references of personal_account_movement: person_id → person (id)';
CREATE CONSTRAINT TRIGGER personal_account_movement_references_deferred AFTER INSERT OR UPDATE ON personal_account_movement
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'personal_account_movement_settlement_id_fkey', 'settlement_id', 'settlement', 'id');
COMMENT ON TRIGGER personal_account_movement_references_deferred ON personal_account_movement IS
	'references of personal_account_movement: settlement_id → settlement (id) (checked at commit)';
COMMENT ON TABLE personal_account_movement IS
	'个人账户 movements, append-only: credit (by the insured place), debit (a settlement, acct_pay 个人账户支出), refund (its reversal); 鲁医保发〔2020〕68号 二(五)';
COMMENT ON COLUMN personal_account_movement.amount_fen IS
	'in fen: positive for a credit or refund, negative for a debit';
COMMENT ON COLUMN personal_account_movement.settlement_id IS
	'the settlement that paid from the account (debit) or its reversal (refund); NULL for a credit';
COMMENT ON COLUMN personal_account_movement.balance_after_fen IS
	'balc 余额 after the movement (in fen), filled by the trigger';
SELECT pg_catalog.pg_extension_config_dump('personal_account_movement', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.personal_account_movement', 'id'), '');
ALTER TABLE personal_account_movement ENABLE ROW LEVEL SECURITY;
ALTER TABLE personal_account_movement FORCE ROW LEVEL SECURITY;
-- credits come from the insured place; debits and refunds from the engine
GRANT SELECT ON personal_account_movement TO xdjy_admin, xdjy_operator;
GRANT INSERT ON personal_account_movement TO xdjy_operator;
CREATE POLICY personal_account_movement_admin ON personal_account_movement FOR SELECT TO xdjy_admin USING (true);
CREATE POLICY personal_account_movement_operator_read ON personal_account_movement FOR SELECT TO xdjy_operator
	USING (EXISTS (SELECT FROM xdjy.person p WHERE p.id = person_id
		AND p.insured_region IN (SELECT xdjy.operator_regions())));
CREATE POLICY personal_account_movement_operator_insert ON personal_account_movement FOR INSERT TO xdjy_operator
	WITH CHECK (kind = 'credit' AND EXISTS (SELECT FROM xdjy.person p WHERE p.id = person_id
		AND p.insured_region IN (SELECT xdjy.operator_regions())));
CREATE TRIGGER personal_account_movement_access BEFORE INSERT OR UPDATE ON personal_account_movement
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('person_id');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON personal_account_movement
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('moved_on');

CREATE FUNCTION personal_account_movement_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C
	SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
REVOKE EXECUTE ON FUNCTION personal_account_movement_trigger() FROM PUBLIC;
COMMENT ON FUNCTION personal_account_movement_trigger() IS
	'the personal account''s balance: a movement locks the account row, never takes it below zero (YB331), records the balance after; movements are never changed (YB332)';
CREATE TRIGGER personal_account_movement_rules BEFORE INSERT OR UPDATE OR DELETE ON personal_account_movement
	FOR EACH ROW EXECUTE FUNCTION personal_account_movement_trigger();

-- Across provinces, the account pays where the insured province's dated
-- setting says so (鲁医保发〔2022〕26号 第四条(二) clears such payments
-- monthly); within the province it pays everywhere (鲁医保发〔2020〕68号
-- 二(五) "省内通用").
CREATE TABLE account_cross_province (
	province	text NOT NULL,
	valid		daterange NOT NULL,
	source		text NOT NULL,
	PRIMARY KEY (province, valid),
	CONSTRAINT account_cross_province_province_form CHECK (province ~ '^[0-9]{2}0000$'),
	CONSTRAINT account_cross_province_not_empty CHECK (NOT isempty(valid)),
	CONSTRAINT account_cross_province_no_overlap EXCLUDE USING gist (province WITH =, valid WITH &&)
);
CREATE CONSTRAINT TRIGGER account_cross_province_references AFTER INSERT OR UPDATE ON account_cross_province
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'account_cross_province_province_fkey', 'province', 'region', 'code');
COMMENT ON TRIGGER account_cross_province_references ON account_cross_province IS
	'references of account_cross_province: province → region (code)';
COMMENT ON TABLE account_cross_province IS
	'when a province''s insured may pay from the personal account in another province (跨省个人账户支付, cleared monthly: 鲁医保发〔2022〕26号 第四条(二))';
COMMENT ON COLUMN account_cross_province.province IS 'the insured province, as its 6-digit code (370000 Shandong)';
COMMENT ON COLUMN account_cross_province.valid IS 'the settlement dates the setting covers';
SELECT pg_catalog.pg_extension_config_dump('account_cross_province', '');
GRANT SELECT ON account_cross_province TO xdjy_admin, xdjy_operator;
GRANT INSERT, UPDATE, DELETE ON account_cross_province TO xdjy_admin;
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON account_cross_province
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('valid');

-- 吉医保发〔2019〕34号 附件第10条: a referral is issued by a designated
-- institution of the pooling region that is qualified for referrals
-- (具备转诊转院资格).  A pooling region that records qualifications here
-- accepts referrals only from institutions qualified on the issue date
-- (YB333); one that records none keeps accepting any of its designated
-- hospitals, as before.
CREATE TABLE referral_qualification (
	institution_code	text NOT NULL,
	valid				daterange NOT NULL,
	PRIMARY KEY (institution_code, valid),
	CONSTRAINT referral_qualification_not_empty CHECK (NOT isempty(valid)),
	CONSTRAINT referral_qualification_no_overlap EXCLUDE USING gist (institution_code WITH =, valid WITH &&)
);
CREATE CONSTRAINT TRIGGER referral_qualification_references AFTER INSERT OR UPDATE ON referral_qualification
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'referral_qualification_institution_code_fkey', 'institution_code', 'institution', 'code');
COMMENT ON TRIGGER referral_qualification_references ON referral_qualification IS
	'references of referral_qualification: institution_code → institution (code)';
COMMENT ON TABLE referral_qualification IS
	'转诊转院资格: the dates an institution may issue referrals (吉医保发〔2019〕34号 附件第10条)';
COMMENT ON COLUMN referral_qualification.valid IS 'the issue dates the qualification covers';
SELECT pg_catalog.pg_extension_config_dump('referral_qualification', '');
GRANT SELECT ON referral_qualification TO xdjy_admin, xdjy_operator;
GRANT INSERT, UPDATE, DELETE ON referral_qualification TO xdjy_admin;
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON referral_qualification
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('valid');

-- special drugs (特药) and special-drug pharmacies (吉医保发〔2019〕34号
-- 附件第13条): rows of 1.0 and of the catalogue are neither
ALTER TABLE institution ADD COLUMN special_drug_pharmacy boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN institution.special_drug_pharmacy IS 'designated special-drug pharmacy (特药定点零售药店): a special drug bought there settles under the outpatient special-disease benefit (吉医保发〔2019〕34号 附件第13条)';
ALTER TABLE med_list ADD COLUMN special_drug boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN med_list.special_drug IS
	'特药 a special drug: bought at a special-drug pharmacy by a person with the outpatient special-disease benefit, it settles under that benefit (吉医保发〔2019〕34号 附件第13条)';

-- Dated attributes of a person that change what a settlement pays:
--   special_disease  门诊特殊疾病待遇: a special drug bought at a designated
--                    special-drug pharmacy settles under this benefit, as
--                    chronic/special outpatient care (吉医保发〔2019〕34号
--                    附件第13条);
--   former_rural     原新农合参保人员: until the resident benefits are
--                    unified, a former rural-scheme resident living long-term
--                    elsewhere is paid at the provincial designated
--                    institution's major-disease inpatient ratio, less the
--                    long-term deduction (附件第2条), where the province
--                    records that ratio in former_rural_ratio.
-- Recorded by the insured place.
CREATE TABLE person_attribute (
	person_id	text NOT NULL,
	kind		text NOT NULL CHECK (kind IN ('special_disease', 'former_rural')),
	valid		daterange NOT NULL,
	PRIMARY KEY (person_id, kind, valid),
	CONSTRAINT person_attribute_not_empty CHECK (NOT isempty(valid)),
	CONSTRAINT person_attribute_no_overlap EXCLUDE USING gist (person_id WITH =, kind WITH =, valid WITH &&)
);
CREATE CONSTRAINT TRIGGER person_attribute_references AFTER INSERT OR UPDATE ON person_attribute
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'person_attribute_person_id_fkey', 'person_id', 'person', 'id');
COMMENT ON TRIGGER person_attribute_references ON person_attribute IS
	'references of person_attribute: person_id → person (id)';
COMMENT ON TABLE person_attribute IS
	'dated attributes of a person: special_disease 门诊特殊疾病待遇 (吉医保发〔2019〕34号 附件第13条), former_rural 原新农合参保人员 (附件第2条)';
COMMENT ON COLUMN person_attribute.valid IS 'the service dates the attribute covers';
SELECT pg_catalog.pg_extension_config_dump('person_attribute', '');
ALTER TABLE person_attribute ENABLE ROW LEVEL SECURITY;
ALTER TABLE person_attribute FORCE ROW LEVEL SECURITY;
GRANT SELECT ON person_attribute TO xdjy_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON person_attribute TO xdjy_operator;
CREATE POLICY person_attribute_admin ON person_attribute FOR SELECT TO xdjy_admin USING (true);
CREATE POLICY person_attribute_operator ON person_attribute TO xdjy_operator
	USING (EXISTS (SELECT FROM xdjy.person p WHERE p.id = person_id
		AND p.insured_region IN (SELECT xdjy.operator_regions())))
	WITH CHECK (EXISTS (SELECT FROM xdjy.person p WHERE p.id = person_id
		AND p.insured_region IN (SELECT xdjy.operator_regions())));
CREATE TRIGGER person_attribute_access BEFORE INSERT OR UPDATE ON person_attribute
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('person_id');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON person_attribute
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('valid');

-- 吉医保发〔2019〕34号 附件第2条: the provincial designated institution's
-- major-disease inpatient ratio (省级定点医疗机构重大疾病住院支付比例) a
-- province pays its former rural-scheme residents living long-term
-- elsewhere, before the long-term deduction (its ratio_adjustment row);
-- where no row covers the date, they are paid as every other resident.
CREATE TABLE former_rural_ratio (
	province	text NOT NULL,
	valid		daterange NOT NULL,
	ratio_bp	integer NOT NULL CHECK (ratio_bp BETWEEN 0 AND 10000),
	source		text NOT NULL,
	PRIMARY KEY (province, valid),
	CONSTRAINT former_rural_ratio_province_form CHECK (province ~ '^[0-9]{2}0000$'),
	CONSTRAINT former_rural_ratio_not_empty CHECK (NOT isempty(valid)),
	CONSTRAINT former_rural_ratio_no_overlap EXCLUDE USING gist (province WITH =, valid WITH &&)
);
CREATE CONSTRAINT TRIGGER former_rural_ratio_references AFTER INSERT OR UPDATE ON former_rural_ratio
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'former_rural_ratio_province_fkey', 'province', 'region', 'code');
COMMENT ON TRIGGER former_rural_ratio_references ON former_rural_ratio IS
	'references of former_rural_ratio: province → region (code)';
COMMENT ON TABLE former_rural_ratio IS
	'原新农合: the provincial designated institution''s major-disease inpatient ratio paid to former rural-scheme long-term residents before the long-term deduction (吉医保发〔2019〕34号 附件第2条)';
COMMENT ON COLUMN former_rural_ratio.province IS 'the insured province, as its 6-digit code (220000 Jilin)';
COMMENT ON COLUMN former_rural_ratio.ratio_bp IS 'the ratio in basis points (9000 = 90%), in place of the policy row''s';
SELECT pg_catalog.pg_extension_config_dump('former_rural_ratio', '');
GRANT SELECT ON former_rural_ratio TO xdjy_admin, xdjy_operator;
GRANT INSERT, UPDATE, DELETE ON former_rural_ratio TO xdjy_admin;
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON former_rural_ratio
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('valid');

-- 吉医保发〔2019〕34号 附件第13条, its parenthesis: until the resident
-- benefits are unified, a former rural-scheme participant (原新农合参合人员)
-- buying special drugs at a designated special-drug pharmacy is paid under
-- the city-level designated institution's ordinary-disease inpatient
-- policy (市级定点医疗机构普通疾病住院补偿政策) instead of the outpatient
-- special-disease benefit.  A province records the dates and the tier of
-- the inpatient policy row that stands for that policy; where no row
-- covers the date, the purchase settles as every other participant's.
CREATE TABLE former_rural_special_drug (
	province	text NOT NULL,
	valid		daterange NOT NULL,
	tier		smallint NOT NULL CHECK (tier BETWEEN 0 AND 3),
	source		text NOT NULL,
	PRIMARY KEY (province, valid),
	CONSTRAINT former_rural_special_drug_province_form CHECK (province ~ '^[0-9]{2}0000$'),
	CONSTRAINT former_rural_special_drug_not_empty CHECK (NOT isempty(valid)),
	CONSTRAINT former_rural_special_drug_no_overlap EXCLUDE USING gist (province WITH =, valid WITH &&)
);
CREATE CONSTRAINT TRIGGER former_rural_special_drug_references AFTER INSERT OR UPDATE ON former_rural_special_drug
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'former_rural_special_drug_province_fkey', 'province', 'region', 'code');
COMMENT ON TRIGGER former_rural_special_drug_references ON former_rural_special_drug IS
	'references of former_rural_special_drug: province → region (code)';
COMMENT ON TABLE former_rural_special_drug IS
	'原新农合 special drugs: when a province pays its former rural-scheme participants'' special-drug purchases at special-drug pharmacies under the city-level designated institution''s ordinary-disease inpatient policy (吉医保发〔2019〕34号 附件第13条)';
COMMENT ON COLUMN former_rural_special_drug.province IS 'the insured province, as its 6-digit code (220000 Jilin)';
COMMENT ON COLUMN former_rural_special_drug.valid IS 'the purchase dates the setting covers (until the resident benefits are unified)';
COMMENT ON COLUMN former_rural_special_drug.tier IS 'the tier of the insured region''s inpatient policy row that stands for the city-level designated institution (its any-tier row where none has the tier)';
SELECT pg_catalog.pg_extension_config_dump('former_rural_special_drug', '');
GRANT SELECT ON former_rural_special_drug TO xdjy_admin, xdjy_operator;
GRANT INSERT, UPDATE, DELETE ON former_rural_special_drug TO xdjy_admin;
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON former_rural_special_drug
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('valid');

-- issue 16: the parent side of the new tables' references (src/reference_check.c):
-- a person, settlement, institution or region their rows refer to is not
-- deleted nor its key changed, as with a foreign key (NO ACTION, 23503)
DROP TRIGGER region_referenced ON region;
CREATE CONSTRAINT TRIGGER region_referenced AFTER UPDATE OR DELETE ON region
	FOR EACH ROW EXECUTE FUNCTION reference_parent_trigger(
		'region_parent_code_fkey', 'code', 'region', 'parent_code',
		'institution_region_code_fkey', 'code', 'institution', 'region_code',
		'operator_region_region_code_fkey', 'code', 'operator_region', 'region_code',
		'person_insured_region_fkey', 'code', 'person', 'insured_region',
		'filing_destination_region_fkey', 'code', 'filing', 'destination_region',
		'filing_exemption_province_fkey', 'code', 'filing_exemption', 'province',
		'institution_choice_rule_province_fkey', 'code', 'institution_choice_rule', 'province',
		'policy_insured_region_fkey', 'code', 'policy', 'insured_region',
		'referral_destination_region_fkey', 'code', 'referral', 'destination_region',
		'provincial_clearing_province_code_fkey', 'code', 'provincial_clearing', 'province_code',
		'clearing_transfer_region_code_fkey', 'code', 'clearing_transfer', 'region_code',
		'med_list_region_code_fkey', 'code', 'med_list', 'region_code',
		'fee_lines_required_region_code_fkey', 'code', 'fee_lines_required', 'region_code',
		'account_cross_province_province_fkey', 'code', 'account_cross_province', 'province',
		'former_rural_ratio_province_fkey', 'code', 'former_rural_ratio', 'province',
		'former_rural_special_drug_province_fkey', 'code', 'former_rural_special_drug', 'province');
COMMENT ON TRIGGER region_referenced ON region IS
	'rows referring to region: region.parent_code, institution.region_code, operator_region.region_code, person.insured_region, filing.destination_region, filing_exemption.province, institution_choice_rule.province, policy.insured_region, referral.destination_region, provincial_clearing.province_code, clearing_transfer.region_code, med_list.region_code, fee_lines_required.region_code, account_cross_province.province, former_rural_ratio.province, former_rural_special_drug.province (no action: a key still referred to stays)';
DROP TRIGGER institution_referenced ON institution;
CREATE CONSTRAINT TRIGGER institution_referenced AFTER UPDATE OR DELETE ON institution
	FOR EACH ROW EXECUTE FUNCTION reference_parent_trigger(
		'institution_choice_institution_code_fkey', 'code', 'institution_choice', 'institution_code',
		'encounter_institution_code_fkey', 'code', 'encounter', 'institution_code',
		'referral_issued_by_fkey', 'code', 'referral', 'issued_by',
		'clearing_confirmation_institution_code_fkey', 'code', 'clearing_confirmation', 'institution_code',
		'clearing_declaration_institution_code_fkey', 'code', 'clearing_declaration', 'institution_code',
		'referral_qualification_institution_code_fkey', 'code', 'referral_qualification', 'institution_code');
COMMENT ON TRIGGER institution_referenced ON institution IS
	'rows referring to institution: institution_choice.institution_code, encounter.institution_code, referral.issued_by, clearing_confirmation.institution_code, clearing_declaration.institution_code, referral_qualification.institution_code (no action: a key still referred to stays)';
DROP TRIGGER person_referenced ON person;
CREATE CONSTRAINT TRIGGER person_referenced AFTER UPDATE OR DELETE ON person
	FOR EACH ROW EXECUTE FUNCTION reference_parent_trigger(
		'filing_person_id_fkey', 'id', 'filing', 'person_id',
		'encounter_person_id_fkey', 'id', 'encounter', 'person_id',
		'referral_person_id_fkey', 'id', 'referral', 'person_id',
		'ledger_person_id_fkey', 'id', 'ledger', 'person_id',
		'personal_account_person_id_fkey', 'id', 'personal_account', 'person_id',
		'personal_account_movement_person_id_fkey', 'id', 'personal_account_movement', 'person_id',
		'person_attribute_person_id_fkey', 'id', 'person_attribute', 'person_id');
COMMENT ON TRIGGER person_referenced ON person IS
	'rows referring to person: filing.person_id, encounter.person_id, referral.person_id, ledger.person_id, personal_account.person_id, personal_account_movement.person_id, person_attribute.person_id (no action: a key still referred to stays)';
DROP TRIGGER settlement_referenced ON settlement;
CREATE CONSTRAINT TRIGGER settlement_referenced AFTER UPDATE OR DELETE ON settlement
	FOR EACH ROW EXECUTE FUNCTION reference_parent_trigger(
		'manual_claim_settlement_id_fkey', 'id', 'manual_claim', 'settlement_id',
		'detail_upload_settlement_id_fkey', 'id', 'detail_upload', 'settlement_id',
		'clearing_detail_confirmation_setl_sn_fkey', 'id', 'clearing_detail_confirmation', 'setl_sn',
		'personal_account_movement_settlement_id_fkey', 'id', 'personal_account_movement', 'settlement_id');
COMMENT ON TRIGGER settlement_referenced ON settlement IS
	'rows referring to settlement: manual_claim.settlement_id, detail_upload.settlement_id, clearing_detail_confirmation.setl_sn, personal_account_movement.settlement_id (no action: a key still referred to stays)';

-- issue 16: the clearing views carry the personal account payments
-- (鲁医保发〔2022〕26号 第四条(二): cleared monthly like the pooled fund):
-- acct_pay at the end of 3260's clearing_detail and of its monthly
-- totals (their dependants stay), acct_pay_fen and _yuan beside fund_fen
-- in clearing_monthly_as_of, whose result type changes, so it and its
-- view are created again
CREATE OR REPLACE VIEW clearing_detail WITH (security_invoker = true) AS
	SELECT
		EXTRACT(YEAR FROM s.settled_on)::integer AS trt_year,
		EXTRACT(MONTH FROM s.settled_on)::integer AS trt_month,
		s.treatment_region AS mdtrtarea,
		s.institution_code AS medins_no,
		p.certno,
		s.person_id AS psn_no,
		s.encounter_id AS mdtrt_id,
		s.id AS setl_sn,
		xdjy.fen_to_yuan(s.total_fen)::numeric(16,2) AS medfee_sumamt,
		xdjy.fen_to_yuan(s.fund_fen)::numeric(16,2) AS optins_pay_sumamt,
		s.insured_region AS insuplc_admdvs,
		s.settled_on AS setl_time,
		CASE WHEN s.reverses IS NULL THEN '0' ELSE '1' END AS refd_setl_flag,
		CASE WHEN c.action OPERATOR(pg_catalog.=) 'confirm' THEN c.cnfm_flag END AS cnfm_flag,
		CASE WHEN c.action OPERATOR(pg_catalog.=) 'confirm' THEN c.recorded_on END AS cnfm_date,
		CASE WHEN c.action OPERATOR(pg_catalog.=) 'confirm' THEN c.recorded_by END AS cnfm_opter,
		xdjy.fen_to_yuan(s.acct_pay_fen)::numeric(16,2) AS acct_pay
	FROM xdjy.settlement s
	LEFT JOIN xdjy.person p ON p.id OPERATOR(pg_catalog.=) s.person_id
	LEFT JOIN LATERAL (
		SELECT k.action, k.cnfm_flag, k.recorded_on, k.recorded_by
		FROM xdjy.clearing_detail_confirmation k
		WHERE k.setl_sn OPERATOR(pg_catalog.=) s.id
		ORDER BY k.seq DESC LIMIT 1) c ON true
	WHERE s.mode OPERATOR(pg_catalog.=) 'direct'
		AND s.scope OPERATOR(pg_catalog.=) ANY (ARRAY['intra_province', 'cross_province']);
COMMENT ON COLUMN clearing_detail.optins_pay_sumamt IS 'agency payment in yuan: the fund''s payment (hifp_pay; the personal account''s is acct_pay) / 经办机构支付总额（元）';
COMMENT ON COLUMN clearing_detail.acct_pay IS 'personal account payment in yuan (settlement.acct_pay_fen), cleared monthly like the fund (鲁医保发〔2022〕26号 第四条(二)) / 个人账户支出（元）';
CREATE OR REPLACE VIEW clearing_confirmation_monthly WITH (security_invoker = true) AS
	SELECT d.trt_year, d.trt_month, d.medins_no, d.mdtrtarea,
		pg_catalog.count(*) AS setl_cnt,
		pg_catalog.sum(d.medfee_sumamt) AS medfee_sumamt,
		pg_catalog.sum(d.optins_pay_sumamt) AS optins_pay_sumamt,
		pg_catalog.count(*) FILTER (WHERE d.cnfm_flag OPERATOR(pg_catalog.=) '1') AS agreed_cnt,
		pg_catalog.count(*) FILTER (WHERE d.cnfm_flag OPERATOR(pg_catalog.=) '0') AS disputed_cnt,
		pg_catalog.count(*) FILTER (WHERE d.cnfm_flag IS NULL) AS open_cnt,
		CASE WHEN pg_catalog.bool_and(d.cnfm_flag IS NOT NULL)
			THEN pg_catalog.max(d.cnfm_date) END AS confirmed_on,
		pg_catalog.sum(d.acct_pay) AS acct_pay
	FROM xdjy.clearing_detail d
	GROUP BY d.trt_year, d.trt_month, d.medins_no, d.mdtrtarea;
COMMENT ON COLUMN clearing_confirmation_monthly.acct_pay IS 'personal account payments in yuan, cleared monthly like the fund (鲁医保发〔2022〕26号 第四条(二)) / 个人账户支出（元）';
-- the analyst reads the account's part as the fund's
GRANT SELECT (acct_pay_fen) ON settlement TO xdjy_analyst;
DROP VIEW clearing_monthly;
DROP FUNCTION clearing_monthly_as_of(date);
CREATE FUNCTION clearing_monthly_as_of(as_of date)
	RETURNS TABLE (month date, party_kind text, code text, region_code text,
		settlements bigint, fund_fen bigint, fund_yuan numeric,
		acct_pay_fen bigint, acct_pay_yuan numeric,
		confirm_due_on date, confirmed_on date, confirmed_fund_fen bigint, confirmed_fund_yuan numeric,
		agreed_settlements bigint, confirm_status text,
		declared_on date, declared_fund_fen bigint, declared_fund_yuan numeric,
		pay_due_on date, paid_on date, paid_fen bigint, paid_yuan numeric, pay_status text,
		transfer_due_on date, transferred_on date, transferred_fund_fen bigint, transferred_fund_yuan numeric,
		transfer_status text)
	LANGUAGE sql STABLE STRICT PARALLEL RESTRICTED
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.check_business_date(clearing_monthly_as_of.as_of, 'clearing_monthly_as_of(as_of)');
	WITH cleared AS (
		SELECT xdjy.month_of(s.settled_on) AS month, s.id, s.institution_code,
			s.insured_region, s.treatment_region, s.fund_fen, t.acct_pay_fen
		FROM xdjy.remote_direct_settlement s
		JOIN xdjy.settlement t ON t.id = s.id
		WHERE s.settled_on <= as_of
	), answer AS (
		-- each settlement's standing 3261/3262 answer on as_of: its latest entry
		SELECT DISTINCT ON (k.setl_sn) k.setl_sn, k.action, k.cnfm_flag, k.recorded_on
		FROM xdjy.clearing_detail_confirmation k
		WHERE k.recorded_on <= as_of
		ORDER BY k.setl_sn, k.seq DESC
	), inst AS (
		SELECT c.month, c.institution_code, min(c.treatment_region) AS region_code,
			count(*) AS settlements, sum(c.fund_fen)::bigint AS fund_fen,
			sum(c.acct_pay_fen)::bigint AS acct_pay_fen,
			count(*) FILTER (WHERE a.action = 'confirm' AND a.cnfm_flag = '1') AS agreed,
			max(a.recorded_on) FILTER (WHERE a.action = 'confirm' AND a.cnfm_flag = '1') AS last_agreed_on,
			xdjy.clearing_confirm_due_on(c.month) AS confirm_due_on
		FROM cleared c
		LEFT JOIN answer a ON a.setl_sn = c.id
		GROUP BY c.month, c.institution_code
	), confirmed AS (
		-- confirmed: by a standing month confirmation, or once every row is
		-- agreed (cnfm_flag 1) through the national interface, whichever first
		SELECT i.*, cf.fund_fen AS confirmed_fund_fen,
			LEAST(cf.confirmed_on, CASE WHEN i.agreed = i.settlements THEN i.last_agreed_on END) AS confirmed_on
		FROM inst i
		LEFT JOIN LATERAL (
			SELECT c.confirmed_on, c.fund_fen
			FROM xdjy.clearing_confirmation c
			WHERE c.month = i.month AND c.institution_code = i.institution_code
				AND c.confirmed_on <= as_of AND (c.rolled_back_on IS NULL OR c.rolled_back_on > as_of)
			ORDER BY c.confirmed_on DESC, c.id DESC LIMIT 1) cf ON true
	), payer AS (
		SELECT c.month, c.insured_region, count(*) AS settlements, sum(c.fund_fen)::bigint AS fund_fen,
			sum(c.acct_pay_fen)::bigint AS acct_pay_fen,
			xdjy.clearing_transfer_due_on(pc.starts_on) AS transfer_due_on
		FROM cleared c
		LEFT JOIN xdjy.provincial_clearing pc
			ON pc.province_code = xdjy.province_of(c.insured_region)
			AND pc.month = (c.month + interval '1 month')::date
		GROUP BY c.month, c.insured_region, pc.starts_on
	), payee AS (
		SELECT c.month, c.treatment_region, count(*) AS settlements, sum(c.fund_fen)::bigint AS fund_fen,
			sum(c.acct_pay_fen)::bigint AS acct_pay_fen
		FROM cleared c
		GROUP BY c.month, c.treatment_region
	), declared AS (
		SELECT d.month, d.institution_code, d.declared_on, d.fund_fen,
			xdjy.clearing_pay_due_on(d.declared_on) AS pay_due_on,
			CASE WHEN d.paid_on <= as_of THEN d.paid_on END AS paid_on,
			CASE WHEN d.paid_on <= as_of THEN d.paid_fen END AS paid_fen
		FROM xdjy.clearing_declaration d
		WHERE d.declared_on <= as_of
	)
	-- every amount in fen with its yuan beside it (exact: fen / 100.0 as numeric)
	SELECT x.month, x.party_kind, x.code, x.region_code, x.settlements,
		x.fund_fen, (x.fund_fen / 100.0)::numeric(20,2),
		x.acct_pay_fen, (x.acct_pay_fen / 100.0)::numeric(20,2),
		x.confirm_due_on, x.confirmed_on, x.confirmed_fund_fen, (x.confirmed_fund_fen / 100.0)::numeric(20,2),
		x.agreed_settlements, x.confirm_status,
		x.declared_on, x.declared_fund_fen, (x.declared_fund_fen / 100.0)::numeric(20,2),
		x.pay_due_on, x.paid_on, x.paid_fen, (x.paid_fen / 100.0)::numeric(20,2), x.pay_status,
		x.transfer_due_on, x.transferred_on, x.transferred_fund_fen, (x.transferred_fund_fen / 100.0)::numeric(20,2),
		x.transfer_status
	FROM (
		SELECT i.month, 'institution', i.institution_code, i.region_code, i.settlements, i.fund_fen, i.acct_pay_fen,
			i.confirm_due_on, i.confirmed_on, i.confirmed_fund_fen, i.agreed,
			xdjy.deadline_status(i.confirm_due_on, i.confirmed_on, as_of),
			dc.declared_on, dc.fund_fen, dc.pay_due_on, dc.paid_on, dc.paid_fen,
			CASE WHEN dc.declared_on IS NOT NULL THEN xdjy.deadline_status(dc.pay_due_on, dc.paid_on, as_of) END,
			NULL, NULL, NULL, NULL
		FROM confirmed i
		LEFT JOIN declared dc ON dc.month = i.month AND dc.institution_code = i.institution_code
		UNION ALL
		SELECT p.month, 'insured_region', p.insured_region, p.insured_region, p.settlements, p.fund_fen, p.acct_pay_fen,
			NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
			p.transfer_due_on, t.transferred_on, t.fund_fen,
			xdjy.deadline_status(p.transfer_due_on, t.transferred_on, as_of)
		FROM payer p
		LEFT JOIN xdjy.clearing_transfer t
			ON t.month = p.month AND t.region_code = p.insured_region AND t.transferred_on <= as_of
		UNION ALL
		SELECT q.month, 'treatment_region', q.treatment_region, q.treatment_region, q.settlements, q.fund_fen, q.acct_pay_fen,
			NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
		FROM payee q
	) x (month, party_kind, code, region_code, settlements, fund_fen, acct_pay_fen,
		confirm_due_on, confirmed_on, confirmed_fund_fen, agreed_settlements, confirm_status,
		declared_on, declared_fund_fen, pay_due_on, paid_on, paid_fen, pay_status,
		transfer_due_on, transferred_on, transferred_fund_fen, transfer_status)
	ORDER BY 1, 2, 3;
END;
COMMENT ON FUNCTION clearing_monthly_as_of(date) IS
	'monthly clearing (清算) as it stood on as_of: per institution (confirm by the 20th, pay within 30 working days of declaration), per insured region (transfer up before the next provincial clearing), per treatment region (鲁医保发〔2022〕26号 第四条(二)(三)); the fund''s amounts and the personal account payments beside them (第四条(二))';

CREATE VIEW clearing_monthly WITH (security_invoker = true) AS
SELECT * FROM xdjy.clearing_monthly_as_of(CURRENT_DATE);
COMMENT ON VIEW clearing_monthly IS
	'monthly clearing today; clearing_monthly_as_of(date) for another day';
GRANT SELECT ON clearing_monthly TO xdjy_admin, xdjy_operator, xdjy_analyst;
COMMENT ON COLUMN clearing_monthly.month IS 'the month cleared (its first day; month of settled_on) / 清算月份（当月第一天）';
COMMENT ON COLUMN clearing_monthly.party_kind IS 'institution (receives), insured_region (pays) or treatment_region (receives); reporting_label gives the words / 清算方类型：定点医疗机构（收款）、参保地（付款）、就医地（收款）';
COMMENT ON COLUMN clearing_monthly.code IS 'the institution code (fixmedins_code) or the pooling region code / 定点医疗机构编号或统筹区代码';
COMMENT ON COLUMN clearing_monthly.region_code IS 'the pooling region: the institution''s, or the region itself / 所属统筹区';
COMMENT ON COLUMN clearing_monthly.settlements IS 'remote direct settlements of the month, reversals included / 当月异地直接结算笔数（含冲正）';
COMMENT ON COLUMN clearing_monthly.fund_fen IS 'fund part (统筹) of those settlements in fen, reversals netted / 基金支付金额（分，冲正已抵减）';
COMMENT ON COLUMN clearing_monthly.fund_yuan IS 'fund_fen in yuan (fund_fen / 100, exact) / 基金支付金额（元）';
COMMENT ON COLUMN clearing_monthly.acct_pay_fen IS 'personal account payments (acct_pay) of those settlements in fen, reversals netted, cleared monthly like the fund (鲁医保发〔2022〕26号 第四条(二)) / 个人账户支出金额（分，冲正已抵减）';
COMMENT ON COLUMN clearing_monthly.acct_pay_yuan IS 'acct_pay_fen in yuan (acct_pay_fen / 100, exact) / 个人账户支出金额（元）';
COMMENT ON COLUMN clearing_monthly.confirm_due_on IS 'institution rows: confirmation due, the 20th of the next month (鲁医保发〔2022〕26号 第四条(二)) / 对账确认截止日期：次月20日';
COMMENT ON COLUMN clearing_monthly.confirmed_on IS 'institution rows: the day the month was confirmed (a standing confirmation, or the last 3261 agreement of its rows) / 对账确认日期';
COMMENT ON COLUMN clearing_monthly.confirmed_fund_fen IS 'institution rows: fund amount of the standing confirmation in fen / 确认的基金支付金额（分）';
COMMENT ON COLUMN clearing_monthly.confirmed_fund_yuan IS 'confirmed_fund_fen in yuan (exact) / 确认的基金支付金额（元）';
COMMENT ON COLUMN clearing_monthly.agreed_settlements IS 'institution rows: settlements the institution agreed through 3261 (cnfm_flag 1) / 经3261确认一致的结算笔数';
COMMENT ON COLUMN clearing_monthly.confirm_status IS 'institution rows: done, open or overdue against confirm_due_on / 对账确认状态：已完成、未到期、已逾期';
COMMENT ON COLUMN clearing_monthly.declared_on IS 'institution rows: the day the institution declared the month''s costs (费用申报) / 费用申报日期';
COMMENT ON COLUMN clearing_monthly.declared_fund_fen IS 'institution rows: fund amount declared in fen / 申报的基金支付金额（分）';
COMMENT ON COLUMN clearing_monthly.declared_fund_yuan IS 'declared_fund_fen in yuan (exact) / 申报的基金支付金额（元）';
COMMENT ON COLUMN clearing_monthly.pay_due_on IS 'institution rows: payment due, the 30th working day after the declaration (鲁医保发〔2022〕26号 第四条(二)) / 拨付截止日期：申报后30个工作日';
COMMENT ON COLUMN clearing_monthly.paid_on IS 'institution rows: the day it was paid, if by as_of / 拨付日期';
COMMENT ON COLUMN clearing_monthly.paid_fen IS 'institution rows: amount paid in fen / 拨付金额（分）';
COMMENT ON COLUMN clearing_monthly.paid_yuan IS 'paid_fen in yuan (exact) / 拨付金额（元）';
COMMENT ON COLUMN clearing_monthly.pay_status IS 'institution rows: done, open or overdue against pay_due_on; NULL before a declaration / 拨付状态';
COMMENT ON COLUMN clearing_monthly.transfer_due_on IS 'insured_region rows: transfer up (上解) due, the day before the province''s next clearing starts (鲁医保发〔2022〕26号 第四条(三)); NULL without a provincial_clearing row / 上解截止日期：下次省级清算开始前一日';
COMMENT ON COLUMN clearing_monthly.transferred_on IS 'insured_region rows: the day the fund was transferred up / 上解日期';
COMMENT ON COLUMN clearing_monthly.transferred_fund_fen IS 'insured_region rows: amount transferred up in fen / 上解金额（分）';
COMMENT ON COLUMN clearing_monthly.transferred_fund_yuan IS 'transferred_fund_fen in yuan (exact) / 上解金额（元）';
COMMENT ON COLUMN clearing_monthly.transfer_status IS 'insured_region rows: done, open or overdue against transfer_due_on / 上解状态';

-- issue 18: the transaction lifecycle exactly once (schema/17_transactions.sql)

--------------------------------------------------------------------------
-- The hospital's transaction lifecycle, exactly once: pre-settlement
-- (预结算), the message log keyed by msgid, 冲正 (2601), and the national
-- interface as JSON in, JSON out (xdjy.call).  Nothing is paid twice
-- (鲁医保发〔2021〕46号 第四条); a failed call is reported in one standard
-- form, with its YB code (鲁医保发〔2022〕26号 第五条(三)).  Rules in C:
-- src/settlement_trigger.c (presettle), src/interface.c (call).
--------------------------------------------------------------------------

CREATE FUNCTION presettle(encounter_id bigint, total_fen bigint, out_of_scope_fen bigint,
		invoice_no text, settled_on date DEFAULT CURRENT_DATE, mode text DEFAULT 'direct',
		own_reason boolean DEFAULT false, referral_id bigint DEFAULT NULL,
		diagnosis text DEFAULT NULL, mid_stay boolean DEFAULT false)
	RETURNS settlement
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION presettle(bigint, bigint, bigint, text, date, text, boolean, bigint, text, boolean) IS
	'预结算 (2303 / 2206): the settlement row settle() would insert, computed by the same engine, with nothing written, consumed or locked (id NULL); the ledgers it read are in deductible_met_before_fen and fund_paid_before_fen';

-- The message log: one row per msgid, decided state.  A msgid is the
-- institution's code, a timestamp and a sequence number; the platform's
-- gateway retries a request with the same msgid, so the same msgid with
-- the same request is answered from here and does nothing else.
CREATE TABLE transaction_log (
	msgid				text PRIMARY KEY,
	infno				text NOT NULL CHECK (infno ~ '^[0-9]{4}$'),
	fixmedins_code		text NOT NULL,
	request				jsonb,
	response			jsonb,
	-- pending only inside the call that claimed the msgid
	state				text NOT NULL CHECK (state IN ('pending', 'done', 'failed', 'reversed', 'void')),
	inf_time			timestamp NOT NULL,
	sqlstate			char(5),
	effect				jsonb,
	reversed_by			text,
	logged_at			timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT transaction_log_msgid_form CHECK (pg_catalog.length(msgid) OPERATOR(pg_catalog.<=) 64
		AND msgid OPERATOR(pg_catalog.~) '^[[:alnum:]._-]+$'),
	-- a msgid voided by 冲正 before it arrived has no request of its own
	CONSTRAINT transaction_log_request CHECK ((state OPERATOR(pg_catalog.=) 'void') = (request IS NULL)),
	-- a failed call keeps its code, also once a 冲正 has marked it
	CONSTRAINT transaction_log_failed CHECK (state OPERATOR(pg_catalog.<>) 'failed' OR sqlstate IS NOT NULL),
	CONSTRAINT transaction_log_reversed CHECK ((state OPERATOR(pg_catalog.=) ANY (ARRAY['reversed', 'void']))
		= (reversed_by IS NOT NULL))
);
COMMENT ON TABLE transaction_log IS
	'the national interface''s messages by msgid (报文ID): request, recorded response, state and what the message did, so that a retry is answered without a second effect (鲁医保发〔2021〕46号 第四条) and a 冲正 (2601) can undo it; written only by xdjy.call()';
COMMENT ON COLUMN transaction_log.msgid IS 'msgid 报文ID: the institution''s code, yyyyMMddHHmmss and a sequence number';
COMMENT ON COLUMN transaction_log.infno IS 'infno 交易编号 of the message (for a void row: the oinfno the 冲正 named)';
COMMENT ON COLUMN transaction_log.fixmedins_code IS 'fixmedins_code 定点医药机构编号 of the envelope';
COMMENT ON COLUMN transaction_log.request IS 'the request envelope as received; NULL for a msgid voided before it arrived';
COMMENT ON COLUMN transaction_log.response IS 'the response envelope returned, returned again to a retry';
COMMENT ON COLUMN transaction_log.state IS
	'pending (inside the call that claimed it, never committed), done (took effect), failed (infcode -1, no effect), reversed (undone by a 冲正), void (冲正 before arrival: a late arrival is refused)';
COMMENT ON COLUMN transaction_log.inf_time IS 'inf_time 交易时间 of the envelope: the business time (its date is the business date of the call)';
COMMENT ON COLUMN transaction_log.sqlstate IS 'the YB code (or other SQLSTATE) of a failed call, for the success-rate KPI';
COMMENT ON COLUMN transaction_log.effect IS 'what the message did, for 冲正: encounter_id, setl_id, fee_detail_ids, discharged_on';
COMMENT ON COLUMN transaction_log.reversed_by IS 'msgid of the 冲正 (2601) that reversed or voided this message';
CREATE INDEX transaction_log_reporting_idx ON transaction_log (fixmedins_code, inf_time);
SELECT pg_catalog.pg_extension_config_dump('transaction_log', '');
ALTER TABLE transaction_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE transaction_log FORCE ROW LEVEL SECURITY;
-- read by the institution's place; written by call() alone, with the
-- owner's rights (src/interface.c), as settlement_attempt is
GRANT SELECT ON transaction_log TO xdjy_admin, xdjy_operator;
GRANT SELECT (infno, fixmedins_code, state, inf_time, sqlstate) ON transaction_log TO xdjy_analyst;
CREATE POLICY transaction_log_admin ON transaction_log FOR SELECT TO xdjy_admin USING (true);
CREATE POLICY transaction_log_operator ON transaction_log FOR SELECT TO xdjy_operator
	USING (fixmedins_code IN (SELECT xdjy.operator_institutions()));
CREATE POLICY transaction_log_analyst ON transaction_log FOR SELECT TO xdjy_analyst USING (true);

-- The success rate of the interface calls per month, institution and
-- interface (联网结算成功率, 鲁医保发〔2022〕26号 第一条): a void row is
-- no call.
CREATE VIEW interface_kpi_monthly WITH (security_invoker = true) AS
	SELECT xdjy.month_of(l.inf_time::date) AS month,
		l.fixmedins_code,
		l.infno,
		pg_catalog.count(*) AS calls,
		pg_catalog.count(*) FILTER (WHERE l.sqlstate IS NOT NULL) AS failed,
		xdjy.rate_bp(pg_catalog.count(*) FILTER (WHERE l.sqlstate IS NULL),
			pg_catalog.count(*)) AS success_rate_bp
	FROM xdjy.transaction_log l
	WHERE l.state OPERATOR(pg_catalog.<>) 'void'
	GROUP BY 1, 2, 3;
COMMENT ON VIEW interface_kpi_monthly IS
	'national interface calls per month, institution and infno: calls, failed (infcode -1) and the success rate in basis points (鲁医保发〔2022〕26号 第一条)';
COMMENT ON COLUMN interface_kpi_monthly.month IS 'the month of inf_time, the business date of the calls / 月份（交易时间所在月）';
COMMENT ON COLUMN interface_kpi_monthly.fixmedins_code IS 'designated institution of the calls (fixmedins_code) / 定点医药机构编号';
COMMENT ON COLUMN interface_kpi_monthly.infno IS 'interface number (infno) / 交易编号';
COMMENT ON COLUMN interface_kpi_monthly.calls IS 'calls logged; a msgid voided before it arrived is none / 交易笔数';
COMMENT ON COLUMN interface_kpi_monthly.failed IS 'calls answered infcode -1, their code logged / 失败笔数';
COMMENT ON COLUMN interface_kpi_monthly.success_rate_bp IS 'share answered infcode 0, in basis points (10000 = 100%) / 成功率（基点）';
GRANT SELECT ON interface_kpi_monthly TO xdjy_admin, xdjy_operator, xdjy_analyst;

-- The interface -------------------------------------------------------------
-- call() checks the envelope and each field (required, type, whole fen),
-- writes the log and dispatches to one function per infno below, each a
-- thin mapping onto the SQL API (settle, presettle, reverse_settlement,
-- fee_detail, revoke_fee_details, stmt_total); each returns the national
-- output and, for 冲正, what it did.  The last two arguments of each are
-- the business date (inf_time's) and the envelope's fixmedins_code.

CREATE FUNCTION interface_check_encounter(mdtrt_id bigint, psn_no text) RETURNS void
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION interface_check_encounter(bigint, text) IS
	'the interface''s mdtrt_id names an encounter of psn_no, or YB911';

CREATE FUNCTION interface_med_type(med_type text, inpatient boolean,
		OUT visit_type text, OUT emergency boolean, OUT trauma boolean)
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION interface_med_type(text, boolean) IS
	'med_type 医疗类别 → (visit_type, emergency, trauma) through med_type_map_effective, or YB912';

CREATE FUNCTION interface_setlinfo(s settlement) RETURNS jsonb
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT pg_catalog.jsonb_build_object(
		'setl_id', s.id,
		'mdtrt_id', s.encounter_id,
		'psn_no', s.person_id,
		'setl_time', s.settled_on,
		'insuplc_admdvs', s.insured_region,
		'mdtrtarea_admvs', s.treatment_region,
		'medfee_sumamt', xdjy.fen_to_yuan(s.total_fen),
		'fulamt_ownpay_amt', xdjy.fen_to_yuan(s.out_of_scope_fen OPERATOR(pg_catalog.-) s.overlmt_fen),
		'overlmt_selfpay', xdjy.fen_to_yuan(s.overlmt_fen),
		'preselfpay_amt', xdjy.fen_to_yuan(s.first_selfpay_fen OPERATOR(pg_catalog.+) s.preselfpay_fen),
		'inscp_scp_amt', xdjy.fen_to_yuan(((s.total_fen OPERATOR(pg_catalog.-) s.out_of_scope_fen)
			OPERATOR(pg_catalog.-) s.first_selfpay_fen) OPERATOR(pg_catalog.-) s.preselfpay_fen),
		'act_pay_dedc', xdjy.fen_to_yuan(s.deductible_fen),
		'hifp_pay', xdjy.fen_to_yuan(s.fund_fen),
		'pool_prop_selfpay', (s.ratio_bp::numeric OPERATOR(pg_catalog./) 10000)::numeric(5,4),
		'fund_pay_sumamt', xdjy.fen_to_yuan(s.fund_fen),
		'acct_pay', xdjy.fen_to_yuan(s.acct_pay_fen),
		'psn_part_amt', xdjy.fen_to_yuan(s.personal_fen),
		'psn_cash_pay', xdjy.fen_to_yuan(s.personal_fen OPERATOR(pg_catalog.-) s.acct_pay_fen),
		'balc', xdjy.fen_to_yuan(s.acct_balance_fen),
		'refd_setl_flag', CASE WHEN s.reverses IS NULL THEN '0' ELSE '1' END,
		'clr_optins', s.insured_region,
		'xdjy_category', s.category,
		'xdjy_category_reason', s.category_reason,
		'xdjy_deductible_met_before', xdjy.fen_to_yuan(s.deductible_met_before_fen),
		'xdjy_fund_paid_before', xdjy.fen_to_yuan(s.fund_paid_before_fen),
		'setldetail', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
			'fund_pay_type', '310100',
			'fund_pay_type_name', '统筹基金',
			'inscp_scp_amt', xdjy.fen_to_yuan(((s.total_fen OPERATOR(pg_catalog.-) s.out_of_scope_fen)
				OPERATOR(pg_catalog.-) s.first_selfpay_fen) OPERATOR(pg_catalog.-) s.preselfpay_fen),
			'fund_payamt', xdjy.fen_to_yuan(s.fund_fen))));
END;
COMMENT ON FUNCTION interface_setlinfo(settlement) IS
	'setlinfo 结算信息 of a settlement row (a pre-settlement''s too: setl_id null) in the national names, yuan exact; the 2303/2304/2305 output';

-- 2401 入院办理 / 2201 门诊挂号: an encounter
CREATE FUNCTION interface_admit(psn_no text, med_type text, begntime timestamp,
		inpatient boolean, business_date date, fixmedins_code text,
		OUT output jsonb, OUT effect jsonb)
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	WITH e AS (
		INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, emergency, trauma)
		SELECT interface_admit.psn_no, interface_admit.fixmedins_code, m.visit_type,
			interface_admit.begntime::date, m.emergency, m.trauma
		FROM xdjy.interface_med_type(interface_admit.med_type, interface_admit.inpatient) m
		RETURNING id, person_id)
	SELECT pg_catalog.jsonb_build_object(CASE WHEN interface_admit.inpatient THEN 'result' ELSE 'data' END,
			pg_catalog.jsonb_build_object('mdtrt_id', e.id::text, 'psn_no', e.person_id)),
		pg_catalog.jsonb_build_object('encounter_id', e.id)
	FROM e;
END;
COMMENT ON FUNCTION interface_admit(text, text, timestamp, boolean, date, text) IS
	'2401 入院办理 (inpatient) / 2201 门诊挂号 (outpatient): a new encounter; output mdtrt_id';

-- 2402 出院办理
CREATE FUNCTION interface_discharge(mdtrt_id bigint, psn_no text, endtime timestamp,
		business_date date, fixmedins_code text, OUT output jsonb, OUT effect jsonb)
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.interface_check_encounter(interface_discharge.mdtrt_id, interface_discharge.psn_no);
	WITH old AS (SELECT e.discharged_on FROM xdjy.encounter e
			WHERE e.id OPERATOR(pg_catalog.=) interface_discharge.mdtrt_id),
		u AS (UPDATE xdjy.encounter e SET discharged_on = interface_discharge.endtime::date
			WHERE e.id OPERATOR(pg_catalog.=) interface_discharge.mdtrt_id RETURNING e.id)
	SELECT '{}'::jsonb, pg_catalog.jsonb_build_object('encounter_id', u.id,
			'discharged_on', (SELECT old.discharged_on FROM old))
	FROM u;
END;
COMMENT ON FUNCTION interface_discharge(bigint, text, timestamp, date, text) IS
	'2402 出院办理: the encounter''s discharge date';

-- 2301 住院费用明细上传 / 2204 门诊费用明细上传
CREATE FUNCTION interface_upload_lines(feedetail jsonb, business_date date, fixmedins_code text,
		OUT output jsonb, OUT effect jsonb)
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.interface_check_encounter(x.mdtrt_id, x.psn_no)
	FROM pg_catalog.jsonb_to_recordset(interface_upload_lines.feedetail) AS x(mdtrt_id bigint, psn_no text)
	GROUP BY x.mdtrt_id, x.psn_no;
	WITH f AS (
		INSERT INTO xdjy.fee_detail (encounter_id, feedetl_sn, init_feedetl_sn, med_list_codg,
			fee_ocur_time, cnt, pric, det_item_fee_sumamt, received_on)
		SELECT x.mdtrt_id, x.feedetl_sn, x.init_feedetl_sn, x.med_list_codg, x.fee_ocur_time,
			x.cnt, x.pric, x.det_item_fee_sumamt, interface_upload_lines.business_date
		FROM pg_catalog.jsonb_array_elements(interface_upload_lines.feedetail) WITH ORDINALITY AS a(line, n)
		CROSS JOIN LATERAL pg_catalog.jsonb_to_record(a.line)
			AS x(mdtrt_id bigint, feedetl_sn text, init_feedetl_sn text, med_list_codg text,
				fee_ocur_time timestamp, cnt numeric, pric numeric, det_item_fee_sumamt numeric)
		ORDER BY a.n
		RETURNING *)
	SELECT pg_catalog.jsonb_build_object('result', pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
			'feedetl_sn', f.feedetl_sn,
			'det_item_fee_sumamt', xdjy.fen_to_yuan(f.amount_fen),
			'cnt', f.cnt,
			'pric', f.pric,
			'pric_uplmt_amt', f.pric_uplmt,
			'selfpay_prop', (f.selfpay_prop_bp::numeric OPERATOR(pg_catalog./) 10000)::numeric(5,4),
			'fulamt_ownpay_amt', xdjy.fen_to_yuan(f.fulamt_ownpay_fen),
			'overlmt_amt', xdjy.fen_to_yuan(f.overlmt_fen),
			'preselfpay_amt', xdjy.fen_to_yuan(f.preselfpay_fen),
			'inscp_scp_amt', xdjy.fen_to_yuan(f.inscp_scp_fen),
			'chrgitm_lv', f.chrgitm_lv) ORDER BY f.id)),
		pg_catalog.jsonb_build_object('fee_detail_ids', pg_catalog.jsonb_agg(f.id ORDER BY f.id))
	FROM f;
END;
COMMENT ON FUNCTION interface_upload_lines(jsonb, date, text) IS
	'2301 / 2204 费用明细上传: the lines into xdjy.fee_detail, priced by its trigger; output result[] per line';

-- 2302 住院费用明细撤销
CREATE FUNCTION interface_revoke_lines(mdtrt_id bigint, psn_no text, feedetl_sn text,
		business_date date, fixmedins_code text, OUT output jsonb, OUT effect jsonb)
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.interface_check_encounter(interface_revoke_lines.mdtrt_id, interface_revoke_lines.psn_no);
	SELECT '{}'::jsonb, pg_catalog.jsonb_build_object('revoked',
		xdjy.revoke_fee_details(interface_revoke_lines.mdtrt_id, interface_revoke_lines.feedetl_sn));
END;
COMMENT ON FUNCTION interface_revoke_lines(bigint, text, text, date, text) IS
	'2302 费用明细撤销: revoke_fee_details() ("0000" all lines)';

-- 2303 / 2206 预结算 and 2304 / 2207 结算: amounts in fen (call() reads
-- the yuan exactly); NULL: from the fee lines
CREATE FUNCTION interface_presettle(psn_no text, mdtrt_id bigint, medfee_sumamt bigint,
		fulamt_ownpay_amt bigint, invono text, mid_setl_flag boolean,
		business_date date, fixmedins_code text, OUT output jsonb, OUT effect jsonb)
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.interface_check_encounter(interface_presettle.mdtrt_id, interface_presettle.psn_no);
	SELECT pg_catalog.jsonb_build_object('setlinfo', xdjy.interface_setlinfo(s)), NULL::jsonb
	FROM xdjy.presettle(interface_presettle.mdtrt_id, interface_presettle.medfee_sumamt,
		interface_presettle.fulamt_ownpay_amt, interface_presettle.invono,
		interface_presettle.business_date, 'direct', false, NULL, NULL,
		COALESCE(interface_presettle.mid_setl_flag, false)) s;
END;
COMMENT ON FUNCTION interface_presettle(text, bigint, bigint, bigint, text, boolean, date, text) IS
	'2303 / 2206 预结算: presettle(); output setlinfo (setl_id null)';

CREATE FUNCTION interface_settle(psn_no text, mdtrt_id bigint, medfee_sumamt bigint,
		fulamt_ownpay_amt bigint, invono text, mid_setl_flag boolean,
		business_date date, fixmedins_code text, OUT output jsonb, OUT effect jsonb)
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.interface_check_encounter(interface_settle.mdtrt_id, interface_settle.psn_no);
	SELECT pg_catalog.jsonb_build_object('setlinfo', xdjy.interface_setlinfo(s)),
		pg_catalog.jsonb_build_object('setl_id', s.id)
	FROM xdjy.settle(interface_settle.mdtrt_id, interface_settle.medfee_sumamt,
		interface_settle.fulamt_ownpay_amt, interface_settle.invono,
		interface_settle.business_date, 'direct', false, NULL, NULL,
		COALESCE(interface_settle.mid_setl_flag, false)) s;
END;
COMMENT ON FUNCTION interface_settle(text, bigint, bigint, bigint, text, boolean, date, text) IS
	'2304 / 2207 结算: settle(); output setlinfo';

-- 2305 / 2208 结算撤销
CREATE FUNCTION interface_cancel(setl_id bigint, mdtrt_id bigint, psn_no text,
		business_date date, fixmedins_code text, OUT output jsonb, OUT effect jsonb)
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.interface_check_encounter(interface_cancel.mdtrt_id, interface_cancel.psn_no);
	SELECT pg_catalog.jsonb_build_object('setlinfo', xdjy.interface_setlinfo(r)),
		pg_catalog.jsonb_build_object('setl_id', r.id)
	FROM xdjy.reverse_settlement(interface_cancel.setl_id, interface_cancel.business_date) r;
END;
COMMENT ON FUNCTION interface_cancel(bigint, bigint, text, date, text) IS
	'2305 / 2208 结算撤销: reverse_settlement(); output the reversal''s setlinfo';

-- 5206 人员累计信息查询
CREATE FUNCTION interface_cumulative(psn_no text, cum_ym text, business_date date,
		fixmedins_code text, OUT output jsonb, OUT effect jsonb)
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT pg_catalog.jsonb_build_object('cuminfo', COALESCE(pg_catalog.jsonb_agg(c.item
			ORDER BY c.year, c.quota_group, c.ord), '[]'::jsonb)), NULL::jsonb
	FROM (SELECT l.year, l.quota_group, v.ord,
			pg_catalog.jsonb_build_object('year', l.year::text, 'quota_group', l.quota_group,
				'cum_type_code', v.code, 'cum', xdjy.fen_to_yuan(v.fen)) AS item
		FROM xdjy.ledger l
		CROSS JOIN LATERAL (SELECT s.annual_cap_fen FROM xdjy.settlement s
			WHERE s.person_id OPERATOR(pg_catalog.=) l.person_id
				AND s.quota_group OPERATOR(pg_catalog.=) l.quota_group
				AND pg_catalog.date_part('year', s.service_on) OPERATOR(pg_catalog.=) l.year
				AND s.reverses IS NULL
			ORDER BY s.id DESC LIMIT 1) cap
		CROSS JOIN LATERAL (VALUES (1, 'dedc_met', l.deductible_met_fen),
			(2, 'hifp_paid', l.fund_paid_fen),
			(3, 'cap_left', GREATEST(cap.annual_cap_fen OPERATOR(pg_catalog.-) l.fund_paid_fen, 0))) v(ord, code, fen)
		WHERE l.person_id OPERATOR(pg_catalog.=) interface_cumulative.psn_no
			AND (interface_cumulative.cum_ym IS NULL
				OR l.year OPERATOR(pg_catalog.=) pg_catalog.left(interface_cumulative.cum_ym, 4)::integer)) c;
END;
COMMENT ON FUNCTION interface_cumulative(text, text, date, text) IS
	'5206 人员累计信息查询: per year and quota group the deductible met (dedc_met), the fund paid (hifp_paid) and the annual cap left (cap_left), in yuan';

-- 3201 对总账
CREATE FUNCTION interface_stmt_total(setl_optins text, insutype text, clr_type text,
		stmt_begndate timestamp, stmt_enddate timestamp, medfee_sumamt bigint,
		fund_pay_sumamt bigint, acct_pay bigint, fixmedins_setl_cnt bigint, refd_setl_flag text,
		business_date date, fixmedins_code text, OUT output jsonb, OUT effect jsonb)
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT pg_catalog.jsonb_build_object('result', pg_catalog.to_jsonb(t)), NULL::jsonb
	FROM xdjy.stmt_total(interface_stmt_total.setl_optins, interface_stmt_total.insutype,
		interface_stmt_total.clr_type, interface_stmt_total.stmt_begndate::date,
		interface_stmt_total.stmt_enddate::date, xdjy.fen_to_yuan(interface_stmt_total.medfee_sumamt),
		xdjy.fen_to_yuan(interface_stmt_total.fund_pay_sumamt), xdjy.fen_to_yuan(interface_stmt_total.acct_pay),
		interface_stmt_total.fixmedins_setl_cnt::integer,
		COALESCE(interface_stmt_total.refd_setl_flag, '1'), interface_stmt_total.fixmedins_code) t;
END;
COMMENT ON FUNCTION interface_stmt_total(text, text, text, timestamp, timestamp, bigint, bigint, bigint, bigint, text, date, text) IS
	'3201 医药机构费用结算对总账: stmt_total() for the envelope''s institution';

-- 3202 对明细账
CREATE FUNCTION interface_stmt_detail(file_qury_no text, setl_optins text, insutype text,
		clr_type text, stmt_begndate timestamp, stmt_enddate timestamp, refd_setl_flag text,
		business_date date, fixmedins_code text, OUT output jsonb, OUT effect jsonb)
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT pg_catalog.jsonb_build_object('result', COALESCE(pg_catalog.jsonb_agg(pg_catalog.to_jsonb(t)
			ORDER BY t.setl_id), '[]'::jsonb)), NULL::jsonb
	FROM xdjy.stmt_detail(interface_stmt_detail.file_qury_no, interface_stmt_detail.setl_optins,
		interface_stmt_detail.insutype, interface_stmt_detail.clr_type,
		interface_stmt_detail.stmt_begndate::date, interface_stmt_detail.stmt_enddate::date,
		COALESCE(interface_stmt_detail.refd_setl_flag, '1'), interface_stmt_detail.fixmedins_code) t;
END;
COMMENT ON FUNCTION interface_stmt_detail(text, text, text, text, timestamp, timestamp, text, date, text) IS
	'3202 医药机构费用结算对明细账: stmt_detail() of an uploaded batch (file_qury_no: the batch) for the envelope''s institution';

-- 冲正 (2601): undo what a message did
CREATE FUNCTION interface_undo_settlement(effect jsonb, business_date date) RETURNS jsonb
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT pg_catalog.jsonb_build_object('setl_id', r.id)
	FROM xdjy.reverse_settlement((interface_undo_settlement.effect OPERATOR(pg_catalog.->>) 'setl_id')::bigint,
		interface_undo_settlement.business_date) r;
END;
COMMENT ON FUNCTION interface_undo_settlement(jsonb, date) IS
	'冲正 of 2304 / 2207: reverse_settlement(), the ledgers given back';

CREATE FUNCTION interface_undo_lines(effect jsonb) RETURNS jsonb
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	WITH d AS (DELETE FROM xdjy.fee_detail f
		WHERE f.id OPERATOR(pg_catalog.=) ANY (SELECT j::bigint
			FROM pg_catalog.jsonb_array_elements_text(interface_undo_lines.effect
				OPERATOR(pg_catalog.->) 'fee_detail_ids') j)
		RETURNING f.id)
	SELECT pg_catalog.jsonb_build_object('fee_detail_ids', pg_catalog.jsonb_agg(d.id ORDER BY d.id)) FROM d;
END;
COMMENT ON FUNCTION interface_undo_lines(jsonb) IS
	'冲正 of 2301 / 2204: the lines deleted (recorded in fee_detail_revoked; refused once settled)';

CREATE FUNCTION interface_undo_admission(effect jsonb) RETURNS jsonb
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	WITH d AS (DELETE FROM xdjy.encounter e
		WHERE e.id OPERATOR(pg_catalog.=) (interface_undo_admission.effect OPERATOR(pg_catalog.->>) 'encounter_id')::bigint
		RETURNING e.id)
	SELECT pg_catalog.jsonb_build_object('encounter_id', d.id) FROM d;
END;
COMMENT ON FUNCTION interface_undo_admission(jsonb) IS
	'冲正 of 2401 / 2201: the encounter deleted (refused while a line or settlement refers to it)';

CREATE FUNCTION interface_undo_discharge(effect jsonb) RETURNS jsonb
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	WITH u AS (UPDATE xdjy.encounter e
		SET discharged_on = (interface_undo_discharge.effect OPERATOR(pg_catalog.->>) 'discharged_on')::date
		WHERE e.id OPERATOR(pg_catalog.=) (interface_undo_discharge.effect OPERATOR(pg_catalog.->>) 'encounter_id')::bigint
		RETURNING e.id)
	SELECT pg_catalog.jsonb_build_object('encounter_id', u.id) FROM u;
END;
COMMENT ON FUNCTION interface_undo_discharge(jsonb) IS
	'冲正 of 2402: the discharge date as it was before';

CREATE FUNCTION interface_undo(infno text, effect jsonb, business_date date) RETURNS jsonb
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT CASE
		WHEN interface_undo.infno OPERATOR(pg_catalog.=) ANY (ARRAY['2304', '2207']) THEN
			xdjy.interface_undo_settlement(interface_undo.effect, interface_undo.business_date)
		WHEN interface_undo.infno OPERATOR(pg_catalog.=) ANY (ARRAY['2301', '2204']) THEN
			xdjy.interface_undo_lines(interface_undo.effect)
		WHEN interface_undo.infno OPERATOR(pg_catalog.=) ANY (ARRAY['2401', '2201']) THEN
			xdjy.interface_undo_admission(interface_undo.effect)
		WHEN interface_undo.infno OPERATOR(pg_catalog.=) '2402' THEN
			xdjy.interface_undo_discharge(interface_undo.effect)
		ELSE '{}'::jsonb
	END;
END;
COMMENT ON FUNCTION interface_undo(text, jsonb, date) IS
	'冲正 (2601) of a message that took effect: a settlement reversed with its ledgers given back, uploaded lines deleted, an admission''s encounter deleted, a discharge date restored';

-- 冲正 of an admission deletes its encounter, which no row may refer to
-- yet (reference_parent_trigger); the operator's policy on encounter
-- (its institutions) applies to the deletion as to the insert
GRANT DELETE ON encounter TO xdjy_operator;

CREATE FUNCTION call(request jsonb) RETURNS jsonb
	AS 'MODULE_PATHNAME', 'xdjy_call' LANGUAGE C VOLATILE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION call(jsonb) IS
	'the national interface (国家医疗保障信息平台 定点医药机构接口): the request envelope (infno, msgid, inf_time, fixmedins_code, …, input) in, the response envelope (infcode 0 / -1, inf_refmsgid, refmsg_time, respond_time, err_msg, output) out; exactly once by msgid (xdjy.transaction_log); 2601 冲正';
--------------------------------------------------------------------------
-- issue 19: nodes (province / hub) on logical replication (schema/18_nodes.sql)

--------------------------------------------------------------------------
-- Nodes: the three parties of reconciliation on their own
-- servers (三方对账, 鲁医保发〔2022〕26号 第四条(一)).  A province node
-- records its settlements and reports; the national hub receives them by
-- PostgreSQL's logical replication and reconciles.
--
-- What each role owns: the insured province decides and owns the filings,
-- ledgers and settlements of its insured (参保地政策); the treatment
-- province owns institutions, encounters and fee lines (就医地目录); the
-- hub owns the national record (its party 'national' reports) and the
-- reconciliation.
--
-- Keys: set_node() re-bases every identity sequence of the extension to
-- region_code * 10^12 + n, so ids made at two nodes never collide and keep
-- their identity in the hub, across dump/restore and re-subscription.
--
-- Accepted as decided: the apply worker runs with session_replication_role
-- = replica, so xdjy's triggers (ENABLE, i.e. origin only, by design) do
-- not fire for replicated rows: the hub re-runs no rule and consumes no
-- ledger; the province decided.  The one trigger that fires there is
-- node_receive (ENABLE REPLICA, on every table of node_tables()): a row
-- whose key the hub already holds is skipped when it is the same row, and
-- recorded in node_conflict when it differs (the hub keeps the first).
--------------------------------------------------------------------------

CREATE TABLE node (
	singleton		boolean PRIMARY KEY DEFAULT true CHECK (singleton),
	role			text NOT NULL CHECK (role IN ('province', 'hub')),
	region_code		text NOT NULL CHECK (region_code ~ '^[1-9][0-9]{5}$'),
	set_at			timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE node IS
	'this database''s node (one row, set by set_node()): a province platform (province) or the national hub (hub) of three-party reconciliation (鲁医保发〔2022〕26号 第四条(一)); region_code is the node''s 6-digit region, the high digits of every id made here';
SELECT pg_catalog.pg_extension_config_dump('node', '');
GRANT SELECT ON node TO xdjy_admin, xdjy_operator, xdjy_analyst;

-- the identity sequences of the extension's tables, found from the catalog
CREATE VIEW node_sequence WITH (security_invoker) AS
SELECT t.oid::pg_catalog.regclass AS table_name, a.attname AS column_name,
	s.oid::pg_catalog.regclass AS sequence_name
FROM pg_catalog.pg_depend d
JOIN pg_catalog.pg_class s ON s.oid OPERATOR(pg_catalog.=) d.objid AND s.relkind OPERATOR(pg_catalog.=) 'S'
JOIN pg_catalog.pg_class t ON t.oid OPERATOR(pg_catalog.=) d.refobjid
JOIN pg_catalog.pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) t.oid AND a.attnum OPERATOR(pg_catalog.=) d.refobjsubid
JOIN pg_catalog.pg_depend e ON e.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
	AND e.objid OPERATOR(pg_catalog.=) t.oid AND e.deptype OPERATOR(pg_catalog.=) 'e'
	AND e.refobjid OPERATOR(pg_catalog.=) (SELECT x.oid FROM pg_catalog.pg_extension x WHERE x.extname OPERATOR(pg_catalog.=) 'xdjy')
WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
	AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
	AND d.deptype OPERATOR(pg_catalog.=) 'i';
COMMENT ON VIEW node_sequence IS
	'the identity sequences of xdjy''s tables, which set_node() re-bases to region_code * 10^12 + n';
COMMENT ON COLUMN node_sequence.table_name IS 'the xdjy table / xdjy 的表';
COMMENT ON COLUMN node_sequence.column_name IS 'its identity column / 标识列';
COMMENT ON COLUMN node_sequence.sequence_name IS 'the column''s identity sequence / 标识列的序列';
GRANT SELECT ON node_sequence TO xdjy_admin;

-- set_node(role, region_code): records the node and re-bases the ids
CREATE FUNCTION set_node(role text, region_code text) RETURNS text
	AS 'MODULE_PATHNAME', 'xdjy_set_node' LANGUAGE C VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION set_node(text, text) IS
	'sets this database''s node: role province or hub, region_code its 6-digit region; re-bases every identity sequence of xdjy to region_code * 10^12 + n, so ids never collide between nodes (三方对账, 鲁医保发〔2022〕26号 第四条(一)); refuses when ids (other than the builtin rows) exist outside that range';

-- the tables a province sends the hub; TRUNCATE is never replicated
CREATE FUNCTION node_tables() RETURNS text[]
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	RETURN ARRAY['xdjy.region', 'xdjy.institution', 'xdjy.person', 'xdjy.filing', 'xdjy.encounter',
		'xdjy.policy', 'xdjy.ratio_adjustment', 'xdjy.referral', 'xdjy.med_list', 'xdjy.fee_detail',
		'xdjy.settlement', 'xdjy.party_report'];
COMMENT ON FUNCTION node_tables() IS
	'the tables a province node publishes to the hub: the settlements and reports it decided and what they reference (region, institution, person, filing, encounter, policy, ratio_adjustment, referral, med_list, fee_detail), so the hub answers setlinfo, export_setlinfo and explain_settlement and can be dumped and restored';

-- publish_to_hub(): at a province node, the publication xdjy_to_hub and its
-- slot xdjy_hub (made first: a slot cannot be made after a write)
CREATE FUNCTION publish_to_hub() RETURNS text
	AS 'MODULE_PATHNAME', 'xdjy_publish_to_hub' LANGUAGE C VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION publish_to_hub() IS
	'at a province node: publishes node_tables() (insert, update, delete; never truncate) as xdjy_to_hub, with the replication slot xdjy_hub the hub subscribes through';

-- subscribe_province(name, conninfo): at the hub, the subscription
-- xdjy_from_<name> through the province's slot (so no transaction block
-- is needed); calling it again after an outage re-enables it, and the slot
-- resumes where the hub confirmed: no gap, no duplicate
CREATE FUNCTION subscribe_province(name text, conninfo text) RETURNS text
	AS 'MODULE_PATHNAME', 'xdjy_subscribe_province' LANGUAGE C VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION subscribe_province(text, text) IS
	'at the hub: subscribes to a province node''s xdjy_to_hub through its slot xdjy_hub as xdjy_from_<name>; rows arrive as decided (session_replication_role replica: no rule re-run, no ledger consumed); again after an outage: re-enabled, resuming from the slot';


-- The rows the hub received with a key it already held, but different: it
-- kept the first (kept) and skipped the one received (src/node_receive.c).
CREATE TABLE node_conflict (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	table_name		text NOT NULL,
	key				jsonb NOT NULL,
	subscription	text,
	kept			jsonb NOT NULL,
	received		jsonb NOT NULL,
	received_at		timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE node_conflict IS
	'at the hub: a row a province sent whose primary key the hub already held with other values (two provinces loading the same reference row differently); the hub kept the first and skipped the one received, instead of stalling apply (三方对账, 鲁医保发〔2022〕26号 第四条(一)); the DBA settles it at the provinces';
COMMENT ON COLUMN node_conflict.table_name IS 'the xdjy table the row was sent for';
COMMENT ON COLUMN node_conflict.key IS 'its primary key, column by column';
COMMENT ON COLUMN node_conflict.subscription IS 'the subscription it arrived through (xdjy_from_<province>); NULL when not received by replication';
COMMENT ON COLUMN node_conflict.kept IS 'the row the hub holds and kept';
COMMENT ON COLUMN node_conflict.received IS 'the row received and skipped';
SELECT pg_catalog.pg_extension_config_dump('node_conflict', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.node_conflict', 'id'), '');
GRANT SELECT, DELETE ON node_conflict TO xdjy_admin;

-- node_receive_trigger(): BEFORE INSERT, ENABLE REPLICA on each table of
-- node_tables(): fires only in the hub's apply and copy workers
CREATE FUNCTION node_receive_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME', 'xdjy_node_receive_trigger' LANGUAGE C
	SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION node_receive_trigger() IS
	'at the hub, for a row received by logical replication (ENABLE REPLICA): the same row as one held is skipped, a different one with the same key is recorded in node_conflict and skipped (the hub keeps the first)';
CREATE TRIGGER node_receive BEFORE INSERT ON region FOR EACH ROW EXECUTE FUNCTION node_receive_trigger();
ALTER TABLE region ENABLE REPLICA TRIGGER node_receive;
CREATE TRIGGER node_receive BEFORE INSERT ON institution FOR EACH ROW EXECUTE FUNCTION node_receive_trigger();
ALTER TABLE institution ENABLE REPLICA TRIGGER node_receive;
CREATE TRIGGER node_receive BEFORE INSERT ON person FOR EACH ROW EXECUTE FUNCTION node_receive_trigger();
ALTER TABLE person ENABLE REPLICA TRIGGER node_receive;
CREATE TRIGGER node_receive BEFORE INSERT ON filing FOR EACH ROW EXECUTE FUNCTION node_receive_trigger();
ALTER TABLE filing ENABLE REPLICA TRIGGER node_receive;
CREATE TRIGGER node_receive BEFORE INSERT ON encounter FOR EACH ROW EXECUTE FUNCTION node_receive_trigger();
ALTER TABLE encounter ENABLE REPLICA TRIGGER node_receive;
CREATE TRIGGER node_receive BEFORE INSERT ON policy FOR EACH ROW EXECUTE FUNCTION node_receive_trigger();
ALTER TABLE policy ENABLE REPLICA TRIGGER node_receive;
CREATE TRIGGER node_receive BEFORE INSERT ON ratio_adjustment FOR EACH ROW EXECUTE FUNCTION node_receive_trigger();
ALTER TABLE ratio_adjustment ENABLE REPLICA TRIGGER node_receive;
CREATE TRIGGER node_receive BEFORE INSERT ON referral FOR EACH ROW EXECUTE FUNCTION node_receive_trigger();
ALTER TABLE referral ENABLE REPLICA TRIGGER node_receive;
CREATE TRIGGER node_receive BEFORE INSERT ON med_list FOR EACH ROW EXECUTE FUNCTION node_receive_trigger();
ALTER TABLE med_list ENABLE REPLICA TRIGGER node_receive;
CREATE TRIGGER node_receive BEFORE INSERT ON fee_detail FOR EACH ROW EXECUTE FUNCTION node_receive_trigger();
ALTER TABLE fee_detail ENABLE REPLICA TRIGGER node_receive;
CREATE TRIGGER node_receive BEFORE INSERT ON settlement FOR EACH ROW EXECUTE FUNCTION node_receive_trigger();
ALTER TABLE settlement ENABLE REPLICA TRIGGER node_receive;
CREATE TRIGGER node_receive BEFORE INSERT ON party_report FOR EACH ROW EXECUTE FUNCTION node_receive_trigger();
ALTER TABLE party_report ENABLE REPLICA TRIGGER node_receive;

-- record_national_reports(day): at the hub, the national party's report
-- (the national record, 国家跨省异地就医管理子系统) of each remote direct
-- settlement received for day that has none yet
CREATE FUNCTION record_national_reports(day date) RETURNS bigint
	AS 'MODULE_PATHNAME', 'xdjy_record_national_reports' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION record_national_reports(date) IS
	'at the hub: records the national party''s report (the national record of 三方对账, 鲁医保发〔2022〕26号 第四条(一)) of every remote direct settlement received and settled on day that has no national report yet, with the settlement''s amounts; returns how many; YB955 off the hub';

-- resubscribe_province(name, region_code, conninfo): at the hub, after an
-- outage that lost the subscription or the slot: the province's rows (ids
-- of region_code's range) are removed from the hub and copied again
CREATE FUNCTION resubscribe_province(name text, region_code text, conninfo text) RETURNS text
	AS 'MODULE_PATHNAME', 'xdjy_resubscribe_province' LANGUAGE C VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION resubscribe_province(text, text, text) IS
	'at the hub, after an outage: drops xdjy_from_<name> (keeping the province''s slot xdjy_hub, which publish_to_hub() remakes if it was lost), removes the rows of node_tables() with ids of region_code''s range and subscribes again with a full copy: no duplicate (rows held by key are skipped by node_receive), no gap';

REVOKE ALL ON FUNCTION set_node(text, text), publish_to_hub(), subscribe_province(text, text),
	record_national_reports(date), resubscribe_province(text, text, text), node_receive_trigger() FROM PUBLIC;

--------------------------------------------------------------------------
-- issue 18 (s27-18): acct_used for presettle() and try_settle(), the
-- acct_used_flag of 2303/2304/2206/2207, compare_presettlement(), one home
-- for the setlinfo yuan figures (settlement_yuan), in whose name call()
-- logs (INSERT policies, YB005) and YB911 for another institution's msgid
--------------------------------------------------------------------------

-- the interface's settle functions take acct_used_flag: dropped here,
-- created again below over the new presettle()
DROP FUNCTION interface_presettle(text, bigint, bigint, bigint, text, boolean, date, text);
DROP FUNCTION interface_settle(text, bigint, bigint, bigint, text, boolean, date, text);

-- presettle() and try_settle() take acct_used as their last argument, as
-- settle() does (DEFAULT false: the earlier argument lists are served)
DROP FUNCTION presettle(bigint, bigint, bigint, text, date, text, boolean, bigint, text, boolean);
CREATE FUNCTION presettle(encounter_id bigint, total_fen bigint, out_of_scope_fen bigint,
		invoice_no text, settled_on date DEFAULT CURRENT_DATE, mode text DEFAULT 'direct',
		own_reason boolean DEFAULT false, referral_id bigint DEFAULT NULL,
		diagnosis text DEFAULT NULL, mid_stay boolean DEFAULT false,
		acct_used boolean DEFAULT false)
	RETURNS settlement
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION presettle(bigint, bigint, bigint, text, date, text, boolean, bigint, text, boolean, boolean) IS
	'预结算 (2303 / 2206): the settlement row settle() would insert, computed by the same engine, with nothing written, consumed or locked (id NULL); the ledgers it read are in deductible_met_before_fen and fund_paid_before_fen; acct_used: what the personal account would pay (acct_pay) and its balance after (balc), the account not debited';

DROP FUNCTION try_settle(bigint, bigint, bigint, text, date, text, boolean, bigint, text, boolean);
CREATE FUNCTION try_settle(encounter_id bigint, total_fen bigint, out_of_scope_fen bigint,
		invoice_no text, settled_on date DEFAULT CURRENT_DATE, mode text DEFAULT 'direct',
		own_reason boolean DEFAULT false, referral_id bigint DEFAULT NULL,
		diagnosis text DEFAULT NULL, mid_stay boolean DEFAULT false,
		acct_used boolean DEFAULT false)
	RETURNS settlement
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION try_settle(bigint, bigint, bigint, text, date, text, boolean, bigint, text, boolean, boolean) IS
	'settle(), but a rejection is recorded in settlement_attempt with its SQLSTATE (for the settlement rates) and NULL returned';

-- A settlement that differs from the pre-settlement shown before it says
-- why: the inputs the engine read that moved in between (a ledger, the
-- account, the policy row) and the caller's inputs (src/presettle_compare.c).
CREATE FUNCTION compare_presettlement(presettled settlement, settlement_id bigint,
		lang text DEFAULT NULL, OUT same boolean, OUT differences jsonb, OUT explanation text)
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION compare_presettlement(settlement, bigint, text) IS
	'a pre-settlement (presettle()''s row) against the settlement made after it: same (every amount equal), differences (each amount and input that differs: item, kind amount / input, presettled, settled, delta) and the explanation in en or zh (default xdjy.language): which ledger, account balance, policy row or input moved, from what to what';

-- the pre-settlements of an encounter, for the settlement after them:
-- the latest of the institution's is the first read backwards, so that
-- the planner has no reason to AND in the whole of reporting_idx
CREATE INDEX transaction_log_presettlement_idx ON transaction_log
	(((effect OPERATOR(pg_catalog.->) 'presettlement') OPERATOR(pg_catalog.->>) 'encounter_id'),
	 fixmedins_code, inf_time, logged_at, msgid)
	WHERE state OPERATOR(pg_catalog.=) 'done';
COMMENT ON COLUMN transaction_log.effect IS 'what the message did, for 冲正: encounter_id, setl_id, fee_detail_ids, discharged_on; of a pre-settlement (2303 / 2206): presettlement, the row presettle() returned';

-- in whose name a role may call: no INSERT is granted (call() writes the
-- log with the owner's rights), but call() asks these policies for the
-- caller before it logs anything (xdjy_check_write_access, YB005): an
-- operator sends messages of the institutions of its regions only
CREATE POLICY transaction_log_admin_call ON transaction_log FOR INSERT TO xdjy_admin WITH CHECK (true);
CREATE POLICY transaction_log_operator_call ON transaction_log FOR INSERT TO xdjy_operator
	WITH CHECK (fixmedins_code IN (SELECT xdjy.operator_institutions()));

-- The yuan figures of a settlement (结算信息 setlinfo), written once: the
-- setlinfo view and the interface's setlinfo (interface_setlinfo) both
-- take them from here.  Exact: fen_to_yuan, never floating point.
CREATE TYPE settlement_yuan AS (
	medfee_sumamt		numeric(16,2),
	fulamt_ownpay_amt	numeric(16,2),
	overlmt_selfpay		numeric(16,2),
	preselfpay_amt		numeric(16,2),
	inscp_scp_amt		numeric(16,2),
	act_pay_dedc		numeric(16,2),
	hifp_pay			numeric(16,2),
	pool_prop_selfpay	numeric(5,4),
	fund_pay_sumamt		numeric(16,2),
	acct_pay			numeric(16,2),
	psn_part_amt		numeric(16,2),
	psn_cash_pay		numeric(16,2),
	balc				numeric(16,2)
);
COMMENT ON TYPE settlement_yuan IS
	'the yuan figures of a settlement in the national names (setlinfo 结算信息), as settlement_yuan() computes them';

CREATE FUNCTION settlement_yuan(s settlement) RETURNS settlement_yuan
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
-- PL/pgSQL: one expression, evaluated without an executor of its own
BEGIN
	RETURN ROW(xdjy.fen_to_yuan(s.total_fen)::numeric(16,2),
		xdjy.fen_to_yuan(s.out_of_scope_fen OPERATOR(pg_catalog.-) s.overlmt_fen)::numeric(16,2),
		xdjy.fen_to_yuan(s.overlmt_fen)::numeric(16,2),
		xdjy.fen_to_yuan(s.first_selfpay_fen OPERATOR(pg_catalog.+) s.preselfpay_fen)::numeric(16,2),
		xdjy.fen_to_yuan(((s.total_fen OPERATOR(pg_catalog.-) s.out_of_scope_fen)
			OPERATOR(pg_catalog.-) s.first_selfpay_fen) OPERATOR(pg_catalog.-) s.preselfpay_fen)::numeric(16,2),
		xdjy.fen_to_yuan(s.deductible_fen)::numeric(16,2),
		xdjy.fen_to_yuan(s.fund_fen)::numeric(16,2),
		(s.ratio_bp::numeric OPERATOR(pg_catalog./) 10000)::numeric(5,4),
		xdjy.fen_to_yuan(s.fund_fen)::numeric(16,2),
		xdjy.fen_to_yuan(s.acct_pay_fen)::numeric(16,2),
		xdjy.fen_to_yuan(s.personal_fen)::numeric(16,2),
		xdjy.fen_to_yuan(s.cash_pay_fen)::numeric(16,2),
		xdjy.fen_to_yuan(s.acct_balance_fen)::numeric(16,2))::xdjy.settlement_yuan;
END
$$;
COMMENT ON FUNCTION settlement_yuan(settlement) IS
	'the yuan figures of a settlement row (setlinfo 结算信息: medfee_sumamt = fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt + inscp_scp_amt, hifp_pay, acct_pay, psn_cash_pay, balc, …), exact from fen; the one home of the setlinfo view''s and the interface''s figures';

-- setlinfo takes its yuan figures from settlement_yuan() (same columns)
CREATE OR REPLACE VIEW setlinfo WITH (security_invoker = true) AS
	SELECT
		s.person_id AS psn_no,
		s.encounter_id AS mdtrt_id,
		s.id AS setl_id,
		it.insutype,
		mt.med_type,
		ct.clr_type,
		s.insured_region AS insuplc_admdvs,
		s.treatment_region AS mdtrtarea_admvs,
		s.institution_code AS fixmedins_code,
		s.insured_region AS clr_optins,
		y.medfee_sumamt,
		y.fulamt_ownpay_amt,
		y.preselfpay_amt,
		y.inscp_scp_amt,
		y.act_pay_dedc,
		y.hifp_pay,
		y.pool_prop_selfpay,
		y.fund_pay_sumamt,
		y.acct_pay,
		y.psn_part_amt,
		s.settled_on AS setl_time,
		CASE WHEN s.reverses IS NULL THEN '0' ELSE '1' END AS refd_setl_flag,
		s.reverses,
		s.mode,
		-- 1.1: after the columns 1.0 had (a view keeps its column order)
		y.overlmt_selfpay,
		-- the personal account (个人账户)
		y.psn_cash_pay,
		y.balc
	FROM xdjy.settlement s
	CROSS JOIN LATERAL xdjy.settlement_yuan(s) y
	JOIN xdjy.encounter e ON e.id OPERATOR(pg_catalog.=) s.encounter_id
	LEFT JOIN xdjy.person p ON p.id OPERATOR(pg_catalog.=) s.person_id
	LEFT JOIN xdjy.insutype_map_effective it ON it.scheme OPERATOR(pg_catalog.=) p.scheme
	LEFT JOIN xdjy.med_type_map_effective mt
		ON mt.visit_type OPERATOR(pg_catalog.=) e.visit_type
		AND mt.emergency OPERATOR(pg_catalog.=) e.emergency
		AND mt.trauma OPERATOR(pg_catalog.=) e.trauma
	LEFT JOIN xdjy.clr_type_map_effective ct ON ct.visit_type OPERATOR(pg_catalog.=) e.visit_type;
COMMENT ON VIEW setlinfo IS
	'one row per settlement in the national platform''s names (结算信息 setlinfo), amounts in yuan numeric(16,2) converted exactly from fen (settlement_yuan())';

-- interface_setlinfo: the same figures (its dependants keep it)
CREATE OR REPLACE FUNCTION interface_setlinfo(s settlement) RETURNS jsonb
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	y xdjy.settlement_yuan := xdjy.settlement_yuan(s);
BEGIN
	RETURN pg_catalog.jsonb_build_object(
		'setl_id', s.id,
		'mdtrt_id', s.encounter_id,
		'psn_no', s.person_id,
		'setl_time', s.settled_on,
		'insuplc_admdvs', s.insured_region,
		'mdtrtarea_admvs', s.treatment_region,
		'medfee_sumamt', y.medfee_sumamt,
		'fulamt_ownpay_amt', y.fulamt_ownpay_amt,
		'overlmt_selfpay', y.overlmt_selfpay,
		'preselfpay_amt', y.preselfpay_amt,
		'inscp_scp_amt', y.inscp_scp_amt,
		'act_pay_dedc', y.act_pay_dedc,
		'hifp_pay', y.hifp_pay,
		'pool_prop_selfpay', y.pool_prop_selfpay,
		'fund_pay_sumamt', y.fund_pay_sumamt,
		'acct_pay', y.acct_pay,
		'psn_part_amt', y.psn_part_amt,
		'psn_cash_pay', y.psn_cash_pay,
		'balc', y.balc,
		'refd_setl_flag', CASE WHEN s.reverses IS NULL THEN '0' ELSE '1' END,
		'clr_optins', s.insured_region,
		'xdjy_category', s.category,
		'xdjy_category_reason', s.category_reason,
		'xdjy_deductible_met_before', xdjy.fen_to_yuan(s.deductible_met_before_fen),
		'xdjy_fund_paid_before', xdjy.fen_to_yuan(s.fund_paid_before_fen),
		'setldetail', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
			'fund_pay_type', '310100',
			'fund_pay_type_name', '统筹基金',
			'inscp_scp_amt', y.inscp_scp_amt,
			'fund_payamt', y.hifp_pay)));
END
$$;
COMMENT ON FUNCTION interface_setlinfo(settlement) IS
	'setlinfo 结算信息 of a settlement row (a pre-settlement''s too: setl_id null) in the national names, its yuan figures those of settlement_yuan() as in the setlinfo view; the 2303/2304/2305 output';

CREATE FUNCTION interface_presettle(psn_no text, mdtrt_id bigint, medfee_sumamt bigint,
		fulamt_ownpay_amt bigint, invono text, mid_setl_flag boolean, acct_used_flag boolean,
		business_date date, fixmedins_code text, OUT output jsonb, OUT effect jsonb)
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	s xdjy.settlement;
BEGIN
	PERFORM xdjy.interface_check_encounter(interface_presettle.mdtrt_id, interface_presettle.psn_no);
	s := xdjy.presettle(interface_presettle.mdtrt_id, interface_presettle.medfee_sumamt,
		interface_presettle.fulamt_ownpay_amt, interface_presettle.invono,
		interface_presettle.business_date, 'direct', false, NULL, NULL,
		COALESCE(interface_presettle.mid_setl_flag, false), COALESCE(interface_presettle.acct_used_flag, false));
	output := pg_catalog.jsonb_build_object('setlinfo', xdjy.interface_setlinfo(s));
	effect := pg_catalog.jsonb_build_object('presettlement', pg_catalog.to_jsonb(s));
END
$$;
COMMENT ON FUNCTION interface_presettle(text, bigint, bigint, bigint, text, boolean, boolean, date, text) IS
	'2303 / 2206 预结算: presettle(); output setlinfo (setl_id null); the row presettle() returned is kept in the log (effect.presettlement) for the settlement after it';

CREATE FUNCTION interface_settle(psn_no text, mdtrt_id bigint, medfee_sumamt bigint,
		fulamt_ownpay_amt bigint, invono text, mid_setl_flag boolean, acct_used_flag boolean,
		business_date date, fixmedins_code text, OUT output jsonb, OUT effect jsonb)
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
	AS $$
-- PL/pgSQL for the plans kept across calls: call() runs this once per
-- message, and an SQL function's body is planned again each time
DECLARE
	s xdjy.settlement;
	p record;
	c record;
BEGIN
	PERFORM xdjy.interface_check_encounter(interface_settle.mdtrt_id, interface_settle.psn_no);
	s := xdjy.settle(interface_settle.mdtrt_id, interface_settle.medfee_sumamt,
		interface_settle.fulamt_ownpay_amt, interface_settle.invono,
		interface_settle.business_date, 'direct', false, NULL, NULL,
		COALESCE(interface_settle.mid_setl_flag, false), COALESCE(interface_settle.acct_used_flag, false));
	output := pg_catalog.jsonb_build_object('setlinfo', xdjy.interface_setlinfo(s));
	-- the latest pre-settlement of the encounter at this institution
	SELECT l.msgid, l.effect INTO p FROM xdjy.transaction_log l
		WHERE ((l.effect OPERATOR(pg_catalog.->) 'presettlement') OPERATOR(pg_catalog.->>) 'encounter_id')
				OPERATOR(pg_catalog.=) s.encounter_id::text
			AND l.state OPERATOR(pg_catalog.=) 'done'
			AND l.fixmedins_code OPERATOR(pg_catalog.=) interface_settle.fixmedins_code
		ORDER BY l.inf_time DESC, l.logged_at DESC, l.msgid DESC LIMIT 1;
	IF FOUND THEN
		c := xdjy.compare_presettlement(pg_catalog.jsonb_populate_record(NULL::xdjy.settlement,
				p.effect OPERATOR(pg_catalog.->) 'presettlement'), s.id);
		output := output OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object('xdjy_presettlement',
			pg_catalog.jsonb_build_object('omsgid', p.msgid, 'same', c.same, 'explanation', c.explanation));
	END IF;
	effect := pg_catalog.jsonb_build_object('setl_id', s.id);
END
$$;
COMMENT ON FUNCTION interface_settle(text, bigint, bigint, bigint, text, boolean, boolean, date, text) IS
	'2304 / 2207 结算: settle(); output setlinfo, and xdjy_presettlement {omsgid, same, explanation} against the latest pre-settlement of the encounter in the log (compare_presettlement())';

COMMENT ON FUNCTION interface_check_encounter(bigint, text) IS
	'the interface''s mdtrt_id names an encounter of psn_no, or YB909';
COMMENT ON FUNCTION interface_med_type(text, boolean) IS
	'med_type 医疗类别 → (visit_type, emergency, trauma) through med_type_map_effective, or YB910';
