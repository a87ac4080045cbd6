-- Settlement test data, loaded by test/pgtap/2*.sql inside their
-- own transaction (rolled back).  IDs start with SETL- so they never meet the
-- shared sample fixture.  Amounts are fen, ratios basis points.
SET LOCAL search_path = xdjy, public;

INSERT INTO person (id, name, insured_region, scheme) VALUES
	('SETL-JN-E', '济南职工', '370100', 'employee'),
	('SETL-JN-E2', '济南职工二', '370100', 'employee'),
	('SETL-JN-R', '济南居民', '370100', 'resident'),
	('SETL-CC-R', '长春居民', '220100', 'resident'),
	('SETL-CC-E', '长春职工', '220100', 'employee');

INSERT INTO institution (code, name_zh, region_code, tier, specialty, kind, ownership,
		networked_inpatient, networked_outpatient, networked_chronic) VALUES
	('SETL-JN-H3', '济南三级医院', '370102', 3, false, 'hospital', 'public', true, true, true),
	('SETL-JN-P2', '济南社会办二级医院', '370103', 2, false, 'hospital', 'private', true, true, true),
	('SETL-JN-PH', '济南定点药店', '370112', 0, false, 'pharmacy', 'private', false, true, false),
	('SETL-JNG-H3', '济宁三级医院', '370811', 3, false, 'hospital', 'public', true, true, true),
	('SETL-BJ-H3', '北京三级医院', '110105', 3, false, 'hospital', 'public', true, true, true),
	('SETL-BJ-P3', '北京社会办三级医院', '110108', 3, false, 'hospital', 'private', true, true, true),
	('SETL-BJ-N2', '北京未联网二级医院', '110108', 2, false, 'hospital', 'public', false, false, false),
	('SETL-BJ-PH', '北京定点药店', '110105001', 0, false, 'pharmacy', 'private', false, true, false),
	('SETL-SH-H3', '上海三级医院', '310101', 3, false, 'hospital', 'public', true, true, true),
	('SETL-CC-H3', '长春三级医院', '220102', 3, false, 'hospital', 'public', true, true, true),
	('SETL-GZ-H3', '广州三级医院', '440106', 3, false, 'hospital', 'public', true, true, true);

-- Jinan (370100) employee.  Inpatient: tier 3 has its own row, other tiers
-- the any-tier row.  Temporary outside: first self-pay 40% in 2021, 10% from
-- 2022 (鲁医保发〔2021〕46号 第三条(二)).  Outpatient of every kind draws on one quota group
-- (鲁医保发〔2021〕46号 第三条(三)): 2000 yuan a year.
INSERT INTO policy (insured_region, scheme, category, visit_type, tier, valid,
		deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group, note) VALUES
	('370100', 'employee', 'local', 'inpatient', 3, '[2021-01-01,)', 100000, 9000, 0, 50000000, 'inpatient', 'fixture: Jinan employee local tier 3'),
	('370100', 'employee', 'local', 'inpatient', NULL, '[2021-01-01,)', 50000, 9200, 0, 50000000, 'inpatient', 'fixture: Jinan employee local other tiers'),
	('370100', 'employee', 'temporary', 'inpatient', NULL, '[2021-01-01,2022-01-01)', 100000, 7000, 4000, 50000000, 'inpatient', 'fixture: 2021: first self-pay 40%'),
	('370100', 'employee', 'temporary', 'inpatient', NULL, '[2022-01-01,)', 100000, 7000, 1000, 50000000, 'inpatient', 'fixture: 2022: first self-pay 10%'),
	('370100', 'employee', 'unfiled', 'inpatient', NULL, '[2021-01-01,)', 100000, 5000, 2000, 50000000, 'inpatient', 'fixture: unfiled'),
	('370100', 'employee', 'local', 'outpatient', NULL, '[2021-01-01,)', 0, 6000, 0, 200000, 'outpatient', 'fixture: outpatient pooling 2000 yuan'),
	('370100', 'employee', 'temporary', 'outpatient', NULL, '[2022-01-01,)', 0, 5000, 1000, 200000, 'outpatient', 'fixture: remote outpatient, same quota'),
	('370100', 'employee', 'unfiled', 'outpatient', NULL, '[2021-01-01,)', 0, 3000, 0, 200000, 'outpatient', 'fixture: unfiled outpatient'),
	('370100', 'employee', 'local', 'pharmacy', NULL, '[2021-01-01,)', 0, 5000, 0, 200000, 'outpatient', 'fixture: pharmacy, same quota'),
	('370100', 'employee', 'temporary', 'pharmacy', NULL, '[2022-01-01,)', 0, 5000, 1000, 200000, 'outpatient', 'fixture: remote pharmacy, same quota'),
	('370100', 'resident', 'local', 'inpatient', NULL, '[2021-01-01,)', 60000, 7500, 0, 20000000, 'inpatient', 'fixture: Jinan resident local'),
	('370100', 'resident', 'temporary', 'inpatient', NULL, '[2022-01-01,)', 60000, 6000, 1000, 20000000, 'inpatient', 'fixture: Jinan resident temporary');

-- Changchun (220100, Jilin): resident local 80%, temporary 60%, unfiled row
-- (its ratio is replaced by Jilin's 20%, 吉医保发〔2019〕34号 附件第3条); employee local 90%.
INSERT INTO policy (insured_region, scheme, category, visit_type, tier, valid,
		deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group, note) VALUES
	('220100', 'resident', 'local', 'inpatient', NULL, '[2019-01-01,)', 60000, 8000, 0, 15000000, 'inpatient', 'fixture: Changchun resident local'),
	('220100', 'resident', 'temporary', 'inpatient', NULL, '[2019-01-01,)', 60000, 6000, 0, 15000000, 'inpatient', 'fixture: Changchun resident temporary'),
	('220100', 'resident', 'unfiled', 'inpatient', NULL, '[2019-01-01,)', 60000, 6000, 0, 15000000, 'inpatient', 'fixture: Changchun resident unfiled'),
	('220100', 'employee', 'local', 'inpatient', NULL, '[2019-01-01,)', 80000, 9000, 0, 30000000, 'inpatient', 'fixture: Changchun employee local'),
	('220100', 'employee', 'temporary', 'inpatient', NULL, '[2019-01-01,)', 80000, 7000, 0, 30000000, 'inpatient', 'fixture: Changchun employee temporary'),
	('220100', 'employee', 'unfiled', 'inpatient', NULL, '[2019-01-01,)', 80000, 7000, 0, 30000000, 'inpatient', 'fixture: Changchun employee unfiled');
