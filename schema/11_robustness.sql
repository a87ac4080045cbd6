-- == robustness ==
-- S4 (000 §四: no invoice is reimbursed twice) keys on the invoice number
-- (invono 发票号).  An empty one, one padded with spaces or carrying
-- control characters (a newline from a form), or one longer than any
-- invoice and than an index entry can hold would slip past the rule or
-- fail later in the index (54000): settlements and manual claims take 1 to
-- 100 printable characters without surrounding whitespace, 23514 otherwise.
ALTER TABLE settlement ADD CONSTRAINT settlement_invoice_no_form
	CHECK (pg_catalog.length(invoice_no) OPERATOR(pg_catalog.<=) 100
		AND invoice_no OPERATOR(pg_catalog.~) '^[^[:space:][:cntrl:]]([^[:cntrl:]]*[^[:space:][:cntrl:]])?$');
ALTER TABLE manual_claim ADD CONSTRAINT manual_claim_invoice_no_form
	CHECK (pg_catalog.length(invoice_no) OPERATOR(pg_catalog.<=) 100
		AND invoice_no OPERATOR(pg_catalog.~) '^[^[:space:][:cntrl:]]([^[:cntrl:]]*[^[:space:][:cntrl:]])?$');
COMMENT ON CONSTRAINT settlement_invoice_no_form ON settlement IS
	'invoice number (S4, 000 §四): 1 to 100 characters, no control characters, no surrounding whitespace';
COMMENT ON CONSTRAINT manual_claim_invoice_no_form ON manual_claim IS
	'invoice number (S4, 000 §四): 1 to 100 characters, no control characters, no surrounding whitespace';

-- Business dates are calendar days (SPEC §5).  The rule triggers refuse
-- ±infinity (22008) for filings, encounters, settlements and claims; the
-- tables without a trigger let it in, where it passed every deadline
-- check unnoticed (an upload "on infinity" is never overdue) and, for a
-- referral, fed the insurance year of "infinity" to the C engine.  Here a
-- CHECK says it once per column (23514), as xdjy.holiday's does.
ALTER TABLE referral ADD CONSTRAINT referral_issued_on_finite CHECK (pg_catalog.isfinite(issued_on));
ALTER TABLE party_report ADD CONSTRAINT party_report_reported_on_finite CHECK (pg_catalog.isfinite(reported_on));
ALTER TABLE detail_upload ADD CONSTRAINT detail_upload_uploaded_on_finite CHECK (pg_catalog.isfinite(uploaded_on));
ALTER TABLE clearing_confirmation ADD CONSTRAINT clearing_confirmation_dates_finite
	CHECK (pg_catalog.isfinite(month) AND pg_catalog.isfinite(confirmed_on)
		AND pg_catalog.isfinite(COALESCE(rolled_back_on, confirmed_on)));
ALTER TABLE clearing_declaration ADD CONSTRAINT clearing_declaration_dates_finite
	CHECK (pg_catalog.isfinite(month) AND pg_catalog.isfinite(declared_on)
		AND pg_catalog.isfinite(COALESCE(paid_on, declared_on)));
ALTER TABLE provincial_clearing ADD CONSTRAINT provincial_clearing_dates_finite
	CHECK (pg_catalog.isfinite(month) AND pg_catalog.isfinite(starts_on));
ALTER TABLE clearing_transfer ADD CONSTRAINT clearing_transfer_dates_finite
	CHECK (pg_catalog.isfinite(month) AND pg_catalog.isfinite(transferred_on));
ALTER TABLE clearing_detail_confirmation ADD CONSTRAINT clearing_detail_confirmation_recorded_on_finite
	CHECK (pg_catalog.isfinite(recorded_on));
-- == end of robustness ==

--------------------------------------------------------------------------
-- Roles and row-level security (SPEC §5)
--------------------------------------------------------------------------

