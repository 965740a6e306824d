import Foundation

/// Runs independent solves on `jobs` threads of this process: a sweep's
/// points, explain's re-solves. Each solve's GLPK problem lives on one thread
/// from creation to deletion, and the thread frees GLPK's environment at the
/// end of each solve (Debian's GLPK keeps its state per thread), so solves
/// run side by side without sharing anything. Measured against processes in
/// docs/scale-out.md ("Threads, not processes").
public enum SolveThreads {
    /// Each item solved once, at most `jobs` at a time, in the order given;
    /// once `control` is stopped no new one starts (the running ones end
    /// with their best plans). The outcomes in the items' order, nil for an
    /// item never started.
    public static func run<Item: Sendable, Outcome: Sendable>(
        _ items: [Item], jobs: Int, control: SolveControl,
        started: @escaping @Sendable (Item) -> Void = { _ in },
        finished: @escaping @Sendable (Outcome, _ done: Int) -> Void = { _, _ in },
        solve: @escaping @Sendable (Item) -> Outcome
    ) -> [Outcome?] {
        let queue = WorkQueue<Item, Outcome>(items)
        let group = DispatchGroup()
        for _ in 0..<max(1, min(jobs, items.count)) {
            group.enter()
            // GLPK's search and Swift's recursion over deep scenarios get
            // more stack than a secondary thread's default 512 KiB.
            let thread = Thread {
                defer { group.leave() }
                while !control.isStopped, let (index, item) = queue.next() {
                    started(item)
                    let outcome = solve(item)
                    finished(outcome, queue.finish(index, outcome))
                }
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        group.wait()
        return queue.outcomes
    }
}

/// The items not yet started and the outcomes so far, behind one lock.
private final class WorkQueue<Item: Sendable, Outcome: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private let items: [Item]
    private var nextIndex = 0
    private var done: [Outcome?]
    private var count = 0

    init(_ items: [Item]) {
        self.items = items
        done = Array(repeating: nil, count: items.count)
    }

    func next() -> (Int, Item)? {
        lock.withLock {
            guard nextIndex < items.count else { return nil }
            defer { nextIndex += 1 }
            return (nextIndex, items[nextIndex])
        }
    }

    /// Records an outcome; returns how many have ended.
    func finish(_ index: Int, _ outcome: Outcome) -> Int {
        lock.withLock {
            done[index] = outcome
            count += 1
            return count
        }
    }

    var outcomes: [Outcome?] { lock.withLock { done } }
}
