/*-------------------------------------------------------------------------
 *
 * src/guc.c
 *	  GUC xdjy.language (en | zh): the language labels and explanations are
 *	  printed in, the way DateStyle steers date output.  Input never depends
 *	  on it, so a dump taken under either setting restores.
 *
 *	  GUC xdjy.allow_drop_with_data (superuser only, default off): lets
 *	  DROP EXTENSION xdjy through although users' rows would go with it
 *	  (src/drop_guard.c).
 *
 *	  GUCs xdjy.business_date_min and xdjy.business_date_max (superuser
 *	  only, default 1990-01-01 and 2199-12-31): the window every business
 *	  date lies in (src/dates.c, YB004).  Written as ISO dates; the check
 *	  hooks refuse anything else and a window whose first day is not
 *	  before its last.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/guc.h"

#include "dates.h"
#include "errors.h"
#include "xdjy.h"

int			xdjy_language = XDJY_LANG_EN;
bool		xdjy_allow_drop_with_data = false;

/* the business-date window: the settings as written, and as dates */
static char *business_date_min_text = NULL;
static char *business_date_max_text = NULL;
DateADT		xdjy_business_date_min = 0;
DateADT		xdjy_business_date_max = 0;

#define BUSINESS_DATE_MIN_DEFAULT	"1990-01-01"
#define BUSINESS_DATE_MAX_DEFAULT	"2199-12-31"

static const struct config_enum_entry language_options[] = {
	{"en", XDJY_LANG_EN, false},
	{"zh", XDJY_LANG_ZH, false},
	{NULL, 0, false}
};

/*
 * An ISO date YYYY-MM-DD of the Gregorian calendar (year 1 to 9999), read
 * without the server's date parser: a check hook must not raise, and the
 * window must not depend on DateStyle.
 */
static bool
parse_iso_date(const char *s, DateADT *out)
{
	int			y,
				m,
				d,
				n = 0,
				yy,
				mm,
				dd;

	if (s == NULL || strlen(s) != 10 ||
		sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
		y < 1 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	/* 2024-02-30 comes back as another day: not a calendar date */
	j2date(date2j(y, m, d), &yy, &mm, &dd);
	if (yy != y || mm != m || dd != d)
		return false;
	*out = xdjy_date_of(y, m, d);
	return true;
}

/*
 * The first and last day of the window: a date; and, set by SET, one
 * leaving the window non-empty against the other end's current value
 * (move the other end first to shift the window past it).  Settings from
 * the configuration file or ALTER ROLE/DATABASE are applied one by one
 * with the other end not yet known, so there only the date is checked;
 * an inverted window set that way refuses every date (YB004, whose
 * detail shows it).
 */
static bool
check_business_date(char **newval, void **extra, GucSource source, bool is_min)
{
	DateADT		d;
	DateADT    *keep;

	if (!parse_iso_date(*newval, &d))
	{
		GUC_check_errdetail("\"%s\" is not a date written YYYY-MM-DD.",
							*newval ? xdjy_clip(*newval) : "");
		GUC_check_errhint("Write the day as an ISO date, for instance %s.",
						  is_min ? BUSINESS_DATE_MIN_DEFAULT : BUSINESS_DATE_MAX_DEFAULT);
		return false;
	}
	if (source == PGC_S_SESSION &&
		(is_min ? d >= xdjy_business_date_max : d <= xdjy_business_date_min))
	{
		GUC_check_errdetail("The window would run from %s to %s.",
							xdjy_iso_date(is_min ? d : xdjy_business_date_min),
							xdjy_iso_date(is_min ? xdjy_business_date_max : d));
		GUC_check_errhint("xdjy.business_date_min must be earlier than xdjy.business_date_max; move the other end first.");
		return false;
	}
	/* GUC frees extra with free() (guc_malloc is not exported in 15) */
	keep = (DateADT *) malloc(sizeof(DateADT));
	if (keep == NULL)
	{
		GUC_check_errcode(ERRCODE_OUT_OF_MEMORY);
		GUC_check_errmsg("out of memory");
		return false;
	}
	*keep = d;
	*extra = keep;
	return true;
}

static bool
check_business_date_min(char **newval, void **extra, GucSource source)
{
	return check_business_date(newval, extra, source, true);
}

static bool
check_business_date_max(char **newval, void **extra, GucSource source)
{
	return check_business_date(newval, extra, source, false);
}

static void
assign_business_date_min(const char *newval, void *extra)
{
	(void) newval;
	xdjy_business_date_min = *(DateADT *) extra;
}

static void
assign_business_date_max(const char *newval, void *extra)
{
	(void) newval;
	xdjy_business_date_max = *(DateADT *) extra;
}

void
xdjy_guc_init(void)
{
	DefineCustomEnumVariable("xdjy.language",
							 "Language of xdjy labels and explanations (en or zh).",
							 "Input accepts both languages whatever this is set to.",
							 &xdjy_language,
							 XDJY_LANG_EN,
							 language_options,
							 PGC_USERSET,
							 0,
							 NULL, NULL, NULL);

	/*
	 * Superuser only: whoever may drop the extension is its owner, a
	 * superuser (xdjy.control), and the setting must not be something a
	 * role, or ALTER ROLE ... SET by one, can hand itself.
	 */
	DefineCustomBoolVariable("xdjy.allow_drop_with_data",
							 "Lets DROP EXTENSION xdjy drop tables that hold rows users entered.",
							 "Off, such a DROP EXTENSION (or DROP SCHEMA ... CASCADE) fails with YB002; take a pg_dump first.",
							 &xdjy_allow_drop_with_data,
							 false,
							 PGC_SUSET,
							 0,
							 NULL, NULL, NULL);

	/*
	 * Superuser only (or a role granted SET on it): the rule triggers run
	 * as the table owner but read the session's value, so a role that may
	 * write business dates must not be able to move the window itself.
	 * The defaults are set before the first check runs: the check of one
	 * end reads the other.
	 */
	xdjy_business_date_min = xdjy_date_of(1990, 1, 1);
	xdjy_business_date_max = xdjy_date_of(2199, 12, 31);
	DefineCustomStringVariable("xdjy.business_date_min",
							   "First day of the window business dates must lie in (YYYY-MM-DD).",
							   "Dates earlier than this are refused with YB004 by every xdjy table and function.",
							   &business_date_min_text,
							   BUSINESS_DATE_MIN_DEFAULT,
							   PGC_SUSET,
							   0,
							   check_business_date_min, assign_business_date_min, NULL);
	DefineCustomStringVariable("xdjy.business_date_max",
							   "Last day of the window business dates must lie in (YYYY-MM-DD).",
							   "Dates later than this are refused with YB004 by every xdjy table and function.",
							   &business_date_max_text,
							   BUSINESS_DATE_MAX_DEFAULT,
							   PGC_SUSET,
							   0,
							   check_business_date_max, assign_business_date_max, NULL);
	MarkGUCPrefixReserved("xdjy");
}

/*
 * A language argument of an SQL function: 'en' or 'zh' (any case); NULL is
 * handled by the caller (functions taking it are STRICT or default it to
 * the GUC).
 */
XdjyLanguage
xdjy_parse_language(text *lang)
{
	char	   *s = text_to_cstring(lang);

	if (pg_strcasecmp(s, "en") == 0)
		return XDJY_LANG_EN;
	if (pg_strcasecmp(s, "zh") == 0)
		return XDJY_LANG_ZH;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid language: \"%s\"", xdjy_clip(s)),
			 errhint("Use \"en\" or \"zh\".")));
	return XDJY_LANG_EN;		/* keep compiler quiet */
}
