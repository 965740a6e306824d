import Foundation
import Testing
@testable import TeamPlan

@Suite struct ScenarioDefaultsTests {
    /// The least a scenario can say.
    static let minimal = """
        name: Minimal
        quarter: {start: 2027-01-04}
        workers:
          - {id: anja, hours_per_week: 24}
        practices:
          - {id: baandert, municipality: sittard-geleen, sessions_per_week: 1, session_hours: 2, open: [tue-am]}
        funding: []
        """

    func scenario() throws -> Scenario {
        let loaded = loadScenario(Self.minimal)
        #expect(loaded.diagnostics.errors.isEmpty, "\(loaded.diagnostics)")
        return try #require(loaded.scenario)
    }

    @Test func quarterWeeksDefaultToThirteen() throws {
        #expect(try scenario().quarter.weeks == 13)
    }

    @Test func holidaysDefaultToTheDutchRuleAndClosuresToNone() throws {
        let s = try scenario()
        #expect(s.holidayRule == .nl)
        #expect(s.closures.isEmpty)
    }

    @Test func dayPartsDefaultToFourHourMorningsAndAfternoons() throws {
        let parts = try scenario().dayParts
        #expect(parts.map(\.name) == ["am", "pm"])
        #expect(parts.map(\.hours) == [4, 4])
        #expect(parts.map(\.startText) == ["09:00", "13:30"])
    }

    @Test func daysDefaultToMondayToFriday() throws {
        let s = try scenario()
        #expect(s.days == [.mon, .tue, .wed, .thu, .fri])
        #expect(s.slots.count == 10)
        #expect(s.slots.first?.name == "mon-am")
        #expect(s.slots.last?.name == "fri-pm")
    }

    @Test func overheadDefaultsToNoAdminNoTravelAndAFortnightlyHourOfMDO() throws {
        let o = try scenario().overhead
        #expect(o.adminPerContactHour == 0)
        #expect(o.travelHoursPerVisit == 0)
        #expect(o.mdo == MDORule(everyWeeks: 2, hours: 1))
    }

    @Test func objectiveWeightsDefaultAsTheModelSays() throws {
        let w = try scenario().objective
        #expect(w.gapWeight == 1000)
        #expect(w.missingBackupWeight == 100)
        #expect(w.pairWeight == 1)
        #expect(w.continuityWeight == 50)
    }

    @Test func teamSizeAndPreviousDefaultToNone() throws {
        let s = try scenario()
        #expect(s.teamSize == nil)
        #expect(s.previous == nil)
    }

    @Test func workerKeysDefault() throws {
        let w = try #require(try scenario().workers.first)
        #expect(w.name == "anja")
        #expect(w.reservedHours == 0)
        #expect(w.available.count == 10)
        #expect(w.skills.isEmpty)
        #expect(w.maxPractices == 4)
        #expect(w.leave.isEmpty)
        #expect(w.canSubstitute)
    }

    @Test func practiceKeysDefault() throws {
        let p = try #require(try scenario().practices.first)
        #expect(p.name == "baandert")
        #expect(p.requiresSkills.isEmpty)
        #expect(p.mdo == MDORule(everyWeeks: 2, hours: 1), "mdo defaults to true: the overhead's MDO")
        #expect(p.backups == 1)
        #expect(p.maxWorkers == 2)
        #expect(p.priority == 1)
    }

    @Test func aStreamsFunderDefaultsToItsIdAndItsScopeToEveryPractice() throws {
        let text = Self.minimal.replacingOccurrences(
            of: "funding: []", with: "funding:\n  - {id: wmo, budget_hours: 10, pays_for: [contact]}")
        let s = try #require(loadScenario(text).scenario)
        #expect(s.funding.first?.funder == "wmo")
        #expect(s.funding.first?.scope == .everyPractice)
        #expect(s.funding.first?.budgetHours == 10)
    }

    @Test func anEmptyValueTakesTheDefault() throws {
        let text = Self.minimal.replacingOccurrences(
            of: "{id: anja, hours_per_week: 24}", with: "{id: anja, hours_per_week: 24, max_practices: , skills: }")
        let w = try #require(loadScenario(text).scenario?.workers.first)
        #expect(w.maxPractices == 4)
        #expect(w.skills.isEmpty)
    }

