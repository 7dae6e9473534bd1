#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <readline/readline.h>
#include <readline/history.h>

/* Ctrl-C while readline waits: readline's own handlers are off (rl_catch_signals = 0); this handler only notes
   the signal. The signal may land on another thread of the process, so the getc below does not rely on read()
   being interrupted: it polls the terminal a tenth of a second at a time and ends the line as at end of input. */
static volatile sig_atomic_t chargectl_rl_interrupt_flag = 0;

static void chargectl_rl_on_interrupt(int signal_number) {
    (void)signal_number;
    chargectl_rl_interrupt_flag = 1;
}

static int chargectl_rl_getc(FILE *stream) {
    int descriptor = fileno(stream);
    for (;;) {
        if (chargectl_rl_interrupt_flag) return EOF;
        struct pollfd waiting = { .fd = descriptor, .events = POLLIN };
        int ready = poll(&waiting, 1, 100);
        if (ready == 0 || (ready < 0 && errno == EINTR)) continue;
        if (ready < 0) return EOF;
        unsigned char byte;
        ssize_t count = read(descriptor, &byte, 1);
        if (count == 1) return byte;
        if (count == 0 || errno != EINTR) return EOF;
    }
}

/* The candidates of the question being asked, set before each readline() call. */
static char **chargectl_rl_candidates = NULL;
static int chargectl_rl_candidate_count = 0;

static char *chargectl_rl_generate(const char *text, int state) {
    static int next;
    static size_t length;
    if (state == 0) { next = 0; length = strlen(text); }
    while (next < chargectl_rl_candidate_count) {
        const char *candidate = chargectl_rl_candidates[next++];
        if (strncasecmp(candidate, text, length) == 0) return strdup(candidate);
    }
    return NULL;
}

static char **chargectl_rl_complete(const char *text, int start, int end) {
    (void)start; (void)end;
    rl_attempted_completion_over = 1; /* never fall back to file names */
    return rl_completion_matches(text, chargectl_rl_generate);
}

/* Reads one line with this question's completions; *interrupted says whether Ctrl-C ended it. */
static char *chargectl_readline(const char *prompt, char **candidates, int count, int *interrupted) {
    struct sigaction mine, previous;
    memset(&mine, 0, sizeof mine);
    mine.sa_handler = chargectl_rl_on_interrupt;
    sigemptyset(&mine.sa_mask);
    sigaction(SIGINT, &mine, &previous);
    chargectl_rl_interrupt_flag = 0;
    rl_catch_signals = 0;
    rl_getc_function = chargectl_rl_getc;
    rl_outstream = stderr; /* the conversation is on stderr; stdout keeps the result */
    rl_attempted_completion_function = chargectl_rl_complete;
    rl_completer_word_break_characters = (char *)" ,";
    chargectl_rl_candidates = candidates;
    chargectl_rl_candidate_count = count;
    char *line = readline(prompt);
    chargectl_rl_candidates = NULL;
    chargectl_rl_candidate_count = 0;
    *interrupted = chargectl_rl_interrupt_flag;
    chargectl_rl_interrupt_flag = 0;
    sigaction(SIGINT, &previous, NULL);
    return line;
}
