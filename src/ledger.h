/*-------------------------------------------------------------------------
 *
 * src/ledger.h
 *	  The person's ledger row for a year and quota group: what the
 *	  deductible and the fund have used so far (鲁医保发〔2021〕46号
 *	  第三条(三)), found, locked and moved by the settlement engine alone.
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_LEDGER_H
#define XDJY_LEDGER_H

#include "postgres.h"

#include "storage/itemptr.h"

typedef struct XdjyLedger
{
	ItemPointerData tid;		/* the row locked or created; invalid if read */
	int64		deductible_met_fen;
	int64		fund_paid_fen;
} XdjyLedger;

/*
 * The ledger as it stands (fresh snapshot, nothing locked), zero if the
 * person has none for the year and group: what a pre-settlement reads.
 */
extern void xdjy_ledger_read(const char *person_id, int year, const char *quota_group,
							 XdjyLedger *l);

/*
 * The ledger locked FOR NO KEY UPDATE for the rest of the transaction,
 * created at zero by the first settlement of the year.
 */
extern void xdjy_ledger_lock(const char *person_id, int year, const char *quota_group,
							 XdjyLedger *l);

/* add to the ledger xdjy_ledger_lock locked (negative: a reversal gives back) */
extern void xdjy_ledger_add(XdjyLedger *l, int64 deductible_fen, int64 fund_fen);

#endif							/* XDJY_LEDGER_H */
