import CNcurses

/// Signal handling, kept in one file because the C shim's flag is file-static (one copy per object file).
enum Signals {
    /// Every signal that would end the process is caught while the screen is up (see shim.h): asynchronous
    /// ones set a flag the run loop polls, faults restore the terminal and re-raise.
    static func install() { hop_install_signal_handlers() }
    static func restore() { hop_restore_signal_handlers() }
    /// The quit signal received, if any.
    static var pending: Int32? {
        let s = hop_pending_quit_signal()
        return s == 0 ? nil : s
    }
}