    @Test func aPracticeMDOCanBeSwitchedOffOrGivenItsOwnRhythm() throws {
        let text = Self.minimal.replacingOccurrences(
            of: "open: [tue-am]}",
            with: "open: [tue-am], mdo: false}\n  - {id: born, municipality: x, sessions_per_week: 1, session_hours: 2, open: [wed-am], mdo: {every_weeks: 4, hours: 1.5}}")
        let s = try #require(loadScenario(text).scenario)
        #expect(s.practices[0].mdo == nil)
        #expect(s.practices[1].mdo == MDORule(everyWeeks: 4, hours: 1.5))
    }
}

@Suite struct ScenarioValuesTests {
    @Test func theFixtureIsReadAsWritten() throws {
        let s = try #require(loadScenario(Fixture.scenario).scenario)
        #expect(s.name == "Test quarter")
        #expect(s.quarter.start == LocalDate(year: 2027, month: 1, day: 4))
        #expect(s.overhead.adminPerContactHour == 0.5)
        #expect(s.overhead.travelHoursPerVisit == 0.25)
        let anja = try #require(s.worker("anja"))
        #expect(anja.name == "Anja de Vries")
        #expect(anja.plannableHours == 18)
        #expect(anja.available.map(\.name) == ["mon-am", "tue-am", "tue-pm"])
        #expect(anja.leave == [DateRange(from: LocalDate(iso: "2027-02-22")!, to: LocalDate(iso: "2027-03-05")!)])
        let wmo = try #require(s.funding.first)
        #expect(abs(wmo.budgetHours - 45000 / 82.5) < 1e-9)
        #expect(wmo.paysFor == [.contact, .admin, .travel, .mdo])
        #expect(wmo.scope == .municipalities(["sittard-geleen"]))
        #expect(s.funding[1].scope == .practices(["baandert"]))
    }

    @Test func datesMayBeQuotedOrNot() throws {
        let quoted = Fixture.replacing("  start: 2027-01-04", with: "  start: '2027-01-04'")
        #expect(loadScenario(quoted).scenario?.quarter.start == LocalDate(iso: "2027-01-04"))
    }

    @Test func unquotedTimesAreTimesNotBaseSixtyNumbers() throws {
        let text = Fixture.replacing("holidays: nl", with: "holidays: nl\nday_parts:\n  am: {hours: 3.5, start: 08:30}\n  pm: {hours: 4}")
        let parts = try #require(loadScenario(text).scenario?.dayParts)
        #expect(parts[0].startText == "08:30")
        #expect(parts[1].startText == "13:30", "pm keeps its default start")
    }

    @Test func slotsFollowTheTemplateOrderWhateverTheListOrder() throws {
        let text = Fixture.replacing("[mon-am, tue-am, tue-pm]", with: "[tue-pm, mon-am, tue-am]")
        #expect(loadScenario(text).scenario?.worker("anja")?.available.map(\.name) == ["mon-am", "tue-am", "tue-pm"])
    }

    @Test func aListOfHolidayDatesReplacesTheDutchRule() throws {
        let text = Fixture.replacing("holidays: nl", with: "holidays: [2027-01-05, 2027-02-09]")
        let s = try #require(loadScenario(text).scenario)
        #expect(QuarterCalendar(s).holidays.map(\.date.description) == ["2027-01-05", "2027-02-09"])
    }

    @Test func thePreviousPlansPairsAreReadAndAbsentNamesAreNoticed() throws {
        let plan = """
            {"scenario": "Q4", "status": "optimal",
             "sessions": [{"worker": "anja", "practice": "baandert", "slot": "tue-am"},
                          {"worker": "gone", "practice": "baandert", "slot": "wed-am"}]}
            """
        let text = Fixture.replacing("holidays: nl", with: "holidays: nl\nprevious: plans/q4.json")
        let loaded = loadScenario(text, extraFiles: ["plans/q4.json": Array(plan.utf8)])
        let s = try #require(loaded.scenario)
        #expect(s.previous?.pairs == [PreviousPlan.Pair(worker: "anja", practice: "baandert")])
        #expect(loaded.diagnostics.contains {
            $0.severity == .notice && $0.message.contains("worker 'gone', which this scenario lacks")
        })
    }
}

@Suite struct ScenarioWarningTests {
    func warnings(_ marked: Marked) -> [Diagnostic] {
        let loaded = loadScenario(marked.text)
        #expect(loaded.diagnostics.errors.isEmpty, "\(loaded.diagnostics.errors)")
        return loaded.diagnostics.warnings
    }

