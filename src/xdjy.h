/*-------------------------------------------------------------------------
 *
 * src/xdjy.h
 *	  Declarations shared across xdjy's C files: the settings (GUCs),
 *	  values cut for messages, and each concept's init hook called from
 *	  _PG_init.
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_H
#define XDJY_H

#include "postgres.h"

/* Output language of labels and explanations: GUC xdjy.language */
typedef enum XdjyLanguage
{
	XDJY_LANG_EN = 0,
	XDJY_LANG_ZH = 1
} XdjyLanguage;

extern int	xdjy_language;
extern bool xdjy_allow_drop_with_data;

/* a caller's value for a message: long ones cut, with a marker (clip.c) */
extern const char *xdjy_clip(const char *s);

extern void xdjy_guc_init(void);
extern XdjyLanguage xdjy_parse_language(text *lang);

#endif							/* XDJY_H */
