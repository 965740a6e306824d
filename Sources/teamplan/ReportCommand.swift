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
        let (written, quietLine) = try ReportWorkflow.run(scenario: scenario, plan: plan, output: output.request,
                                                          events: Terminal.events(quiet: output.quiet, language: output.request.language))
        Terminal.out(output.quiet ? quietLine : written.text())
    }
}
