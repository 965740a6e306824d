import Foundation

/// The outcome of planning, whatever happened inside the solver.
public struct SolveResult: Sendable {
    /// How a solve ended: optimal, feasible when stopped, no plan, or stopped before any plan.
    public enum Status: String, Sendable {
        /// The plan is proven best by model.md's objective.
        case optimal
        /// A valid plan; optimality not proven (time limit, MIP gap or interrupt).
        case feasible
        /// No valid plan exists (cannot happen for a valid scenario: the empty
        /// plan is always valid; kept for completeness).
        case noPlan = "no_plan"
        /// Stopped before any valid plan was found.
        case stopped
    }

    public var status: Status
    /// The plan, checked by `Evaluation`; nil when stopped or no plan.
    public var plan: Plan?
    public var evaluation: Evaluation?
    public var objective: Double?
    public var bound: Double?
    public var mipGap: Double?
    public var seconds: Double
    /// Where the plan came from: solved here, or read from a file.
    public var origin: Origin
    /// The size of the model that was solved; nil for a plan read from a file.
    public var modelSize: ModelSize?
    /// Where the time went: the LP bound at the root, the seconds until the
    /// search began (presolve and root LP), and the subproblems searched.
    public var rootBound: Double?
    public var rootSeconds: Double?
    public var nodes: Int = 0
    /// Where the time went: first plan, within 1 %, last improvement, proof.
    public var timeline = SolveTimeline()
    /// The least-money tie-break, when it was asked for (`SolveOptions.leastMoney`).
    public var leastMoney: LeastMoney?

    /// Where a result's plan came from.
    public enum Origin: Sendable {
        /// Solved here (`plan`, `explain`, a sweep's point).
        case solved
        /// Read from a plan file and checked (`report`, `explain --plan`):
        /// its status, bound and time are what the file states.
        case file
    }

    /// How large the solved model was.
    public struct ModelSize: Sendable, Equatable {
        public var variables: Int
        public var integerVariables: Int
        public var rows: Int

        public init(variables: Int, integerVariables: Int, rows: Int) {
            self.variables = variables
            self.integerVariables = integerVariables
            self.rows = rows
        }

        public init(_ model: LinearModel) {
            self.init(variables: model.variables.count, integerVariables: model.integerCount, rows: model.rows.count)
        }
    }

    /// A plan read from a file, as a result: its stated status, bound and
    /// time, and the evaluation's objective.
    public init(readFrom plan: Plan, evaluation: Evaluation) {
        status = plan.status == .optimal ? .optimal : .feasible
        self.plan = plan
        self.evaluation = evaluation
        objective = evaluation.terms.objective
        bound = plan.bound
        mipGap = plan.mipGap
        seconds = plan.solveSeconds ?? 0
        leastMoney = plan.leastMoney
        origin = .file
        modelSize = nil
    }

    /// A solve's result before its plan is read and checked: the status,
    /// bound and time the backend reported.
    init(solved raw: RawSolution, model: LinearModel) {
        status = .stopped
        bound = raw.bound
        mipGap = raw.gap
        seconds = raw.seconds
        origin = .solved
        modelSize = ModelSize(model)
        rootBound = raw.rootBound
        rootSeconds = raw.rootSeconds
        nodes = raw.nodes
    }
}

extension SolveResult {
    /// The least-money plan in place of the first solve's: the same status,
    /// bound and objective (a plan of lower objective, possible only when the
    /// first was not proven, lowers the objective and its gap with it).
    mutating func takeLeastMoney(_ chosen: Planner.Incumbent, _ least: LeastMoney, seconds: Double) {
        guard var plan = self.plan else { return }
        let objective = chosen.evaluation.terms.objective
        plan.sessions = chosen.plan.sessions
        plan.backups = chosen.plan.backups
        plan.mdo = chosen.plan.mdo
        plan.funding = chosen.plan.funding
        plan.totals = chosen.evaluation.totals
        plan.solveSeconds = seconds
        plan.leastMoney = least
        // Within the slack of the first objective; below it only when that was not proven.
        plan.objective = objective
        if let bound = plan.bound, plan.status != .optimal {
            plan.bound = min(bound, objective)
            plan.mipGap = Planner.relativeGap(objective: objective, bound: min(bound, objective))
        } else if plan.status == .optimal, let bound = plan.bound {
            // A plan a hair above the optimum (within the tie-break's
            // millionth) does not raise the proven bound.
            plan.bound = min(bound, objective)
            plan.mipGap = Planner.relativeGap(objective: objective, bound: min(bound, objective))
        }
        take(plan, chosen.evaluation)
        self.seconds = seconds
        leastMoney = least
    }

