import Foundation
import Testing
@testable import TeamPlan

/// A backend around another that records what passes through the protocol
/// (the model's size, the lattice step, the tuning, the solution) and may
/// change the solution on its way back.
final class RecordingBackend: SolverBackend, CustomTestStringConvertible {
    struct Call: Sendable {
        var columns: Int
        var rows: Int
        var step: Double?
        var tuning: String?
        var solution: RawSolution?
    }

    let inner: any SolverBackend
    let name: String
    let change: @Sendable (RawSolution) -> RawSolution
    /// Solves without the cutoff row (as a backend that ignored it would),
    /// so that a solution to change comes back even when the first plan is the best.
    let ignoresCutoff: Bool
    private let recorded = Locked<[Call]>([])

    init(_ inner: any SolverBackend = GLPKBackend(), name: String = "recording GLPK", ignoresCutoff: Bool = false,
         change: @escaping @Sendable (RawSolution) -> RawSolution = { $0 }) {
        self.inner = inner
        self.name = name
        self.ignoresCutoff = ignoresCutoff
        self.change = change
    }

    var calls: [Call] { recorded.withLock { $0 } }
    var testDescription: String { name }

    func solve(_ model: LinearModel, options: SolveOptions, objectiveStep: Double?, control: SolveControl?,
               progress: (@Sendable (SolveProgress) -> Void)?) throws -> RawSolution {
        var call = Call(columns: model.variables.count, rows: model.rows.count, step: objectiveStep, tuning: options.backendTuning)
        defer { recorded.withLock { $0.append(call) } }
        let solved = ignoresCutoff ? model.removingRows(named: LinearModel.cutoffRow) : model
        let solution = change(try inner.solve(solved, options: options, objectiveStep: objectiveStep, control: control,
                                              progress: progress))
        call.solution = solution
        return solution
    }

    func modelText(_ model: LinearModel, format: ModelFormat) throws -> String {
        try inner.modelText(model, format: format)
    }
}

extension GLPKBackend: CustomTestStringConvertible {
    public var testDescription: String { "GLPK" }
}

/// What every backend must do through `SolverBackend`, run on GLPK itself
/// and on a backend that only wraps it (docs/architecture.md, "Adding a
/// backend"): the plan a backend's solution stands for is checked by
/// `Planner`, so a backend that answers wrongly is refused, never written.
@Suite(.serialized) struct BackendConformanceTests {
    static let backends: [any SolverBackend & CustomTestStringConvertible] = [GLPKBackend(), RecordingBackend()]

