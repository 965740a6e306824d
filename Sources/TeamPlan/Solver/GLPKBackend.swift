import CGLPK
import Foundation
import GLPKShim

/// Everything the callback needs, passed through `cb_info`.
final class SearchMonitor {
    let control: SolveControl?
    let progress: (@Sendable (SolveProgress) -> Void)?
    let started = Date()
    /// Objective values of plans are multiples of this (when known): a bound
    /// within one step of the incumbent proves it optimal.
    let step: Double?
    let objectiveConstant: Double
    var lastReport = Date.distantPast
    var incumbent: Double?
    var bound: Double?
    var gap: Double?
    var provenByLattice = false
    var stoppedByUser = false
    /// After this many subproblems, branch by `laterBranching` instead: GLPK
    /// reads its options through the pointer it was given at each branching.
    var switchBranching: (afterNodes: Int, to: Int32, parameters: UnsafeMutablePointer<glp_iocp>)?
    var nodes = 0
    var rootBound: Double?
    var rootSeconds: Double?
    /// GLPK checks its own time limit only between subproblems; the callback
    /// checks at every call as well, so that the limit holds more closely.
    var deadline: Date?
    /// When the search stops if it has found no plan of its own by then.
    var giveUpWithoutPlan: Date?

    init(control: SolveControl?, progress: (@Sendable (SolveProgress) -> Void)?, step: Double?, objectiveConstant: Double) {
        self.control = control
        self.progress = progress
        self.step = step
        self.objectiveConstant = objectiveConstant
    }
}

/// GLPK's branch-and-cut callback: follows the incumbent and the bound,
/// reports progress, stops on request or when the lattice proves the
/// incumbent. Captures nothing (a C function pointer); every GLPK call here
/// is made with arguments GLPK accepts, so its error hook never fires here.
func glpkSearchCallback(_ tree: OpaquePointer?, _ info: UnsafeMutableRawPointer?) {
    guard let tree, let info else { return }
    let monitor = Unmanaged<SearchMonitor>.fromOpaque(info).takeUnretainedValue()
    if monitor.control?.isStopped == true {
        monitor.stoppedByUser = true
        glp_ios_terminate(tree)
        return
    }
    if let deadline = monitor.deadline, Date() >= deadline {
        glp_ios_terminate(tree)
        return
    }
    if let giveUp = monitor.giveUpWithoutPlan, monitor.incumbent == nil, Date() >= giveUp {
        glp_ios_terminate(tree)
        return
    }
    if glp_ios_reason(tree) == GLP_ISELECT {
        monitor.nodes += 1
        if let change = monitor.switchBranching, monitor.nodes > change.afterNodes {
            change.parameters.pointee.br_tech = change.to
            monitor.switchBranching = nil
        }
    }
    let problem = glp_ios_get_prob(tree)
    let status = glp_mip_status(problem)
    let own = status == GLP_FEAS || status == GLP_OPT ? glp_mip_obj_val(problem) : nil
    let improved = own != nil && own != monitor.incumbent
    monitor.incumbent = own
    // The root's LP, solved: the first row-generation call at level 0.
    if monitor.rootBound == nil, glp_ios_reason(tree) == GLP_IROWGEN,
       glp_ios_node_level(tree, glp_ios_curr_node(tree)) == 0 {
        monitor.rootBound = glp_get_obj_val(problem)
        monitor.rootSeconds = Date().timeIntervalSince(monitor.started)
    }
    let best = glp_ios_best_node(tree)
    if best != 0 {
        monitor.bound = glp_ios_node_bound(tree, best)

        if monitor.incumbent != nil { monitor.gap = glp_ios_mip_gap(tree) }
    }
    // A better plan is reported at once (its time goes into the solve's
    // timeline), other progress at most four times a second.
    let now = Date()
    if let progress = monitor.progress, improved || now.timeIntervalSince(monitor.lastReport) >= 0.25 {
        monitor.lastReport = now
        progress(SolveProgress(seconds: now.timeIntervalSince(monitor.started), incumbent: monitor.incumbent,
                               bound: monitor.bound, mipGap: monitor.gap))
    }
    if let step = monitor.step, let incumbent = monitor.incumbent, let bound = monitor.bound {
        // Every plan's objective is constant + k × step: no plan lies strictly
        // between the bound and the incumbent when they are within one step.
        let k = ((incumbent - monitor.objectiveConstant) / step).rounded()
        let next = monitor.objectiveConstant + (k - 1) * step
        if bound > next + 1e-6 * max(1, abs(step)) {
            monitor.provenByLattice = true
            glp_ios_terminate(tree)
            return
        }
    }
}

