import Foundation

/// `teamplan cover`: a worker is away; for every occurrence of their
/// sessions and backup duties in the span, who could stand in (`StandIns`).
public struct CoverWorkflow: Sendable {
    public var scenarioFile: String
    public var planFile: String
    public var standIns: StandIns
    public var scenarioName: String

    /// `from` and `to` as written (ISO dates); `to` defaults to `from`: the
    /// sick call for today.
    public init(scenario: String, plan: String, worker: String, from: String, to: String?) throws(Failure) {
        guard let start = LocalDate(iso: from) else {
            throw Failure(.wrongRequest, "teamplan cover: --from '\(from)' is not a date; write YYYY-MM-DD, e.g. 2027-02-15")
        }
        var end = start
        if let to {
            guard let date = LocalDate(iso: to) else {
                throw Failure(.wrongRequest, "teamplan cover: --to '\(to)' is not a date; write YYYY-MM-DD, e.g. 2027-02-19")
            }
            end = date
        }
        var (_, s) = try Inputs.scenario(scenario)
        let read = try Inputs.plan(plan, writes: false)
        if read.from != nil {
            s = Inputs.heldBy(read, s)
            guard start >= s.quarter.start else {
                throw Failure(.wrongRequest, "teamplan cover: \(plan) is a replan that holds from \(s.quarter.start); ask from that date on, or give the plan it replaced")
            }
        }
        let e = Evaluation(scenario: s, plan: read)
        // Totals the file states may be stale (leave entered since); only the rules matter here.
        let broken = e.violations.filter { $0.rule != .stated }
        guard broken.isEmpty else {
            throw Failure(.planBreaksRules, broken.map { "  " + $0.description }.joined(separator: "\n") + "\n"
                          + "\(plan): the plan breaks \(Format.count(broken.count, "rule")) of the scenario (see teamplan verify)")
        }
        do {
            standIns = try StandIns(e, worker: worker, from: start, to: end)
        } catch {
            throw Failure(.wrongRequest, "teamplan cover: \(error)")
        }
        scenarioFile = scenario
        planFile = plan
        scenarioName = s.name
    }

    /// What `cover` prints.
    public var text: String {
        let c = standIns, h = Format.hours
        let span = c.from == c.to ? "on \(day(c.from))" : "from \(day(c.from)) to \(day(c.to))"
        var lines = ["Who can stand in for \(c.worker) \(span) — \(scenarioName), plan \(planFile)"]
        if c.needs.isEmpty {
            lines.append("\(c.worker) has no sessions and no backup duties then: nothing to cover.")
            return lines.joined(separator: "\n")
        }
        for need in c.needs {
            lines.append("")
            let what = need.kind == .session ? "\(Format.possessive(c.worker)) session"
                : "\(Format.possessive(c.worker)) backup duty for \(need.covering ?? "?")"
            lines.append("\(day(need.date)) \(need.slot) (week \(need.week)), \(need.practice): \(what), \(h(need.hours)) h with admin and travel")
            if need.candidates.isEmpty {
                lines.append("  no one can stand in: the occurrence is lost")
            } else {
                lines.append("  can stand in, best first:")
                var table = TextTable(header: ["", "worker", "h left that week", "why"])
                for (rank, candidate) in need.candidates.enumerated() {
                    let over = candidate.hoursLeft < need.hours - 1e-9 ? " (would go \(h(need.hours - candidate.hoursLeft)) h over contract hours)" : ""
                    table.rows.append(["\(rank + 1).", candidate.worker, h(candidate.hoursLeft), candidate.reasons.joined(separator: "; ") + over])
                }
                table.rightAligned = [0, 2]
                lines.append(table.render().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            }
            if !need.unable.isEmpty {
                lines.append("  cannot: " + need.unable.map { "\($0.worker) (\($0.why))" }.joined(separator: ", "))
            }
        }
        return lines.joined(separator: "\n")
    }

    private func day(_ date: LocalDate) -> String { "\(date.weekday.englishName.prefix(3)) \(date)" }

    /// What `cover --json` prints.
    public func json() throws -> String {
        struct Candidate: Encodable { var worker: String, reasons: [String], hoursLeft: Double, dutyHours: Double }
        struct Unable: Encodable { var worker: String, why: String }
        struct Need: Encodable {
            var kind: String, date: String, week: Int, slot: String, practice: String, covering: String?, hours: Double
            var candidates: [Candidate], unable: [Unable]
        }
        struct Report: Encodable { var worker: String, from: String, to: String, plan: String, needs: [Need] }
        let c = standIns
        let report = Report(worker: c.worker, from: c.from.description, to: c.to.description, plan: planFile, needs: c.needs.map { n in
            Need(kind: n.kind.rawValue, date: n.date.description, week: n.week, slot: n.slot.name, practice: n.practice,
                 covering: n.covering, hours: n.hours,
                 candidates: n.candidates.map { Candidate(worker: $0.worker, reasons: $0.reasons, hoursLeft: $0.hoursLeft, dutyHours: $0.dutyHours) },
                 unable: n.unable.map { Unable(worker: $0.worker, why: $0.why) })
        })
        return try JSONOutput.encode(report)
    }
}
