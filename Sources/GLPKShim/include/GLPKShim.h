#ifndef TEAMPLAN_GLPKSHIM_H
#define TEAMPLAN_GLPKSHIM_H

#include <glpk.h>

/// Returned by the guarded calls when GLPK hit a fatal error (where it would
/// otherwise call abort()). GLPK's environment on this thread has then been
/// freed: every problem made on it is gone and must not be touched.
#define TP_GLPK_FATAL (-424242)

/// glp_intopt with GLPK's error hook installed: its return code, or
/// TP_GLPK_FATAL. The jump target lives in C, so a fatal error never
/// unwinds Swift frames (the callback must not call GLPK with bad arguments).
int tp_intopt(glp_prob *problem, const glp_iocp *parameters);

/// glp_simplex, guarded in the same way.
int tp_simplex(glp_prob *problem, const glp_smcp *parameters);

/// GLPK's terminal output on (1) or off (0) for this thread; either way
/// the last few hundred bytes of it are kept (tp_last_output).
void tp_set_terminal_output(int on);

/// What GLPK printed last on this thread (since tp_set_terminal_output):
/// after a fatal error, its message.
const char *tp_last_output(void);

/// Provokes a GLPK fatal error under the hook, for tests of that path:
/// returns TP_GLPK_FATAL when the hook works.
int tp_force_fatal_error(void);

/// GLPK's version, e.g. "5.0".
const char *tp_glpk_version(void);

#endif
