/// This quarter's regular pairs against last quarter's (`previous` in the
/// scenario): who stays where, who leaves a practice, who is new where.
public struct Continuity: Sendable, Equatable {
    /// Pairs of the previous plan that this plan keeps.
    public var kept: [WorkerPractice]
    /// Pairs of the previous plan this plan drops: the worker leaves the practice.
    public var dropped: [WorkerPractice]
    /// Pairs of this plan the previous one did not have: the worker is new there.
    public var new: [WorkerPractice]
    /// What became of each session of the previous plan (worker, practice and
    /// slot still in the scenario), and which of this plan's are new, per pair.
    public var sessions: [WorkerPractice: [SessionChange]]

    /// One session against last quarter's.
    public enum SessionChange: Sendable, Equatable, Comparable {
        /// The same worker at the same practice in the same slot.
        case kept(String)
        /// The pair stays, in another slot (patients and the GP knew the old one).
        case moved(from: String, to: String)
        /// Last quarter's session is not held, nor moved.
        case dropped(String)
        /// A session last quarter did not have.
        case new(String)

        public var isChange: Bool { if case .kept = self { false } else { true } }
    }

    /// Sessions kept, moved, dropped and new, counted over every pair.
    public var sessionCounts: (kept: Int, moved: Int, dropped: Int, new: Int) {
        var counts = (kept: 0, moved: 0, dropped: 0, new: 0)
        for change in sessions.values.joined() {
            switch change {
            case .kept: counts.kept += 1
            case .moved: counts.moved += 1
            case .dropped: counts.dropped += 1
            case .new: counts.new += 1
            }
        }
        return counts
    }

    /// Nil when the scenario names no previous plan.
    public init?(scenario: Scenario, plan: Plan) {
        guard let previous = scenario.previous else { return nil }
        let now = Set(plan.sessions.map { WorkerPractice(worker: $0.worker, practice: $0.practice) })
        let before = Set(previous.pairs)
        kept = now.intersection(before).sorted()
        dropped = before.subtracting(now).sorted()
        new = now.subtracting(before).sorted()
        sessions = Self.sessionChanges(previous: previous.sessions, now: plan.sessions)
    }

    /// Per pair: the previous sessions kept; the rest paired with this
    /// plan's new sessions of the same pair in slot order (moved); what is
    /// left dropped or new.
    static func sessionChanges(previous: [Plan.Session], now: [Plan.Session]) -> [WorkerPractice: [SessionChange]] {
        func pair(_ s: Plan.Session) -> WorkerPractice { WorkerPractice(worker: s.worker, practice: s.practice) }
        let before = Dictionary(grouping: Set(previous), by: pair), after = Dictionary(grouping: Set(now), by: pair)
        var result: [WorkerPractice: [SessionChange]] = [:]
        for key in Set(before.keys).union(after.keys) {
            let old = Set((before[key] ?? []).map(\.slot)), new = Set((after[key] ?? []).map(\.slot))
            var changes = old.intersection(new).sorted().map { SessionChange.kept($0) }
            let gone = old.subtracting(new).sorted(), came = new.subtracting(old).sorted()
            changes += zip(gone, came).map { SessionChange.moved(from: $0, to: $1) }
            changes += gone.dropFirst(came.count).map { SessionChange.dropped($0) }
            changes += came.dropFirst(gone.count).map { SessionChange.new($0) }
            result[key] = changes
        }
        return result
    }
}
