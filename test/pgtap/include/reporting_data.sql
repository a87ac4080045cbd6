-- Hand-built reporting data with known answers, shared by the 3xx pgTAP
-- files (included with \ir; not a test of its own).  Written with
-- session_replication_role = replica, so no trigger recomputes the amounts
-- or rejects the dates: these rows stand for what the settlement engine
-- and the three parties produced.  Persons and institutions are RPT-*,
-- settlement and encounter ids 6000-6011, an unknown settlement 999000001.
--
-- Dates: a National Day 2024 week (1-7 October off, Sunday 29 September
-- and Saturday 12 October worked), month ends, the 2024/2025 year end.
SET LOCAL session_replication_role = replica;

INSERT INTO xdjy.institution (code, name_zh, name_en, region_code, tier, kind,
	networked_inpatient, networked_outpatient, networked_chronic) VALUES
	('RPT-JN-H1', '济南测试医院', 'Jinan test hospital', '370102', 3, 'hospital', true, true, true),
	('RPT-WH-H1', '威海测试医院', 'Weihai test hospital', '371002', 3, 'hospital', true, true, true),
	('RPT-BJ-H1', '北京测试医院', 'Beijing test hospital', '110105', 3, 'hospital', true, true, true);

INSERT INTO xdjy.person (id, name, insured_region, scheme) VALUES
	('RPT-P-JN1', '济南参保人', '370100', 'employee'),
	('RPT-P-WH1', '威海参保人', '371000', 'employee'),
	('RPT-P-BJ1', '北京参保人', '110000', 'resident'),
	('RPT-P-CC1', '长春参保人', '220100', 'resident');

INSERT INTO xdjy.encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(6000, 'RPT-P-JN1', 'RPT-WH-H1', 'inpatient', '2024-08-26', '2024-08-30'),
	(6001, 'RPT-P-JN1', 'RPT-WH-H1', 'inpatient', '2024-09-25', '2024-09-30'),
	(6002, 'RPT-P-BJ1', 'RPT-JN-H1', 'inpatient', '2024-09-20', '2024-09-30'),
	(6003, 'RPT-P-WH1', 'RPT-JN-H1', 'inpatient', '2024-10-02', '2024-10-08'),
	(6004, 'RPT-P-CC1', 'RPT-BJ-H1', 'inpatient', '2024-10-05', '2024-10-12'),
	(6005, 'RPT-P-JN1', 'RPT-BJ-H1', 'outpatient', '2024-10-14', '2024-10-14'),
	(6006, 'RPT-P-BJ1', 'RPT-WH-H1', 'outpatient', '2024-10-15', '2024-10-15'),
	(6007, 'RPT-P-JN1', 'RPT-JN-H1', 'outpatient', '2024-10-15', '2024-10-15'),
	(6008, 'RPT-P-BJ1', 'RPT-JN-H1', 'inpatient', '2024-10-09', '2024-10-16'),
	(6009, 'RPT-P-JN1', 'RPT-WH-H1', 'outpatient', '2024-11-29', '2024-11-29'),
	(6010, 'RPT-P-WH1', 'RPT-JN-H1', 'outpatient', '2024-12-31', '2024-12-31'),
	(6011, 'RPT-P-CC1', 'RPT-JN-H1', 'inpatient', '2024-12-28', '2025-01-01'),
	(6012, 'RPT-P-JN1', 'RPT-BJ-H1', 'inpatient', '2024-09-02', '2024-09-10'),
	(6013, 'RPT-P-WH1', 'RPT-BJ-H1', 'outpatient', '2024-09-28', '2024-09-28');

