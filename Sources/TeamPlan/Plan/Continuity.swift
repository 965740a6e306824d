/// This quarter's regular pairs against last quarter's (`previous` in the
/// scenario): who stays where, who leaves a practice, who is new where.
public struct Continuity: Sendable, Equatable {
    /// Pairs of the previous plan that this plan keeps.
    public var kept: [WorkerPractice]
    /// Pairs of the previous plan this plan drops: the worker leaves the practice.
    public var dropped: [WorkerPractice]
    /// Pairs of this plan the previous one did not have: the worker is new there.
    public var new: [WorkerPractice]

    /// Nil when the scenario names no previous plan.
    public init?(scenario: Scenario, plan: Plan) {
        guard let previous = scenario.previous else { return nil }
        let now = Set(plan.sessions.map { WorkerPractice(worker: $0.worker, practice: $0.practice) })
        let before = Set(previous.pairs)
        kept = now.intersection(before).sorted()
        dropped = before.subtracting(now).sorted()
        new = now.subtracting(before).sorted()
    }
}
