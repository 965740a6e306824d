import ArgumentParser
import Foundation
import TeamPlan

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the reports of an existing plan (hand-edited and verified, or from an earlier run).",
        discussion: """
            Reads the plan, checks it against the scenario as `teamplan verify` does, and writes the \
            same outputs `teamplan plan` writes (plan.json, summary.txt and the CSV tables) into the \
            output folder (default out/<scenario file stem>/), whole or not at all. A plan that breaks \
            a rule is not reported: exit 1 with the rules it breaks, nothing written.

            Examples:
              teamplan report inputs/westelijke-mijnstreek.yaml inputs/plans/westelijke-mijnstreek-by-hand.json
              teamplan report inputs/baandert.yaml edited.json --out reports/baandert --csv excel-nl
            """)

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Argument(help: "The plan file (plan.json).")
    var plan: String

    @OptionGroup var output: ReportOptions

    func run() throws {
        let loaded = try Terminal.loadScenario(scenario, reportWarnings: !output.quiet)
        let (plan, problems) = PlanFile.load(path: self.plan)
        Terminal.report(problems)
        guard let plan, !problems.hasErrors else {
            Terminal.err("\(self.plan): \(Format.count(problems.errors.count, "error")); not a plan teamplan can read; nothing was written")
            throw Exit.invalidInput
        }
        let scenario = loaded.scenario!
        let evaluation = Evaluation(scenario: scenario, plan: plan)
        guard evaluation.isValid else {
            Terminal.err(evaluation.violations.map { "  " + $0.description }.joined(separator: "\n"))
            Terminal.err("\(self.plan): the plan breaks \(Format.count(evaluation.violations.count, "rule")); nothing was written (see teamplan verify)")
            throw ExitCode(1)
        }
        let result = SolveResult(readFrom: plan, evaluation: evaluation)
        try output.write(result, scenario: scenario, scenarioPath: self.scenario) { "\(self.plan): reported → \($0)/" }
    }
}
