/// What keeping last quarter's pairs would have cost, measured: the best plan
/// that keeps every dropped pair that can still exist, solved exactly like
/// the plan itself, against the plan.
public struct ContinuityPrice: Sendable {
    /// The pairs that were kept in the measuring plan (every dropped pair
    /// that can still exist).
    public var keeping: [WorkerPractice]
    /// Dropped pairs no plan can have any more (the worker is no longer
    /// eligible, available or free enough for the practice).
    public var cannotKeep: [WorkerPractice]
    /// The measuring plan's terms; nil when no plan keeps them all (team
    /// size, hours or practice limits rule it out) or none was found in time.
    public var terms: Evaluation.Terms?
    /// Whether the measuring plan is proven the best that keeps them.
    public var proven: Bool

    /// Solves the scenario again with the plan's dropped pairs required.
    /// Nil when the plan drops nothing.
    public static func measure(_ scenario: Scenario, plan: Plan, options: SolveOptions,
                               control: SolveControl? = nil) throws -> ContinuityPrice? {
        guard let continuity = Continuity(scenario: scenario, plan: plan), !continuity.dropped.isEmpty else { return nil }
        let cannot = Set(Planner.pairsThatCannotExist(scenario, among: continuity.dropped))
        let keeping = continuity.dropped.filter { !cannot.contains($0) }
        guard !keeping.isEmpty else {
            return ContinuityPrice(keeping: [], cannotKeep: continuity.dropped, terms: nil, proven: true)
        }
        let result = try Planner.solve(scenario, options: options, control: control,
                                       keeping: continuity.kept + keeping, startingFrom: plan)
        return ContinuityPrice(keeping: keeping, cannotKeep: continuity.dropped.filter { cannot.contains($0) },
                               terms: result.evaluation?.terms,
                               proven: result.status == .optimal || result.status == .noPlan)
    }
}
