@testable import TeamPlan

extension Plan {
    /// The plan with funding that pays every hour worked, each (practice,
    /// activity) from the first stream that may pay it: so a test breaks
    /// only the rule it means to.
    func funded(for scenario: Scenario) -> Plan {
        var copy = self
        copy.funding = []
        let evaluation = Evaluation(scenario: scenario, plan: copy)
        for result in evaluation.practices {
            guard let practice = scenario.practice(result.id) else { continue }
            for activity in Activity.allCases {
                let hours = result.hours[activity] ?? 0
                guard hours > 0,
                      let stream = scenario.funding.first(where: { $0.covers(practice) && $0.pays(for: activity) })
                else { continue }
                copy.funding.append(Plan.Funding(stream: stream.id, practice: practice.id, activity: activity, hours: hours))
            }
        }
        return copy
    }

    /// The plan stating the evaluation's own objective and totals.
    func stated(for scenario: Scenario) -> Plan {
        var copy = self
        let evaluation = Evaluation(scenario: scenario, plan: copy)
        copy.objective = evaluation.terms.objective
        copy.totals = evaluation.totals
        return copy
    }
}

func session(_ worker: String, _ practice: String, _ slot: String) -> Plan.Session {
    Plan.Session(worker: worker, practice: practice, slot: slot)
}

func role(_ worker: String, _ practice: String) -> Plan.Role {
    Plan.Role(worker: worker, practice: practice)
}

func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }
