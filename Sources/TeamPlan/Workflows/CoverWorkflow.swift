import Foundation

/// `teamplan cover`: a worker is away; for every occurrence of their
/// sessions and backup duties in the span, who could stand in (`StandIns`).
public struct CoverWorkflow: Sendable {
    public var scenarioFile: String
    public var planFile: String
    public var standIns: StandIns
    public var scenarioName: String
    var names: DisplayNames

    /// `from` and `to` as written (ISO dates); `to` defaults to `from`: the
    /// sick call for today.
    public init(scenario: String, plan: String, worker: String, from: String, to: String?,
                confinedTo confinement: FolderConfinement? = nil) throws(Failure) {
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
        var (_, s) = try Inputs.scenario(scenario, confinedTo: confinement)
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
        names = DisplayNames(s)
    }

    /// What `cover` prints.
    public var text: String { text(.en) }

    /// What `cover` prints, in `language`: people and practices by name (the
    /// ids are what `--worker` takes, and what `--json` gives).
    public func text(_ language: Language) -> String {
        let c = standIns, l = language.labels, nl = language == .nl, h: (Double) -> String = l.hours
        func w(_ english: String, _ dutch: String) -> String { nl ? dutch : english }
        func day(_ date: LocalDate) -> String { (nl ? date.weekday.dutchShortName : String(date.weekday.englishName.prefix(3))) + " \(date)" }
        let away = names.worker(c.worker)
        let span = c.from == c.to ? w("on ", "op ") + day(c.from) : w("from \(day(c.from)) to \(day(c.to))", "van \(day(c.from)) t/m \(day(c.to))")
        var lines = [w("Who can stand in for \(away) \(span) — \(scenarioName), plan \(planFile)",
                       "Wie kan invallen voor \(away) \(span) — \(scenarioName), plan \(planFile)")]
        if c.needs.isEmpty {
            lines.append(w("\(away) has no sessions and no backup duties then: nothing to cover.",
                           "\(away) heeft dan geen spreekuren en geen vervangersdiensten: niets te regelen."))
            return lines.joined(separator: "\n")
        }
        for need in c.needs {
            lines.append("")
            let covering = names.worker(need.covering ?? "?")
            let what = need.kind == .session ? w("\(Format.possessive(away)) session", "spreekuur van \(away)")
                : w("\(Format.possessive(away)) backup duty for \(covering)", "\(away) is vervanger voor \(covering)")
            lines.append("\(day(need.date)) \(l.slotName(need.slot)) (week \(need.week)), \(names.practice(need.practice)): \(what), "
                         + w("\(h(need.hours)) h with admin and travel", "\(h(need.hours)) u met administratie en reistijd"))
            if need.candidates.isEmpty {
                lines.append(w("  no one can stand in: the occurrence is lost", "  niemand kan invallen: het spreekuur vervalt"))
            } else {
                lines.append(w("  can stand in, best first:", "  kan invallen, de beste eerst:"))
                var table = TextTable(header: ["", w("worker", "medewerker"), w("h left that week", "u over die week"), w("why", "waarom")])
                for (rank, candidate) in need.candidates.enumerated() {
                    let overHours = h(need.hours - candidate.hoursLeft)
                    let over = candidate.hoursLeft < need.hours - 1e-9
                        ? w(" (would go \(overHours) h over contract hours)", " (zou \(overHours) u boven de contracturen uitkomen)") : ""
                    table.rows.append(["\(rank + 1).", names.worker(candidate.worker), h(candidate.hoursLeft),
                                       (nl ? candidate.dutchReasons : candidate.reasons).joined(separator: "; ") + over])
                }
                table.rightAligned = [0, 2]
                lines.append(table.render().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            }
            if !need.unable.isEmpty {
                lines.append(w("  cannot: ", "  kan niet: ") + need.unable.map { "\(names.worker($0.worker)) (\(nl ? $0.dutchWhy : $0.why))" }.joined(separator: ", "))
            }
        }
        return lines.joined(separator: "\n")
    }

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
