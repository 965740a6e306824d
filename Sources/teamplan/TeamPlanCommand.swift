import Foundation
import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import TeamPlan

@main
struct TeamPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "teamplan",
        abstract: "Plan which social worker holds which consultation hours at which GP practice.",
        discussion: """
            A scenario (YAML, big tables optionally CSV from Excel) describes next quarter: \
            the team, the practices, the money and the overheads. See docs/scenario.md.

            Examples:
              teamplan plan inputs/westelijke-mijnstreek.yaml
              teamplan check inputs/baandert.yaml --json
              teamplan verify inputs/baandert.yaml out/baandert/plan.json
              teamplan explain inputs/westelijke-mijnstreek.yaml --marginals
            """,
        version: "0.1.0",
        subcommands: [PlanCommand.self, Check.self, Verify.self, ReportCommand.self, ExplainCommand.self, SweepCommand.self, Export.self]
    )

    static func main() {
        // Under a file-size limit (ulimit -f) a write past it fails with EFBIG
        // and the output folder reports exit 73, instead of SIGXFSZ killing
        // the process half-way.
        signal(SIGXFSZ, SIG_IGN)
        Terminal.guardStandardStreams()
        var status: Int32
        do {
            var command = try parseAsRoot(nil)
            try command.run()
            status = 0
        } catch {
            // The one place a failure becomes text and an exit status:
            // help goes to standard output, everything else to standard error.
            status = exitCode(for: error).rawValue
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if status == 0 { Terminal.out(message) } else { Terminal.err(message) }
            }
        }
        // The files are written, but what was meant for the terminal was
        // lost (a closed stream, a broken pipe): say so by the status.
        if status == 0 && Terminal.lostOutput { status = Exit.outputLost.rawValue }
        Glibc.exit(status)
    }
}

/// The exit statuses of cli.md.
enum Exit {
    static let invalidInput = ExitCode(65)
    static let glpkFailed = ExitCode(69)
    static let internalError = ExitCode(70)
    static let cannotWrite = ExitCode(73)
    static let stoppedWithoutPlan = ExitCode(75)
    /// The work was done (files written), but standard output or standard
    /// error could not be written: closed, or a broken pipe.
    static let outputLost = ExitCode(74)
}
