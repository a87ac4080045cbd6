/*-------------------------------------------------------------------------
 *
 * src/filing_status.h
 *	  Frozen codes of xdjy.filing_status, for the filing triggers.
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_FILING_STATUS_H
#define XDJY_FILING_STATUS_H

#define FS_ACTIVE		1
#define FS_CHANGED		2
#define FS_CANCELLED	3
#define FS_TERMINATED	4

extern bool filing_status_transition_ok(int32 from, int32 to);

#endif							/* XDJY_FILING_STATUS_H */
