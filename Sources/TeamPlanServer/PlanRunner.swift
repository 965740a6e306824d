import Foundation
import TeamPlan

extension JobBoard {
    /// The runner of the web page's jobs: the library's workflows of `plan`,
    /// `replan`, `explain` and `sweep` (their meaning and their failures),
    /// written into the workspace's `plans/STEM/STAMP` or `sweeps/STEM/STAMP`,
    /// reading nothing outside the folder. A sweep or explain solves one
    /// point at a time: a job takes one slot, one core.
    public static func planning(in workspace: Workspace, options base: SolveOptions = SolveOptions()) -> Runner {
        let taken = TakenFolders()
        return { request, control, reporter in
            let nl = request.language == .nl
            let isSweep = if case .sweep = request.kind { true } else { false }
            guard let (id, folder) = workspace.newFolder(isSweep ? Workspace.sweepsFolder : Workspace.plansFolder,
                                                         for: request.scenario, at: Date(), taken: taken) else {
                return .failed(nl ? "de map voor het resultaat valt buiten de map van teamplan serve"
                                  : "the result's folder would be outside the folder teamplan serve was given")
            }
            var options = base
            options.timeLimit = request.timeLimit
            let output = OutputRequest(folder: folder, language: request.language)
            let events = WorkflowEvents(solving: reporter.solving,
                                        reSolved: { _, done, of in reporter.steps(done, of) },
                                        sweepStarts: { points, _ in reporter.steps(0, points) })
            let path = request.scenario.path
            do throws(Failure) {
                switch request.kind {
                case .plan:
                    let done = try PlanWorkflow.run(scenario: path, options: options, output: output,
                                                    control: control, events: events, confinedTo: workspace.confinement)
                    return .plan(id, status: done.written.result.status.rawValue)
                case .replan(let plan, let from):
                    guard let current = workspace.planFolder(plan) else { return .failed(nl ? "het plan \(plan) is er niet meer" : "the plan \(plan) is gone") }
                    let done = try ReplanWorkflow.run(scenario: path, plan: current + "/plan.json", from: from.description, options: options,
                                                      output: output, control: control, events: events, confinedTo: workspace.confinement)
                    return .plan(id, status: done.written.result.status.rawValue)
                case .explain(let plan, let marginals):
                    guard let current = workspace.planFolder(plan) else { return .failed(nl ? "het plan \(plan) is er niet meer" : "the plan \(plan) is gone") }
                    var explain = ExplainWorkflow.Request(scenario: path, plan: current + "/plan.json", marginals: marginals,
                                                          options: options, jobs: 1, output: output)
                    explain.confinement = workspace.confinement
                    let done = try ExplainWorkflow.run(explain, control: control, events: events)
                    return .plan(id, status: done.written.result.status.rawValue)
                case .sweep(let teamSize, let budgetScales, let hoursScale):
                    var sweep = SweepWorkflow.Request(scenarios: [path], teamSize: teamSize, budgetScales: budgetScales,
                                                      hoursScale: hoursScale, options: options, jobs: 1, folder: folder)
                    sweep.language = request.language
                    sweep.confinement = workspace.confinement
                    let counted = Locked(0)
                    var sweepEvents = events
                    sweepEvents.sweep = { event in
                        if case .finished = event {
                            let done = counted.withLock { $0 += 1; return $0 }
                            reporter.steps(done, -1)
                        }
                    }
                    _ = try SweepWorkflow.run(sweep, control: control, events: sweepEvents)
                    return .sweep(id, status: control.isStopped ? "stopped" : "complete")
                }
            } catch {
                let text = Workspace.shownRelative(error.text(request.language), root: workspace.root)
                return error.kind == .stopped ? .stoppedBeforePlan(text) : .failed(text)
            }
        }
    }
}
