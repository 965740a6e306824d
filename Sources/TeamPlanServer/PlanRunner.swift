import Foundation
import Synchronization
import TeamPlan

extension JobBoard {
    /// The runner of the web page's plans: `teamplan plan` (the library's
    /// PlanWorkflow, its meaning and its failures), written into the
    /// workspace's `plans/STEM/STAMP`, reading nothing outside the folder.
    public static func planning(in workspace: Workspace, options base: SolveOptions = SolveOptions()) -> Runner {
        let taken = TakenFolders()
        return { request, control, progress in
            guard let (id, folder) = workspace.newPlanFolder(for: request.scenario, at: Date(), taken: taken) else {
                return .failed(request.language == .nl ? "de map voor het plan valt buiten de map van teamplan serve"
                                                        : "the plan's folder would be outside the folder teamplan serve was given")
            }
            var options = base
            options.timeLimit = request.timeLimit
            let output = OutputRequest(folder: folder, language: request.language)
            let events = WorkflowEvents(solving: progress)
            do throws(Failure) {
                let done: PlanWorkflow.Done
                if let (plan, from) = request.replan {
                    guard let current = workspace.planFolder(plan) else {
                        return .failed(request.language == .nl ? "het plan \(plan) is er niet meer" : "the plan \(plan) is gone")
                    }
                    done = try ReplanWorkflow.run(scenario: request.scenario.path, plan: current + "/plan.json", from: from.description,
                                                  options: options, output: output, control: control, events: events,
                                                  confinedTo: workspace.confinement)
                } else {
                    done = try PlanWorkflow.run(scenario: request.scenario.path, options: options, output: output,
                                                control: control, events: events, confinedTo: workspace.confinement)
                }
                return .plan(id, status: done.written.result.status.rawValue)
            } catch {
                let text = Workspace.shownRelative(error.text(request.language), root: workspace.root)
                return error.kind == .stopped ? .stoppedBeforePlan(text) : .failed(text)
            }
        }
    }
}

extension Workspace {
    /// A message with the folder's absolute path taken out: the page names
    /// files as the folder's own (`team.csv`, not `/home/…/team.csv`).
    static func shownRelative(_ text: String, root: String) -> String {
        text.replacingOccurrences(of: root + "/", with: "")
    }
}
