/// The failures of a solve, in the user's words.
extension Failure {
    /// The solver gave no plan.
    static func solver(_ error: SolverError) -> Failure { Failure(.solverFailed, "teamplan: \(error)") }

    /// The solver's plan fails the model's own check.
    static func internalCheck(_ failure: PlanCheckFailure) -> Failure { Failure(.internalError, failure.description) }

    /// Any error of a solve: the solver's, the model check's, or (never
    /// expected) another, counted as the solver's.
    static func solving(_ error: any Error) -> Failure {
        switch error {
        case let failure as Failure: failure
        case let error as SolverError: .solver(error)
        case let failure as PlanCheckFailure: .internalCheck(failure)
        case let conflict as PinConflict: .pinsCannotHold(conflict, path: nil)
        default: Failure(.solverFailed, "teamplan: \(error)")
        }
    }

    /// A failure of a solve among many (a sweep's point, an explain re-solve),
    /// shown beside its name: the error's own words, of the kind it is.
    static func solvingOne(_ error: any Error) -> Failure { Failure(solving(error).kind, "\(error)") }

    /// Pins that cannot all hold (scenario.md): each at its position, then
    /// the rule that explains it where one does; an invalid scenario (65).
    static func pinsCannotHold(_ conflict: PinConflict, path: String?) -> Failure {
        let n = conflict.pins.count
        let diagnostics = conflict.pins.map { pin in
            Diagnostic.error(at: pin.location, path: "pins", n == 1 ? "the pin \(pin) cannot hold" : "the pin \(pin), one of \(n) that cannot hold together")
        }
        let why = conflict.reason.map { reason in conflict.rule.map { "\($0.rawValue): \(reason)" } ?? reason }
            ?? "no valid plan keeps them all, though none can be left out of the conflict"
        let what = (n == 1 ? "this pin cannot hold" : "these \(n) pins cannot all hold")
            + (conflict.minimal ? "" : " (the time ran out before each was asked whether the conflict needs it: leaving out one may not be enough)")
        return Failure(.invalidInput, "\(path ?? "teamplan"): \(what): \(why); leave one out, or change what it needs; nothing was written",
                       diagnostics: diagnostics)
    }
}