    func expectWarning(_ text: String, path: String, _ message: String) {
        let marked = Marked(text)
        let found = warnings(marked)
        #expect(found.contains {
            $0.location == marked.location(file: "team.yaml") && $0.path == path && $0.message.contains(message)
        }, "got: \(found.map(\.description))")
    }

    @Test func theFixtureHasNoWarnings() {
        #expect(warnings(Marked(Fixture.scenario)).isEmpty)
    }

    @Test func aPracticeNoWorkerIsEligibleForIsWarnedAbout() {
        expectWarning(Fixture.replacing("    requires_skills: [debts]", with: "    requires_skills: ⟨1⟩[youth]"),
                      path: "practices[0].requires_skills", "no worker has every skill baandert requires (youth)")
    }

    @Test func aPracticeWhoseSlotsNoEligibleWorkerHasIsWarnedAbout() {
        expectWarning(Fixture.replacing("    open: [tue-am]", with: "    open: ⟨1⟩[fri-pm]"),
                      path: "practices[0].open", "no eligible worker is available in any of baandert's open slots (fri-pm)")
    }

    @Test func anActivityNoStreamPaysForIsWarnedAbout() {
        expectWarning(Fixture.replacing("    pays_for: [contact, admin, travel, mdo]", with: "    pays_for: [contact, admin, mdo]")
                        .replacingOccurrences(of: "  - id: baandert", with: "  - id: ⟨1⟩baandert"),
                      path: "practices[0]", "no funding stream pays for travel at baandert")
    }

    @Test func aStreamForAMunicipalityWithoutPracticesSuggestsTheCloseName() {
        expectWarning(Fixture.replacing("    municipalities: [sittard-geleen]", with: "    municipalities: [⟨1⟩sittard-gelen]"),
                      path: "funding[0].municipalities[0]", "no practice lies in the municipality 'sittard-gelen'; did you mean 'sittard-geleen'?")
    }

    @Test func leaveWhollyOutsideTheQuarterIsWarnedAbout() {
        expectWarning(Fixture.replacing("      - {from: 2027-02-22, to: 2027-03-05}", with: "      - ⟨1⟩{from: 2026-02-22, to: 2026-03-05}"),
                      path: "workers[0].leave[0]", "lies wholly outside the quarter")
    }

    @Test func leaveThatOnlyCrossesTheQuarterStartIsNotWarnedAbout() {
        let text = Fixture.replacing("      - {from: 2027-02-22, to: 2027-03-05}", with: "      - {from: 2026-12-22, to: 2027-01-08}")
        #expect(warnings(Marked(text)).isEmpty)
    }

    @Test func aClosureOutsideTheQuarterIsWarnedAbout() {
        expectWarning(Fixture.replacing("holidays: nl", with: "holidays: nl\nclosures: [2027-02-15, ⟨1⟩2027-06-01]"),
                      path: "closures[1]", "2027-06-01 lies outside the quarter (2027-01-04 to 2027-04-04)")
    }

    @Test func aListedHolidayOutsideTheQuarterIsWarnedAbout() {
        expectWarning(Fixture.replacing("holidays: nl", with: "holidays: [⟨1⟩2026-12-25]"),
                      path: "holidays[0]", "2026-12-25 lies outside the quarter")
    }

    @Test func moreSessionsThanOpenSlotsIsWarnedAbout() {
        expectWarning(Fixture.replacing("    sessions_per_week: 1", with: "    sessions_per_week: ⟨1⟩2"),
                      path: "practices[0].sessions_per_week", "asks 2 sessions a week but has 1 open slot: at most 1 can be held")
    }

    @Test func reservingEveryContractHourIsWarnedAbout() {
        expectWarning(Fixture.replacing("    reserved_hours: 6", with: "    reserved_hours: ⟨1⟩24"),
                      path: "workers[0].reserved_hours", "all 24 contract hours are reserved")
    }
}

@Suite struct CSVScenarioTests {
    static let yaml = """
        name: CSV quarter
        quarter: {start: 2027-01-04}
        workers: tables/workers.csv
        practices: tables/practices.csv
        funding:
          - {id: wmo, budget_hours: 500, pays_for: [contact, admin, travel, mdo]}

        """

    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    func load(workers: String, practices: String, workerBytes: [UInt8]? = nil) -> LoadedScenario {
        loadScenario(Self.yaml, extraFiles: [
            "tables/workers.csv": workerBytes ?? (Self.bom + Array(workers.utf8)),
            "tables/practices.csv": Self.bom + Array(practices.utf8),
        ])
    }

