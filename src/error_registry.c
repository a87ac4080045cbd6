/*-------------------------------------------------------------------------
 *
 * src/error_registry.c
 *	  The one registry of xdjy's own SQLSTATEs (class YB, named in
 *	  src/errors.h): for each its category and its message and cause in
 *	  English and Chinese, so that failures are reported in one standard
 *	  form (鲁医保发〔2022〕26号 第五条(三)).  Both the errors raised and
 *	  the table xdjy.error_code come from here, so a message is written
 *	  once and the catalogue cannot drift from what the server says.
 *
 *	  A call site raises with xdjy_errcode(code) in place of errcode() and
 *	  errmsg(): the primary message is the registry's, in the language of
 *	  xdjy.language, and carries no values; the offending values go to
 *	  errdetail and what to do to errhint, both written at the call site.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include "errors.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(xdjy_error_registry);

/*
 * One row per code, in code order.  Codes are frozen once released; the
 * texts of 1.0 are those of its error_code rows.  Rule constants in a
 * message (5 days, 6 months, one year, four institutions) are the
 * documents' own and match the checks that raise them (filing_trigger.c,
 * institution_choice.c).
 */
static const XdjyError registry[] = {
	/* YB0xx general */
	{ERRCODE_XDJY_UNKNOWN_REFERENCE, "reference",
		"unknown reference", "引用的对象不存在",
		"A person, region, institution, filing, encounter or settlement named in the request does not exist.",
		"请求中的参保人、区划、定点机构、备案、就诊或结算记录不存在。"},
	{ERRCODE_XDJY_DROP_WITH_DATA, "general",
		"xdjy holds data users entered", "xdjy 中有用户录入的数据",
		"Dropping the extension drops its tables, and with them every row users entered (the rows pg_dump keeps); that is refused while any is left unless xdjy.allow_drop_with_data is on.",
		"删除扩展会连同其表删除用户录入的全部数据（即 pg_dump 保留的行）；只要还有这样的行，除非开启 xdjy.allow_drop_with_data，否则拒绝删除。"},
	{ERRCODE_XDJY_OPERATOR_ROLE_UNKNOWN, "reference",
		"operator_region names no role", "经办区划授权指向不存在的角色",
		"A row of operator_region grants regions to a role name the server does not know; such a grant would take effect for whoever later creates a role of that name.",
		"operator_region 的一行把区划授权给服务器中不存在的角色名；该授权会落到日后以此名新建的角色上。"},
	{ERRCODE_XDJY_BUSINESS_DATE_OUTSIDE_WINDOW, "general",
		"business date outside the window", "业务日期超出允许范围",
		"Every business date a table holds or a function is given (filing, treatment, settlement, claim, report, clearing and policy dates) lies within the window set by xdjy.business_date_min and xdjy.business_date_max (by default 1990-01-01 to 2199-12-31); a date outside it is a typing error, and the deadlines and statements computed from it would be meaningless.",
		"表中保存或函数收到的每个业务日期（备案、就医、结算、手工报销、对账、清算及政策日期）都须在 xdjy.business_date_min 与 xdjy.business_date_max 设定的范围内（默认 1990-01-01 至 2199-12-31）；超出范围的日期是录入错误，据此计算的期限和报表没有意义。"},
	{ERRCODE_XDJY_OUTSIDE_REGIONS, "reference",
		"row outside the regions granted to the role", "该行不在角色获授权的区划内",
		"An operator writes only rows of the regions xdjy.operator_region grants its role (and the regions under them); the row-level security policies of the table decide, and the row is refused before any rule looks at it.",
		"经办角色只能写入 xdjy.operator_region 授权区划（及其下级区划）的数据；由表的行级安全策略判定，该行在任何业务规则检查之前即被拒绝。"},
	/* YB01x operations */
	{ERRCODE_XDJY_PG_CRON_MISSING, "operations",
		"pg_cron is not installed in this database", "本数据库未安装 pg_cron",
		"The national subsystem generates the statement of each day (鲁医保发〔2022〕26号 第四条(一)); xdjy records each day's reconciliation on a schedule through the extension pg_cron, which is optional and must be installed in the database that holds xdjy.",
		"国家跨省异地就医管理子系统每日生成对账单（鲁医保发〔2022〕26号 第四条(一)）；xdjy 通过可选扩展 pg_cron 定时记录每日对账结果，pg_cron 须安装在 xdjy 所在的数据库中。"},
	{ERRCODE_XDJY_PG_CRON_ELSEWHERE, "operations",
		"pg_cron does not run jobs in this database", "pg_cron 不在本数据库运行定时任务",
		"pg_cron's scheduler runs only while its library is loaded at server start (shared_preload_libraries) and only the jobs of the one database cron.database_name names; a job registered anywhere else would never run.",
		"pg_cron 的调度进程只有在服务器启动时加载其库（shared_preload_libraries）才会运行，且只运行 cron.database_name 所指定数据库中的任务；在其他情况下登记的任务永远不会执行。"},
	{ERRCODE_XDJY_SCHEDULE_TIME, "operations",
		"schedule time is not a whole minute", "定时时间不是整分钟",
		"pg_cron schedules jobs by the minute (a cron schedule has no seconds), so the daily reconciliation runs at a time of day given in hours and minutes.",
		"pg_cron 按分钟调度任务（cron 表达式没有秒），因此每日对账的运行时间须以时和分给出。"},
	/* YB1xx filings */
	{ERRCODE_XDJY_FILING_DESTINATION_NOT_POOLING, "filing",
		"filing destination is not a pooling region", "备案地不是统筹区",
		"A filing names a pooling region (统筹区), never an institution or a county below it; every networked institution there may then be used (鲁医保发〔2021〕46号 第三条(四)).",
		"备案直接备案到就医地统筹区，不备案到具体医疗机构或统筹区下的区县；备案后可在该地所有联网定点医疗机构就医（鲁医保发〔2021〕46号 第三条(四)）。"},
	{ERRCODE_XDJY_FILING_DESTINATION_IS_HOME, "filing",
		"filing destination is the insured region", "备案地为参保地",
		"A filing is for treatment away from the insured place; the destination must be another pooling region.",
		"异地就医备案针对参保地以外的就医，备案地须为参保地以外的统筹区。"},
	{ERRCODE_XDJY_FILING_LONG_TERM_EXISTS, "filing",
		"person already has an active long-term filing", "已有有效的异地长期居住备案",
		"At most one long-term filing is active per person; change, cancel or terminate the active one first (济宁市医保局 异地就医十项便民措施 第四条(一)).",
		"每人同时只能有一条有效的异地长期居住备案；请先变更、取消或终止现有备案（济宁市医保局 异地就医十项便民措施 第四条(一)）。"},
	{ERRCODE_XDJY_FILING_TEMPORARY_EXISTS, "filing",
		"person already has an active temporary filing to that destination", "已有该地有效的临时外出就医备案",
		"A temporary filing has no validity period, so a second one to the same destination adds nothing; other destinations are allowed (鲁医保发〔2022〕26号 第二条(一)).",
		"临时外出就医备案不设有效期，同一就医地无需重复备案；可备案到其他就医地（鲁医保发〔2022〕26号 第二条(一)）。"},
	{ERRCODE_XDJY_FILING_BACKDATED_TOO_FAR, "filing",
		"long-term filing backdated more than 5 days", "长期居住备案起始日期提前超过5日",
		"A late long-term filing may start at most 5 days before the day it is applied for (济宁市医保局 异地就医十项便民措施 第四条(二), 鲁医保发〔2022〕26号 第二条(二)).",
		"补办异地长期居住备案的，备案起始日期自补办之日最多可往前提前5日（济宁市医保局 异地就医十项便民措施 第四条(二)、鲁医保发〔2022〕26号 第二条(二)）。"},
	{ERRCODE_XDJY_FILING_START_TOO_LATE, "filing",
		"filing start date more than one year ahead", "备案起始日期晚于办理日期一年以上",
		"A filing may start at most one year after it is applied for (xdjy's horizon for planned moves; the policy documents set none).",
		"备案起始日期最晚为办理日期后一年（本系统对预先备案的限制，政策文件未作规定）。"},
	{ERRCODE_XDJY_FILING_CHANGE_WINDOW, "filing",
		"long-term filing cannot be changed or cancelled within 6 months of its start", "长期居住备案未满6个月不能变更或取消",
		"Once medical expenses were incurred at the filed place, a long-term filing may be changed or cancelled only from start date + 6 months; terminating it is not limited (济宁市医保局 异地就医十项便民措施 第四条(一), 鲁医保发〔2022〕26号 第二条(一)).",
		"在备案地发生医疗费用的，变更或取消备案的时限为6个月（自备案起始日期起）；因故终止备案不受此限（济宁市医保局 异地就医十项便民措施 第四条(一)、鲁医保发〔2022〕26号 第二条(一)）。"},
	{ERRCODE_XDJY_FILING_CLOSED, "filing",
		"closed filing cannot be updated", "已关闭的备案不能修改",
		"A changed, cancelled or terminated filing is the record of what applied and stays unchanged.",
		"已变更、已取消、已终止的备案是历史记录，不能再修改。"},
	{ERRCODE_XDJY_FILING_STATUS_TRANSITION, "filing",
		"filing status transition not allowed", "备案状态变更不允许",
		"A filing is inserted as active and its status moves only out of active, to changed, cancelled or terminated.",
		"备案新增时须为有效状态，状态只能由有效变为已变更、已取消或已终止。"},
	{ERRCODE_XDJY_FILING_COLUMN_FIXED, "filing",
		"filing column cannot change", "备案内容不能修改",
		"What was filed (person, destination, category, dates, channel, pledge) is fixed; move with change_filing, otherwise cancel and file anew. Only proof may be added.",
		"已备案的人员、备案地、人员类别、日期、渠道、承诺不能修改；变更备案地请用变更备案，其余请取消后重新备案。仅可补充证明材料。"},
	{ERRCODE_XDJY_FILING_CLOSING_INCONSISTENT, "filing",
		"inconsistent filing closing", "备案关闭信息不一致",
		"An active filing has no closing date or replacement; a closed one has a closing date; only a changed one names its replacement.",
		"有效备案无关闭日期和接续备案；已关闭的备案须有关闭日期；仅已变更的备案有接续备案。"},
	{ERRCODE_XDJY_FILING_CLOSED_BEFORE_APPLIED, "filing",
		"filing closed before it was applied for", "备案关闭日期早于办理日期",
		"A filing cannot be changed, cancelled or terminated on a date before it was applied for.",
		"备案的变更、取消或终止日期不能早于办理日期。"},
	{ERRCODE_XDJY_FILING_REPLACEMENT_INVALID, "filing",
		"invalid replacement filing", "接续备案无效",
		"A changed filing is continued by a filing of the same person starting on the change date (change_filing does both in one statement).",
		"变更后的新备案须为同一参保人员、自变更日期起的备案（变更备案函数一次完成）。"},
	{ERRCODE_XDJY_FILING_PLEDGE_MISSING, "filing",
		"long-term filing needs the residence pledge", "长期居住备案须个人承诺",
		"Long-term filing is by pledge (承诺备案制): the person pledges to live, work or stay there 6 months or more; no proof material is required (鲁医保发〔2021〕46号 第二条(一)).",
		"异地长期居住人员实行承诺备案制，须个人承诺异地居住、生活、工作6个月以上，不需提供证明材料（鲁医保发〔2021〕46号 第二条(一)）。"},
	{ERRCODE_XDJY_FILING_CHANNEL_UNKNOWN, "filing",
		"unknown filing channel", "备案渠道无效",
		"The channel must be one of the listed channels in xdjy.channel (鲁医保发〔2021〕46号 第二条(二), 济宁市医保局 异地就医十项便民措施 第一–二条).",
		"备案渠道须为规定的渠道之一（鲁医保发〔2021〕46号 第二条(二)、济宁市医保局 异地就医十项便民措施 第一–二条）。"},
	{ERRCODE_XDJY_FILING_NOT_NEEDED, "filing",
		"no filing needed for intra-province temporary treatment", "省内跨市临时外出就医无需备案",
		"The insured province exempts intra-province temporary treatment from filing from a date on or before the start; such treatment settles directly (鲁医保发〔2021〕46号 第二条(三)).",
		"参保省份已取消省内跨市临时外出就医备案手续，就医费用直接联网结算（鲁医保发〔2021〕46号 第二条(三)）。"},
	{ERRCODE_XDJY_FILING_NOT_DELETABLE, "filing",
		"filings are not deleted", "备案不能删除",
		"A filing is closed by cancel, change or terminate and stays as the record.",
		"备案通过取消、变更或终止关闭，记录予以保留，不能删除。"},
	{ERRCODE_XDJY_CHOICE_NOT_OFFERED, "filing",
		"institution choice not offered to this person", "该参保人员不适用自选定点机构",
		"Choosing non-direct institutions is a provincial option for some schemes (Jilin, resident scheme, 吉医保发〔2019〕34号 附件第7条), held in xdjy.institution_choice_rule.",
		"自选非直接结算定点机构是部分省份、险种的规定（吉林省城乡居民，吉医保发〔2019〕34号 附件第7条）。"},
	{ERRCODE_XDJY_CHOICE_FILING_UNFIT, "filing",
		"filing does not allow choosing institutions", "该备案不能自选定点机构",
		"Institutions are chosen under an active cross-province long-term filing (跨省长期异地, 吉医保发〔2019〕34号 附件第7条).",
		"自选定点机构须在有效的跨省异地长期居住备案下办理（吉医保发〔2019〕34号 附件第7条）。"},
	{ERRCODE_XDJY_CHOICE_OUTSIDE_CITY, "filing",
		"chosen institution is not in the residence city", "自选机构不在居住地",
		"The chosen institutions lie in the residence city (市级统筹区) of the long-term filing (吉医保发〔2019〕34号 附件第7条).",
		"自选定点机构须位于长期居住备案的居住地（市级统筹区）（吉医保发〔2019〕34号 附件第7条）。"},
	{ERRCODE_XDJY_CHOICE_SETTLES_DIRECTLY, "filing",
		"chosen institution settles directly", "自选机构已开通直接结算",
		"Every direct-settlement institution may be used without choosing; the four choices are among non-direct-settlement institutions (吉医保发〔2019〕34号 附件第7条).",
		"已开通直接结算的定点机构均可就医，无需选择；自选的4家为非直接结算定点机构（吉医保发〔2019〕34号 附件第7条）。"},
	{ERRCODE_XDJY_CHOICE_NO_SLOT, "filing",
		"institution fits none of the four choices", "该机构不属于可选类别",
		"The four choices are one tier 3, one tier 2, one tier 1 and one specialty hospital (吉医保发〔2019〕34号 附件第7条); pharmacies and ungraded institutions fit none.",
		"自选的4家为三级、二级、一级和专科医院各1家（吉医保发〔2019〕34号 附件第7条），药店和未定级机构不在其列。"},
	{ERRCODE_XDJY_CHOICE_SLOT_TAKEN, "filing",
		"a hospital of that kind is already chosen", "该类别已选定机构",
		"One hospital of each kind (tier 3, tier 2, tier 1, specialty) is chosen (吉医保发〔2019〕34号 附件第7条).",
		"三级、二级、一级和专科医院各选1家（吉医保发〔2019〕34号 附件第7条）。"},
	{ERRCODE_XDJY_CHOICE_FULL, "filing",
		"four institutions already chosen", "已选满4家机构",
		"At most four non-direct institutions are chosen (吉医保发〔2019〕34号 附件第7条).",
		"自选非直接结算定点机构最多4家（吉医保发〔2019〕34号 附件第7条）。"},
	{ERRCODE_XDJY_CHOICE_SPECIAL_TAKEN, "filing",
		"special-disease hospital already designated", "已指定特殊疾病定点医院",
		"One of the chosen hospitals is designated for special-disease outpatient care (吉医保发〔2019〕34号 附件第7条).",
		"在选定医院范围内只能指定1家作为特殊疾病定点服务机构（吉医保发〔2019〕34号 附件第7条）。"},
	{ERRCODE_XDJY_INSURED_REGION_NOT_POOLING, "reference",
		"insured region is not a pooling region", "参保地不是统筹区",
		"A person's insured region must be a pooling region (统筹区), not a county or township below it.",
		"参保人员的参保地须为统筹区，不能是其下的区县或乡镇街道。"},
	{ERRCODE_XDJY_INSTITUTION_OUTSIDE_POOLING, "reference",
		"institution region belongs to no pooling region", "定点机构所在区划不属于任何统筹区",
		"An institution must lie in a region under a pooling region, so that the treatment place of its encounters is known.",
		"定点医药机构须位于某统筹区下的区划，才能确定就医地。"},
	{ERRCODE_XDJY_INSURED_REGION_IS_DESTINATION, "reference",
		"insured region is the destination of an active filing", "参保地与有效备案的就医地相同",
		"The person has an active filing to the region named as the new insured region; a filing never names the insured place (鲁医保发〔2021〕46号 第三条(四)).",
		"参保人员有备案到该区划的有效备案，备案地不能是参保地；请先取消或终止该备案。"},
	/* YB2xx encounters */
	{ERRCODE_XDJY_ENCOUNTER_DISCHARGE_BEFORE_ADMISSION, "encounter",
		"discharge before admission", "出院日期早于入院日期",
		"An encounter is discharged on or after the day it is admitted.",
		"出院日期不能早于入院日期。"},
	{ERRCODE_XDJY_ENCOUNTER_KIND_MISMATCH, "encounter",
		"visit type not possible at this institution", "就诊类型与机构类别不符",
		"Pharmacy purchases happen at pharmacies (定点药店), inpatient and outpatient care at hospitals.",
		"定点药店购药须在定点零售药店，住院和门诊须在定点医疗机构。"},
	{ERRCODE_XDJY_ENCOUNTER_ATTACH_TYPE, "encounter",
		"this encounter cannot be attached to a stay", "该就诊不能并入住院",
		"Only outpatient, chronic outpatient and pharmacy visits during a stay attach to it (济宁市医保局 异地就医十项便民措施 第五条(三), 鲁医保发〔2022〕26号 第二条(六)).",
		"只有住院期间的外院门诊检查治疗、门诊慢特病或定点药店购药可并入本次住院（济宁市医保局 异地就医十项便民措施 第五条(三)、鲁医保发〔2022〕26号 第二条(六)）。"},
	{ERRCODE_XDJY_ENCOUNTER_ATTACH_NOT_STAY, "encounter",
		"attached_to is not an inpatient stay", "所并入的就诊不是住院",
		"attached_to names the inpatient stay during which the outside test or purchase happened.",
		"并入对象须为住院就诊记录。"},
	{ERRCODE_XDJY_ENCOUNTER_ATTACH_PERSON, "encounter",
		"encounter attached to another person's stay", "并入他人的住院",
		"An outside test or purchase attaches only to a stay of the same person.",
		"外院检查治疗或购药只能并入同一参保人员的住院。"},
	{ERRCODE_XDJY_ENCOUNTER_ATTACH_OUTSIDE, "encounter",
		"service date outside the stay", "就诊日期不在住院期间",
		"Only what happened between admission and discharge attaches to a stay (《住院期间外院检查治疗或定点药店购药单》).",
		"只有入院至出院期间发生的外院检查治疗或购药可并入本次住院。"},
	{ERRCODE_XDJY_ENCOUNTER_STAY_UNCOVERS, "encounter",
		"stay would no longer cover what is attached to it", "住院修改后不再覆盖已并入的就诊",
		"A stay cannot be changed so that an encounter attached to it falls outside it; correct the attached encounters first.",
		"住院记录修改后须仍覆盖已并入的就诊；请先修改或解除并入的就诊。"},
	/* YB3xx settlements */
	{ERRCODE_XDJY_UNFILED_DIRECT, "settlement",
		"direct settlement without filing", "未备案不能直接结算",
		"The person has no filing covering the treatment region on the service date, no exemption, no referral and no emergency.",
		"参保人在就医日期没有覆盖就医地的备案，也不属于免备案、转诊或急诊情形。"},
	{ERRCODE_XDJY_SETTLEMENT_AMOUNTS, "settlement",
		"invalid settlement amounts", "结算金额无效",
		"A total or out-of-scope amount is negative, or the out-of-scope amount exceeds the total.",
		"医疗费总额或全自费金额为负，或全自费金额超过总额。"},
	{ERRCODE_XDJY_TRAUMA_THIRD_PARTY, "settlement",
		"trauma with a third party is not paid by the fund", "涉及第三方的外伤费用基金不予支付",
		"The encounter is flagged trauma with a liable third party (鲁医保发〔2022〕26号 第二条(四)).",
		"就诊标记为外伤且涉及第三方责任（鲁医保发〔2022〕26号 第二条(四)）。"},
	{ERRCODE_XDJY_TRAUMA_NO_PLEDGE, "settlement",
		"trauma settles directly only with the no-third-party pledge", "外伤直接结算须有无第三方责任承诺书",
		"Trauma without a third party settles directly only with the signed pledge (鲁医保发〔2022〕26号 第二条(四)).",
		"无第三方责任外伤须填写《外伤无第三方责任承诺书》方可直接结算（鲁医保发〔2022〕26号 第二条(四)）。"},
	{ERRCODE_XDJY_ATTACHED_ITEM, "settlement",
		"item bought outside during a stay settles with the stay", "住院期间外院检查或购药费用随住院结算",
		"Tests or drugs bought outside during a stay are settled only with that stay (济宁市医保局 异地就医十项便民措施 第五条(三), 鲁医保发〔2022〕26号 第二条(六)).",
		"住院期间外院检查治疗或定点药店购药费用纳入本次住院费用结算（济宁市医保局 异地就医十项便民措施 第五条(三)、鲁医保发〔2022〕26号 第二条(六)）。"},
	{ERRCODE_XDJY_OVERLAPPING_STAYS, "settlement",
		"overlapping stays", "住院时间重叠",
		"Two stays of one person overlap in time (吉医保发〔2019〕34号 附件第8条).",
		"同一参保人的两次住院时间重叠（吉医保发〔2019〕34号 附件第8条）。"},
	{ERRCODE_XDJY_VISIT_DURING_STAY, "settlement",
		"visit elsewhere during a stay", "住院期间在其他机构就诊",
		"A visit at another institution falls inside a stay of the person and is not attached to it (吉医保发〔2019〕34号 附件第8条).",
		"参保人住院期间在其他机构就诊且未纳入本次住院（吉医保发〔2019〕34号 附件第8条）。"},
	{ERRCODE_XDJY_INVOICE_REIMBURSED, "settlement",
		"invoice already reimbursed", "票据已报销",
		"The invoice was already reimbursed online or by hand and not reversed (鲁医保发〔2021〕46号 第四条).",
		"该票据已联网或手工报销且未冲正，不得重复报销（鲁医保发〔2021〕46号 第四条）。"},
	{ERRCODE_XDJY_REFERRAL_INVALID, "settlement",
		"referral not valid", "转诊无效",
		"The referral is for another person or region, or the service date is outside its insurance year (吉医保发〔2019〕34号 附件第12条).",
		"转诊属于他人或其他地区，或就医日期不在其参保年度有效期内（吉医保发〔2019〕34号 附件第12条）。"},
	{ERRCODE_XDJY_REFERRAL_DIAGNOSIS, "settlement",
		"diagnosis differs from the referral", "诊断与转诊不符",
		"Treatment under a referral must match the diagnosis made at referral (吉医保发〔2019〕34号 附件第12条).",
		"转诊治疗应符合转诊时确定的病情或诊断（吉医保发〔2019〕34号 附件第12条）。"},
	{ERRCODE_XDJY_REFERRAL_USED, "settlement",
		"referral already used", "转诊已使用",
		"A referral is valid for one treatment only (吉医保发〔2019〕34号 附件第12条).",
		"转诊当次有效（吉医保发〔2019〕34号 附件第12条）。"},
	{ERRCODE_XDJY_REFERRAL_ISSUER, "settlement",
		"referral not issued by a hospital of the insured region", "转诊非参保地定点医院出具",
		"A referral is issued by a designated hospital of the insured pooling region (吉医保发〔2019〕34号 附件第10条).",
		"转诊由统筹区内具备转诊资格的定点医疗机构办理（吉医保发〔2019〕34号 附件第10条）。"},
	{ERRCODE_XDJY_SETTLEMENT_IMMUTABLE, "settlement",
		"settlements cannot be changed", "结算记录不可修改",
		"Settlements are final; a correction is a reversal row.",
		"结算记录不可修改或删除，更正须冲正。"},
	{ERRCODE_XDJY_ALREADY_REVERSED, "settlement",
		"settlement already reversed", "结算已冲正",
		"A settlement is reversed at most once.",
		"一笔结算只能冲正一次。"},
	{ERRCODE_XDJY_REVERSAL_MISMATCH, "settlement",
		"reversal does not match its original", "冲正与原结算不符",
		"A reversal names an encounter, invoice, total or date that differs from its original, or reverses a reversal.",
		"冲正的就诊、票据、金额或日期与原结算不符，或冲正的对象本身是冲正。"},
	{ERRCODE_XDJY_ENGINE_COLUMNS, "settlement",
		"settlement column filled by the engine", "结算字段由系统计算",
		"The row gives a value for a column the settlement engine computes (category, amounts, ledger figures).",
		"插入的结算记录包含应由结算引擎计算的字段（待遇类别、金额、台账）。"},
	{ERRCODE_XDJY_NOT_NETWORKED, "settlement",
		"institution not open for direct cross-region settlement", "机构未开通异地联网结算",
		"Direct cross-region settlement needs an institution networked for the visit type (鲁医保发〔2021〕46号 第三条(四)).",
		"异地直接结算须在开通相应联网结算的定点机构（鲁医保发〔2021〕46号 第三条(四)）。"},
	{ERRCODE_XDJY_SETTLED_BEFORE_SERVICE, "settlement",
		"settlement date before the encounter", "结算日期早于就诊",
		"A settlement cannot be dated before the encounter began.",
		"结算日期不能早于就诊开始日期。"},
	{ERRCODE_XDJY_NOT_ENGINE_ROW, "settlement",
		"settlement not computed by the engine", "结算记录未经结算引擎计算",
		"The settlement row was written with the triggers disabled and has no category or ledger figures, so it cannot be explained or reversed.",
		"该结算记录在禁用触发器时写入，没有待遇类别和台账数据，无法说明或冲正。"},
	{ERRCODE_XDJY_STAY_NOT_DISCHARGED, "settlement",
		"discharge settlement of a stay without discharge date", "住院出院结算须有出院日期",
		"An inpatient stay is settled at discharge (出院结算, 鲁医保发〔2022〕26号 第二条(一)(二)); the stay has no discharge date and the settlement is not marked mid-stay (中途结算).",
		"住院费用在出院时结算（出院结算，鲁医保发〔2022〕26号 第二条(一)(二)）；该住院没有出院日期，且结算未标明为中途结算。"},
	{ERRCODE_XDJY_MID_STAY_INVALID, "settlement",
		"mid-stay settlement of something not in hospital", "中途结算仅适用于在院的住院",
		"A mid-stay settlement (中途结算) settles part of an inpatient stay that is still going on at the settlement date; the encounter is no stay, or was discharged by then.",
		"中途结算只结算结算日期仍在院的住院的部分费用；该就诊不是住院，或结算日期前已出院。"},
	/* YB4xx manual claims */
	{ERRCODE_XDJY_CLAIM_DEADLINE, "manual_claim",
		"manual claim after the deadline", "手工报销超过申报截止日期",
		"Expenses of a year are claimed by 31 March of the next year (吉医保发〔2019〕34号 附件第16条).",
		"异地就医费用回参保地报销的，待遇支付截止时间为次年3月31日（吉医保发〔2019〕34号 附件第16条）。"},
	{ERRCODE_XDJY_CLAIM_MATERIALS, "manual_claim",
		"manual claim materials not complete", "手工报销材料未收齐",
		"A claim is decided only after its materials (invoice, medical record, expense list) are complete, and not before that day (吉医保发〔2019〕34号 附件第15条).",
		"报销材料（票据、病历、费用清单）收齐后方可办理，办结日期不得早于收齐日期（吉医保发〔2019〕34号 附件第15条）。"},
	{ERRCODE_XDJY_CLAIM_DECIDED, "manual_claim",
		"manual claim already decided", "手工报销已办结",
		"A decided claim is final.",
		"已办结的手工报销不可更改。"},
	{ERRCODE_XDJY_CLAIM_IMMUTABLE, "manual_claim",
		"manual claim field cannot change", "手工报销申报内容不可修改",
		"The encounter, invoice, amounts and submission date of a claim are fixed when it is submitted.",
		"手工报销的就诊、票据、金额和申报日期提交后不可修改。"},
	/* YB5xx policy data */
	{ERRCODE_XDJY_NO_POLICY, "policy",
		"no policy for the settlement", "没有适用于该结算的待遇政策",
		"No policy row covers the insured region, scheme, benefit category, visit type and tier on the service date.",
		"没有覆盖该参保地、险种、待遇类别、就诊类型和医院等级且在就医日期有效的政策。"},
	{ERRCODE_XDJY_FIRST_SELFPAY_CEILING, "policy",
		"first self-pay ratio above the provincial ceiling", "首先自付比例超过省级上限",
		"A temporary-outside policy row sets a first self-pay ratio above the ceiling its province sets for some of its dates (鲁医保发〔2021〕46号 第三条(二)).",
		"临时外出就医政策的首先自付比例在其部分有效期内超过本省规定的上限（鲁医保发〔2021〕46号 第三条(二)）。"},
	{ERRCODE_XDJY_CEILING_BELOW_POLICY, "policy",
		"ceiling below an existing policy", "上限低于现有政策",
		"A first self-pay ceiling would make an existing policy row of its province unlawful (鲁医保发〔2021〕46号 第三条(二)).",
		"首先自付比例上限低于本省现有政策的首先自付比例（鲁医保发〔2021〕46号 第三条(二)）。"},
	{ERRCODE_XDJY_BUILTIN_RULE, "policy",
		"builtin policy rules are maintained by the extension", "内置政策规则由扩展维护",
		"A per-province rule shipped with xdjy from the policy documents (builtin = true) was inserted, updated, deleted or truncated; only rows with builtin = false may be changed.",
		"试图新增、修改、删除或清空依据政策文件内置的省级规则（builtin = true）；只能维护 builtin = false 的行。"},
	{ERRCODE_XDJY_POLICY_ROW_USED, "policy",
		"policy row has priced settlements", "政策行已用于结算",
		"A row of policy, ratio_adjustment or first_selfpay_ceiling that settlements were priced under was changed other than by closing its validity, or deleted; the settlements keep naming it, so a new standard is a new dated row.",
		"已用于结算的政策、支付比例调整或首先自付比例上限行被修改（仅可截止其有效期）或删除；结算仍指向该行，新的标准须另立新的有效期行。"},
	{ERRCODE_XDJY_POLICY_CLOSED_TOO_EARLY, "policy",
		"policy row closed before its last priced service date", "政策行截止日期早于已结算的就医日期",
		"The new upper bound of a used policy row's validity would no longer cover a service date it priced.",
		"已用于结算的政策行的新截止日期不再覆盖其已结算的就医日期。"},
	{ERRCODE_XDJY_POLICY_OVERLAP, "policy",
		"policy row overlaps another of its key", "政策行与同一口径的现有行有效期重叠",
		"A policy, first self-pay ceiling or replacing ratio row shares dates with another row of the same key; only one row of a key holds on any date.",
		"政策、首先自付比例上限或替换支付比例行与同一口径的另一行有效期重叠；同一口径同一日期只能有一行有效。"},
	/* YB6xx calendar */
	{ERRCODE_XDJY_HOLIDAY_BUILTIN, "calendar",
		"builtin holiday rows are maintained by the extension", "内置节假日数据由扩展维护",
		"A builtin row of xdjy.holiday (the State Council holiday notices) was inserted, updated, deleted or truncated; only rows with builtin = false may be changed.",
		"试图新增、修改、删除或清空 xdjy.holiday 中的内置行（国务院节假日安排通知）；只能维护 builtin = false 的行。"},
	/* YB7xx national interface and clearing */
	{ERRCODE_XDJY_NATIONAL_MAP_BUILTIN, "national interface",
		"builtin national code mapping rows are read-only", "内置国家编码对照行不可修改",
		"A builtin row of insutype_map, med_type_map or clr_type_map was inserted, updated or deleted, or such a table truncated, outside CREATE/ALTER EXTENSION; builtin rows are not dumped, so the change would be lost on restore. Override with a row of your own and a higher priority.",
		"在 CREATE/ALTER EXTENSION 之外新增、修改或删除了内置的险种类型、医疗类别或清算类别对照行（或清空了对照表）；内置行不随 pg_dump 导出，修改会在恢复后丢失。请新增一行优先级更高的本地对照。"},
	{ERRCODE_XDJY_STMT_REQUEST_INVALID, "national interface",
		"invalid statement request", "对账请求不合法",
		"A 3201/3202 statement request lacks an argument, has a period ending before it begins, or a negative settlement count.",
		"3201/3202 对账请求缺少参数、对账结束日期早于开始日期，或结算笔数为负数。"},
	{ERRCODE_XDJY_NATIONAL_CODE_UNKNOWN, "national interface",
		"unknown national code", "未知的国家编码",
		"An insutype, clr_type or refd_setl_flag in a request is not one the code mappings (or the flag's 0/1) define.",
		"请求中的险种类型、清算类别或退费结算标志不在编码对照表（或 0/1 取值）之中。"},
	{ERRCODE_XDJY_AMOUNT_NOT_WHOLE_FEN, "national interface",
		"amount is not a whole number of fen", "金额不是整分",
		"An amount in yuan has more than two decimals; the platform carries numeric(16,2) and xdjy never rounds an amount it is given.",
		"以元为单位的金额超过两位小数；平台金额为 numeric(16,2)，xdjy 不对传入金额做舍入。"},
	{ERRCODE_XDJY_CLEARING_NOT_REMOTE, "national interface",
		"settlement is not in remote clearing", "结算不属于异地清分范围",
		"A clearing confirmation (3261) or roll-back (3262) names a settlement that is local or manual; remote clearing covers direct settlements outside the insured pooling region.",
		"清分确认（3261）或确认回退（3262）指向本地结算或手工报销；异地清分只包括参保统筹区以外的直接结算。"},
	{ERRCODE_XDJY_CLEARING_ALREADY_ANSWERED, "national interface",
		"clearing row already answered", "清分明细已确认",
		"A clearing row already has a confirmation (cnfm_flag 0 or 1); it must be rolled back (3262) before it is answered again.",
		"该清分明细已有确认结果（cnfm_flag 0 或 1），须先确认回退（3262）才能重新确认。"},
	{ERRCODE_XDJY_CLEARING_NOT_ANSWERED, "national interface",
		"clearing row has no answer to roll back", "清分明细尚未确认，无可回退",
		"A roll-back (3262) names a clearing row that has no confirmation.",
		"确认回退（3262）指向尚未确认的清分明细。"},
	{ERRCODE_XDJY_CLEARING_LOG_APPEND_ONLY, "national interface",
		"clearing confirmations cannot be changed", "清分确认记录不可修改",
		"An UPDATE or DELETE on clearing_detail_confirmation; the log is append-only and answers are withdrawn with a roll-back entry.",
		"对清分确认记录执行了 UPDATE 或 DELETE；该记录只能追加，撤回确认须追加回退记录。"},
	/* YB8xx fee lines (费用明细), 鲁医保发〔2022〕26号 第二条(四)、第三条(四) */
	{ERRCODE_XDJY_FEE_DATE_OUTSIDE_ENCOUNTER, "fee line",
		"fee date outside the encounter", "费用发生时间不在就诊期间",
		"A fee line is dated within its encounter: from admission to discharge for a stay, the visit day for a visit.",
		"费用明细的发生日期须在就诊期间内：住院为入院至出院，门诊为就诊当日。"},
	{ERRCODE_XDJY_FEE_ENCOUNTER_SETTLED, "fee line",
		"encounter already settled", "该就诊已结算",
		"Fee lines are uploaded before the settlement; a line for an encounter with an unreversed discharge or visit settlement would change a settled sum (a reversal comes first, as in the national flow).",
		"费用明细须在结算前上传；就诊已有未冲正的出院或门诊结算时再传明细会改变已结算金额（须先冲正，与国家平台流程一致）。"},
	{ERRCODE_XDJY_FEE_REFUND_ORIGINAL_MISSING, "fee line",
		"refunded line does not exist", "被退费的明细不存在",
		"A refund line (退费) names by init_feedetl_sn a line of the same encounter that exists and is not itself a refund.",
		"退费明细须以 init_feedetl_sn 指向同一就诊中存在且本身不是退费的明细。"},
	{ERRCODE_XDJY_FEE_REFUND_EXCEEDS_ORIGINAL, "fee line",
		"refund exceeds the original line", "退费超过原明细",
		"The refunds of a line together refund at most its count and its amount.",
		"同一明细的全部退费合计不得超过原明细的数量和金额。"},
	{ERRCODE_XDJY_FEE_LINE_INVALID, "fee line",
		"fee line count or price not allowed", "费用明细的数量或单价不合法",
		"Counts and prices are finite exact numbers; a price is at least 0, a count is positive on a line and negative on a refund line only.",
		"数量和单价须为有限的精确数值；单价不小于0，数量在普通明细中为正，仅退费明细为负。"},
	{ERRCODE_XDJY_FEE_AMOUNT_MISMATCH, "fee line",
		"line amount differs from count × price", "明细金额与数量×单价不符",
		"det_item_fee_sumamt is cnt × pric rounded half up to the fen; a line whose sent amount differs is refused (鲁医保发〔2021〕46号 第四条: no invented expenses).",
		"明细项目费用总额须等于数量×单价四舍五入到分；不符的明细予以拒绝（鲁医保发〔2021〕46号 第四条：不得虚构医药费用）。"},
	{ERRCODE_XDJY_FEE_LINE_IMMUTABLE, "fee line",
		"fee lines are not updated", "费用明细不可修改",
		"A fee line is never updated: a correction is a refund line, or the deletion of a line before settlement (2302) and a new line.",
		"费用明细不可修改：更正以退费明细进行，或在结算前撤销（2302）后重新上传。"},
	{ERRCODE_XDJY_FEE_LINE_SETTLED, "fee line",
		"fee line is settled", "费用明细已结算",
		"A line a settlement was priced from is not deleted while that settlement stands; reverse it first.",
		"已被未冲正结算计入的明细不可撤销；须先冲正该结算。"},
	{ERRCODE_XDJY_FEE_REFUND_UNLIKE_ORIGINAL, "fee line",
		"refund line unlike its original", "退费明细与原明细不一致",
		"A refund line carries the code and the price of the line it refunds.",
		"退费明细的目录编码和单价须与原明细相同。"},
	{ERRCODE_XDJY_FEE_TOTALS_DISAGREE, "fee line",
		"settlement totals disagree with the fee lines", "结算金额与费用明细不符",
		"When an encounter has fee lines, the settlement is priced from them; totals the caller also gives must equal the lines' sums.",
		"就诊有费用明细时按明细结算；调用方同时提供的金额须与明细合计相等。"},
	{ERRCODE_XDJY_SETTLE_NO_TOTAL, "settlement",
		"no total and no fee lines", "既无总额也无费用明细",
		"A settlement takes its total from the encounter's fee lines, or from the caller when the encounter has none.",
		"结算总额取自就诊的费用明细；没有明细时须由调用方提供。"},
	{ERRCODE_XDJY_FEE_LINE_REFUNDED, "fee line",
		"fee line has refunds", "费用明细已有退费",
		"A line named by a refund line is not deleted; delete the refund first.",
		"已有退费明细指向的明细不可撤销；须先撤销退费明细。"},
	{ERRCODE_XDJY_FEE_ENGINE_COLUMNS, "fee line",
		"fee line column filled by the pricing", "费用明细字段由系统计算",
		"The row gives a value for a column the pricing trigger computes from the catalogue (class, ratio, ceiling, amounts in fen).",
		"插入的费用明细包含应由系统按目录计算的字段（等级、比例、限价、各项金额）。"},
	/* issue 19: nodes */
	{ERRCODE_XDJY_NODE_ROLE_INVALID, "node",
		"node role must be province or hub", "节点角色须为 province 或 hub",
		"A node of three-party reconciliation is a province platform (province) or the national hub (hub) (鲁医保发〔2022〕26号 第四条(一)).",
		"三方对账的节点为省级平台（province）或国家平台（hub）（鲁医保发〔2022〕26号 第四条(一)）。"},
	{ERRCODE_XDJY_NODE_REGION_INVALID, "node",
		"node region code must be 6 digits", "节点区划代码须为6位数字",
		"A node's region is a 6-digit administrative division code not starting with 0; it is the high digits of every id made at the node, so ids of two nodes never collide.",
		"节点区划为不以0开头的6位行政区划代码；它是该节点生成的每个标识的高位，使两个节点的标识不会冲突。"},
	{ERRCODE_XDJY_NODE_IDS_OUTSIDE_RANGE, "node",
		"ids exist outside the node's range", "存在超出节点范围的标识",
		"set_node() re-bases every identity sequence to region_code * 10^12 + n; rows made before (other than the builtin rows) would keep ids outside that range and could collide with another node's.",
		"set_node() 把每个标识序列重设为 区划代码 × 10^12 + n；此前生成的行（内置行除外）的标识在该范围之外，可能与其他节点的标识冲突。"},
	{ERRCODE_XDJY_NODE_NOT_PROVINCE, "node",
		"only a province node publishes to the hub", "只有省级节点向国家平台发布",
		"A province platform records its settlements and reports and sends them to the national hub, which reconciles (鲁医保发〔2022〕26号 第四条(一)); the hub publishes nothing.",
		"省级平台记录其结算和对账数据并发送给国家平台，由国家平台对账（鲁医保发〔2022〕26号 第四条(一)）；国家平台不发布。"},
	{ERRCODE_XDJY_NODE_NOT_HUB, "node",
		"only the hub subscribes to provinces", "只有国家平台订阅省级节点",
		"The national hub receives the provinces' settlements and reports by logical replication and reconciles (鲁医保发〔2022〕26号 第四条(一)); a province subscribes to none.",
		"国家平台通过逻辑复制接收各省的结算和对账数据并对账（鲁医保发〔2022〕26号 第四条(一)）；省级节点不订阅。"},
	{ERRCODE_XDJY_NODE_NAME_INVALID, "node",
		"province name must be lower-case letters, digits and _", "省份名称须由小写字母、数字和 _ 组成",
		"The subscription to a province is named xdjy_from_<name>, so the name is 1 to 40 lower-case letters, digits and _.",
		"对省级节点的订阅命名为 xdjy_from_<名称>，因此名称须为1至40个小写字母、数字或 _。"},
	{ERRCODE_XDJY_NODE_CONNINFO_MISSING, "node",
		"no connection string for the province", "未提供省级节点的连接串",
		"The hub subscribes to a province node through a libpq connection string to the province's database.",
		"国家平台通过连接到省级节点数据库的 libpq 连接串订阅该省。"},
};

