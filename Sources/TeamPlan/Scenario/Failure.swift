/// Why a workflow gave no result, or not all of it: the one failure type of
/// the library. Every other error (a reader's diagnostics, `SolverError`,
/// `PlanCheckFailure`, an output folder's refusal, a sweep's invalid axis)
/// becomes one of these at the edge of a workflow, with its message in the
/// user's words. A front end turns the kind into its own answer (the command
/// line into an exit status, in one function) and shows the text as it is.
public struct Failure: Error, Sendable, CustomStringConvertible, Equatable {
    /// What went wrong, in the order of cli.md's exit statuses.
    public enum Kind: Int, Sendable, Comparable, CaseIterable, Codable {
        /// A plan breaks a rule of the model (`verify`, or a plan given to `report`/`explain`).
        case planBreaksRules
        /// The request itself is wrong: an option's value, an axis, a shard.
        case wrongRequest
        /// The scenario, a plan file or a shard cannot be read: every problem listed.
        case invalidInput
        /// The solver failed (GLPK missing, a fatal error, its memory limit).
        case solverFailed
        /// A plan the solver found failed the model's own check: a bug.
        case internalError
        /// An output could not be written (the previous output is left as it was).
        case cannotWrite
        /// Stopped (time limit, Ctrl-C) before a plan was found, or before the work was complete.
        case stopped

        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    public var kind: Kind
    /// The problems behind an invalid input, each shown on a line before the message.
    public var diagnostics: [Diagnostic]
    /// In the user's words; empty when what was printed already says it
    /// (verify's list of broken rules).
    public var message: String

    public init(_ kind: Kind, _ message: String, diagnostics: [Diagnostic] = []) {
        self.kind = kind
        self.message = message
        self.diagnostics = diagnostics
    }

    /// Every diagnostic, one a line, then the message.
    public var description: String { text(.en) }

    /// The same in `language`: Dutch where `DutchMessages` has the form.
    public func text(_ language: Language) -> String {
        let message = language == .nl ? DutchMessages.lines(self.message) : self.message
        return (diagnostics.map { $0.text(language) } + (message.isEmpty ? [] : [message])).joined(separator: "\n")
    }

    /// The message for a log line or a table cell: the first line of the description.
    public var summary: String { description.split(separator: "\n").first.map(String.init) ?? "" }
}
