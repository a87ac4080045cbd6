/*-------------------------------------------------------------------------
 *
 * src/account.h
 *	  Personal accounts (个人账户), for the settlement engine (account.c).
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_ACCOUNT_H
#define XDJY_ACCOUNT_H

#include "postgres.h"

#include "utils/date.h"

/* the balance, the account row locked FOR NO KEY UPDATE (0 without one) */
extern int64 xdjy_account_lock(const char *person_id);

/* the balance as it stands, nothing locked (a pre-settlement reads it) */
extern int64 xdjy_account_balance(const char *person_id);

/* a debit or refund through the movement table; the balance after */
extern int64 xdjy_account_move(const char *person_id, const char *kind,
							   int64 amount_fen, DateADT moved_on,
							   int64 settlement_id);

/* may the account pay for treatment there on that date */
extern bool xdjy_account_usable(const char *insured_region,
								const char *treatment_region, DateADT on_date);

#endif							/* XDJY_ACCOUNT_H */
