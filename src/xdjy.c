/*-------------------------------------------------------------------------
 *
 * src/xdjy.c
 *	  Module entry point: the single _PG_init, calling one init per concept.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"

#include "reference_cache.h"
#include "spi_plans.h"
#include "xdjy.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

void
_PG_init(void)
{
	xdjy_guc_init();
	xdjy_reference_cache_init();
	xdjy_spi_plans_init();
}
