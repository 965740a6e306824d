import Foundation
import Synchronization

// What every solver backend shares with its callers, apart from GLPK: the
// options of a solve, its progress, the control that stops it, and the
// failure no plan comes out of. The backend itself: SolverBackend.swift.

/// What a solve may use, how much it says, and which solver runs it: a
/// value, so that a workflow passes it on whole to every solve it makes
/// (explain's re-solves, a sweep's points) and the library reads nothing
/// from the process's environment.
public struct SolveOptions: Sendable {
    /// Seconds before the search stops and keeps the best plan found.
    public var timeLimit: Double?
    /// Stop once the best plan is proven within this relative gap.
    public var mipGap: Double?
    /// Seconds after which a search that has found no plan of its own stops
    /// (the planner's first search, beating a plan it already has, gives
    /// its time to the neighbourhood search when it finds nothing better).
    public var giveUpWithoutPlanAfter: Double?
    /// Let the solver print its own log to the terminal.
    public var verbose: Bool
    /// The most memory the solver may take (MiB); past it the search stops
    /// with `SolverError.memoryLimit` instead of exhausting the machine.
    public var memoryLimitMiB: Int?
    /// The default memory limit: 4 GiB, thirty times what the largest
    /// bench region takes.
    public static let defaultMemoryLimitMiB = 4096
    /// The solver that runs the search.
    public var backend: any SolverBackend
    /// The backend's own options, in its own words, to measure them without
    /// a rebuild; GLPK's are `glp_iocp` names, e.g. "fp=1,br=4,presolve=0"
    /// (docs/solver.md). The executable takes them from TEAMPLAN_GLPK.
    public var backendTuning: String?
    /// Among the plans with the best objective, the one that spends the
    /// least money: a second, exact solve (`LeastMoney`).
    public var leastMoney = false

    public init(timeLimit: Double? = nil, mipGap: Double? = nil, verbose: Bool = false,
                memoryLimitMiB: Int? = SolveOptions.defaultMemoryLimitMiB,
                backend: any SolverBackend = GLPKBackend(), backendTuning: String? = nil) {
        self.timeLimit = timeLimit
        self.mipGap = mipGap
        self.verbose = verbose
        self.memoryLimitMiB = memoryLimitMiB
        self.backend = backend
        self.backendTuning = backendTuning
    }
}

/// How far the search is, for a progress line.
public struct SolveProgress: Sendable {
    public var seconds: Double
    /// The best plan's objective, once there is one.
    public var incumbent: Double?
    public var bound: Double?
    public var mipGap: Double?
}

/// Stops a running search from another thread (Ctrl-C, SIGTERM): the best
/// plan found so far is kept.
public final class SolveControl: Sendable {
    private let stopped = Atomic<Bool>(false)

    public init() {}

    public func stop() { stopped.store(true, ordering: .relaxed) }

    public var isStopped: Bool { stopped.load(ordering: .relaxed) }
}

/// What a stop request from outside means: the first stops the search
/// and keeps the best plan; a second Ctrl-C (SIGINT) means now — GLPK's
/// simplex looks at no stop request until its LP is solved. A SIGINT that
/// comes within `sameKeypress` of the first is the same request delivered
/// twice (GNU `timeout -s INT` signals the process and then its group) and
/// is ignored; SIGTERM and SIGHUP never mean now (a scheduler that means
/// now sends SIGKILL after them).
public struct StopRequests: Sendable {
    public enum Action: Equatable, Sendable {
        case stop, stopNow, ignore
    }

    public static let sameKeypress = 0.2
    private var firstInterrupt: Date?
    private var stopped = false

    public init() {}

    /// The action for `signal` received at `time`.
    public mutating func received(_ signal: Int32, at time: Date) -> Action {
        defer { stopped = true }
        guard signal == SIGINT else { return stopped ? .ignore : .stop }
        guard let first = firstInterrupt else {
            firstInterrupt = time
            return stopped ? .ignore : .stop
        }
        return time.timeIntervalSince(first) >= Self.sameKeypress ? .stopNow : .ignore
    }
}

/// The solver failed in a way no plan can come out of.
public enum SolverError: Error, CustomStringConvertible, Sendable {
    /// GLPK hit a fatal error (it would have aborted the process), with
    /// what GLPK said.
    case glpkFatal(message: String)
    /// GLPK needed more memory than it was allowed (`SolveOptions.memoryLimitMiB`).
    case memoryLimit(mebibytes: Int)
    case glpkFailed(code: Int32, what: String)

    public var description: String {
        switch self {
        case .glpkFatal(let message):
            return "GLPK stopped with a fatal error" + (message.isEmpty ? "" : " (\(message))") + "; no plan was made"
        case .memoryLimit(let mebibytes):
            return "the search needed more than its memory limit of \(mebibytes) MiB; no plan was made. "
                + "Allow more with --memory-limit, or plan a smaller region"
        case .glpkFailed(let code, let what):
            return "GLPK could not solve the model: \(what) (code \(code))"
        }
    }
}
