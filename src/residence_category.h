/*-------------------------------------------------------------------------
 *
 * src/residence_category.h
 *	  Frozen codes of xdjy.residence_category: on-disk and binary format,
 *	  and the sort order.  Never renumber.
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_RESIDENCE_CATEGORY_H
#define XDJY_RESIDENCE_CATEGORY_H

#define RC_LONG_TERM_RESIDENT	1
#define RC_TEMPORARY_OUTSIDE	2

#endif							/* XDJY_RESIDENCE_CATEGORY_H */
