import ArgumentParser
import Dispatch
import Foundation
import TeamPlan

/// Where the executable writes: results to standard output, diagnostics and
/// progress to standard error.
enum Terminal {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static var standardErrorIsTerminal: Bool { isatty(2) == 1 }

    /// `--json` output: sorted snake_case keys, as plan.json spells them.
    static func json<T: Encodable>(_ value: T) throws -> String { try JSONOutput.encode(value) }

    /// SIGINT and SIGTERM stop the search (the best plan is kept) instead of
    /// the process. Keep the returned sources alive while solving.
    static func stopOnSignals(_ control: SolveControl) -> [DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { control.stop() }
            source.resume()
            return source
        }
    }

    /// Every diagnostic, one a line, on standard error.
    static func report(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        err(diagnostics.map(\.description).joined(separator: "\n"))
    }

    /// Reads a scenario; prints every diagnostic and exits 65 when it has
    /// errors. Otherwise prints its warnings and notices unless the caller
    /// shows them itself (`check` lists them in its output).
    static func loadScenario(_ path: String, reportWarnings: Bool = true) throws -> LoadedScenario {
        let loaded = ScenarioLoader.load(path: path)
        let failed = loaded.diagnostics.hasErrors || loaded.scenario == nil
        if failed || reportWarnings { report(loaded.diagnostics) }
        if failed {
            let count = loaded.diagnostics.errors.count
            err("\(path): \(Format.count(count, "error")); nothing was written")
            throw Exit.invalidInput
        }
        return loaded
    }

    /// A plan file read and checked against the scenario as `verify` does:
    /// exit 65 when it cannot be read, exit 1 with the rules it breaks.
    static func checkedPlan(_ path: String, scenario: Scenario) throws -> SolveResult {
        let (plan, problems) = PlanFile.load(path: path)
        report(problems)
        guard let plan, !problems.hasErrors else {
            err("\(path): \(Format.count(problems.errors.count, "error")); not a plan teamplan can read; nothing was written")
            throw Exit.invalidInput
        }
        let evaluation = Evaluation(scenario: scenario, plan: plan)
        guard evaluation.isValid else {
            err(evaluation.violations.map { "  " + $0.description }.joined(separator: "\n"))
            err("\(path): the plan breaks \(Format.count(evaluation.violations.count, "rule")); nothing was written (see teamplan verify)")
            throw ExitCode(1)
        }
        return SolveResult(readFrom: plan, evaluation: evaluation)
    }
}
