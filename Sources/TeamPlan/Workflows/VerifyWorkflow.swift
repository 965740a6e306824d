import Foundation

/// `teamplan verify`: a plan file checked against a scenario by the rules of
/// the model, independently of the solver; the text and the JSON of cli.md.
public struct VerifyWorkflow: Sendable {
    /// The plan file as given.
    public var planFile: String
    /// The recount: every rule it breaks, every total.
    public var evaluation: Evaluation
    /// The scenario's warnings and notices.
    public var diagnostics: [Diagnostic]

    /// Reads both files and recounts; `.invalidInput` when either cannot be
    /// read. A replan's plan (it says `from`) is a plan of the rest of the
    /// quarter: it is checked against the rest scenario, which `current`
    /// (the plan it replaced) is needed to rebuild.
    public init(scenario: String, plan file: String, current: String? = nil,
                events: WorkflowEvents = WorkflowEvents()) throws(Failure) {
        let (loaded, scenario) = try Inputs.scenario(scenario)
        events.read(loaded)
        let plan = try Inputs.plan(file, writes: false)
        planFile = file
        diagnostics = loaded.diagnostics
        guard let from = plan.from else {
            evaluation = Evaluation(scenario: scenario, plan: plan)
            return
        }
        guard let current else {
            throw Failure(.wrongRequest, "\(file) is a replan from \(from): it plans the rest of the quarter, with the budgets the weeks before left; "
                          + "name the plan it replaced, e.g. teamplan verify SCENARIO \(file) --current out/PLAN/plan.json")
        }
        let replaced = try Inputs.plan(current, writes: false)
        do {
            let replanning = try Replanning(scenario: scenario, current: replaced, currentPath: current, from: from)
            evaluation = Evaluation(scenario: replanning.rest, plan: plan)
        } catch {
            throw Failure(.invalidInput, "\(file): \(error)")
        }
    }

    public var isValid: Bool { evaluation.isValid }

    /// What `verify` prints.
    public var text: String { VerifyText.render(evaluation, planFile: planFile) }

    /// What `verify --json` prints.
    public func json() throws -> String { try JSONOutput.encode(VerifyReport(evaluation)) }

    /// `.planBreaksRules` when the plan breaks a rule (with no message: the
    /// text or JSON printed lists them), nil when it is valid.
    public var failure: Failure? { isValid ? nil : Failure(.planBreaksRules, "") }
}

/// `verify --json`.
struct VerifyReport: Encodable {
    struct Violation: Encodable { var rule: String; var message: String }
    struct Terms: Encodable {
        var gapHours: Double, weightedGapHours: Double, missingBackups: Int, pairs: Int, droppedPairs: Int
        var droppedSessions: Int, unmetPreference: Double
        var gapTerm: Double, missingBackupTerm: Double, pairTerm: Double, continuityTerm: Double
        var sessionChangeTerm: Double, preferenceTerm: Double
    }
    struct WorkerLine: Encodable {
        var id: String, load: Double, hoursPerWeek: Double, reservedHours: Double, free: Double, utilisation: Double
        var practices: [String], backupFor: [String], standsIn: [String]
    }
    struct PracticeLine: Encodable {
        var id: String, served: Bool, sessions: Int, heldByRegular: Int, covered: Int, lost: Int, closed: Int
        var shortfall: Int, gapHours: Double, missingBackups: Int, hours: [String: Double]
    }

    var valid: Bool
    var scenario: String
    var planScenario: String
    var objective: Double
    var terms: Terms
    var violations: [Violation]
    var warnings: [String]
    var practices: [PracticeLine]
    var workers: [WorkerLine]

    init(_ e: Evaluation) {
        valid = e.isValid
        scenario = e.scenario.name
        planScenario = e.plan.scenario
        objective = e.terms.objective
        let t = e.terms
        terms = Terms(gapHours: t.gapHours, weightedGapHours: t.weightedGapHours, missingBackups: t.missingBackups,
                      pairs: t.pairs, droppedPairs: t.droppedPairs.count, droppedSessions: t.droppedSessions.count,
                      unmetPreference: t.unmetPreference, gapTerm: t.gapTerm,
                      missingBackupTerm: t.missingBackupTerm, pairTerm: t.pairTerm, continuityTerm: t.continuityTerm,
                      sessionChangeTerm: t.sessionChangeTerm, preferenceTerm: t.preferenceTerm)
        violations = e.violations.map { Violation(rule: $0.rule.rawValue, message: $0.message) }
        warnings = VerifyText.warnings(e)
        practices = e.practices.map { p in
            PracticeLine(id: p.id, served: p.served, sessions: p.sessions, heldByRegular: p.heldByRegular,
                         covered: p.covered, lost: p.lost, closed: p.closed, shortfall: p.shortfall,
                         gapHours: p.gapHours, missingBackups: p.missingBackups,
                         hours: Dictionary(uniqueKeysWithValues: p.hours.map { ($0.key.rawValue, $0.value) }))
        }
        workers = e.workers.map { w in
            WorkerLine(id: w.id, load: w.load, hoursPerWeek: w.hoursPerWeek, reservedHours: w.reservedHours, free: w.free,
                       utilisation: w.utilisation.isFinite ? w.utilisation : 0, practices: w.practices,
                       backupFor: w.backupFor, standsIn: w.covering.map { "\($0.date) \($0.slot) \($0.practice) for \($0.covering)" })
        }
    }
}