    mutating func take(_ plan: Plan, _ evaluation: Evaluation) {
        self.plan = plan
        self.evaluation = evaluation
        objective = plan.objective
        bound = plan.bound
        mipGap = plan.mipGap
    }

    /// The answer: this search's plan when it has one, else `best` (the
    /// first plan or one the neighbourhood search found) with this search's
    /// bound; a bound within one lattice step of its objective proves it.
    func answer(_ best: Planner.Incumbent, started: Date, step: Double?) -> SolveResult {
        var result = self
        let seconds = Date().timeIntervalSince(started)
        result.seconds = seconds
        if let own = result.evaluation, own.terms.objective <= best.evaluation.terms.objective {
            result.plan?.solveSeconds = seconds
            if result.status != .optimal, let bound = result.bound.map({ min($0, own.terms.objective) }) {
                let gap = Planner.relativeGap(objective: own.terms.objective, bound: bound)
                result.bound = bound
                result.mipGap = gap
                result.plan?.bound = bound
                result.plan?.mipGap = gap
            }
            return result
        }
        var plan = best.plan
        let objective = best.evaluation.terms.objective
        let bound = result.bound.map { min($0, objective) }
        let proven = result.status == .optimal || (bound.map { Planner.proves($0, optimal: objective, step: step) } ?? false)
        result.status = proven ? .optimal : .feasible
        plan.status = proven ? .optimal : .feasible
        plan.bound = proven ? objective : bound
        plan.mipGap = proven ? 0 : bound.map { Planner.relativeGap(objective: objective, bound: $0) }
        plan.solveSeconds = seconds
        plan.objective = objective
        plan.totals = best.evaluation.totals
        result.take(plan, best.evaluation)
        return result
    }
}

/// A plan the solver found that its own model check rejects: a bug.
public struct PlanCheckFailure: Error, CustomStringConvertible, Sendable {
    public var details: [String]
    public var description: String {
        "internal error: the solver's plan fails the model's own check (a bug in teamplan; please report it):\n"
            + details.map { "  " + $0 }.joined(separator: "\n")
    }
}

/// Finds the best plan of a scenario: formulation, the solver backend of
/// the options (GLPK unless told), and Evaluation's check of what comes out.
public enum Planner {
    /// The best plan by `options.backend`; with `keeping`, the best plan
    /// that keeps those regular pairs (a pair that cannot exist, see
    /// `pairsThatCannotExist`, is not required). With `start` (the plan a
    /// re-solve already has: the base plan of explain's changes, a sweep's
    /// neighbouring point), the first plan is the better of the greedy plan
    /// and the greedy plan built on what of `start` still holds.
    public static func solve(_ scenario: Scenario, options: SolveOptions = SolveOptions(), control: SolveControl? = nil,
                             keeping: [WorkerPractice] = [], startingFrom start: Plan? = nil,
                             progress: (@Sendable (SolveProgress) -> Void)? = nil) throws -> SolveResult
    {
        let tracker = SolveTracker(started: Date(), forward: progress)
        let formulation = Formulation(scenario, keeping: keeping)
        var result = try phases(formulation, options: options, control: control, keeping: keeping, start: start,
                                tracker: tracker)
        result.timeline = tracker.timeline(of: result)
        if options.leastMoney, result.plan != nil, let evaluation = result.evaluation, control?.isStopped == true {
            // Stopped before the tie-break: said, with what the plan spends.
            let money = LeastMoney.money(evaluation, scenario: scenario)
            result.plan?.leastMoney = LeastMoney(unit: LeastMoney.costs(scenario).unit, before: money, money: money, bound: nil, ending: .stopped,
                                                 unpriced: LeastMoney.unpriced(scenario), seconds: 0)
            result.leastMoney = result.plan?.leastMoney
        } else if options.leastMoney, let plan = result.plan, let evaluation = result.evaluation {
            // Without a time limit the tie-break still ends: it may take as
            // long as the first solve took, and at least half a minute (its
            // root LP is where Ctrl-C cannot reach; docs/plan.md).
            let deadline = options.timeLimit.map { tracker.started.addingTimeInterval($0) }
                ?? Date().addingTimeInterval(max(Self.leastMoneyMinimumSeconds, Date().timeIntervalSince(tracker.started)))
            let (chosen, least) = try leastMoney(formulation, best: (plan, evaluation), step: objectiveStep(scenario),
                                                 options: options, control: control, deadline: deadline)
            result.takeLeastMoney(chosen, least, seconds: Date().timeIntervalSince(tracker.started))
        }
        return result
    }

    /// Without `--time-limit`, the least-money tie-break gets as long as
    /// the first solve took, and at least this.
    static let leastMoneyMinimumSeconds = 30.0

    /// The solve's phases, each reporting to `tracker`.
    static func phases(_ formulation: Formulation, options: SolveOptions, control: SolveControl?, keeping: [WorkerPractice],
                       start: Plan?, tracker: SolveTracker) throws -> SolveResult {
        let started = tracker.started
        let progress: @Sendable (SolveProgress) -> Void = { tracker.observe($0) }
        let scenario = formulation.scenario
        if !formulation.impossiblePins.isEmpty {
            throw PinConflict(pins: formulation.impossiblePins, rule: .h1, reason: "no plan can hold \(formulation.impossiblePins.count == 1 ? "this pin" : "these pins") even on \(formulation.impossiblePins.count == 1 ? "its" : "their") own")
        }
        let step = objectiveStep(scenario)
        guard var best = firstPlan(scenario, keeping: keeping, startingFrom: start) else {
            let result = try search(formulation, step: step, options: options, control: control, progress: progress).result
            // Only pins can leave no plan at all (the empty plan is valid
            // without them): name those that cannot hold together.
            if result.status == .noPlan, keeping.isEmpty, !scenario.pins.isEmpty {
                // The search proved that no plan keeps them: name which, within the time left (a minute without a limit).
                let deadline = options.timeLimit.map { started.addingTimeInterval($0) } ?? Date().addingTimeInterval(60)
                if let conflict = try PinConflicts.find(scenario, options: options, control: control, proven: true, deadline: deadline) {
                    throw conflict
                }
                throw PinConflict(pins: scenario.pins, minimal: false, rule: nil, reason: nil)
            }
            return result
        }
        progress(SolveProgress(seconds: Date().timeIntervalSince(started), incumbent: best.evaluation.terms.objective))
        // Three phases: the search for half the time (it proves most
        // scenarios by then, and a restart costs the root LP again: 6 s of
        // bench 25x40's 25 s); the neighbourhood search from the best plan
        // so far to three quarters of the time; the search again, for plans
        // better than that one, to the end. Without a time limit: 60 s, 30 s, the rest.
        let limit = options.timeLimit
        var probe = options
        probe.timeLimit = limit.map { 0.5 * $0 } ?? 60
        // A first search that has not found a plan of its own in half its
        // time is diving without one: the neighbourhood search takes over.
        probe.giveUpWithoutPlanAfter = limit.map { 0.25 * $0 } ?? 30
        var (result, found) = try search(formulation, step: step, beating: best, options: probe, control: control,
                                         progress: progress)
        // Each search's bound holds for every plan (taken at most the plan it
        // had to beat): the first's stays when a restarted search's is lower.
        let firstBound = result.bound.map { min($0, best.evaluation.terms.objective) }
        if let found { best = found }
        if result.status == .optimal || control?.isStopped == true || closeEnough(result, options) {
            return result.answer(best, started: started, step: step)
        }
        // Where the search found its own plan within 1 % of its bound, it is on its way.
        if found == nil || (result.mipGap ?? 1) > 0.01 {
            let lnsEnd = started.addingTimeInterval(limit.map { 0.75 * $0 } ?? 90)
            let lns = NeighbourhoodSearch(formulation: formulation, step: step, options: options, control: control)
            // A plan that meets the first search's bound is proven: no need to go on.
            let proven: (Double) -> Bool = { objective in firstBound.map { proves($0, optimal: objective, step: step) } ?? false }
            best = try lns.improve(best, until: lnsEnd, enough: proven) { better in
                let objective = better.evaluation.terms.objective
                progress(SolveProgress(seconds: Date().timeIntervalSince(started), incumbent: objective, bound: firstBound,
                                       mipGap: firstBound.map { relativeGap(objective: objective, bound: min($0, objective)) }))
            }
        }
        if control?.isStopped == true || (firstBound.map { proves($0, optimal: best.evaluation.terms.objective, step: step) } ?? false) {
            return result.answer(best, started: started, step: step)
        }
        var rest = options
        if let limit {
            rest.timeLimit = limit - Date().timeIntervalSince(started)
            guard rest.timeLimit! > 0 else { return result.answer(best, started: started, step: step) }
        }
        let offset = Date().timeIntervalSince(started)
        (result, found) = try search(formulation, step: step, beating: best, options: rest, control: control,
                                     progress: shifted(progress, by: offset, bound: firstBound))
        if let firstBound, result.status != .optimal { result.bound = max(result.bound ?? firstBound, firstBound) }
        return result.answer(found ?? best, started: started, step: step)
    }

