#include "GLPKShim.h"
#include <setjmp.h>
#include <stddef.h>
#include <string.h>

/* One jump target per thread: Debian's GLPK keeps its environment per thread. */
static _Thread_local jmp_buf *tp_jump_target = NULL;

static void tp_error_hook(void *info) {
    (void)info;
    jmp_buf *target = tp_jump_target;
    /* The message GLPK printed ends in its own source position; keep it. */
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

/* GLPK's last words on this thread: its output is kept (the last few
   hundred bytes) so that a fatal error can say what GLPK said. */
static _Thread_local char tp_output[1024];
static _Thread_local int tp_output_shown = 0;

static int tp_terminal(void *info, const char *text) {
    (void)info;
    size_t kept = strlen(tp_output), length = strlen(text);
    if (length >= sizeof tp_output) {
        text += length - (sizeof tp_output - 1);
        length = sizeof tp_output - 1;
    }
    if (kept + length >= sizeof tp_output) {
        size_t drop = kept + length - (sizeof tp_output - 1);
        memmove(tp_output, tp_output + drop, kept - drop + 1);
        kept -= drop;
    }
    memcpy(tp_output + kept, text, length + 1);
    return tp_output_shown ? 0 : 1; /* 0: GLPK prints it too */
}

void tp_set_terminal_output(int on) {
    tp_output_shown = on;
    tp_output[0] = 0;
    glp_term_hook(tp_terminal, NULL);
}

const char *tp_last_output(void) {
    return tp_output;
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
