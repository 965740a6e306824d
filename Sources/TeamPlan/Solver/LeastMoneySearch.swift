import Foundation

extension LeastMoney {
    /// Money's cost per hour of each stream, in the scenario's order.
    static func costs(_ scenario: Scenario) -> (unit: Unit, perHour: [String: Double]) {
        let rated = scenario.funding.contains { $0.ratePerHour != nil }
        var perHour: [String: Double] = [:]
        for stream in scenario.funding {
            perHour[stream.id] = rated ? stream.ratePerHour ?? 0 : 1
        }
        return (rated ? .euros : .hours, perHour)
    }

    /// Streams without a tariff when others have one (their hours cost no money).
    static func unpriced(_ scenario: Scenario) -> [String] {
        costs(scenario).unit == .euros ? scenario.funding.filter { $0.ratePerHour == nil }.map(\.id) : []
    }

    /// What a plan spends, counted by Evaluation (its streams' hours used).
    public static func money(_ evaluation: Evaluation, scenario: Scenario) -> Double {
        let (_, perHour) = costs(scenario)
        return evaluation.streams.reduce(0) { $0 + $1.usedHours * (perHour[$1.id] ?? 0) }
    }
}

extension Planner {
    /// The least-money plan among those whose objective is at most `best`'s
    /// (`best` is the answer of the first solve): first the cheapest funding
    /// of `best`'s own sessions and backups (a small LP-like solve, always
    /// run), then — while `deadline` allows — a search over every plan with
    /// `best`'s objective for one that spends less, whose bound proves the
    /// least money when it ends. Each plan that comes out is checked by
    /// Evaluation: every rule, its objective not above `best`'s, and its
    /// money the solver's.
    static func leastMoney(_ formulation: Formulation, best: Incumbent, step: Double?, options: SolveOptions,
                           control: SolveControl?, deadline: Date?) throws -> (Incumbent, LeastMoney) {
        let started = Date()
        let scenario = formulation.scenario
        let objective = best.evaluation.terms.objective
        let (unit, perHour) = LeastMoney.costs(scenario)
        let before = LeastMoney.money(best.evaluation, scenario: scenario)
        let moneyTerms = formulation.funding.compactMap { f in perHour[f.stream].flatMap { $0 != 0 ? (f.index, $0) : nil } }
        // Plans of the objective found, none better: a slack below half a lattice step.
        let slack = min(step.map { 0.5 * $0 } ?? .infinity, 1e-6 * max(1, abs(objective)))
        func moneyModel(_ base: LinearModel) -> LinearModel {
            var model = base
            model.objectiveAtMost(objective + slack, name: "objective")
            model.removeObjective()
            for (column, cost) in moneyTerms { model.addCost(column, cost) }
            return model
        }
        var quiet = options
        quiet.verbose = false
        func timeLeft() -> Double? { deadline.map { $0.timeIntervalSinceNow } }
        var rejected = false
        // A search's plan with its funding made exact: every integer column
        // fixed at its rounded value and the money solved again (a search
        // that minimises money leans on the integrality tolerance: a
        // binary at 0.99999 would pay a hundred-thousandth less), then
        // checked by Evaluation: every rule, an objective not above the
        // best, and the money the solve states.
        func exact(_ raw: RawSolution, _ model: LinearModel) throws -> Incumbent? {
            guard let values = raw.values else { return nil }
            guard values.count == model.variables.count else {
                throw PlanCheckFailure(details: ["the solver gave \(values.count) values for the model's \(model.variables.count) columns"])
            }
            let fixed = model.removingRows(named: "money").fixingIntegers(at: values)
            var lp = quiet
            lp.timeLimit = timeLeft().map { max(1, $0) }
            let funded = try options.backend.solve(fixed, options: lp, objectiveStep: nil, control: nil, progress: nil)
            // Its integers held, no funding keeps the objective: the search's
            // plan was one only by the solver's tolerance (rejected below too).
            if funded.status == .infeasible { rejected = true }
            guard funded.status == .optimal, let exactValues = funded.values, let stated = funded.objective else { return nil }
            let plan = pruneIdleBackups(formulation.plan(from: exactValues, status: .feasible), scenario: scenario)
            let evaluation = Evaluation(scenario: scenario, plan: plan)
            var problems = evaluation.violations.map(\.description)
            // The solver holds the objective row to its own tolerance: a plan
            // a hair above the best (by Evaluation's count) is not one of the
            // best plans, and is not taken — not a bug of the model.
            if problems.isEmpty, evaluation.terms.objective > objective + slack {
                rejected = true
                return nil
            }
            let money = LeastMoney.money(evaluation, scenario: scenario)
            if abs(money - stated) > 1e-6 * max(1, abs(stated)) {
                problems.append("the least-money search says the plan spends \(stated), Evaluation counts \(money)")
            }
            if !problems.isEmpty { throw PlanCheckFailure(details: problems) }
            return (plan, evaluation)
        }

        // The cheapest funding of the plan's own sessions and backups.
        var chosen = best
        var money = before
        let held = moneyModel(formulation.holding(best.plan, except: []))
        var first = quiet
        first.timeLimit = timeLeft().map { max(1, $0) }
        let fixed = try options.backend.solve(held, options: first, objectiveStep: nil, control: control, progress: nil)
        if fixed.status == .optimal, let found = try exact(fixed, held) {
            let spends = LeastMoney.money(found.evaluation, scenario: scenario)
            if spends < money { chosen = found; money = spends }
        }

        // Every plan of the objective that spends less than that.
        var bound: Double?
        var ending = LeastMoney.Ending.noTime
        let left = timeLeft()
        if moneyTerms.isEmpty {
            ending = .proven
        } else if control?.isStopped == true {
            ending = .stopped
        } else if left.map({ $0 > 0.05 }) ?? true {
            var model = moneyModel(formulation.model)
            model.atMost("money", moneyTerms, money - 1e-6 * max(1, abs(money)))
            var search = quiet
            search.timeLimit = left
            let raw = try options.backend.solve(model, options: search, objectiveStep: nil, control: control, progress: nil)
            // What stopped a search that did not end.
            let cut: LeastMoney.Ending = control?.isStopped == true ? .stopped
                : (options.mipGap.map { gap in raw.gap.map { $0 <= gap + 1e-12 } ?? false } ?? false) ? .mipGap
                : options.timeLimit == nil ? .searchLimit : .timeLimit
            switch raw.status {
            case .infeasible:
                ending = .proven
            case .optimal, .feasible:
                rejected = false
                if let found = try exact(raw, model) {
                    let spends = LeastMoney.money(found.evaluation, scenario: scenario)
                    if spends < money { chosen = found; money = spends }
                    ending = raw.status == .optimal ? .proven : cut
                } else {
                    ending = rejected ? .rejected : cut
                }
                // A bound on money over plans of the objective (and those a tolerance above it).
                bound = raw.bound ?? raw.objective
            case .stopped:
                bound = raw.bound
                ending = cut
            }
        }
        let proven = ending == .proven
        let unpriced = LeastMoney.unpriced(scenario)
        let least = LeastMoney(unit: unit, before: before, money: money,
                               bound: proven ? money : bound.map { min($0, money) }, ending: ending, unpriced: unpriced,
                               seconds: Date().timeIntervalSince(started))
        return (chosen, least)
    }
}