INSERT INTO xdjy.settlement (id, encounter_id, settled_on, mode, invoice_no, total_fen, out_of_scope_fen,
	person_id, institution_code, insured_region, treatment_region, scope, category,
	fund_fen, personal_fen) VALUES
	(6000, 6000, '2024-08-30', 'direct', 'RPT-INV-6000', 40000, 0, 'RPT-P-JN1', 'RPT-WH-H1', '370100', '371000', 'intra_province', 'temporary', 30000, 10000),
	(6001, 6001, '2024-09-30', 'direct', 'RPT-INV-6001', 100000, 0, 'RPT-P-JN1', 'RPT-WH-H1', '370100', '371000', 'intra_province', 'temporary', 70000, 30000),
	(6002, 6002, '2024-09-30', 'direct', 'RPT-INV-6002', 200000, 0, 'RPT-P-BJ1', 'RPT-JN-H1', '110000', '370100', 'cross_province', 'long_term', 150000, 50000),
	(6003, 6003, '2024-10-08', 'direct', 'RPT-INV-6003', 80000, 0, 'RPT-P-WH1', 'RPT-JN-H1', '371000', '370100', 'intra_province', 'temporary', 56000, 24000),
	(6004, 6004, '2024-10-12', 'direct', 'RPT-INV-6004', 300000, 0, 'RPT-P-CC1', 'RPT-BJ-H1', '220100', '110000', 'cross_province', 'long_term', 240000, 60000),
	(6005, 6005, '2024-10-14', 'direct', 'RPT-INV-6005', 5000, 0, 'RPT-P-JN1', 'RPT-BJ-H1', '370100', '110000', 'cross_province', 'temporary', 2500, 2500),
	(6006, 6006, '2024-10-15', 'direct', 'RPT-INV-6006', 6000, 0, 'RPT-P-BJ1', 'RPT-WH-H1', '110000', '371000', 'cross_province', 'temporary', 3000, 3000),
	(6007, 6007, '2024-10-15', 'direct', 'RPT-INV-6007', 1000, 0, 'RPT-P-JN1', 'RPT-JN-H1', '370100', '370100', 'local', 'local', 500, 500),
	(6008, 6008, '2024-10-20', 'manual', 'RPT-INV-6008', 50000, 0, 'RPT-P-BJ1', 'RPT-JN-H1', '110000', '370100', 'cross_province', 'unfiled', 20000, 30000),
	(6009, 6009, '2024-11-29', 'direct', 'RPT-INV-6009', 4000, 0, 'RPT-P-JN1', 'RPT-WH-H1', '370100', '371000', 'intra_province', 'temporary', 2000, 2000),
	(6010, 6010, '2024-12-31', 'direct', 'RPT-INV-6010', 3000, 0, 'RPT-P-WH1', 'RPT-JN-H1', '371000', '370100', 'intra_province', 'temporary', 1500, 1500),
	(6011, 6011, '2025-01-01', 'direct', 'RPT-INV-6011', 90000, 0, 'RPT-P-CC1', 'RPT-JN-H1', '220100', '370100', 'cross_province', 'long_term', 60000, 30000);

-- R2: what the parties reported
INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen) VALUES
	-- 6000, 6001: all three agree
	('insured', 6000, '2024-08-31', 40000, 30000, 10000),
	('treatment', 6000, '2024-08-31', 40000, 30000, 10000),
	('national', 6000, '2024-08-31', 40000, 30000, 10000),
	('insured', 6001, '2024-09-30', 100000, 70000, 30000),
	('treatment', 6001, '2024-09-30', 100000, 70000, 30000),
	('national', 6001, '2024-10-01', 100000, 70000, 30000),
	-- 6002: the platform's report comes on 3 October, the due day of September
	('insured', 6002, '2024-10-01', 200000, 150000, 50000),
	('treatment', 6002, '2024-10-01', 200000, 150000, 50000),
	('national', 6002, '2024-10-03', 200000, 150000, 50000),
	-- 6003: the insured place never reports, the treatment place's amounts differ
	('treatment', 6003, '2024-10-08', 80000, 55999, 24001),
	('national', 6003, '2024-10-09', 80000, 56000, 24000),
	-- 6004: the platform reports twice: wrong on the swapped Saturday, corrected next day
	('insured', 6004, '2024-10-12', 300000, 240000, 60000),
	('treatment', 6004, '2024-10-12', 300000, 240000, 60000),
	('national', 6004, '2024-10-12', 300000, 240100, 59900),
	('national', 6004, '2024-10-13', 300000, 240000, 60000),
	-- 6005: the insured place sends the same report twice
	('insured', 6005, '2024-10-14', 5000, 2500, 2500),
	('insured', 6005, '2024-10-15', 5000, 2500, 2500),
	('treatment', 6005, '2024-10-14', 5000, 2500, 2500),
	('national', 6005, '2024-10-14', 5000, 2500, 2500),
	-- 6006: the treatment place reports twice, the second time wrong
	('insured', 6006, '2024-10-15', 6000, 3000, 3000),
	('treatment', 6006, '2024-10-15', 6000, 3000, 3000),
	('treatment', 6006, '2024-10-16', 6100, 3050, 3050),
	('national', 6006, '2024-10-15', 6000, 3000, 3000),
	-- 6007 is local: not reconciled, a report of it is ignored
	('treatment', 6007, '2024-10-15', 1000, 500, 500),
	-- a settlement xdjy does not know: twice by the platform, then by the insured place
	('national', 999000001, '2024-10-12', 10000, 5000, 5000),
	('national', 999000001, '2024-10-12', 10000, 5000, 5000),
	('insured', 999000001, '2024-10-13', 10000, 5000, 5000),
	-- 6009: the platform's report comes two days after the 3 December due day
	('insured', 6009, '2024-11-29', 4000, 2000, 2000),
	('treatment', 6009, '2024-11-29', 4000, 2000, 2000),
	('national', 6009, '2024-12-05', 4000, 2000, 2000),
	-- 6010 (31 December) and 6011 (1 January, a holiday): all reported on 2 January
	('insured', 6010, '2025-01-02', 3000, 1500, 1500),
	('treatment', 6010, '2025-01-02', 3000, 1500, 1500),
	('national', 6010, '2025-01-02', 3000, 1500, 1500),
	('insured', 6011, '2025-01-02', 90000, 60000, 30000),
	('treatment', 6011, '2025-01-02', 90000, 60000, 30000),
	('national', 6011, '2025-01-02', 90000, 60000, 30000);

