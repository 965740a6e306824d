import Foundation

/// Where a solve's time went, in seconds from its start: until the first
/// valid plan, until the best plan was proven within 1 % and within 0.5 %
/// of the bound, until the last better plan, and until the proof. Nil: it
/// did not happen.
public struct SolveTimeline: Sendable, Equatable {
    public var firstPlan: Double?
    public var withinOnePercent: Double?
    public var withinHalfPercent: Double?
    public var lastImprovement: Double?
    public var proven: Double?

    public init(firstPlan: Double? = nil, withinOnePercent: Double? = nil, withinHalfPercent: Double? = nil,
                lastImprovement: Double? = nil, proven: Double? = nil) {
        self.firstPlan = firstPlan
        self.withinOnePercent = withinOnePercent
        self.withinHalfPercent = withinHalfPercent
        self.lastImprovement = lastImprovement
        self.proven = proven
    }

    /// Dates the gaps first reached: `gap` at `seconds`.
    mutating func reached(gap: Double, at seconds: Double) {
        if gap <= 0.01, withinOnePercent == nil { withinOnePercent = seconds }
        if gap <= 0.005, withinHalfPercent == nil { withinHalfPercent = seconds }
    }
}

/// Follows one solve across its phases (first plan, searches, neighbourhood
/// search): every report of every phase comes here, on whatever thread the
/// backend calls from. It keeps the timeline and passes reports on to the
/// caller's progress, each better plan at once and otherwise at most four
/// times a second.
final class SolveTracker: Sendable {
    private struct State {
        var best = Double.infinity
        var timeline = SolveTimeline()
        var lastForwarded = Date.distantPast
    }

    let started: Date
    private let forward: (@Sendable (SolveProgress) -> Void)?
    private let state = Locked(State())

    init(started: Date, forward: (@Sendable (SolveProgress) -> Void)?) {
        self.started = started
        self.forward = forward
    }

    /// One report: `incumbent` is the best plan so far, `mipGap` its gap to the bound.
    func observe(_ report: SolveProgress) {
        let now = Date()
        let seconds = now.timeIntervalSince(started)
        let passOn = state.withLock { s -> Bool in
            var improved = false
            if let incumbent = report.incumbent, incumbent < s.best {
                s.best = incumbent
                s.timeline.firstPlan = s.timeline.firstPlan ?? seconds
                s.timeline.lastImprovement = seconds
                improved = true
            }
            if report.incumbent != nil, let gap = report.mipGap { s.timeline.reached(gap: gap, at: seconds) }
            guard improved || now.timeIntervalSince(s.lastForwarded) >= 0.25 else { return false }
            s.lastForwarded = now
            return true
        }
        if passOn { forward?(report) }
    }

    /// The timeline of the solve that ended with `result`: what the reports
    /// did not show (a plan the search proved as it found it, a gap closed
    /// at the end) is dated at the end.
    func timeline(of result: SolveResult) -> SolveTimeline {
        var timeline = state.withLock { $0.timeline }
        let best = state.withLock { $0.best }
        let end = result.seconds
        guard let objective = result.objective, result.plan != nil else { return timeline }
        if timeline.firstPlan == nil { timeline.firstPlan = end }
        if objective < best - 1e-9 * max(1, abs(objective)) { timeline.lastImprovement = end }
        if timeline.lastImprovement == nil { timeline.lastImprovement = timeline.firstPlan }
        if let gap = result.mipGap { timeline.reached(gap: gap, at: end) }
        if result.status == .optimal {
            timeline.proven = end
            timeline.reached(gap: 0, at: end)
        }
        return timeline
    }
}
