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
        subcommands: TeamPlanCommand.commands
    )

    static var commands: [any ParsableCommand.Type] {
        var commands: [any ParsableCommand.Type] = [PlanCommand.self, CheckCommand.self, VerifyCommand.self, ReportCommand.self,
                                                    ExplainCommand.self, SweepCommand.self, ExportCommand.self, ReplanCommand.self,
                                                    CoverCommand.self, TemplateCommand.self]
        #if Serve
        commands.append(ServeCommand.self)
        #endif
        return commands
    }

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
            let (text, code) = rendered(error)
            status = code
            // Help and the version go to standard output, everything else to standard error.
            if !text.isEmpty { if code == 0 { Terminal.out(text) } else { Terminal.err(text) } }
        }
        // The files are written, but what was meant for the terminal was
        // lost (a closed stream, a broken pipe): say so by the status.
        if status == 0 && Terminal.lostOutput { status = Exit.outputLost }
        Glibc.exit(status)
    }

    /// The one place a failure becomes text and an exit status: the
    /// library's `Failure` by its kind (cli.md's table), everything else
    /// (a wrong command line, help) as swift-argument-parser renders it.
    static func rendered(_ error: any Error) -> (text: String, status: Int32) {
        guard let failure = error as? Failure else { return (fullMessage(for: error), exitCode(for: error).rawValue) }
        let status: Int32 = switch failure.kind {
        case .planBreaksRules: 1
        case .wrongRequest: 64
        case .invalidInput: 65
        case .solverFailed: 69
        case .internalError: 70
        case .cannotWrite: 73
        case .stopped: 75
        }
        return (failure.text(Terminal.chosenLanguage ?? Terminal.language(nil)), status)
    }
}

/// The exit status cli.md does not list (each of its own comes from `rendered`).
enum Exit {
    /// The work was done (files written), but standard output or standard
    /// error could not be written: closed, or a broken pipe.
    static let outputLost: Int32 = 74
}
