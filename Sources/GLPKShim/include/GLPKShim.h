#ifndef TEAMPLAN_GLPKSHIM_H
#define TEAMPLAN_GLPKSHIM_H

#include <stddef.h>

/// A piece of work that calls GLPK. Returns its own status code.
typedef int (*tp_glpk_body)(void *context);

/// Runs `body(context)` with GLPK's error hook installed. If GLPK hits a fatal
/// error (where it would otherwise call abort()), the hook frees GLPK's
/// environment on this thread and jumps back here: the call returns
/// TP_GLPK_FATAL instead of the process dumping core. Otherwise it returns
/// what `body` returned. After TP_GLPK_FATAL every GLPK object the body made
/// on this thread is gone and must not be touched.
int tp_glpk_guarded(tp_glpk_body body, void *context);

#define TP_GLPK_FATAL (-424242)

/// GLPK's version, e.g. "5.0".
const char *tp_glpk_version(void);

#endif
