import ArgumentParser
import Foundation
import TeamPlan

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
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
        let loaded = try Terminal.loadScenario(scenario)
        let file = OutputFile(path: lp ?? mps ?? "")
        // Checked before the model is built: never over an input, never a folder.
        do {
            try file.check(inputs: loaded.inputFiles)
        } catch {
            Terminal.err("teamplan: \(error)")
            throw Exit.cannotWrite
        }
        let text: Data
        do {
            text = try Planner.export(loaded.scenario!, format: lp != nil ? .cplexLP : .freeMPS)
        } catch {
            Terminal.err("teamplan: \(error)")
            throw Exit.glpkFailed
        }
        do {
            try file.write(text)
        } catch {
            Terminal.err("teamplan: \(error)")
            throw Exit.cannotWrite
        }
    }
}
