import ArgumentParser
import TeamPlan

struct CoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cover",
        abstract: "A worker is away: who can stand in for each of their sessions and backup duties.",
        discussion: """
            For the sick call at 8 in the morning. Lists every occurrence in the span that needs \
            someone else — the worker's own sessions, and the backup duties they would have had — \
            and for each the colleagues who could stand in, best first: the practice's designated \
            backups, then its other regulars, then those who were its regulars last quarter, then \
            the others; among equals who keeps the most contract hours that week. A colleague can \
            when eligible, allowed to substitute, available in the slot, not on leave, and free \
            then (no session of their own, no other backup duty). Those who cannot are listed with \
            why not. Nothing is written; the plan is not changed (replan does that).

            Examples:
              teamplan cover inputs/westelijke-mijnstreek.yaml out/westelijke-mijnstreek/plan.json --worker anja --from 2027-02-16
              teamplan cover team.yaml plan.json --worker bram --from 2027-03-01 --to 2027-03-12 --json
            """)

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Argument(help: "The plan file (plan.json).")
    var plan: String

    @Option(help: "The worker who is away (their id).")
    var worker: String

    @Option(help: "The first day away (YYYY-MM-DD).")
    var from: String

    @Option(help: "The last day away (YYYY-MM-DD); default: the first day only.")
    var to: String?

    @Flag(help: "Print the result as JSON, for scripts.")
    var json = false

    @Option(help: ArgumentHelp("The language of the text: nl or en (default: from LANG, else en).", valueName: "language"))
    var lang: Language?

    func run() throws {
        let language = Terminal.language(lang)
        let cover = try CoverWorkflow(scenario: scenario, plan: plan, worker: worker, from: from, to: to)
        Terminal.out(json ? try cover.json() : cover.text(language))
    }
}
