import ArgumentParser
import TeamPlan

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a plan file against a scenario by the rules of the model.",
        discussion: """
            Recounts the plan independently of the solver: every occurrence of every session \
            (held, covered by a backup, lost, closed), the hours by activity, the funding, and \
            the objective term by term. Lists every broken hard rule (H1–H10) and every stated \
            total that disagrees with the recount.

            Exit status: 0 when the plan is valid, 1 when it breaks a rule or misstates a total, \
            65 when the scenario or the plan file cannot be read.

            Examples:
              teamplan verify inputs/baandert.yaml out/baandert/plan.json
              teamplan verify inputs/westelijke-mijnstreek.yaml plan.json --json
              teamplan verify sick.yaml replan/plan.json --current out/westelijke-mijnstreek/plan.json
            """)

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Argument(help: "The plan file (plan.json).")
    var plan: String

    @Option(help: "For a replan's plan (it says from): the plan it replaced, which the weeks before it were held by.")
    var current: String?

    @Flag(help: "Print the result as JSON, for scripts.")
    var json = false

    @Option(help: ArgumentHelp("The language of the text: nl or en (default: from LANG, else en).", valueName: "language"))
    var lang: Language?

    func run() throws {
        let language = Terminal.language(lang)
        let verify = try VerifyWorkflow(scenario: scenario, plan: plan, current: current,
                                        events: Terminal.events(quiet: false, language: language))
        Terminal.out(json ? try verify.json() : verify.text(language))
        if let failure = verify.failure { throw failure }
    }
}
