/*-------------------------------------------------------------------------
 *
 * src/restore.h
 *	  Is this session restoring a dump?  See src/restore.c.
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_RESTORE_H
#define XDJY_RESTORE_H

extern bool xdjy_restoring(void);

#endif							/* XDJY_RESTORE_H */
