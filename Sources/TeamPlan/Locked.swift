import Foundation

/// A value behind a lock. Every lock in teamplan's code and tests is this
/// one, for ThreadSanitizer's sake (`make test-sanitize`):
/// - an NSLock (a pthread mutex), not the standard library's Mutex: on Linux
///   that waits on a futex TSan does not see, so two threads meeting under
///   it are reported as a race now and then;
/// - the value in memory of its own, not a stored property: a generic class
///   finds its properties through its type's metadata, so reading one reads
///   the object's first word, where TSan also files the inout access of a
///   value of no size (`Locked(())`, a lock that guards no value) — a race
///   reported between a thread entering and one inside (a CI run failed on it).
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private let storage: UnsafeMutablePointer<Value>

    public init(_ value: Value) {
        storage = .allocate(capacity: 1)
        storage.initialize(to: value)
    }

    deinit {
        storage.deinitialize(count: 1)
        storage.deallocate()
    }

    public func withLock<R, E: Error>(_ body: (inout Value) throws(E) -> R) throws(E) -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&storage.pointee)
    }
}