/*
 * The registry's entry for a SQLSTATE, or NULL if it has none.  Only
 * errors look codes up, so a linear search over some seventy entries is
 * plenty.
 */
const XdjyError *
xdjy_error_lookup(int sqlstate)
{
	size_t		i;

	for (i = 0; i < lengthof(registry); i++)
		if (registry[i].sqlstate == sqlstate)
			return &registry[i];
	return NULL;
}

/*
 * The registry's message for a code in the current xdjy.language.
 */
const char *
xdjy_error_message(int sqlstate)
{
	const XdjyError *e = xdjy_error_lookup(sqlstate);

	if (e == NULL)
		elog(ERROR, "SQLSTATE %s is not in xdjy's error registry",
			 unpack_sql_state(sqlstate));
	return xdjy_language == XDJY_LANG_ZH ? e->message_zh : e->message_en;
}

/*
 * For use inside ereport()'s argument list, in place of errcode() and
 * errmsg(): sets both on the error being built, like
 * errcode_for_file_access() does.  A code without an entry is a
 * programming error, raised as such.
 */
int
xdjy_errcode(int sqlstate)
{
	const char *message = xdjy_error_message(sqlstate);

	errcode(sqlstate);
	return errmsg_internal("%s", message);
}

/*
 * error_registry(): the registry as a table, from which the install and
 * upgrade scripts fill xdjy.error_code.
 */
Datum
xdjy_error_registry(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	size_t		i;

	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i < lengthof(registry); i++)
	{
		const XdjyError *e = &registry[i];
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};

		values[0] = CStringGetTextDatum(unpack_sql_state(e->sqlstate));
		values[1] = CStringGetTextDatum(e->category);
		values[2] = CStringGetTextDatum(e->message_en);
		values[3] = CStringGetTextDatum(e->message_zh);
		values[4] = CStringGetTextDatum(e->cause_en);
		values[5] = CStringGetTextDatum(e->cause_zh);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
