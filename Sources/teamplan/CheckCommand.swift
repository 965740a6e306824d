import ArgumentParser
import TeamPlan

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a scenario and estimate its capacity, without solving.",
        discussion: """
            Prints what the scenario holds (team, practices, funding, the quarter's weeks with \
            their ISO week numbers, holidays and closures, the CSV separator found) and a capacity \
            estimate: session-hours asked, worker-hours available, hours funded. Then the warnings. \
            Errors are listed all at once, FILE:LINE:COLUMN: KEY: message, and the exit status is 65.

            Examples:
              teamplan check inputs/westelijke-mijnstreek.yaml
              teamplan check inputs/baandert.yaml --json > check.json
              teamplan check inputs/westelijke-mijnstreek.yaml --lang nl
            """)

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Flag(help: "Print the result as JSON, for scripts.")
    var json = false

    @Option(help: ArgumentHelp("The language of the text: nl or en (default: from LANG, else en).", valueName: "language"))
    var lang: Language?

    func run() throws {
        let language = Terminal.language(lang)
        let check = try CheckWorkflow(file: scenario)
        Terminal.out(json ? try check.json() : check.text(language))
    }
}
