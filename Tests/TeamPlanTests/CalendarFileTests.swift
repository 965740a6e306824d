import Foundation
import Testing
@testable import TeamPlan

/// calendars/WORKER.ics read back by a real iCalendar parser (Python's
/// icalendar and recurring-ical-events, installed by make test): the
/// occurrences it expands are exactly Evaluation's.
@Suite(.serialized) struct CalendarFileTests {
    static let expand = """
        import sys, json, glob, os, datetime, icalendar, recurring_ical_events
        start = datetime.date.fromisoformat(sys.argv[3]); end = datetime.date.fromisoformat(sys.argv[4])
        out = []
        for path in sorted(glob.glob(os.path.join(sys.argv[2], "*.ics"))):
            cal = icalendar.Calendar.from_ical(open(path, "rb").read())
            for ev in recurring_ical_events.of(cal).between(start, end):
                s = ev["DTSTART"].dt
                out.append([os.path.basename(path)[:-4], str(ev["SUMMARY"]), s.date().isoformat(), s.strftime("%H:%M"),
                            str(s.tzinfo), str(ev["UID"])])
        json.dump(out, open(sys.argv[1], "w"))
        """

    struct Event: Hashable { var worker: String; var summary: String; var date: String; var time: String }

    func expand(_ folder: String, _ scenario: Scenario) throws -> [[String]] {
        let end = scenario.quarter.monday(ofWeek: scenario.quarter.weeks).adding(days: 7)
        // The occurrences as JSON in a file of their own (Python.run), not on standard output.
        let (result, answer) = try Python.run(Self.expand, [folder, scenario.quarter.start.description, end.description])
        #expect(result.status == 0, "icalendar and recurring-ical-events must be installed (make test does): \(result.stderr)")
        return try JSONDecoder().decode([[String]].self, from: try #require(answer, "no answer: \(result.stderr)"))
    }

    @Test(arguments: ["inputs/westelijke-mijnstreek.yaml", "inputs/baandert.yaml"])
    func theParsedOccurrencesAreEvaluationsHeldAndCoveredDates(file: String) throws {
        let folder = TemporaryFolder()
        let run = try Executable.run(["plan", Executable.packageRoot + "/" + file, "--quiet", "--lang", "en", "--out", "o"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let scenario = try #require(ScenarioLoader.load(path: Executable.packageRoot + "/" + file).scenario)
        let plan = try #require(PlanFile.load(path: folder.path + "/o/plan.json").plan)
        let e = Evaluation(scenario: scenario, plan: plan)
        let parsed = try expand(folder.path + "/o/calendars", scenario)
        #expect(parsed.allSatisfy { $0[4] == "Europe/Amsterdam" || $0[4].contains("Amsterdam") }, "\(parsed.prefix(2))")

        var expected = Set<Event>()
        for o in e.occurrences where o.state == .heldByRegular {
            let practice = scenario.practice(o.practice)!
            let start = scenario.dayPart(named: o.slot.part)!.startText
            expected.insert(Event(worker: o.worker, summary: "Consultation hours at \(practice.name)", date: o.date.description, time: start))
        }
        for w in e.workers {
            for duty in w.covering {
                let practice = scenario.practice(duty.practice)!
                let regular = scenario.worker(duty.covering)!.name
                expected.insert(Event(worker: w.id, summary: "Standing in at \(practice.name) for \(regular)", date: duty.date.description,
                                      time: scenario.dayPart(named: duty.slot.part)!.startText))
            }
        }
        let got = Set(parsed.map { Event(worker: $0[0], summary: $0[1], date: $0[2], time: $0[3]) })
        #expect(got.count == parsed.count, "no event twice")
        #expect(got.subtracting(expected).isEmpty, "in the calendars, not in the plan: \(got.subtracting(expected).sorted { $0.date < $1.date }.prefix(5))")
        #expect(expected.subtracting(got).isEmpty, "in the plan, not in the calendars: \(expected.subtracting(got).sorted { $0.date < $1.date }.prefix(5))")
        #expect(!expected.isEmpty)
    }

    @Test func linesAreCRLFFoldedAt75OctetsWithoutSplittingACharacterAndTextIsEscaped() throws {
        let long = "Huisartsenpraktijk Ü" + String(repeating: "é", count: 60) + "; de hoek, links\\rechts"
        let scenario = try #require(loadScenario(Fixture.replacing("name: De Baandert", with: "name: \"\(long.replacingOccurrences(of: "\\", with: "\\\\"))\"")).scenario)
        let result = try Planner.solve(scenario)
        let text = try #require(WorkerCalendars.calendar(for: result.plan!.sessions[0].worker, result.evaluation!, stamp: Date(timeIntervalSince1970: 0)))
        let bytes = Array(text.utf8)
        // Every line ends in CRLF; no bare LF or CR.
        for (i, b) in bytes.enumerated() where b == 0x0A { #expect(i > 0 && bytes[i - 1] == 0x0D) }
        for (i, b) in bytes.enumerated() where b == 0x0D { #expect(i + 1 < bytes.count && bytes[i + 1] == 0x0A) }
        let lines = text.components(separatedBy: "\r\n")
        for line in lines { #expect(line.utf8.count <= 75, "\(line)") }
        #expect(lines.contains { $0.hasPrefix(" ") }, "the long name is folded")
        // Unfolded, the name comes back escaped and whole (each piece valid UTF-8).
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("LOCATION:Huisartsenpraktijk Ü" + String(repeating: "é", count: 60) + "\\; de hoek\\, links\\\\rechts\r\n"))
        #expect(text.contains("DTSTAMP:19700101T000000Z"))
    }

    @Test func amsterdamTimesTurnToUTCWithSummerTime() {
        #expect(WorkerCalendars.utcText(LocalDate(year: 2027, month: 3, day: 22)!, 9 * 60) == "20270322T080000Z")
        #expect(WorkerCalendars.utcText(LocalDate(year: 2027, month: 3, day: 29)!, 9 * 60) == "20270329T070000Z")
        #expect(WorkerCalendars.utcText(LocalDate(year: 2027, month: 10, day: 31)!, 9 * 60) == "20271031T080000Z")
        #expect(WorkerCalendars.utcText(LocalDate(year: 2027, month: 1, day: 1)!, 0) == "20261231T230000Z")
    }

    @Test func theSameScenarioGivesTheSameUIDs() throws {
        let scenario = try #require(loadScenario(Fixture.scenario).scenario)
        let e = try #require(try Planner.solve(scenario).evaluation)
        let a = WorkerCalendars.files(e, stamp: Date(timeIntervalSince1970: 0))
        let b = WorkerCalendars.files(e, stamp: Date(timeIntervalSince1970: 86_400))
        func uids(_ files: [(String, Data)]) -> [String] {
            files.flatMap { String(decoding: $0.1, as: UTF8.self).components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") } }
        }
        #expect(!uids(a).isEmpty)
        #expect(uids(a) == uids(b))
    }
}

/// A replan's calendars update what a worker imported: each worker's
/// calendar from the plan and the one from the replan go into one store that
/// keeps every version it was given, in either order, and a real iCalendar
/// library reads it back: recurring-ical-events takes, of the components
/// sharing a UID, the one with the highest SEQUENCE (the way RFC 5546 says a
/// client processes an update; a component without one is at 0, as RFC 5545
/// says, where the library alone would put it below 0), and a series whose newest version is
/// CANCELLED shows no occurrence, as calendar programs hide cancelled
/// events. What is left must be exactly the occurrences of the weeks before
/// the replan as the current plan held them, and of the new plan after —
/// whichever calendar came in first, so SEQUENCE decides and not the order.
@Suite(.serialized) struct ReplanCalendarTests {
    static let importBoth = """
        import sys, json, glob, os, datetime, icalendar, recurring_ical_events
        start = datetime.date.fromisoformat(sys.argv[3]); end = datetime.date.fromisoformat(sys.argv[4])
        answers = []
        for folders in (sys.argv[2].split(","), list(reversed(sys.argv[2].split(",")))):
            stores = {}  # worker -> one calendar holding every component it was given
            for folder in folders:
                for path in sorted(glob.glob(os.path.join(folder, "*.ics"))):
                    worker = os.path.basename(path)[:-4]
                    store = stores.setdefault(worker, icalendar.Calendar())
                    for component in icalendar.Calendar.from_ical(open(path, "rb").read()).subcomponents:
                        if component.name == "VEVENT" and "SEQUENCE" not in component:
                            component.add("SEQUENCE", 0)  # RFC 5545 3.8.7.4: none is 0, not "older than 0"
                        store.add_component(component)
            out = []
            for worker, store in sorted(stores.items()):
                for o in recurring_ical_events.of(store).between(start, end):
                    if str(o.get("STATUS", "")).upper() == "CANCELLED":
                        continue
                    s = o["DTSTART"].dt
                    out.append([worker, str(o["SUMMARY"]), s.date().isoformat(), s.strftime("%H:%M")])
            answers.append(sorted(out))
        json.dump(answers, open(sys.argv[1], "w"))
        """

    /// Anja, a regular, falls ill for six weeks from Monday 15 February: her
    /// leave (she already had two weeks of it) grows in the scenario.
    @Test func importingTheReplansCalendarsOverThePlansLeavesExactlyTheNewOccurrences() throws {
        try replanAfterSickness { table, _ in table.replacingOccurrences(of: "2027-02-22..2027-03-05", with: "2027-02-15..2027-03-28") }
    }

    /// A backup who was to stand in during someone's leave falls ill for
    /// the rest of the quarter: the covering duties already in their
    /// calendar are called off (they are in no plan made under the new leave).
    @Test func aSickBackupsCoveringDutiesAreCalledOff() throws {
        try replanAfterSickness { table, e in
            // A worker with covering duties from week 7 on in the current plan.
            let backup = try #require(e.workers.first { $0.covering.contains { $0.week >= 7 } }?.id)
            let lines = table.components(separatedBy: "\r\n").map { line -> String in
                guard line.hasPrefix(backup + ";") || line.hasPrefix("\u{FEFF}" + backup + ";") else { return line }
                var cells = line.components(separatedBy: ";")
                cells[7] = cells[7].isEmpty ? "2027-02-15..2027-04-04" : cells[7] + "|2027-02-15..2027-04-04"
                return cells.joined(separator: ";")
            }
            return lines.joined(separator: "\r\n")
        }
    }

    func replanAfterSickness(_ change: (String, Evaluation) throws -> String) throws {
        let folder = TemporaryFolder()
        let scenarioPath = Executable.packageRoot + "/inputs/westelijke-mijnstreek.yaml"
        let plan = try Executable.run(["plan", scenarioPath, "--quiet", "--lang", "en", "--out", "q1"], in: folder.path)
        #expect(plan.status == 0, "\(plan.stderr)")
        let original = try #require(ScenarioLoader.load(path: scenarioPath).scenario)
        let before = Evaluation(scenario: original, plan: try #require(PlanFile.load(path: folder.path + "/q1/plan.json").plan))
        let table = try String(contentsOfFile: Executable.packageRoot + "/inputs/westelijke-mijnstreek/workers.csv", encoding: .utf8)
        let changed = try change(table, before)
        #expect(changed != table, "the sickness went in")
        folder.write("westelijke-mijnstreek/workers.csv", changed)
        folder.write("westelijke-mijnstreek/practices.csv", try String(contentsOfFile: Executable.packageRoot + "/inputs/westelijke-mijnstreek/practices.csv", encoding: .utf8))
        folder.write("sick.yaml", try String(contentsOfFile: scenarioPath, encoding: .utf8))
        let replan = try Executable.run(["replan", "sick.yaml", "q1/plan.json", "--from", "2027-02-15", "--quiet", "--lang", "en",
                                         "--out", "replan", "--time-limit", "10"], in: folder.path)
        #expect(replan.status == 0, "\(replan.stderr)")

        let loaded = ScenarioLoader.load(path: folder.path + "/sick.yaml")
        let s = try #require(loaded.scenario, "\(loaded.diagnostics)")
        let current = try #require(PlanFile.load(path: folder.path + "/q1/plan.json").plan)
        let new = try #require(PlanFile.load(path: folder.path + "/replan/plan.json").plan)
        let replanning = try Replanning(scenario: s, current: current, currentPath: "q1/plan.json", from: LocalDate(iso: "2027-02-15")!)
        let rest = Evaluation(scenario: replanning.rest, plan: new)
        var expected = Set<CalendarFileTests.Event>()
        for e in [try #require(replanning.history), rest] {
            for o in e.occurrences where o.state == .heldByRegular {
                let practice = s.practice(o.practice)!
                expected.insert(.init(worker: o.worker, summary: "Consultation hours at \(practice.name)", date: o.date.description,
                                      time: s.dayPart(named: o.slot.part)!.startText))
            }
            for w in e.workers {
                for duty in w.covering {
                    expected.insert(.init(worker: w.id, summary: "Standing in at \(s.practice(duty.practice)!.name) for \(s.worker(duty.covering)!.name)",
                                          date: duty.date.description, time: s.dayPart(named: duty.slot.part)!.startText))
                }
            }
        }
        let end = s.quarter.monday(ofWeek: s.quarter.weeks).adding(days: 7)
        let (result, answer) = try Python.run(Self.importBoth, [folder.path + "/q1/calendars," + folder.path + "/replan/calendars",
                                                               s.quarter.start.description, end.description])
        #expect(result.status == 0, "\(result.stderr)")
        let answers = try JSONDecoder().decode([[[String]]].self, from: try #require(answer, "no answer: \(result.stderr)"))
        #expect(answers.count == 2)
        for (order, parsed) in zip(["plan first", "replan first"], answers) {
            let got = Set(parsed.map { CalendarFileTests.Event(worker: $0[0], summary: $0[1], date: $0[2], time: $0[3]) })
            #expect(got.count == parsed.count, "\(order): no occurrence twice")
            #expect(got.subtracting(expected).isEmpty, "\(order): left over from the old calendar: \(got.subtracting(expected).sorted { $0.date < $1.date }.prefix(6))")
            #expect(expected.subtracting(got).isEmpty, "\(order): missing: \(expected.subtracting(got).sorted { $0.date < $1.date }.prefix(6))")
        }
        #expect(new.sessions != current.sessions, "the replan changes something, or this test proves little")
    }
}