    var fixture: Scenario { get throws { try #require(loadScenario(Fixture.scenario).scenario) } }

    @Test(arguments: backends)
    func aBackendPlansTheFixtureToItsProvenOptimumAndThePlanChecks(backend: any SolverBackend & CustomTestStringConvertible) throws {
        let scenario = try fixture
        let result = try Planner.solve(scenario, options: SolveOptions(backend: backend))
        #expect(result.status == .optimal)
        #expect(result.origin == .solved)
        let model = Formulation(scenario).model
        #expect(result.modelSize == SolveResult.ModelSize(model))
        let plan = try #require(result.plan)
        let evaluation = Evaluation(scenario: scenario, plan: plan)
        #expect(evaluation.violations.isEmpty, "\(evaluation.violations)")
        #expect(result.objective == evaluation.terms.objective)
        let direct = try Planner.solve(scenario)
        #expect(result.objective == direct.objective)
        #expect(PlanFile.encode(plan, timing: false) == PlanFile.encode(try #require(direct.plan), timing: false))
    }

    @Test(arguments: backends)
    func aBackendWritesTheModelPlanSolves(backend: any SolverBackend & CustomTestStringConvertible) throws {
        let scenario = try fixture
        for format in [ModelFormat.cplexLP, .freeMPS] {
            let text = try Planner.export(scenario, format: format, backend: backend)
            #expect(text == (try GLPKBackend().modelText(Formulation(scenario).model, format: format)))
            #expect(text.contains("objective_constant"), "the constant travels in a fixed column")
        }
    }

    @Test func theBackendSeesTheModelTheLatticeStepAndTheTuning() throws {
        let scenario = try fixture
        let backend = RecordingBackend()
        _ = try Planner.solve(scenario, options: SolveOptions(backend: backend, backendTuning: "fp=1"))
        let model = Formulation(scenario).model
        let calls = backend.calls
        #expect(calls.count == 1, "the fixture is proven by the first search")
        // One row more: the cutoff, for plans better than the one built at once.
        #expect(calls.first?.columns == model.variables.count && calls.first?.rows == model.rows.count + 1)
        #expect(calls.first?.step == Planner.objectiveStep(scenario))
        #expect(calls.first?.tuning == "fp=1")
    }

    /// A backend stopped before any solution still leaves a plan: the one
    /// built at once (GreedyPlan), checked, feasible, never called optimal.
    @Test func aSearchStoppedWithoutASolutionAnswersWithThePlanBuiltAtOnce() throws {
        let backend = RecordingBackend(name: "stopped") { raw in RawSolution(status: .stopped, seconds: raw.seconds) }
        let scenario = try fixture
        let result = try Planner.solve(scenario, options: SolveOptions(backend: backend))
        #expect(result.status == .feasible)
        let first = try #require(GreedyPlan.plan(scenario))
        #expect(result.plan?.sessions == first.plan.sessions && result.objective == first.evaluation.terms.objective)
        #expect(result.evaluation?.isValid == true)
        #expect(result.plan?.status == .feasible && result.plan?.bound == nil)
        #expect(result.modelSize != nil)
    }

    /// With pairs to keep that the plan built at once does not keep, there
    /// is nothing to fall back on: stopped, no plan.
    @Test func aStoppedSearchThatMustKeepPairsTheFirstPlanLacksHasNoPlan() throws {
        let backend = RecordingBackend(name: "stopped") { raw in RawSolution(status: .stopped, seconds: raw.seconds) }
        let scenario = try fixture
        let first = try #require(GreedyPlan.plan(scenario))
        let regulars = Set(first.plan.sessions.map { WorkerPractice(worker: $0.worker, practice: $0.practice) })
        let possible = Formulation.possibleSessions(scenario).map { WorkerPractice(worker: $0.worker.id, practice: $0.practice.id) }
        let missing = try #require(possible.first { !regulars.contains($0) }, "the fixture has a possible pair the first plan lacks")
        let result = try Planner.solve(scenario, options: SolveOptions(backend: backend), keeping: [missing])
        #expect(result.status == .stopped && result.plan == nil)
    }

    @Test func aBackendThatDropsASessionIsRefusedByTheModelCheck() throws {
        // Every binary set to 0 but the objective kept: the plan is empty,
        // and its objective (all gap) is not the one the backend reported.
        let backend = RecordingBackend(name: "lying", ignoresCutoff: true) { raw in
            var changed = raw
            changed.values = raw.values.map { $0.map { _ in 0 } }
            return changed
        }
        #expect(throws: PlanCheckFailure.self) { try Planner.solve(try fixture, options: SolveOptions(backend: backend)) }
    }

    @Test func aBackendThatReturnsTooFewValuesIsRefusedNotATrap() throws {
        let backend = RecordingBackend(name: "short", ignoresCutoff: true) { raw in
            var changed = raw
            changed.values = raw.values.map { Array($0.dropLast()) }
            return changed
        }
        #expect(throws: PlanCheckFailure.self) { try Planner.solve(try fixture, options: SolveOptions(backend: backend)) }
    }

    @Test func theOptionsCarryTheBackendToEveryReSolveOfExplain() throws {
        let scenario = try #require(ScenarioLoader.load(path: WorkflowTests.knownCauses).scenario)
        let backend = RecordingBackend()
        let changes = ScenarioChange.families(of: scenario)
        let outcomes = ExplainWorkflow.measure(changes, in: scenario, options: SolveOptions(backend: backend, backendTuning: "fp=0"),
                                               jobs: 2, control: SolveControl())
        #expect(outcomes.allSatisfy { $0.measurement != nil }, "\(outcomes)")
        #expect(backend.calls.count == changes.count)
        #expect(backend.calls.allSatisfy { $0.tuning == "fp=0" })
    }

    @Test func theOptionsCarryTheBackendToEveryPointOfASweep() throws {
        let folder = TemporaryFolder()
        let backend = RecordingBackend()
        let request = SweepWorkflow.Request(scenarios: [smallTeamFile], teamSize: "1...3",
                                            options: SolveOptions(timeLimit: 30, backend: backend, backendTuning: "fp=0"),
                                            jobs: 2, folder: folder.path + "/s")
        let done = try SweepWorkflow.run(request)
        #expect(done.table.rows.count == 3 && done.table.timeLimitSeconds == 30)
        #expect(backend.calls.count == 3)
        #expect(backend.calls.allSatisfy { $0.tuning == "fp=0" })
    }
}