/// GLPK behind `SolverBackend`: a model is solved on the calling thread
/// (created, solved and deleted there, GLPK's environment freed at the end),
/// or written by GLPK's own LP and MPS writers.
public struct GLPKBackend: SolverBackend {
    public init() {}

    /// Models of region size branch on the most fractional variable from
    /// the start; smaller ones by Driebeck and Tomlin first, for a budget of
    /// subproblems that shrinks as the model grows, then the same tree goes
    /// on by the most fractional variable (docs/solver.md, "The search").
    public func solve(_ model: LinearModel, options: SolveOptions, objectiveStep: Double?, control: SolveControl?,
                      progress: (@Sendable (SolveProgress) -> Void)?) throws -> RawSolution {
        let switchAfter = model.integerCount > 1_000 ? nil : max(10, 30_000 / max(1, model.integerCount))
        return try Self.search(model, options: options, branching: switchAfter == nil ? GLP_BR_MFV : GLP_BR_DTH,
                               switchAfter: switchAfter) {
            SearchMonitor(control: control, progress: progress, step: objectiveStep, objectiveConstant: model.objectiveConstant)
        }
    }

    /// The error for a fatal GLPK error, with the message GLPK printed
    /// (its last line that is not its own source position).
    static func fatalFailure(_ options: SolveOptions) -> SolverError {
        let output = String(cString: tp_last_output())
        let lines = output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("Error detected in file") }
        let message = lines.last ?? ""
        if let limit = options.memoryLimitMiB, message.contains("memory allocation limit exceeded") {
            return .memoryLimit(mebibytes: limit)
        }
        return .glpkFatal(message: message)
    }

    /// One search on this thread: the problem is created, solved and deleted
    /// here, and GLPK's environment freed at the end. A fatal GLPK error
    /// frees the problem with the environment (GLPKShim's hook): then it is
    /// not deleted again. The monitor is made once the model is loaded: its
    /// clock is the search's.
    static func search(_ model: LinearModel, options: SolveOptions, branching: Int32, switchAfter: Int?,
                       monitor makeMonitor: () -> SearchMonitor) throws -> RawSolution {
        let started = Date()
        tp_set_terminal_output(options.verbose ? 1 : 0)
        defer { glp_free_env() }
        try provokeFatalErrorForTests(options)
        guard let problem = glp_create_prob() else { throw SolverError.glpkFailed(code: -1, what: "out of memory") }
        var deleted = false
        defer { if !deleted { glp_delete_prob(problem) } }
        load(model, into: problem)

        let monitor = makeMonitor()
        var parameters = searchParameters(options, branching: branching)
        if parameters.presolve == GLP_OFF {
            let lp = solveRelaxation(problem, options: options)
            if lp == TP_GLPK_FATAL {
                deleted = true
                throw fatalFailure(options)
            }
            if lp != 0 { throw SolverError.glpkFailed(code: lp, what: "the LP relaxation could not be solved") }
        }
        if let limit = options.timeLimit {
            parameters.tm_lim = Int32(max(1, min(Double(Int32.max), limit * 1000)))
            monitor.deadline = started.addingTimeInterval(limit)
        }
        monitor.giveUpWithoutPlan = options.giveUpWithoutPlanAfter.map { started.addingTimeInterval($0) }
        if let gap = options.mipGap { parameters.mip_gap = gap }
        let code = branchAndCut(problem, parameters: parameters, monitor: monitor, switchAfter: switchAfter, options: options)
        if code == TP_GLPK_FATAL {
            deleted = true
            throw fatalFailure(options)
        }
        return try solution(of: problem, model: model, code: code, monitor: monitor,
                            seconds: Date().timeIntervalSince(started))
    }

    /// Tests reach the fatal-error path with a real GLPK error: debug builds
    /// only, when TEAMPLAN_TEST_GLPK_FATAL=1 (PlanCommandTests).
    static func provokeFatalErrorForTests(_ options: SolveOptions) throws {
        #if DEBUG
        if ProcessInfo.processInfo.environment["TEAMPLAN_TEST_GLPK_FATAL"] == "1" {
            if tp_force_fatal_error() == TP_GLPK_FATAL { throw fatalFailure(options) }
        }
        #endif
    }

    /// The root LP solved by the simplex method with its own presolver, for
    /// a search without GLPK's MIP presolver (which otherwise solves it).
    static func solveRelaxation(_ problem: OpaquePointer, options: SolveOptions) -> Int32 {
        var simplex = glp_smcp()
        glp_init_smcp(&simplex)
        simplex.msg_lev = options.verbose ? GLP_MSG_ON : GLP_MSG_OFF
        simplex.presolve = GLP_ON
        if let limit = options.memoryLimitMiB { glp_mem_limit(Int32(clamping: limit)) }
        return tp_simplex(problem, &simplex)
    }

    /// `glp_intopt` with the callback: GLPK keeps the pointer to its options
    /// for the whole search, and the callback changes the branching rule
    /// through it after `switchAfter` subproblems.
    static func branchAndCut(_ problem: OpaquePointer, parameters: glp_iocp, monitor: SearchMonitor, switchAfter: Int?,
                             options: SolveOptions) -> Int32 {
        var parameters = parameters
        parameters.cb_func = glpkSearchCallback
        let info = Unmanaged.passRetained(monitor)
        parameters.cb_info = info.toOpaque()
        defer { info.release() }
        let parametersPointer = UnsafeMutablePointer<glp_iocp>.allocate(capacity: 1)
        parametersPointer.initialize(to: parameters)
        defer { parametersPointer.deallocate() }
        if let switchAfter { monitor.switchBranching = (switchAfter, GLP_BR_MFV, parametersPointer) }
        // Only now: GLPK's memory limit is a fatal error, which only the
        // guarded calls turn into an error instead of an abort.
        if let limit = options.memoryLimitMiB { glp_mem_limit(Int32(clamping: limit)) }
        return tp_intopt(problem, parametersPointer)
    }

    /// What `glp_intopt` left: the columns' values and objective when it
    /// found a plan, the bound the callback followed, and the status its
    /// return code and the MIP status mean together.
    static func solution(of problem: OpaquePointer, model: LinearModel, code: Int32, monitor: SearchMonitor,
                         seconds: Double) throws -> RawSolution {
        let status = glp_mip_status(problem)
        let hasPlan = status == GLP_OPT || status == GLP_FEAS
        var values: [Double]?
        var objective: Double?
        if hasPlan {
            values = (0..<model.variables.count).map { glp_mip_col_val(problem, Int32($0 + 1)) }
            objective = glp_mip_obj_val(problem)
        }
        let bound = monitor.bound
        var result = RawSolution(status: .stopped, values: values, objective: objective, bound: bound,
                                 gap: objective.flatMap { o in bound.map { abs(o - $0) / (abs(o) + 2.2e-16) } },
                                 seconds: seconds, provenByLattice: monitor.provenByLattice,
                                 rootBound: monitor.rootBound, nodes: monitor.nodes, rootSeconds: monitor.rootSeconds)
        switch code {
        case 0:
            if status == GLP_OPT {
                result.status = .optimal
                result.bound = objective
                result.gap = 0
            } else if status == GLP_NOFEAS && !hasPlan {
                result.status = .infeasible
            } else {
                result.status = hasPlan ? .feasible : .stopped
            }
        case GLP_ESTOP where monitor.provenByLattice && hasPlan:
            result.status = .optimal
            result.gap = 0
        case GLP_ETMLIM, GLP_ESTOP, GLP_EMIPGAP:
            result.status = hasPlan ? .feasible : .stopped
        case GLP_ENOPFS:
            result.status = hasPlan ? .feasible : .infeasible
        default:
            throw SolverError.glpkFailed(code: code, what: describe(code))
        }
        return result
    }

    /// GLPK's options for the search, chosen by measurement on the
    /// bench scenarios (make bench): presolve and Gomory/MIR cuts on; cover
    /// and clique cuts and the feasibility pump off (they cost more than they
    /// gave); branching on the most fractional variable, backtracking to the
    /// subproblem with the best local bound. Best projection was the rule
    /// before; with team sizes it left 25×40 at team size 21 unproven after
    /// 60 s, where best local bound proves it in 37 s (team size 20: 57 s →
    /// 45 s; the main example 1.4 s → 0.7 s; the other bench models alike).
    /// `branching` is the rule the search starts with; `options.backendTuning`
    /// overrides any of these afterwards.
    static func searchParameters(_ options: SolveOptions, branching: Int32) -> glp_iocp {
        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.presolve = GLP_ON
        parameters.msg_lev = options.verbose ? GLP_MSG_ON : GLP_MSG_OFF
        parameters.gmi_cuts = GLP_ON
        parameters.mir_cuts = GLP_ON
        parameters.cov_cuts = GLP_OFF
        parameters.clq_cuts = GLP_OFF
        parameters.fp_heur = GLP_OFF
        parameters.br_tech = branching
        parameters.bt_tech = GLP_BT_BLB
        if let tuning = options.backendTuning { tune(&parameters, tuning) }
        return parameters
    }

    /// Developers' knobs for measuring GLPK's options without a rebuild:
    /// `SolveOptions.backendTuning` as "fp=1,br=4,…" (names as in
    /// `glp_iocp`; the executable reads it from TEAMPLAN_GLPK). A name it
    /// does not know, or a value that is not a whole number, is passed over.
    static func tune(_ parameters: inout glp_iocp, _ knobs: String) {
        for knob in knobs.split(separator: ",") {
            let kv = knob.split(separator: "=").map(String.init)
            guard kv.count == 2, let v = Int32(kv[1]) else { continue }
            switch kv[0] {
            case "presolve": parameters.presolve = v
            case "gmi": parameters.gmi_cuts = v
            case "mir": parameters.mir_cuts = v
            case "cov": parameters.cov_cuts = v
            case "clq": parameters.clq_cuts = v
            case "fp": parameters.fp_heur = v
            case "ps": parameters.ps_heur = v
            case "sr": parameters.sr_heur = v
            case "br": parameters.br_tech = v
            case "bt": parameters.bt_tech = v
            case "pp": parameters.pp_tech = v
            default: break
            }
        }
    }

    static func describe(_ code: Int32) -> String {
        switch code {
        case GLP_EBOUND: return "a variable or row has invalid bounds"
        case GLP_EROOT: return "the root LP has no optimal basis"
        case GLP_ENODFS: return "the LP relaxation has no dual feasible solution"
        case GLP_EFAIL: return "the solver failed"
        default: return "unexpected return code"
        }
    }

    /// Copies a model into a GLPK problem: columns, rows, coefficients, names.
    static func load(_ model: LinearModel, into problem: OpaquePointer) {
        glp_set_prob_name(problem, glpkName(model.name))
        glp_set_obj_dir(problem, GLP_MIN)
        glp_set_obj_coef(problem, 0, model.objectiveConstant)
        if !model.variables.isEmpty { glp_add_cols(problem, Int32(model.variables.count)) }
        for (offset, variable) in model.variables.enumerated() {
            let j = Int32(offset + 1)
            glp_set_col_name(problem, j, glpkName(variable.name))
            switch variable.kind {
            case .binary: glp_set_col_kind(problem, j, GLP_BV)
            case .integer: glp_set_col_kind(problem, j, GLP_IV)
            case .continuous: glp_set_col_kind(problem, j, GLP_CV)
            }
            if variable.kind == .binary, variable.lower > 0 {
                glp_set_col_bnds(problem, j, GLP_FX, 1, 1)  // a binary fixed at 1 (a pair required)
            } else if variable.kind == .binary, let upper = variable.upper, upper <= 0 {
                glp_set_col_bnds(problem, j, GLP_FX, 0, 0)  // a binary held at 0 (the neighbourhood search)
            } else if variable.kind != .binary {
                if let upper = variable.upper {
                    glp_set_col_bnds(problem, j, upper == variable.lower ? GLP_FX : GLP_DB, variable.lower, upper)
                } else {
                    glp_set_col_bnds(problem, j, GLP_LO, variable.lower, 0)
                }
            }
            glp_set_obj_coef(problem, j, variable.cost)
        }
        if !model.rows.isEmpty { glp_add_rows(problem, Int32(model.rows.count)) }
        var ia: [Int32] = [0], ja: [Int32] = [0], ar: [Double] = [0]
        ia.reserveCapacity(model.nonzeroCount + 1)
        ja.reserveCapacity(model.nonzeroCount + 1)
        ar.reserveCapacity(model.nonzeroCount + 1)
        for (offset, row) in model.rows.enumerated() {
            let i = Int32(offset + 1)
            glp_set_row_name(problem, i, glpkName(row.name))
            switch (row.lower, row.upper) {
            case (nil, nil): glp_set_row_bnds(problem, i, GLP_FR, 0, 0)
            case (let l?, nil): glp_set_row_bnds(problem, i, GLP_LO, l, 0)
            case (nil, let u?): glp_set_row_bnds(problem, i, GLP_UP, 0, u)
            case (let l?, let u?): glp_set_row_bnds(problem, i, l == u ? GLP_FX : GLP_DB, l, u)
            }
            for term in row.terms {
                ia.append(i)
                ja.append(Int32(term.variable + 1))
                ar.append(term.coefficient)
            }
        }
        if ia.count > 1 { glp_load_matrix(problem, Int32(ia.count - 1), ia, ja, ar) }
    }

    /// GLPK names: at most 255 characters, printable, no spaces.
    /// GLPK takes names of printable ASCII only (a control character is a
    /// fatal error in glp_set_*_name), at most 255 bytes.
    static func glpkName(_ name: String) -> String {
        String(String(name.map { $0 == " " ? "_" : $0 }.filter { $0.isASCII && ($0.asciiValue ?? 0) > 0x20 && $0 != "\u{7F}" }).prefix(255))
    }
}

