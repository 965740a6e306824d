import Foundation

/// A value behind a lock. An NSLock (a pthread mutex), not the standard
/// library's Mutex: on Linux that waits on a futex ThreadSanitizer does not
/// see, so every access under it was reported as a race.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<R, E: Error>(_ body: (inout Value) throws(E) -> R) throws(E) -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
