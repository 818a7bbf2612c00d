#ifndef HOPFIELD_CNCURSES_SHIM_H
#define HOPFIELD_CNCURSES_SHIM_H

// The wide-character API (cchar_t, setcchar, wadd_wch) needs this before <curses.h>.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <curses.h>
#include <signal.h>
#include <string.h>
#include <stdio.h>
#include <errno.h>
#include <unistd.h>
#include <termios.h>

// Swift 6 rejects C globals (stdscr, LINES, COLS, COLORS) as shared mutable state and does not import
// function-like macros (A_*, COLOR_PAIR, KEY_*): everything Swift needs is reached through these.
static inline WINDOW *hop_stdscr(void) { return stdscr; }
static inline int hop_lines(void) { return LINES; }
static inline int hop_cols(void) { return COLS; }
static inline int hop_colors(void) { return COLORS; }
static inline int hop_color_pairs(void) { return COLOR_PAIRS; }
static inline int hop_err(void) { return ERR; }
static inline int hop_ok(void) { return OK; }

static inline attr_t hop_a_normal(void) { return A_NORMAL; }
static inline attr_t hop_a_bold(void) { return A_BOLD; }
static inline attr_t hop_a_reverse(void) { return A_REVERSE; }
static inline attr_t hop_a_underline(void) { return A_UNDERLINE; }
static inline attr_t hop_a_dim(void) { return A_DIM; }
static inline attr_t hop_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }

static inline int hop_key_resize(void) { return KEY_RESIZE; }
static inline int hop_key_mouse(void) { return KEY_MOUSE; }
static inline int hop_key_up(void) { return KEY_UP; }
static inline int hop_key_down(void) { return KEY_DOWN; }
static inline int hop_key_left(void) { return KEY_LEFT; }
static inline int hop_key_right(void) { return KEY_RIGHT; }
static inline int hop_key_enter(void) { return KEY_ENTER; }
static inline int hop_key_npage(void) { return KEY_NPAGE; }
static inline int hop_key_ppage(void) { return KEY_PPAGE; }
static inline int hop_key_backspace(void) { return KEY_BACKSPACE; }

static inline mmask_t hop_all_mouse_events(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t hop_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t hop_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t hop_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t hop_button3_pressed(void) { return BUTTON3_PRESSED; }
static inline mmask_t hop_button3_released(void) { return BUTTON3_RELEASED; }
static inline mmask_t hop_button3_clicked(void) { return BUTTON3_CLICKED; }
static inline mmask_t hop_report_mouse_position(void) { return REPORT_MOUSE_POSITION; }

/// Sets one cell to a wide character with attributes; returns ERR or OK.
static inline int hop_put_wide(WINDOW *win, int y, int x, wchar_t ch, attr_t attrs, short pair) {
    cchar_t cc;
    wchar_t wstr[2] = { ch, L'\0' };
    if (setcchar(&cc, wstr, attrs, pair, NULL) == ERR) return ERR;
    return mvwadd_wch(win, y, x, &cc);
}

/// 1 when the current locale's character set is UTF-8 (after setlocale(LC_ALL, "")).
static inline int hop_locale_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    if (!cs) return 0;
    return (cs[0] == 'U' || cs[0] == 'u') && (cs[1] == 'T' || cs[1] == 't') && (cs[2] == 'F' || cs[2] == 'f');
}