    static let practices = "id;municipality;sessions_per_week;session_hours;open;mdo\r\nbaandert;sittard-geleen;1;2,5;tue-am;2:1,5\r\nborn;sittard-geleen;1;2;wed-am|thu-pm;false\r\n"

    @Test func dutchExcelTablesAreReadLikeTheirYAMLForm() throws {
        let workers = "id;name;hours_per_week;reserved_hours;available;skills;leave;can_substitute\r\n"
            + "anja;\"de Vries; Anja\";24,5;6;mon-am|tue-am;debts|ggz;2027-02-22..2027-03-05|2027-03-15;\r\n"
            + "ben;Ben;32;;;;;false\r\n"
        let loaded = load(workers: workers, practices: Self.practices)
        #expect(loaded.diagnostics.errors.isEmpty, "\(loaded.diagnostics)")
        let s = try #require(loaded.scenario)
        let anja = try #require(s.worker("anja"))
        #expect(anja.name == "de Vries; Anja")
        #expect(anja.hoursPerWeek == 24.5)
        #expect(anja.available.map(\.name) == ["mon-am", "tue-am"])
        #expect(anja.skills == ["debts", "ggz"])
        #expect(anja.leave.count == 2)
        #expect(anja.leave[1] == DateRange(from: LocalDate(iso: "2027-03-15")!, to: LocalDate(iso: "2027-03-15")!))
        #expect(anja.canSubstitute, "an empty cell takes the default")
        let ben = try #require(s.worker("ben"))
        #expect(ben.available.count == 10)
        #expect(!ben.canSubstitute)
        #expect(s.practice("baandert")?.sessionHours == 2.5)
        #expect(s.practice("baandert")?.mdo == MDORule(everyWeeks: 2, hours: 1.5))
        #expect(s.practice("born")?.mdo == nil)
        #expect(loaded.tables.map(\.separator) == ["semicolon", "semicolon"])
        #expect(loaded.tables.map(\.encoding) == ["utf8-bom", "utf8-bom"])
    }

    @Test func aThousandsSeparatorIsAnErrorAtItsCell() {
        let workers = "id;hours_per_week\r\nanja;1.234,5\r\n"
        let loaded = load(workers: workers, practices: Self.practices)
        #expect(loaded.diagnostics.errors.map(\.description) == [
            "tables/workers.csv:2:6: workers[0].hours_per_week: '1.234,5' has a thousands separator; write the number without it, e.g. '1234,5'"
        ])
    }

    @Test func anUnknownColumnIsOneErrorAtTheHeaderCell() {
        let workers = "id;hours_per_week;skils\r\nanja;24;debts\r\nben;30;ggz\r\n"
        let loaded = load(workers: workers, practices: Self.practices)
        #expect(loaded.diagnostics.errors.map(\.description) == [
            "tables/workers.csv:1:19: workers: unknown column 'skils'; did you mean 'skills'?"
        ])
    }

    @Test func aMissingRequiredColumnIsOneErrorForTheTable() {
        let workers = "id;name\r\nanja;Anja\r\nben;Ben\r\n"
        let loaded = load(workers: workers, practices: Self.practices)
        #expect(loaded.diagnostics.errors.map(\.description) == [
            "tables/workers.csv:1:1: workers: the table has no column 'hours_per_week', which is required"
        ])
    }

    @Test func aRowWithTooManyCellsAndAnUnclosedQuoteAreBothReported() {
        let workers = "id;hours_per_week\r\nanja;24;extra\r\nben;\"30\r\n"
        let loaded = load(workers: workers, practices: Self.practices)
        let errors = loaded.diagnostics.errors.map(\.description)
        #expect(errors.count == 2, "\(errors)")
        #expect(errors.first?.hasPrefix("tables/workers.csv:2:9: workers: row has 3 cells, the header has 2") == true)
        #expect(errors.last?.hasPrefix("tables/workers.csv:3:5: workers:") == true)
    }

    @Test func aBadSlotInACellIsReportedInsideTheCell() {
        let workers = "id;hours_per_week;available\r\nanja;24;mon-am|teu-am\r\n"
        let loaded = load(workers: workers, practices: Self.practices)
        #expect(loaded.diagnostics.errors.map(\.description) == [
            "tables/workers.csv:2:16: workers[0].available[1]: 'teu-am' is not a slot of this scenario; did you mean 'tue-am'?"
        ])
    }

    @Test func aWindows1252TableIsReadWithANotice() throws {
        let workers = Array("id;name;hours_per_week\r\nnoelle;No".utf8) + [0xEB] + Array("lle;24\r\n".utf8)
        let loaded = load(workers: "", practices: Self.practices, workerBytes: workers)
        #expect(loaded.scenario?.worker("noelle")?.name == "Noëlle")
        #expect(loaded.diagnostics.contains { $0.severity == .notice && $0.message.contains("Windows-1252") })
        #expect(loaded.tables.first { $0.key == "workers" }?.encoding == "windows1252")
    }

    @Test func aMissingTableIsAnErrorAtTheKeyThatNamesIt() {
        let loaded = loadScenario(Self.yaml)
        #expect(loaded.diagnostics.errors.map(\.description) == [
            "team.yaml:3:10: cannot read the workers table 'tables/workers.csv': no such file",
            "team.yaml:4:12: cannot read the practices table 'tables/practices.csv': no such file",
        ])
    }
}

