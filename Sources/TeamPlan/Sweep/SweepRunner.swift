import Foundation

/// What became of one point.
public struct SweepOutcome: Sendable {
    public var point: SweepPoint
    /// The solve's result (its plan checked by Evaluation), or nil on failure.
    public var result: SolveResult?
    /// Why the point has no result: the solver failed, or its plan failed
    /// the model's check.
    public var failure: Failure?
    /// Seconds from the start of this point to its end.
    public var seconds: Double
    /// The sweep was stopped while this point was solved, and its solve
    /// did not finish with a proof (what it has is what the stop left).
    public var interrupted = false
}

/// Something a sweep reports while it runs.
public enum SweepEvent: Sendable {
    case started(SweepPoint)
    case finished(SweepOutcome)
}

/// Solves the points of a sweep on `jobs` threads (`SolveThreads`).
public enum SweepRunner {
    /// The outcomes of the points that were solved, in the points' order;
    /// after a stop, the points never started are missing.
    public static func run(_ points: [SweepPoint], scenario: @escaping @Sendable (SweepPoint) -> Scenario, jobs: Int,
                           options: SolveOptions, control: SolveControl,
                           events: @escaping @Sendable (SweepEvent) -> Void = { _ in }) -> [SweepOutcome]
    {
        let outcomes = SolveThreads.run(points, jobs: jobs, control: control,
                                        started: { events(.started($0)) },
                                        finished: { outcome, _ in events(.finished(outcome)) }) { point in
            let started = Date()
            var outcome = SweepOutcome(point: point, result: nil, failure: nil, seconds: 0)
            do {
                outcome.result = try Planner.solve(scenario(point), options: options, control: control)
            } catch {
                outcome.failure = .solvingOne(error)
            }
            outcome.seconds = Date().timeIntervalSince(started)
            outcome.interrupted = control.isStopped && (outcome.result.map { $0.status != .optimal } ?? false)
            return outcome
        }
        return outcomes.compactMap { $0 }
    }
}
