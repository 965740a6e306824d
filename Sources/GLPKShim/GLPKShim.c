#include "GLPKShim.h"
#include <setjmp.h>
#include <stddef.h>

/* One jump target per thread: Debian's GLPK keeps its environment per thread. */
static _Thread_local jmp_buf *tp_jump_target = NULL;

static void tp_error_hook(void *info) {
    (void)info;
    jmp_buf *target = tp_jump_target;
    /* GLPK's manual: after a fatal error the environment is unusable; free it
       before leaving the hook, then return to the guarded call. */
    glp_free_env();
    if (target != NULL) {
        longjmp(*target, 1);
    }
}

#define TP_GUARDED(call)                       \
    do {                                       \
        jmp_buf here;                          \
        jmp_buf *saved = tp_jump_target;       \
        if (setjmp(here) != 0) {               \
            tp_jump_target = saved;            \
            return TP_GLPK_FATAL;              \
        }                                      \
        tp_jump_target = &here;                \
        glp_error_hook(tp_error_hook, NULL);   \
        int status = (call);                   \
        glp_error_hook(NULL, NULL);            \
        tp_jump_target = saved;                \
        return status;                         \
    } while (0)

int tp_intopt(glp_prob *problem, const glp_iocp *parameters) {
    TP_GUARDED(glp_intopt(problem, parameters));
}

int tp_simplex(glp_prob *problem, const glp_smcp *parameters) {
    TP_GUARDED(glp_simplex(problem, parameters));
}

static int tp_silent(void *info, const char *text) {
    (void)info;
    (void)text;
    return 1; /* handled: print nothing */
}

void tp_set_terminal_output(int on) {
    glp_term_hook(on ? NULL : tp_silent, NULL);
}

static int tp_fatal_body(void) {
    glp_prob *problem = glp_create_prob();
    /* Column 5 of a problem with no columns: GLPK reports it as fatal. */
    glp_set_obj_coef(problem, 5, 1.0);
    glp_delete_prob(problem);
    return 0;
}

int tp_force_fatal_error(void) {
    TP_GUARDED(tp_fatal_body());
}

const char *tp_glpk_version(void) {
    return glp_version();
}
