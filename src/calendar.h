/*-------------------------------------------------------------------------
 *
 * src/calendar.h
 *	  Working days against the holiday calendar, for C callers:
 *	  the settlement engine's manual-claim due dates (吉医保发〔2019〕34号 附件第15条: 22 working
 *	  days) and the clearing deadlines (鲁医保发〔2022〕26号 第四条(二): 30 working days).
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_CALENDAR_H
#define XDJY_CALENDAR_H

#include "utils/date.h"

/*
 * Whether a finite date is a working day: a holiday row decides if there is
 * one, else Monday to Friday are working days.  An infinite date raises
 * 22008.
 */
extern bool xdjy_is_working_day(DateADT day);

/*
 * The n-th working day after day (n > 0) or before it (n < 0); day itself
 * never counts.  n = 0 returns day unchanged, working day or not.  An
 * infinite day comes back unchanged; a result outside the date range
 * raises 22008.
 */
extern DateADT xdjy_add_working_days(DateADT day, int32 n);

#endif							/* XDJY_CALENDAR_H */
