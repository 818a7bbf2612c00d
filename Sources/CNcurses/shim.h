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

static volatile sig_atomic_t hop_quit_signal = 0;

static void hop_on_quit_signal(int sig) { hop_quit_signal = sig; }

/// A crash: put the terminal back, then die of the same signal (SA_RESETHAND restored the default).
static void hop_on_crash_signal(int sig) {
    endwin();
    raise(sig);
}

/// SIGINT, SIGTERM, SIGHUP set a flag (no SA_RESTART, so a blocking read returns at once);
/// SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE restore the terminal and re-raise; SIGPIPE is ignored.
static inline void hop_install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = hop_on_quit_signal;
    sa.sa_flags = 0;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    struct sigaction crash;
    memset(&crash, 0, sizeof crash);
    sigemptyset(&crash.sa_mask);
    crash.sa_handler = hop_on_crash_signal;
    crash.sa_flags = SA_RESETHAND | SA_NODEFER;
    sigaction(SIGSEGV, &crash, NULL);
    sigaction(SIGABRT, &crash, NULL);
    sigaction(SIGBUS, &crash, NULL);
    sigaction(SIGILL, &crash, NULL);
    sigaction(SIGFPE, &crash, NULL);
    signal(SIGPIPE, SIG_IGN);
}

/// Default dispositions again (after the screen is gone).
static inline void hop_restore_signal_handlers(void) {
    int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE };
    for (unsigned k = 0; k < sizeof sigs / sizeof sigs[0]; k++) signal(sigs[k], SIG_DFL);
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
