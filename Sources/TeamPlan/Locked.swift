import Foundation

/// A value behind a lock. An NSLock (a pthread mutex), not the standard
/// library's Mutex: on Linux that waits on a futex ThreadSanitizer does not
/// see, so every access under it from two threads is reported as a race
/// (now and then, as the threads happen to meet). Every lock in teamplan's
/// code and tests is this one.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    public func withLock<R, E: Error>(_ body: (inout Value) throws(E) -> R) throws(E) -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
