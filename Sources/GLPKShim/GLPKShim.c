#include "GLPKShim.h"
#include <glpk.h>
#include <setjmp.h>

/* One jump target per thread: Debian's GLPK keeps its environment per thread. */
static _Thread_local jmp_buf *tp_jump_target = NULL;

static void tp_error_hook(void *info) {
    (void)info;
    jmp_buf *target = tp_jump_target;
    /* GLPK's documentation: after a fatal error the environment is unusable;
       free it before leaving the hook. */
    glp_free_env();
    if (target != NULL) {
        longjmp(*target, 1);
    }
}

int tp_glpk_guarded(tp_glpk_body body, void *context) {
    jmp_buf here;
    jmp_buf *saved = tp_jump_target;
    if (setjmp(here) != 0) {
        tp_jump_target = saved;
        return TP_GLPK_FATAL;
    }
    tp_jump_target = &here;
    glp_error_hook(tp_error_hook, NULL);
    int status = body(context);
    glp_error_hook(NULL, NULL);
    tp_jump_target = saved;
    return status;
}

const char *tp_glpk_version(void) {
    return glp_version();
}
