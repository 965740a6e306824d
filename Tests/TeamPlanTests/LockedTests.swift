import Dispatch
import Testing
@testable import TeamPlan

/// `Locked` is the one lock of teamplan's code and tests (docs/reliability.md):
/// it keeps its value whole across threads, and ThreadSanitizer sees it
/// (`make test-sanitize` fails on any race it reports).
struct LockedTests {
    @Test func manyThreadsCountingUnderTheLockLoseNoCount() {
        let count = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<2_000 { count.withLock { $0 += 1 } }
        }
        #expect(count.withLock { $0 } == 16_000)
    }

    /// A lock over no value (the editor's one-save-at-a-time lock) taken by
    /// many threads at once: ThreadSanitizer reported it as a race when the
    /// value was a stored property of the generic class.
    @Test func aLockOverNoValueIsTakenByManyThreadsAtOnce() {
        let lock = Locked(())
        let entered = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<2_000 { lock.withLock { _ in entered.withLock { $0 += 1 } } }
        }
        #expect(entered.withLock { $0 } == 16_000)
    }
}
