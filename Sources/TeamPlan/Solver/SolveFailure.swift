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
        default: Failure(.solverFailed, "teamplan: \(error)")
        }
    }

    /// A failure of a solve among many (a sweep's point, an explain re-solve),
    /// shown beside its name: the error's own words, of the kind it is.
    static func solvingOne(_ error: any Error) -> Failure { Failure(solving(error).kind, "\(error)") }
}
