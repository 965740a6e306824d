import Foundation

/// `teamplan explain`: the plan (solved, or a plan file checked as `verify`
/// checks it), each family of limits lifted alone and solved again on
/// `jobs` threads, and the plan's outputs with explain.json.
public enum ExplainWorkflow {
    /// What to explain, how long each re-solve may take, and where the outputs go.
    public struct Request: Sendable {
        public var scenario: String
        /// A plan file to explain; nil: plan the scenario first.
        public var plan: String?
        /// Also each stream's budget +10 % and +25 % and one more worker per skill profile.
        public var marginals: Bool
        /// For planning and for each re-solve.
        public var options: SolveOptions
        /// Re-solves at the same time.
        public var jobs: Int
        public var output: OutputRequest

        /// With it, nothing outside that folder is read (`teamplan serve`).
        public var confinement: FolderConfinement?

        public init(scenario: String, plan: String? = nil, marginals: Bool = false, options: SolveOptions,
                    jobs: Int = ProcessInfo.processInfo.activeProcessorCount, output: OutputRequest = OutputRequest()) {
            self.scenario = scenario
            self.plan = plan
            self.marginals = marginals
            self.options = options
            self.jobs = jobs
            self.output = output
        }
    }

    /// The written plan, the explanation, and what the terminal shows of them.
    public struct Done: Sendable {
        public var written: WrittenPlan
        public var explanation: Explanation
        /// What the terminal shows: the plan's first lines and the explanation.
        public var text: String
        /// The one line `--quiet` prints.
        public var quietLine: String
        /// What is missing from the answer (written all the same); nil when complete.
        public var incomplete: Failure? { explanation.incomplete }
    }

    public static func run(_ request: Request, control: SolveControl = SolveControl(),
                           events: WorkflowEvents = WorkflowEvents()) throws(Failure) -> Done {
        let (loaded, scenario) = try Inputs.scenario(request.scenario, confinedTo: request.confinement)
        events.read(loaded)
        // A plan given is checked first: its problems come before the folder's.
        let given = try request.plan.map { (path) throws(Failure) in try Inputs.checkedPlan(path, scenario: scenario) }
        let claim = try request.output.claim(scenario: request.scenario, inputs: Inputs.files(loaded, plan: request.plan))
        let result: SolveResult
        if let given {
            result = given
        } else {
            result = try PlanWorkflow.solve(scenario, path: request.scenario, options: request.options, control: control)
        }
        let evaluation = result.evaluation!
        var changes = evaluation.terms.gapHours > 0 ? ScenarioChange.families(of: scenario) : []
        if request.marginals { changes += ScenarioChange.marginals(of: scenario) }
        let outcomes = measure(changes, in: scenario, startingFrom: result.plan, options: request.options, jobs: request.jobs,
                               control: control, reSolved: events.reSolved)
        let explanation = Explanation(scenario: scenario, plan: evaluation, outcomes: outcomes)
        let language = request.output.language
        let headline = PlanSummary.text(result, scenario: scenario, language: language).split(separator: "\n").prefix(3)
            .joined(separator: "\n")
        let text = headline + "\n\n" + ExplainText.text(explanation, language: language, names: DisplayNames(scenario))
        let written = try WrittenPlan.write(result, scenario: scenario, into: claim, output: request.output, explanation: explanation)
        return Done(written: written, explanation: explanation, text: text,
                    quietLine: "\(request.scenario): explained \(Format.count(explanation.practices.count, "practice")) with a gap → \(written.folder)/")
    }

    /// Every change solved, `jobs` at a time, in the changes' order, each
    /// starting from `start` (the plan being explained). After a stop no
    /// new re-solve starts: those are "not run".
    public static func measure(_ changes: [ScenarioChange], in scenario: Scenario, startingFrom start: Plan? = nil,
                               options: SolveOptions, jobs: Int,
                               control: SolveControl,
                               reSolved: @escaping @Sendable (ChangeOutcome, Int, Int) -> Void = { _, _, _ in }) -> [ChangeOutcome] {
        let outcomes = SolveThreads.run(changes, jobs: jobs, control: control,
                                        finished: { outcome, done in reSolved(outcome, done, changes.count) }) { change in
            ChangeOutcome.measure(change, in: scenario, startingFrom: start, options: options, control: control)
        }
        return zip(changes, outcomes).map { change, outcome in outcome ?? ChangeOutcome(change, notMeasured: .notRun) }
    }
}