    /// The search ended within the MIP gap asked for (`--mip-gap`): GLPK
    /// stops there only for its own plans, so the phases stop here too.
    static func closeEnough(_ result: SolveResult, _ options: SolveOptions) -> Bool {
        guard let asked = options.mipGap, result.plan != nil, let gap = result.mipGap else { return false }
        return gap <= asked
    }

    /// One search by the backend, for plans better than `beating` when
    /// given (a cutoff row): the result, and the checked plan it found.
    /// Infeasible with a cutoff means nothing beats `beating`: it is optimal.
    static func search(_ formulation: Formulation, step: Double?, beating: Incumbent? = nil, options: SolveOptions,
                       control: SolveControl?, progress: (@Sendable (SolveProgress) -> Void)?)
        throws -> (result: SolveResult, plan: Incumbent?)
    {
        var model = formulation.model
        if let beating { model.objectiveAtMost(cutoff(below: beating.evaluation.terms.objective, step: step)) }
        let raw = try options.backend.solve(model, options: options, objectiveStep: step, control: control,
                                            progress: progress.map { withFirstPlan(beating?.evaluation.terms.objective, $0) })
        // The size of the model itself (as `export` writes it), without the cutoff row.
        var result = SolveResult(solved: raw, model: formulation.model)
        switch raw.status {
        case .stopped: return (result, nil)
        case .infeasible:
            result.status = beating == nil ? .noPlan : .optimal
            if let beating { result.bound = beating.evaluation.terms.objective }
            return (result, nil)
        case .optimal: result.status = .optimal
        case .feasible: result.status = .feasible
        }
        guard let plan = try checkedPlan(formulation, raw: raw, status: result.status, backend: options.backend) else { return (result, nil) }
        let evaluation = Evaluation(scenario: formulation.scenario, plan: plan)
        result.take(plan, evaluation)
        return (result, (plan, evaluation))
    }

    public typealias Incumbent = (plan: Plan, evaluation: Evaluation)

    /// The search looks only for plans better than the best so far by at
    /// least one step of the objective's lattice (by a millionth when the
    /// lattice is not known): all it finds beats it, and when it finds
    /// nothing, that proves the best so far optimal.
    static func cutoff(below objective: Double, step: Double?) -> Double {
        let tolerance = 1e-6 * max(1, abs(objective))
        // With a step, the slack stays below half a step however large the
        // objective: a plan one step better (a pair fewer at 1,326,030) is never cut off.
        guard let step, step > 0 else { return objective - tolerance }
        return objective - step + min(tolerance, 0.5 * step)
    }

    /// A bound proves a plan of objective `optimal` optimal when no plan
    /// can lie below it: within one step of the objective's lattice (a
    /// millionth without one).
    static func proves(_ bound: Double, optimal objective: Double, step: Double?) -> Bool {
        guard let step, step > 0 else { return bound >= objective - 1e-9 * max(1, abs(objective)) }
        return bound > objective - step + 1e-6 * max(1, step)
    }

