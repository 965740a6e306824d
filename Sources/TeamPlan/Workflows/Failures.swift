/// The failures of the workflows' inputs and outputs, in the user's words.
extension Failure {
    /// A scenario with errors: each one, then how many.
    static func invalidScenario(_ path: String, _ diagnostics: [Diagnostic]) -> Failure {
        Failure(.invalidInput, "\(path): \(Format.count(diagnostics.errors.count, "error")); nothing was written",
                diagnostics: diagnostics)
    }

    /// A plan file that cannot be read as a plan.
    static func unreadablePlan(_ path: String, _ diagnostics: [Diagnostic], writes: Bool) -> Failure {
        Failure(.invalidInput, "\(path): \(Format.count(diagnostics.errors.count, "error")); not a plan teamplan can read"
                    + (writes ? "; nothing was written" : ""), diagnostics: diagnostics)
    }

    /// An output that may not or cannot be written.
    static func cannotWrite(_ error: any Error, prefix: String = "teamplan", suffix: String = "") -> Failure {
        Failure(.cannotWrite, "\(prefix): \(error)\(suffix)")
    }

    /// Stopped before the search found any plan.
    static func stoppedBeforeAnyPlan(_ path: String, seconds: Double) -> Failure {
        Failure(.stopped, "\(path): stopped after \(Format.seconds(seconds)) before any plan was found; nothing was written")
    }
}