@Suite struct ExampleScenarioTests {
    @Test(arguments: ["inputs/baandert.yaml", "inputs/westelijke-mijnstreek.yaml",
                      "bench/region-8x12.yaml", "bench/region-15x25.yaml",
                      "bench/region-25x40.yaml", "bench/region-40x60.yaml"])
    func everyExampleAndBenchScenarioReadsWithoutErrors(_ file: String) {
        let loaded = ScenarioLoader.load(path: Executable.packageRoot + "/" + file)
        #expect(loaded.diagnostics.errors.isEmpty, "\(loaded.diagnostics.errors)")
        #expect(loaded.scenario != nil)
    }

    @Test func theMainExampleTakesItsTablesFromDutchExcel() throws {
        let loaded = ScenarioLoader.load(path: Executable.packageRoot + "/inputs/westelijke-mijnstreek.yaml")
        let s = try #require(loaded.scenario)
        #expect(s.workers.count == 8)
        #expect(s.practices.count == 12)
        #expect(Set(s.practices.map(\.municipality)) == ["sittard-geleen", "beekdaelen", "stein"])
        #expect(loaded.tables.count == 2)
        #expect(loaded.tables.allSatisfy { $0.separator == "semicolon" && $0.encoding == "utf8-bom" })
        #expect(s.workers.contains { $0.hoursPerWeek != $0.hoursPerWeek.rounded() }, "a decimal-comma contract")
    }
}

/// libyaml ends lines at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR too
/// (YAML 1.1); a person's editor does not. Positions are the editor's.
@Suite struct UnusualLineBreakTests {
    @Test(arguments: ["\u{2028}", "\u{2029}", "\u{85}"])
    func aDiagnosticAfterAnUnusualBreakIsAtTheEditorsLine(_ separator: String) throws {
        let marked = Marked(Fixture.replacing("name: Anja de Vries", with: "name: \"Anja\(separator)de Vries\"")
            .replacingOnce("reserved_hours: 6", with: "⟨1⟩reserved_hourz: 6"))
        let loaded = loadScenario(marked.text)
        let problem = try #require(loaded.diagnostics.first { $0.message.contains("unknown key") })
        #expect(problem.location == marked.location(file: "team.yaml"))
    }

    @Test func aSyntaxErrorAfterAnUnusualBreakIsAtTheEditorsLine() throws {
        let marked = Marked("name: \"a\u{2029}b\"\nquarter: {start: 2027-01-04\nworkers: ⟨1⟩[\n")
        let loaded = loadScenario(marked.text)
        let problem = try #require(loaded.diagnostics.first)
        #expect(problem.message.hasPrefix("not valid YAML"), "\(problem)")
        let line = try #require(problem.location?.line)
        #expect(line <= 4, "inside the file's 3 lines (+1 for the end): \(problem)")
    }

    @Test func theLineMapIsTheIdentityWithoutUnusualBreaks() {
        let map = LineMap("a: 1\r\nb: 2\rc: 3\n")
        #expect(map.editorPosition(line: 3, column: 2) == (3, 2))
        let mapped = LineMap("a: \"x\u{2028}y\"\r\nb: 2\n")
        #expect(mapped.editorPosition(line: 2, column: 3) == (1, 9), "libyaml's line 2 is the editor's line 1 after the separator")
        #expect(mapped.editorPosition(line: 3, column: 1) == (2, 1))
    }
}

extension String {
    /// `self` with `old` (which must occur exactly once) replaced.
    func replacingOnce(_ old: String, with new: String) -> String {
        let parts = components(separatedBy: old)
        precondition(parts.count == 2, "'\(old)' must occur exactly once")
        return parts.joined(separator: new)
    }
}