-- R1: expense details uploaded (6003 never)
INSERT INTO xdjy.detail_upload (settlement_id, uploaded_on) VALUES
	(6000, '2024-09-02'),	-- due 2024-09-02: on time
	(6001, '2024-10-03'),	-- due 2024-10-03, in the holiday week: on time
	(6002, '2024-10-04'),	-- one day late
	(6004, '2024-10-15'),	-- settled on the swapped Saturday, due Tuesday 15: on time
	(6011, '2025-01-05');	-- settled on New Year's Day, due 4 January: one day late

-- R3: confirmations, declarations, the provincial clearing calendar, transfers up
INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen, settlements, rolled_back_on) VALUES
	('2024-08-01', 'RPT-WH-H1', '2024-09-10', 30000, 1, NULL),
	('2024-09-01', 'RPT-WH-H1', '2024-10-18', 70000, 1, NULL),
	('2024-09-01', 'RPT-JN-H1', '2024-10-15', 150000, 1, '2024-10-17'),
	('2024-09-01', 'RPT-JN-H1', '2024-10-23', 150000, 1, NULL);
INSERT INTO xdjy.clearing_declaration (month, institution_code, declared_on, fund_fen, paid_on, paid_fen) VALUES
	('2024-08-01', 'RPT-WH-H1', '2024-09-20', 30000, '2024-11-06', 30000),
	('2024-09-01', 'RPT-JN-H1', '2024-10-22', 150000, NULL, NULL);
INSERT INTO xdjy.provincial_clearing (province_code, month, starts_on) VALUES
	('370000', '2024-10-01', '2024-11-10');
INSERT INTO xdjy.clearing_transfer (month, region_code, transferred_on, fund_fen) VALUES
	('2024-09-01', '370100', '2024-11-08', 70000);

-- S5: manual claims; due_on is 22 working days after complete materials
-- (吉医保发〔2019〕34号 附件第15条), as the settlement rules fill it in
INSERT INTO xdjy.manual_claim (id, encounter_id, invoice_no, total_fen, submitted_on,
	materials_complete_on, due_on, decided_on, settlement_id) VALUES
	(6101, 6008, 'RPT-INV-6008', 50000, '2024-10-16', '2024-10-16', '2024-11-15', NULL, NULL),
	(6102, 6012, 'RPT-INV-6012', 70000, '2024-09-20', '2024-09-20', '2024-10-25', NULL, NULL),
	(6103, 6013, 'RPT-INV-6013', 3000, '2024-10-08', '2024-10-21', '2024-11-20', NULL, NULL);
-- 6101 was decided on 2024-10-20 and paid by settlement 6008
UPDATE xdjy.manual_claim SET decided_on = '2024-10-20', settlement_id = 6008, status = 'paid' WHERE id = 6101;

SET LOCAL session_replication_role = DEFAULT;
