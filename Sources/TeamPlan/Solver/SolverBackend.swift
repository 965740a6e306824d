import Foundation

/// A MIP solver behind `Planner`: it solves a `LinearModel` and writes it as
/// text, and knows nothing of scenarios or plans. `Planner` turns what it
/// returns into a plan and checks that plan with `Evaluation`, so a backend
/// cannot hand out a plan that breaks a rule. GLPK (`GLPKBackend`) is the
/// one teamplan ships; a test wraps it (`BackendConformanceTests`).
///
/// A backend is chosen per solve by `SolveOptions.backend`. Debian's GLPK
/// keeps its state per thread: a backend with the same limitation creates,
/// solves and frees its problem on the calling thread, within one call.
public protocol SolverBackend: Sendable {
    /// Minimises `model` on the calling thread.
    ///
    /// - objectiveStep: every solution's objective is the model's constant
    ///   plus a whole multiple of this (nil when not known); a bound within
    ///   one step of the best solution proves it optimal.
    /// - control: stops the search from another thread; the best solution
    ///   found so far is kept (status `.feasible`, or `.stopped` without one).
    /// - progress: called now and then while the search runs.
    ///
    /// Throws `SolverError` when the solver fails in a way no solution comes out of.
    func solve(_ model: LinearModel, options: SolveOptions, objectiveStep: Double?, control: SolveControl?,
               progress: (@Sendable (SolveProgress) -> Void)?) throws -> RawSolution

    /// `model` as the text of a file in `format`, for any other solver: the
    /// objective's constant included, so that they report the same objective.
    func modelText(_ model: LinearModel, format: ModelFormat) throws -> String
}

/// The file formats a model is written in for other solvers.
public enum ModelFormat: Sendable {
    /// CPLEX LP format (`teamplan export --lp`).
    case cplexLP
    /// Free MPS format (`teamplan export --mps`).
    case freeMPS
}

/// The outcome of one MIP solve, whatever happened inside the backend.
public struct RawSolution: Sendable {
    /// How the search ended.
    public enum Status: Sendable {
        /// The best solution is proven optimal.
        case optimal
        /// A solution, optimality not proven (time limit, gap, stop).
        case feasible
        /// Stopped before any solution was found.
        case stopped
        /// The model has no solution.
        case infeasible
    }

    public var status: Status
    /// Each of the model's columns in their order; nil without a solution.
    public var values: [Double]?
    public var objective: Double?
    /// The best bound on the objective the search proved.
    public var bound: Double?
    public var gap: Double?
    public var seconds: Double
    /// The search stopped because the bound proved the incumbent optimal on
    /// the objective's lattice.
    public var provenByLattice = false
    /// The LP relaxation's bound at the root (after presolve, before cuts).
    public var rootBound: Double?
    /// Subproblems the search selected.
    public var nodes = 0
    /// Seconds until the search began (presolve and the root LP).
    public var rootSeconds: Double?

    public init(status: Status, values: [Double]? = nil, objective: Double? = nil, bound: Double? = nil, gap: Double? = nil,
                seconds: Double, provenByLattice: Bool = false, rootBound: Double? = nil, nodes: Int = 0,
                rootSeconds: Double? = nil) {
        self.status = status
        self.values = values
        self.objective = objective
        self.bound = bound
        self.gap = gap
        self.seconds = seconds
        self.provenByLattice = provenByLattice
        self.rootBound = rootBound
        self.nodes = nodes
        self.rootSeconds = rootSeconds
    }
}