enum VerifyText {
    static func warnings(_ e: Evaluation) -> [String] {
        var list = e.warnings.map(\.message)
        if e.plan.scenario != e.scenario.name {
            list.insert("the plan was made for the scenario '\(e.plan.scenario)', not '\(e.scenario.name)'", at: 0)
        }
        return list
    }

    static func render(_ e: Evaluation, planFile: String) -> String {
        var lines = answer(e, planFile: planFile) + ["", practices(e).render()]
        if !e.streams.isEmpty { lines += ["", streams(e).render()] }
        if let workers = workers(e) { lines += ["", workers.render()] }
        if !e.violations.isEmpty { lines += ["", "Broken rules:"] + e.violations.map { "  \($0)" } }
        let warnings = warnings(e)
        if !warnings.isEmpty { lines += ["", "Warnings:"] + warnings.map { "  \($0)" } }
        return lines.joined(separator: "\n")
    }

    /// Valid or not, the objective term by term, and the totals.
    static func answer(_ e: Evaluation, planFile: String) -> [String] {
        let t = e.terms
        let w = e.scenario.objective
        let h = Format.hours
        return [
            "\(planFile) against \(e.scenario.name): " + (e.isValid ? "valid" : "INVALID, \(Format.count(e.violations.count, "broken rule"))"),
            "Objective \(h(t.objective)) = gap \(h(w.gapWeight)) × \(h(t.weightedGapHours)) priority-weighted h"
                + " + missing backups \(h(w.missingBackupWeight)) × \(t.missingBackups)"
                + " + pairs \(h(w.pairWeight)) × \(t.pairs)"
                + " + dropped pairs \(h(w.continuityWeight)) × \(t.droppedPairs.count)"
                + " + dropped sessions \(h(w.sessionChangeWeight)) × \(t.droppedSessions.count)"
                + " + unmet preference \(h(w.preferenceWeight)) × \(h(t.unmetPreference))",
            "Totals: gap \(h(t.gapHours)) h, missing backups \(t.missingBackups), pairs \(t.pairs), dropped pairs \(t.droppedPairs.count), dropped sessions \(t.droppedSessions.count), unmet preference \(h(t.unmetPreference))",
        ]
    }

    /// Each practice's sessions and occurrences as counted.
    static func practices(_ e: Evaluation) -> TextTable {
        var table = TextTable(header: ["practice", "sessions/wk", "by regular", "covered", "lost", "closed", "gap h", "backups missing", "MDO"])
        for p in e.practices {
            table.rows.append([p.id, "\(p.sessions) of \(e.scenario.practice(p.id)?.sessionsPerWeek ?? 0)", "\(p.heldByRegular)",
                               "\(p.covered)", "\(p.lost)", "\(p.closed)", Format.hours(p.gapHours), "\(p.missingBackups)",
                               p.mdoAttendee ?? "–"])
        }
        table.rightAligned = [1, 2, 3, 4, 5, 6, 7]
        return table
    }

    /// Each stream's hours and euros, used against budget.
    static func streams(_ e: Evaluation) -> TextTable {
        let h = Format.hours
        var table = TextTable(header: ["stream", "used h", "budget h", "used", "budget"])
        for s in e.streams {
            table.rows.append([s.id, h(s.usedHours), h(s.budgetHours), s.usedEuros.map(Format.euros) ?? "–",
                               s.budgetEuros.map(Format.euros) ?? "–"])
        }
        table.rightAligned = [1, 2, 3, 4]
        return table
    }

    /// The workers with any role: load, free hours, practices, backups; nil when nobody has one.
    static func workers(_ e: Evaluation) -> TextTable? {
        let h = Format.hours
        let active = e.workers.filter { $0.load > $0.reservedHours || !$0.covering.isEmpty || !$0.backupFor.isEmpty }
        guard !active.isEmpty else { return nil }
        var table = TextTable(header: ["worker", "load h/wk", "of contract", "free", "utilisation", "practices", "backup for", "stands in"])
        for w in active {
            table.rows.append([w.id, h(w.load), h(w.hoursPerWeek), h(w.free),
                               Format.percent(w.load - w.reservedHours, of: w.hoursPerWeek - w.reservedHours),
                               w.practices.joined(separator: ", "), w.backupFor.joined(separator: ", "),
                               w.covering.isEmpty ? "" : "\(w.covering.count)×"])
        }
        table.rightAligned = [1, 2, 3, 4]
        return table
    }
}