    /// A later phase's progress: seconds from the start of the solve, and
    /// the bound an earlier phase proved when the restarted search's is lower.
    static func shifted(_ progress: @escaping @Sendable (SolveProgress) -> Void, by offset: Double, bound proven: Double?)
        -> @Sendable (SolveProgress) -> Void {
        { report in
            var report = report
            report.seconds += offset
            if let proven, let incumbent = report.incumbent, (report.bound ?? -.infinity) < proven {
                report.bound = min(proven, incumbent)
                report.mipGap = relativeGap(objective: incumbent, bound: min(proven, incumbent))
            }
            progress(report)
        }
    }

    /// Progress with the best plan so far as the incumbent until the search has a better one.
    static func withFirstPlan(_ objective: Double?, _ progress: @escaping @Sendable (SolveProgress) -> Void)
        -> @Sendable (SolveProgress) -> Void {
        guard let objective else { return progress }
        return { report in
            var report = report
            // GLPK says −DBL_MAX before its root LP: no bound yet.
            if let bound = report.bound, !(bound.isFinite && abs(bound) < 1e300) { report.bound = nil }
            let incumbent = min(report.incumbent ?? .infinity, objective)
            report.incumbent = incumbent
            report.mipGap = report.bound.map { relativeGap(objective: incumbent, bound: min($0, incumbent)) }
            progress(report)
        }
    }

    /// The plan built at once (`GreedyPlan`), when it keeps the pairs that
    /// must be kept: the answer whenever the search finds nothing better.
    static func firstPlan(_ scenario: Scenario, keeping: [WorkerPractice], startingFrom start: Plan? = nil)
        -> (plan: Plan, evaluation: Evaluation)? {
        guard let first = GreedyPlan.plan(scenario, startingFrom: start) else { return nil }
        let pairs = Set(first.plan.sessions.map { WorkerPractice(worker: $0.worker, practice: $0.practice) })
        let required = Set(keeping).subtracting(pairsThatCannotExist(scenario, among: keeping))
        return required.isSubset(of: pairs) ? first : nil
    }

    /// The plan a solution stands for, idle backups left out, checked by
    /// `Evaluation` (every rule, and the MIP's objective), with its objective,
    /// bound, gap, time and totals: a `PlanCheckFailure` when the check fails;
    /// nil when the backend gave no solution.
    ///
    /// A solution's integer columns may sit a tolerance off their values
    /// (0.9999998): the funding it pays is then for hours a micro-hour off
    /// those the plan works, which Evaluation rightly calls an H8 or H9
    /// violation (seen with a tariff of € 10,000 next to one of € 0.000001).
    /// When the funding rules are all that fail and `backend` is given, the
    /// funding is solved again with every integer column fixed at its
    /// rounded value, and the plan checked again.
    static func checkedPlan(_ formulation: Formulation, raw: RawSolution, status: SolveResult.Status,
                            backend: (any SolverBackend)? = nil) throws -> Plan? {
        guard let values = raw.values, let mipObjective = raw.objective else { return nil }
        let scenario = formulation.scenario
        guard values.count == formulation.model.variables.count else {
            throw PlanCheckFailure(details: ["the solver gave \(values.count) values for the model's \(formulation.model.variables.count) columns"])
        }
        var plan = pruneIdleBackups(formulation.plan(from: values, status: status == .optimal ? .optimal : .feasible), scenario: scenario)
        var evaluation = Evaluation(scenario: scenario, plan: plan)
        if let backend, !evaluation.violations.isEmpty, evaluation.violations.allSatisfy({ $0.rule == .h8 || $0.rule == .h9 }) {
            var lp = SolveOptions()
            lp.timeLimit = 10
            let funded = try backend.solve(formulation.model.fixingIntegers(at: values), options: lp, objectiveStep: nil, control: nil, progress: nil)
            if funded.status == .optimal, let exact = funded.values {
                plan = pruneIdleBackups(formulation.plan(from: exact, status: status == .optimal ? .optimal : .feasible), scenario: scenario)
                evaluation = Evaluation(scenario: scenario, plan: plan)
            }
        }
        var problems = evaluation.violations.map(\.description)
        if abs(evaluation.terms.objective - mipObjective) > 1e-6 * max(1, abs(mipObjective)) {
            problems.append("the MIP's objective is \(mipObjective), the plan's is \(evaluation.terms.objective)")
        }
        if !problems.isEmpty { throw PlanCheckFailure(details: problems) }
        let objective = evaluation.terms.objective
        // No bound from the backend (stopped before its first LP) is no
        // bound: the plan does not claim a gap of 0.
        let bound = status == .optimal ? objective : raw.bound.map { min($0, objective) }
        plan.objective = objective
        plan.bound = bound
        plan.mipGap = status == .optimal ? 0 : bound.map { relativeGap(objective: objective, bound: $0) }
        plan.solveSeconds = raw.seconds
        plan.totals = evaluation.totals
        return plan
    }