static inline int hop_key_code_yes(void) { return KEY_CODE_YES; }
static inline int hop_key_home(void) { return KEY_HOME; }
static inline int hop_key_end(void) { return KEY_END; }
/// KEY_F(1) … KEY_F(63): function keys are consecutive codes after KEY_F0.
static inline int hop_key_f0(void) { return KEY_F0; }
/// Clicks that reach ncurses in one read are merged, two or three of them into one double/triple click.
static inline mmask_t hop_button1_any_click(void) { return BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON1_TRIPLE_CLICKED; }
static inline mmask_t hop_button3_any_click(void) { return BUTTON3_CLICKED | BUTTON3_DOUBLE_CLICKED | BUTTON3_TRIPLE_CLICKED; }
static inline mmask_t hop_button2_pressed(void) { return BUTTON2_PRESSED; }
static inline mmask_t hop_button4_pressed(void) { return BUTTON4_PRESSED; }
#ifdef BUTTON5_PRESSED
static inline mmask_t hop_button5_pressed(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t hop_button5_pressed(void) { return 0; }
#endif

/// 1 when the terminal can move the cursor to any cell (a full-screen view needs it; TERM=dumb cannot).
static inline int hop_can_address_cursor(void) {
    char *s = tigetstr("cup");
    return s != NULL && s != (char *)-1;
}

/// A screen on the process's stdin/stdout (NULL when TERM is unknown), without initscr's exit on failure.
static inline SCREEN *hop_newterm(void) { return newterm(NULL, stdout, stdin); }

// ---- Signals. Everything here is used from one Swift file (TerminalIO/Signals.swift): the static
// storage below exists once per object file that includes it.
//
// While the screen is up, every signal whose default action ends the process is caught, so the terminal
// is always put back: asynchronous ones (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGALRM, SIGXCPU, real-time
// signals…) set a flag the run loop polls, which ends the session in order and exits with 128 + the
// signal; a second one while the first is pending restores the terminal and dies of it at once. Faults
// (SIGSEGV, SIGABRT, …) restore the terminal and re-raise with the default action, so neither a core dump
// nor Swift's backtracer ("Press space to interact") runs over the screen. SIGPIPE is ignored.

static volatile sig_atomic_t hop_quit_signal = 0;

static const int hop_async_signals[] = {
    SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ,
#ifdef SIGIO
    SIGIO,
#endif
#ifdef SIGPWR
    SIGPWR,
#endif
#ifdef SIGSTKFLT
    SIGSTKFLT,
#endif
};
static const int hop_fault_signals[] = { SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGSYS };

#ifdef SIGRTMIN
#define HOP_MAX_SIGNAL 65
#else
#define HOP_MAX_SIGNAL 32
#endif
/// The dispositions found at install time, put back by `hop_restore_signal_handlers` (function-local
/// storage: Swift's importer emits a header's static functions where used, but not its static arrays).
typedef struct { struct sigaction action[HOP_MAX_SIGNAL + 1]; int saved[HOP_MAX_SIGNAL + 1]; } hop_saved_signals;
static hop_saved_signals *hop_saved_table(void) {
    static hop_saved_signals table;
    return &table;
}

/// Puts the terminal back, then dies of `sig` with its default action.
static void hop_die_restored(int sig) {
    endwin();
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
}

static void hop_on_quit_signal(int sig) {
    if (hop_quit_signal != 0) hop_die_restored(sig);  // a second signal: the loop did not get to it
    hop_quit_signal = sig;
}

/// A crash: put the terminal back, then die of the same signal.
static void hop_on_crash_signal(int sig) { hop_die_restored(sig); }

static void hop_catch(int sig, void (*handler)(int), int flags) {
    if (sig <= 0 || sig > HOP_MAX_SIGNAL) return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = handler;
    sa.sa_flags = flags;
    hop_saved_signals *t = hop_saved_table();
    if (sigaction(sig, &sa, &t->action[sig]) == 0) t->saved[sig] = 1;
}

/// Asynchronous signals set a flag (no SA_RESTART, so a blocking read returns at once); faults restore
/// the terminal and re-raise; SIGPIPE is ignored.
static inline void hop_install_signal_handlers(void) {
    hop_quit_signal = 0;
    for (unsigned k = 0; k < sizeof hop_async_signals / sizeof hop_async_signals[0]; k++) {
        hop_catch(hop_async_signals[k], hop_on_quit_signal, 0);
    }
#ifdef SIGRTMIN
    for (int sig = SIGRTMIN; sig <= SIGRTMAX; sig++) hop_catch(sig, hop_on_quit_signal, 0);
#endif
    for (unsigned k = 0; k < sizeof hop_fault_signals / sizeof hop_fault_signals[0]; k++) {
        hop_catch(hop_fault_signals[k], hop_on_crash_signal, SA_NODEFER);
    }
    hop_catch(SIGPIPE, SIG_IGN, 0);
}

/// The dispositions from before the screen again (after it is gone).
static inline void hop_restore_signal_handlers(void) {
    hop_saved_signals *t = hop_saved_table();
    for (int sig = 1; sig <= HOP_MAX_SIGNAL; sig++) {
        if (t->saved[sig]) {
            sigaction(sig, &t->action[sig], NULL);
            t->saved[sig] = 0;
        }
    }
}

/// The terminal's software flow control (IXON: Ctrl-S stops output until Ctrl-Q) off in the screen's
/// mode, so Ctrl-S cannot freeze the view; recorded as ncurses' program mode, and undone by `endwin`,
/// which restores the mode saved when the screen opened.
static inline void hop_disable_flow_control(void) {
    struct termios t;
    if (tcgetattr(STDIN_FILENO, &t) != 0) return;
    t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
    tcsetattr(STDIN_FILENO, TCSANOW, &t);
    def_prog_mode();
}

/// The quit signal received so far (0 if none).
static inline int hop_pending_quit_signal(void) { return (int)hop_quit_signal; }

static inline int hop_errno(void) { return errno; }
static inline void hop_clear_errno(void) { errno = 0; }
static inline int hop_eio(void) { return EIO; }
static inline int hop_eintr(void) { return EINTR; }

/// Asks an xterm-compatible terminal to report motion while a button is held (mode 1002, for drag
/// painting); ncurses itself asks for presses and releases only (mode 1000), and all-motion mode (1003)
/// would wake the program on every mouse move. Written straight to the terminal, after ncurses has
/// flushed its own mouse set-up.
static inline void hop_enable_drag_reports(int on) {
    fflush(stdout);
    fputs(on ? "\033[?1002h" : "\033[?1002l", stdout);
    fflush(stdout);
}

#endif
