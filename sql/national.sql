-- National platform interface: xdjy's rows in the
-- platform's own terms.  Hand-built settlements (test/fixtures/national.sql)
-- inside one transaction, rolled back at the end.  鲁医保发〔2022〕26号 第四条(一)(二).
BEGIN;
SET LOCAL search_path = xdjy, public;
SET LOCAL datestyle = ISO, YMD;
\i test/fixtures/national.sql

-- 1. Money: fen / 100 exactly, as numeric(16,2) yuan -------------------
SELECT fen, fen_to_yuan(fen) AS yuan, yuan_to_fen(fen_to_yuan(fen)) = fen AS round_trip
FROM unnest(ARRAY[0, 1, -1, 99, 100, -30001, 9007199254740992, -9007199254740992,
	9999999999999999, -9999999999999999]::bigint[]) AS fen;
-- numeric(16,2) ends at 99999999999999.99 yuan: one fen more is refused
SAVEPOINT edge;
SELECT fen_to_yuan(10000000000000000);
ROLLBACK TO edge;
-- an amount given in yuan is never rounded
SELECT yuan_to_fen(12.345);
ROLLBACK TO edge;

-- 2. Code mappings in effect (builtin rows; a DBA row of higher priority wins)
SELECT scheme, insutype, name_zh FROM insutype_map_effective ORDER BY scheme;
SELECT visit_type, clr_type, name_zh FROM clr_type_map_effective ORDER BY visit_type;

-- 3. setlinfo: one row per settlement --------------------------------------
\x on
SELECT * FROM setlinfo WHERE setl_id = 9101;
\x off
SELECT setl_id, psn_no, insutype, med_type, clr_type, fixmedins_code, medfee_sumamt,
	preselfpay_amt, inscp_scp_amt, hifp_pay, pool_prop_selfpay, psn_part_amt,
	setl_time, refd_setl_flag, mode
FROM setlinfo WHERE psn_no LIKE 'NAT-%' ORDER BY setl_id;

-- 4. 3201 totals: NAT-H1's inpatient settlements of Beijing employees in March
SELECT * FROM stmt_scope('110000', '310', '21', '2024-03-01', '2024-03-31', '1', 'NAT-H1');
SELECT * FROM stmt_total('110000', '310', '21', '2024-03-01', '2024-03-31',
	16234.56, 13050.00, 0, 3, '1', 'NAT-H1');
-- the institution's own figures differ: same count, other amounts
SELECT * FROM stmt_total('110000', '310', '21', '2024-03-01', '2024-03-31',
	15088.00, 12040.39, 0, 3, '1', 'NAT-H1');

-- 5. 3202 detail: the institution's rows, loaded with COPY ------------------
COPY stmt_detail_upload (batch, setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt, acct_pay, refd_setl_flag) FROM STDIN;
NAT-H1-202403	9101	9001	NAT-emp-1	10000.00	7470.00	0.00	0
NAT-H1-202403	9107	9006	NAT-emp-1	5000.00	4499.99	0.00	0
NAT-H1-202403	9199	9099	NAT-emp-1	88.00	70.40	0.00	0
\.
SELECT setl_id, mdtrt_id, stmt_rslt, stmt_rslt_dscr, kind,
	centre_medfee_sumamt, fixmedins_medfee_sumamt, centre_fund_pay_sumamt, fixmedins_fund_pay_sumamt, memo
FROM stmt_detail('NAT-H1-202403', '110000', '310', '21', '2024-03-01', '2024-03-31', '1', 'NAT-H1');

-- 6. 3260 clearing details of March at NAT-H1, confirmed (3261), rolled back (3262)
SELECT trt_year, trt_month, mdtrtarea, medins_no, certno, mdtrt_id, setl_sn,
	medfee_sumamt, optins_pay_sumamt, refd_setl_flag, cnfm_flag
FROM clearing_detail WHERE medins_no = 'NAT-H1' ORDER BY setl_sn;
SELECT clearing_confirm_month('NAT-H1', 2024, 3, '1', '2024-04-10') AS confirmed;
SELECT trt_year, trt_month, medins_no, setl_cnt, medfee_sumamt, optins_pay_sumamt,
	agreed_cnt, disputed_cnt, open_cnt, confirmed_on
FROM clearing_confirmation_monthly WHERE medins_no = 'NAT-H1';
SELECT clearing_rollback('NAT-H1', 2024, 3, '2024-04-12') AS rolled_back;
-- answered again: the trauma stay disputed, the rest agreed
SELECT clearing_confirm(9103, '0', '2024-04-15', '外伤无第三方承诺书待核') > 0 AS answered;
SELECT clearing_confirm_month('NAT-H1', 2024, 3, '1', '2024-04-15') AS confirmed;
SELECT setl_sn, cnfm_flag, cnfm_date FROM clearing_detail WHERE medins_no = 'NAT-H1' ORDER BY setl_sn;
SELECT agreed_cnt, disputed_cnt, open_cnt, confirmed_on
FROM clearing_confirmation_monthly WHERE medins_no = 'NAT-H1';
SELECT setl_sn, seq, action, cnfm_flag, recorded_on, memo
FROM clearing_detail_confirmation ORDER BY setl_sn, seq;

-- 7. CSV export of March ----------------------------------------------------
COPY (SELECT * FROM export_setlinfo('2024-03-01', '2024-03-31')) TO STDOUT WITH (FORMAT csv, HEADER);

ROLLBACK;
