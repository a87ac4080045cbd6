/* test/fuzz/fuzz.h: what pg_stubs.c shares with the harnesses */
#ifndef XDJY_FUZZ_H
#define XDJY_FUZZ_H

#include <setjmp.h>

extern sigjmp_buf fuzz_jmp;
extern int	fuzz_sqlstate;
extern int	fuzz_elevel;

/* frees what the parsers palloc'd for the last input */
extern void fuzz_reset(void);

#endif
