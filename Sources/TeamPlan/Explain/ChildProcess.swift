import SystemShim

/// What a process that another teamplan started (an explain re-solve) does
/// to end with it.
public enum ChildProcess {
    /// From now on the system sends `signal` to this process when its parent
    /// ends, however it ends (SIGKILL, a closed terminal): a re-solve never
    /// searches on for nobody. On a system without the call, nothing changes.
    public static func endWithParent(signal: Int32) {
        _ = tp_end_with_parent(signal)
    }
}
