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
    public var text: String { text(.en) }

    /// What `verify` prints, in `language`.
    public func text(_ language: Language) -> String { VerifyText.render(evaluation, planFile: planFile, language: language) }

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

extension VerifyText {
    static func warnings(_ e: Evaluation, _ language: Language = .en) -> [String] {
        var list = e.warnings.map { $0.text(language) }
        if e.plan.scenario != e.scenario.name {
            list.insert(language == .nl ? "het plan is gemaakt voor het scenario '\(e.plan.scenario)', niet '\(e.scenario.name)'"
                        : "the plan was made for the scenario '\(e.plan.scenario)', not '\(e.scenario.name)'", at: 0)
        }
        return list
    }

    static func render(_ e: Evaluation, planFile: String, language: Language = .en) -> String {
        let t = VerifyText(l: language.labels)
        var lines = t.answer(e, planFile: planFile) + ["", t.practices(e).render()]
        if !e.streams.isEmpty { lines += ["", t.streams(e).render()] }
        if let workers = t.workers(e) { lines += ["", workers.render()] }
        if !e.violations.isEmpty {
            // In Dutch where the catalogue has the rule's form (every rule of Evaluation has one).
            lines += ["", t.w("Broken rules:", "Gebroken regels:")] + e.violations.map { violation in
                let dutch = language == .nl ? DutchMessages.rule(violation.rule.rawValue, violation.message) : nil
                return "  " + (dutch ?? violation.description)
            }
        }
        let warnings = warnings(e, language)
        if !warnings.isEmpty { lines += ["", t.w("Warnings:", "Waarschuwingen:")] + warnings.map { "  \($0)" } }
        return lines.joined(separator: "\n")
    }
}

/// `verify`'s text in one language. Ids stay: verify is about the files.
struct VerifyText {
    let l: Labels
    func w(_ english: String, _ dutch: String) -> String { l.language == .nl ? dutch : english }

    /// Valid or not, the objective term by term, and the totals.
    func answer(_ e: Evaluation, planFile: String) -> [String] {
        let t = e.terms
        let o = e.scenario.objective
        let h: (Double) -> String = l.hours
        let broken = "\(e.violations.count) " + (e.violations.count == 1 ? w("broken rule", "gebroken regel") : w("broken rules", "gebroken regels"))
        return [
            "\(planFile) " + w("against", "getoetst aan") + " \(e.scenario.name): " + (e.isValid ? w("valid", "geldig") : w("INVALID", "ONGELDIG") + ", \(broken)"),
            w("Objective", "Doelwaarde") + " \(h(t.objective)) = " + w("gap", "tekort") + " \(h(o.gapWeight)) × \(h(t.weightedGapHours)) " + w("priority-weighted h", "gewogen u")
                + " + " + w("missing backups", "ontbrekende vervangers") + " \(h(o.missingBackupWeight)) × \(t.missingBackups)"
                + " + " + w("pairs", "koppels") + " \(h(o.pairWeight)) × \(t.pairs)"
                + " + " + w("dropped pairs", "vervallen koppels") + " \(h(o.continuityWeight)) × \(t.droppedPairs.count)"
                + " + " + w("dropped sessions", "vervallen spreekuren") + " \(h(o.sessionChangeWeight)) × \(t.droppedSessions.count)"
                + " + " + w("unmet preference", "onvervulde voorkeur") + " \(h(o.preferenceWeight)) × \(h(t.unmetPreference))",
            w("Totals: gap", "Totalen: tekort") + " \(h(t.gapHours)) \(l.hourUnit), " + w("missing backups", "ontbrekende vervangers") + " \(t.missingBackups), "
                + w("pairs", "koppels") + " \(t.pairs), " + w("dropped pairs", "vervallen koppels") + " \(t.droppedPairs.count), "
                + w("dropped sessions", "vervallen spreekuren") + " \(t.droppedSessions.count), " + w("unmet preference", "onvervulde voorkeur") + " \(h(t.unmetPreference))",
        ]
    }

    /// Each practice's sessions and occurrences as counted.
    func practices(_ e: Evaluation) -> TextTable {
        var table = TextTable(header: [w("practice", "praktijk"), w("sessions/wk", "spreekuren/wk"), w("by regular", "door vaste"),
                                       w("covered", "vervangen"), w("lost", "vervallen"), w("closed", "gesloten"), w("gap h", "tekort u"),
                                       w("backups missing", "vervangers ontbreken"), "MDO"])
        for p in e.practices {
            table.rows.append([p.id, "\(p.sessions) \(l.of) \(e.scenario.practice(p.id)?.sessionsPerWeek ?? 0)", "\(p.heldByRegular)",
                               "\(p.covered)", "\(p.lost)", "\(p.closed)", l.hours(p.gapHours), "\(p.missingBackups)",
                               p.mdoAttendee ?? "–"])
        }
        table.rightAligned = [1, 2, 3, 4, 5, 6, 7]
        return table
    }

    /// Each stream's hours and euros, used against budget.
    func streams(_ e: Evaluation) -> TextTable {
        let h: (Double) -> String = l.hours
        var table = TextTable(header: [w("stream", "stroom"), w("used h", "gebruikt u"), w("budget h", "budget u"), w("used", "gebruikt"), "budget"])
        for s in e.streams {
            table.rows.append([s.id, h(s.usedHours), h(s.budgetHours), s.usedEuros.map(l.euros) ?? "–",
                               s.budgetEuros.map(l.euros) ?? "–"])
        }
        table.rightAligned = [1, 2, 3, 4]
        return table
    }

    /// The workers with any role: load, free hours, practices, backups; nil when nobody has one.
    func workers(_ e: Evaluation) -> TextTable? {
        let h: (Double) -> String = l.hours
        let active = e.workers.filter { $0.load > $0.reservedHours || !$0.covering.isEmpty || !$0.backupFor.isEmpty }
        guard !active.isEmpty else { return nil }
        var table = TextTable(header: [w("worker", "medewerker"), w("load h/wk", "belasting u/wk"), w("of contract", "van contract"), w("free", "vrij"),
                                       w("utilisation", "bezetting"), w("practices", "praktijken"), w("backup for", "vervanger voor"),
                                       w("stands in", "valt in")])
        for worker in active {
            table.rows.append([worker.id, h(worker.load), h(worker.hoursPerWeek), h(worker.free),
                               l.percent(worker.load - worker.reservedHours, of: worker.hoursPerWeek - worker.reservedHours),
                               worker.practices.joined(separator: ", "), worker.backupFor.joined(separator: ", "),
                               worker.covering.isEmpty ? "" : "\(worker.covering.count)×"])
        }
        table.rightAligned = [1, 2, 3, 4]
        return table
    }
}
