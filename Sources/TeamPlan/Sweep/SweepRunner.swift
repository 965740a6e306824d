import Foundation

/// What became of one point.
public struct SweepOutcome: Sendable {
    public var point: SweepPoint
    /// The solve's result (its plan checked by Evaluation), or nil on failure.
    public var result: SolveResult?
    /// Why the point has no result: GLPK failed, or the solver's plan failed
    /// the model's check.
    public var failure: String?
    /// Seconds from the start of this point to its end.
    public var seconds: Double
}

/// Something a sweep reports while it runs.
public enum SweepEvent: Sendable {
    case started(SweepPoint)
    case finished(SweepOutcome)
}

/// Solves the points of a sweep on `jobs` threads. Each point's GLPK problem
/// lives on one thread from creation to deletion, and the thread frees GLPK's
/// environment at the end of each solve (Debian's GLPK keeps its state per
/// thread), so points run side by side in one process.
public enum SweepRunner {
    public static func run(_ points: [SweepPoint], scenario: @escaping @Sendable (SweepPoint) -> Scenario, jobs: Int,
                           options: SolveOptions, control: SolveControl,
                           events: @escaping @Sendable (SweepEvent) -> Void = { _ in }) -> [SweepOutcome]
    {
        let queue = WorkQueue(points)
        let threads = max(1, min(jobs, points.count))
        let group = DispatchGroup()
        for _ in 0..<threads {
            group.enter()
            // GLPK's search and Swift's recursion over deep scenarios get
            // more stack than a secondary thread's default 512 KiB.
            let thread = Thread {
                defer { group.leave() }
                while !control.isStopped, let point = queue.next() {
                    events(.started(point))
                    let started = Date()
                    var outcome = SweepOutcome(point: point, result: nil, failure: nil, seconds: 0)
                    do {
                        outcome.result = try Planner.solve(scenario(point), options: options, control: control)
                    } catch {
                        outcome.failure = String(describing: error)
                    }
                    outcome.seconds = Date().timeIntervalSince(started)
                    queue.finish(outcome)
                    events(.finished(outcome))
                }
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        group.wait()
        return queue.outcomes.sorted { $0.point.index < $1.point.index }
    }
}

/// The points not yet started and the outcomes so far, behind one lock.
private final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [SweepPoint]
    private var done: [SweepOutcome] = []

    init(_ points: [SweepPoint]) { pending = points.reversed() }

    func next() -> SweepPoint? {
        lock.withLock { pending.popLast() }
    }

    func finish(_ outcome: SweepOutcome) {
        lock.withLock { done.append(outcome) }
    }

    var outcomes: [SweepOutcome] { lock.withLock { done } }
}
