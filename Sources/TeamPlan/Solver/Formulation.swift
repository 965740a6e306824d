/// model.md as a MIP: one encoding of the meaning that `Evaluation` states.
/// Its optimal solutions are exactly the optimal plans: every hard rule is a
/// family of rows (named H1…H9, one function each in `FormulationRules`),
/// the manager's pins are bounds (H10), lost occurrences are counted exactly
/// (an occurrence is lost if and only if its regular is away and no backup
/// of the practice is present), and the objective has all six terms.
///
/// Only variables that can be non-zero are made: a session only for an
/// eligible worker in a slot both available and open, and for a
/// worker whose plannable hours fit one session; a backup only for a worker
/// who may substitute; neither for a pair to avoid (H10). Names are readable (`x[anja,baandert,tue-am]`) for export.
public struct Formulation: Sendable {
    struct SessionVar: Sendable { var worker: String; var practice: String; var slot: Slot; var index: Int }
    struct PairVar: Sendable { var worker: String; var practice: String; var index: Int }
    struct FundingVar: Sendable { var stream: String; var practice: String; var activity: Activity; var index: Int }

    public let scenario: Scenario
    public private(set) var model: LinearModel
    private(set) var sessions: [SessionVar] = []
    private(set) var backups: [PairVar] = []
    private(set) var attendees: [PairVar] = []
    private(set) var funding: [FundingVar] = []

    /// y[w,p] of each (worker, practice) pair that can exist.
    private(set) var pairs: [WorkerPractice: Int] = [:]
    /// Pins the model has no column for (H1 or H6 rule them out on their
    /// own): no plan keeps them. The reader refuses such pins, so this is
    /// empty for a scenario that read; a scenario built in code may have them.
    public private(set) var impossiblePins: [Pin] = []

    /// With `keeping`, those (worker, practice) regular pairs are required:
    /// the best plan that keeps them, to measure what keeping them costs. A
    /// pair that cannot exist (`Planner.pairsThatCannotExist`) is not required.
    public init(_ scenario: Scenario, keeping: [WorkerPractice] = []) {
        self.scenario = scenario
        var rules = FormulationRules(scenario)
        rules.build()
        model = rules.model
        sessions = rules.sessions
        backups = rules.backups
        attendees = rules.attendees
        funding = rules.funding
        pairs = rules.pairs
        impossiblePins = rules.impossiblePins
        for kept in keeping {
            if let y = pairs[kept] { model.raiseLower(y, to: 1) }
        }
    }

    /// H1: every session a plan can hold, in the order the model makes them:
    /// practices that ask for sessions, eligible workers one session of which
    /// fits their plannable hours (H5) and who may take a practice, slots both
    /// available and open.
    static func possibleSessions(_ scenario: Scenario) -> [(worker: Worker, practice: Practice, slot: Slot)] {
        let overhead = scenario.overhead
        let avoided = scenario.avoidedPairs
        var result: [(worker: Worker, practice: Practice, slot: Slot)] = []
        for practice in scenario.practices where practice.sessionsPerWeek > 0 {
            let cost = practice.sessionHours * (1 + overhead.adminPerContactHour) + overhead.travelHoursPerVisit
            for worker in scenario.workers where worker.isEligible(for: practice) {
                guard worker.reservedHours + cost <= worker.hoursPerWeek + 1e-9, worker.maxPractices > 0,
                      !avoided.contains(WorkerPractice(worker: worker.id, practice: practice.id)) else { continue }
                for slot in practice.open where worker.available.contains(slot) {
                    result.append((worker, practice, slot))
                }
            }
        }
        return result
    }

    /// How many of the quarter's weeks have slot `s` open.
    static func openWeeks(_ calendar: QuarterCalendar, _ slot: Slot) -> Int {
        calendar.weeks.filter { calendar.isOpen(week: $0, slot: slot) }.count
    }

    /// The streams that may pay each activity at a practice. An activity
    /// with none is not a reason to drop the practice's sessions: a session
    /// whose every occurrence is lost or closed has no hours to pay, and still
    /// counts against the shortfall. The H8 rows force such hours to zero.
    static func payers(_ practice: Practice, _ scenario: Scenario) -> [Activity: [FundingStream]] {
        var result: [Activity: [FundingStream]] = [:]
        for activity in Activity.allCases {
            result[activity] = scenario.funding.filter { $0.pays(for: activity) && $0.covers(practice) }
        }
        return result
    }

    /// The plan a solution of the model stands for: the sessions, backups
    /// and MDO attendees whose binaries are 1, and the funding lines as the
    /// solver set H8's F columns (`fundingLines`). Nothing here counts hours:
    /// that is `Evaluation`'s, which then checks these lines against the
    /// hours it counts (H8), independently of this encoding.
    public func plan(from values: [Double], status: Plan.Status) -> Plan {
        var plan = Plan(scenario: scenario.name, status: status)
        plan.sessions = sessions.filter { values[$0.index] > 0.5 }
            .map { Plan.Session(worker: $0.worker, practice: $0.practice, slot: $0.slot.name) }
        plan.backups = backups.filter { values[$0.index] > 0.5 }.map { Plan.Role(worker: $0.worker, practice: $0.practice) }
        plan.mdo = attendees.filter { values[$0.index] > 0.5 }.map { Plan.Role(worker: $0.worker, practice: $0.practice) }
        plan.funding = fundingLines(from: values)
        return plan.sorted
    }

    /// The F[k,p,a] values as funding lines, rounded to a micro-hour (1e-6
    /// h) per (practice, activity) by `roundedToMicroHours`, so the lines of
    /// one activity at one practice sum exactly to their total rounded.
    /// Lines of zero are left out. (The F columns of one practice and
    /// activity are made together, in the scenario's order of streams.)
    func fundingLines(from values: [Double]) -> [Plan.Funding] {
        var lines: [Plan.Funding] = []
        var start = 0
        while start < funding.count {
            var end = start + 1
            while end < funding.count, funding[end].practice == funding[start].practice,
                  funding[end].activity == funding[start].activity { end += 1 }
            let group = funding[start..<end]
            for (line, hours) in zip(group, Self.roundedToMicroHours(group.map { values[$0.index] })) where hours > 0 {
                lines.append(Plan.Funding(stream: line.stream, practice: line.practice, activity: line.activity, hours: hours))
            }
            start = end
        }
        return lines
    }

    /// Largest-remainder rounding to whole micro-hours: each value (below
    /// zero, or not finite, as zero) rounded down, and the micro-hours left
    /// to reach the rounded sum given one each to the largest remainders,
    /// the earlier of equal ones first. The results sum exactly to the sum
    /// of the values rounded to a micro-hour.
    static func roundedToMicroHours(_ values: [Double]) -> [Double] {
        let perHour = 1_000_000.0
        let scaled = values.map { $0.isFinite && $0 > 0 ? $0 * perHour : 0 }
        var units = scaled.map { $0.rounded(.down) }
        let left = scaled.reduce(0, +).rounded() - units.reduce(0, +)
        let count = left.isFinite ? Int(min(max(0, left), Double(values.count))) : 0
        let byRemainder = scaled.indices.sorted { a, b in
            let ra = scaled[a] - units[a], rb = scaled[b] - units[b]
            return ra != rb ? ra > rb : a < b
        }
        for index in byRemainder.prefix(count) { units[index] += 1 }
        return units.map { $0 / perHour }
    }
}
