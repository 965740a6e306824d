/// A plan in machine form: plan.json of model.md, written by `plan` and
/// read back by `verify`, `report` and `previous:`. Names stay text here, so
/// that a plan naming a worker the scenario lacks can still be read and then
/// judged by `Evaluation`.
public struct Plan: Sendable, Hashable {
    /// How the plan came to be: proven best, the best found before a stop, or none.
    public enum Status: String, Sendable, CaseIterable {
        /// Proven best by model.md's objective.
        case optimal
        /// Valid; optimality not proven (time limit or interrupt).
        case feasible
        /// No plan was found.
        case noPlan = "no_plan"
    }

    /// Every week, `worker` holds one session at `practice` in `slot`.
    public struct Session: Sendable, Hashable, Comparable {
        public var worker: String
        public var practice: String
        public var slot: String

        public init(worker: String, practice: String, slot: String) {
            self.worker = worker
            self.practice = practice
            self.slot = slot
        }

        public static func < (a: Session, b: Session) -> Bool {
            (a.worker, a.practice, a.slot) < (b.worker, b.practice, b.slot)
        }
    }

    /// A (worker, practice) pair: a designated backup, or an MDO attendee.
    public typealias Role = WorkerPractice

    /// Hours of `activity` at `practice` over the quarter paid by `stream`.
    public struct Funding: Sendable, Hashable, Comparable {
        public var stream: String
        public var practice: String
        public var activity: Activity
        public var hours: Double

        public init(stream: String, practice: String, activity: Activity, hours: Double) {
            self.stream = stream
            self.practice = practice
            self.activity = activity
            self.hours = hours
        }

        public static func < (a: Funding, b: Funding) -> Bool {
            (a.stream, a.practice, a.activity.rawValue) < (b.stream, b.practice, b.activity.rawValue)
        }
    }

    /// The totals a plan states about itself (model.md); `verify` recomputes them.
    public struct Totals: Sendable, Hashable {
        public var gapHours: Double
        public var missingBackups: Int
        public var pairs: Int
        public var droppedPairs: Int
        /// Nil in plan files written before dropped sessions were counted.
        public var droppedSessions: Int?
        /// Nil in plan files written before preferences existed.
        public var unmetPreference: Double?

        public init(gapHours: Double, missingBackups: Int, pairs: Int, droppedPairs: Int,
                    droppedSessions: Int? = 0, unmetPreference: Double? = 0) {
            self.gapHours = gapHours
            self.missingBackups = missingBackups
            self.pairs = pairs
            self.droppedPairs = droppedPairs
            self.droppedSessions = droppedSessions
            self.unmetPreference = unmetPreference
        }
    }

    public var scenario: String
    public var status: Status
    public var objective: Double?
    public var bound: Double?
    public var mipGap: Double?
    public var solveSeconds: Double?
    public var sessions: [Session]
    public var backups: [Role]
    public var mdo: [Role]
    public var funding: [Funding]
    public var totals: Totals?
    /// A replan's first day (`teamplan replan --from`): the plan holds from
    /// that date's week to the quarter's end; nil for a whole quarter.
    public var from: LocalDate?
    /// The least-money tie-break (`--least-money`), when the plan took it:
    /// in plan.json, so that `teamplan report` and `verify` see it too.
    public var leastMoney: LeastMoney?

    public init(scenario: String, status: Status, objective: Double? = nil, bound: Double? = nil,
                mipGap: Double? = nil, solveSeconds: Double? = nil, sessions: [Session] = [],
                backups: [Role] = [], mdo: [Role] = [], funding: [Funding] = [], totals: Totals? = nil)
    {
        self.scenario = scenario
        self.status = status
        self.objective = objective
        self.bound = bound
        self.mipGap = mipGap
        self.solveSeconds = solveSeconds
        self.sessions = sessions
        self.backups = backups
        self.mdo = mdo
        self.funding = funding
        self.totals = totals
    }

    /// The same plan with every list sorted by its fields, so that the same
    /// plan always gives the same bytes.
    public var sorted: Plan {
        var copy = self
        copy.sessions.sort()
        copy.backups.sort()
        copy.mdo.sort()
        copy.funding.sort()
        return copy
    }

    /// The distinct (regular, practice) pairs.
    public var regularPairs: Set<Role> {
        Set(sessions.map { Role(worker: $0.worker, practice: $0.practice) })
    }
}
