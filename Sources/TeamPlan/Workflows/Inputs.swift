import Foundation

/// What every workflow reads first, failing the same way everywhere.
public enum Inputs {
    /// A scenario with no errors (its warnings and notices in
    /// `diagnostics`), or `.invalidInput` with every problem.
    /// With `confinement`, nothing outside that folder is read (`teamplan serve`).
    public static func scenario(_ path: String, confinedTo confinement: FolderConfinement? = nil) throws(Failure)
        -> (loaded: LoadedScenario, scenario: Scenario) {
        let loaded = ScenarioLoader.load(path: path, confinedTo: confinement)
        guard let scenario = loaded.scenario, !loaded.diagnostics.hasErrors else {
            throw .invalidScenario(path, loaded.diagnostics)
        }
        return (loaded, scenario)
    }

    /// A plan file read (not yet checked), or `.invalidInput` with every problem.
    public static func plan(_ path: String, writes: Bool) throws(Failure) -> Plan {
        let (plan, problems) = PlanFile.load(path: path)
        guard let plan, !problems.hasErrors else { throw .unreadablePlan(path, problems, writes: writes) }
        return plan
    }

    /// The scenario's weeks a plan holds: a replan's (it says `from`) from
    /// that date's week to the quarter's end, the whole quarter otherwise.
    static func heldBy(_ plan: Plan, _ scenario: Scenario) -> Scenario {
        guard let from = plan.from, scenario.quarter.contains(from) else { return scenario }
        var rest = scenario
        let week = scenario.quarter.start.days(until: from) / 7 + 1
        rest.quarter = Quarter(start: scenario.quarter.monday(ofWeek: week), weeks: scenario.quarter.weeks - week + 1)
        return rest
    }

    /// A plan file read and checked against the scenario as `verify` does,
    /// as a result to report: `.planBreaksRules` with the rules it breaks.
    /// A replan's plan is reported over the weeks it holds.
    public static func checkedPlan(_ path: String, scenario: Scenario) throws(Failure) -> SolveResult {
        let plan = try plan(path, writes: true)
        let evaluation = Evaluation(scenario: heldBy(plan, scenario), plan: plan)
        guard evaluation.isValid else {
            throw Failure(.planBreaksRules,
                          evaluation.violations.map { "  " + $0.description }.joined(separator: "\n") + "\n"
                              + "\(path): the plan breaks \(Format.count(evaluation.violations.count, "rule")); nothing was written (see teamplan verify)")
        }
        return SolveResult(readFrom: plan, evaluation: evaluation)
    }

    /// A plan file counted under the scenario as it stands now, whether or
    /// not it keeps every rule of it (a pin or a leave entered since it was
    /// made): what a page shows of a kept plan, with the rules it breaks.
    public static func countedPlan(_ path: String, scenario: Scenario) throws(Failure) -> (result: SolveResult, broken: [String]) {
        let plan = try plan(path, writes: false)
        let evaluation = Evaluation(scenario: heldBy(plan, scenario), plan: plan)
        // Totals the file states were right for the scenario it was made from.
        let broken = evaluation.violations.filter { $0.rule != .stated }.map(\.description)
        return (SolveResult(readFrom: plan, evaluation: evaluation), broken)
    }

    /// The input files of a run that also reads a plan file: none of them may be overwritten.
    static func files(_ loaded: LoadedScenario, plan: String?) -> [InputFile] {
        loaded.inputFiles + (plan.map { [InputFile(path: $0, what: "the plan")] } ?? [])
    }
}
