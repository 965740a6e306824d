import ArgumentParser
import Foundation
import TeamPlan

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the scenario's MIP in CPLEX LP or free MPS format, for any other solver.",
        discussion: """
            The model is exactly the one `teamplan plan` solves, with readable names: \
            x[worker,practice,slot] for sessions, y[worker,practice] for regular pairs, \
            b[worker,practice] for backups, l[practice,slot,week] for lost occurrences, \
            F[stream,practice,activity] for funding, and rows named after the rules (H2…H9).

            Examples:
              teamplan export inputs/westelijke-mijnstreek.yaml --lp model.lp
              teamplan export bench/region-25x40.yaml --mps region.mps && glpsol --freemps region.mps
            """)

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Write CPLEX LP format to this file.", valueName: "file"))
    var lp: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Write free MPS format to this file.", valueName: "file"))
    var mps: String?

    func validate() throws {
        if (lp == nil) == (mps == nil) { throw ValidationError("give exactly one of --lp FILE or --mps FILE") }
    }

    func run() throws {
        try ExportWorkflow.run(scenario: scenario, to: lp ?? mps ?? "", format: lp != nil ? .cplexLP : .freeMPS,
                               events: Terminal.events(quiet: false))
    }
}
