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

    @Option(help: ArgumentHelp("The output folder.", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("The CSV tables' format: rfc4180 or excel-nl.", valueName: "format"))
    var csv: CSVDialect = .rfc4180

    @Option(help: ArgumentHelp("The language of the summary, report.html and the calendars: nl or en (default: from LANG, else en).", valueName: "language"))
    var lang: Language?

    @Flag(help: "Print only the outcome line.")
    var quiet = false

    func run() throws {
        let loaded = try Terminal.loadScenario(scenario, reportWarnings: !quiet)
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
        let language = lang ?? Language.from(environment: ProcessInfo.processInfo.environment)
        let summary = PlanSummary.text(result, scenario: scenario, language: language)
        let folder = OutputFolder(path: out ?? "out/" + FilePath.stem(of: self.scenario))
        do {
            try folder.write(PlanOutputs.files(result, summary: summary, dialect: csv, stamp: Date(), language: language))
        } catch {
            Terminal.err("teamplan: \(error); the previous output, if any, is left as it was")
            throw Exit.cannotWrite
        }
        if quiet {
            Terminal.out("\(self.plan): reported → \(folder.path)/")
        } else {
            Terminal.out(summary + "Written to \(folder.path)/ (\(PlanOutputs.names))")
        }
    }
}