extension GLPKBackend {
    /// `model` in CPLEX LP or free MPS format, from GLPK's own writers, so
    /// that any other solver reads exactly the model teamplan solves. The
    /// text is ASCII: GLPK takes names of printable ASCII only (`glpkName`).
    public func modelText(_ model: LinearModel, format: ModelFormat) throws -> String {
        tp_set_terminal_output(0)
        defer { glp_free_env() }
        guard let problem = glp_create_prob() else { throw SolverError.glpkFailed(code: -1, what: "out of memory") }
        defer { glp_delete_prob(problem) }
        // The LP and MPS writers drop the objective's constant: carry it in a
        // column fixed at 1, so other solvers report the same objective.
        var exported = model
        if model.objectiveConstant != 0 {
            exported.add("objective_constant", .continuous, lower: 1, upper: 1, cost: model.objectiveConstant)
            exported.objectiveConstant = 0
        }
        Self.load(exported, into: problem)
        // GLPK writes into a pipe that a thread of ours reads to its end: the
        // text arrives whole in memory, and the caller writes it to disk with
        // checked writes (GLPK's writer can report success on a full disk).
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw SolverError.glpkFailed(code: -1, what: "no pipe for the model's text") }
        let reader = PipeReader(fd: ends[0])
        let path = "/dev/fd/\(ends[1])"
        let code: Int32
        switch format {
        case .cplexLP: code = glp_write_lp(problem, nil, path)
        case .freeMPS: code = glp_write_mps(problem, GLP_MPS_FILE, nil, path)
        }
        close(ends[1])
        let text = reader.wait()
        close(ends[0])
        if code != 0 { throw SolverError.glpkFailed(code: code, what: "could not write the model's text") }
        guard let string = String(data: text, encoding: .utf8) else {
            throw SolverError.glpkFailed(code: -1, what: "the model's text is not UTF-8")
        }
        return string
    }
}