    /// Those of `pairs` that no plan of the scenario can have as a regular
    /// pair (H1: the worker is not eligible, shares no slot with the
    /// practice, or one session does not fit the worker's hours), in their order.
    public static func pairsThatCannotExist(_ scenario: Scenario, among pairs: [WorkerPractice]) -> [WorkerPractice] {
        let possible = Set(Formulation.possibleSessions(scenario).map {
            WorkerPractice(worker: $0.worker.id, practice: $0.practice.id)
        })
        return pairs.filter { !possible.contains($0) }
    }

    /// The MIP that `solve` would solve, as the text of an LP or MPS file
    /// written by `backend`.
    public static func export(_ scenario: Scenario, format: ModelFormat,
                              backend: any SolverBackend = GLPKBackend()) throws -> String {
        try backend.modelText(Formulation(scenario).model, format: format)
    }

    /// GLPK's relative gap: |objective − bound| / (|objective| + ε).
    static func relativeGap(objective: Double, bound: Double) -> Double {
        abs(objective - bound) / (abs(objective) + 2.2e-16)
    }

    /// Backups beyond what a practice asks for that never stand in change
    /// nothing in the objective; leave them out so that nobody is named a
    /// backup for nothing. Each removal is checked to leave the objective as it was.
    static func pruneIdleBackups(_ plan: Plan, scenario: Scenario) -> Plan {
        var plan = plan
        let objective = Evaluation(scenario: scenario, plan: plan).terms.objective
        for backup in plan.backups.sorted().reversed() {
            guard let practice = scenario.practice(backup.practice) else { continue }
            let count = plan.backups.filter { $0.practice == backup.practice }.count
            guard count > practice.backups else { continue }
            var candidate = plan
            candidate.backups.removeAll { $0 == backup }
            let evaluation = Evaluation(scenario: scenario, plan: candidate)
            if abs(evaluation.terms.objective - objective) <= 1e-9 * max(1, objective), evaluation.isValid {
                plan = candidate
            }
        }
        return plan
    }

    /// The objective's lattice step: every plan's objective is the model's
    /// constant plus a whole multiple of this. Terms: gap weight × priority ×
    /// session hours per lost or missing session-week, the count weights
    /// (continuity's only with a previous plan), and preference weight ×
    /// |weight| per preference. Exact in
    /// decimal fixed point (6 places); nil when the data have more decimals
    /// than that, or a term would overflow.
    public static func objectiveStep(_ scenario: Scenario) -> Double? {
        let w = scenario.objective
        var terms = [w.missingBackupWeight, w.pairWeight]
        // Continuity varies between plans only with a previous plan to keep.
        if !(scenario.previous?.pairs.isEmpty ?? true) { terms.append(w.continuityWeight) }
        if !(scenario.previous?.sessions.isEmpty ?? true) { terms.append(w.sessionChangeWeight) }
        terms += scenario.preferences.map { w.preferenceWeight * abs($0.weight) }
        for practice in scenario.practices where practice.sessionsPerWeek > 0 {
            terms.append(w.gapWeight * practice.priority * practice.sessionHours)
        }
        let scale = 1_000_000.0
        var step: Int64 = 0
        for term in terms where term != 0 {
            let scaled = term * scale
            guard scaled.isFinite, abs(scaled) < 9e15, abs(scaled - scaled.rounded()) < 1e-6 * max(1, abs(scaled)) else { return nil }
            step = gcd(step, Int64(abs(scaled.rounded())))
        }
        return step > 0 ? Double(step) / scale : nil
    }

    static func gcd(_ a: Int64, _ b: Int64) -> Int64 { b == 0 ? a : gcd(b, a % b) }
}
