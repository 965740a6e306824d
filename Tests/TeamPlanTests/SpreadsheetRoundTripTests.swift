import Foundation
import Testing
@testable import TeamPlan

/// What a spreadsheet does to the cells of a scenario's tables, read back
/// as it was meant: an MDO rhythm taken for a time of day, dates written
/// day first or with a two-digit year, Dutch booleans.
@Suite struct SpreadsheetCellTests {
    static let yaml = """
        name: Cellen
        quarter: {start: 2027-01-04, weeks: 13}
        workers: workers.csv
        practices: practices.csv
        funding:
          - {id: wmo, budget_hours: 400, pays_for: [contact, admin, travel, mdo]}
        """

    static func load(workers: String = "id;hours_per_week;available;leave;can_substitute\nanja;24;tue-am;;\n",
                     mdo: String = "true") -> LoadedScenario {
        loadScenario(yaml, extraFiles: [
            "workers.csv": Array(workers.utf8),
            "practices.csv": Array("id;municipality;sessions_per_week;session_hours;open;mdo\np1;m;1;2;tue-am;\(mdo)\n".utf8),
        ])
    }

    @Test(arguments: [
        ("2w/1h", 2, 1.0), ("4w/1,5h", 4, 1.5), ("4w/1.5h", 4, 1.5), ("2 w / 1 u", 2, 1.0), ("2W/1H", 2, 1.0),
        ("2:1", 2, 1.0), ("4:1,5", 4, 1.5),
        // What LibreOffice (Dutch) saves for 2:1 and 4:1,5, taken for times of day.
        ("02:01:00", 2, 1.0), ("04:01,50", 4, 1.5),
    ])
    func anMDORhythmIsReadInEveryFormASpreadsheetLeavesIt(text: String, every: Int, hours: Double) throws {
        let loaded = Self.load(mdo: text)
        let s = try #require(loaded.scenario, "\(loaded.diagnostics)")
        #expect(s.practices[0].mdo == MDORule(everyWeeks: every, hours: hours))
    }

    @Test func anMDOTimeWithSecondsOrThirtyHoursIsAnError() {
        let seconds = Self.load(mdo: "02:01:30")
        #expect(seconds.scenario == nil)
        let thirty = Self.load(mdo: "04:30:00")
        #expect(thirty.diagnostics.errors.contains { $0.description.contains("practices[0].mdo.hours: 30 is out of range") }, "\(thirty.diagnostics)")
    }

    @Test(arguments: [("ja", true), ("Nee", false), ("WAAR", true), ("ONWAAR", false), ("waar", true), ("TRUE", true)])
    func dutchBooleansAreBooleans(text: String, value: Bool) throws {
        let loaded = Self.load(workers: "id;hours_per_week;available;can_substitute\nanja;24;tue-am;\(text)\n")
        let s = try #require(loaded.scenario, "\(loaded.diagnostics)")
        #expect(s.workers[0].canSubstitute == value)
    }

    @Test(arguments: [
        ("11-3-2027", "2027-03-11"), ("11-03-2027", "2027-03-11"), ("11-03-27", "2027-03-11"), ("1-2-2027", "2027-02-01"),
    ])
    func aDateWrittenDayFirstIsRead(text: String, iso: String) throws {
        let loaded = Self.load(workers: "id;hours_per_week;available;leave\nanja;24;tue-am;\(text)..\(text)|\(text)\n")
        let s = try #require(loaded.scenario, "\(loaded.diagnostics)")
        let date = try #require(LocalDate(iso: iso))
        #expect(s.workers[0].leave == [DateRange(from: date, to: date), DateRange(from: date, to: date)])
    }

    @Test func aDateWithSlashesIsAnErrorThatGivesItsReadings() {
        let loaded = Self.load(workers: "id;hours_per_week;available;leave\nanja;24;tue-am;3/11/2027\n")
        #expect(loaded.scenario == nil)
        #expect(loaded.diagnostics.errors.contains {
            $0.description.contains("'3/11/2027' is 2027-11-03 with the day first or 2027-03-11 with the month first (American); write it as YYYY-MM-DD (or with dashes, day first: 3-11-2027)")
        }, "\(loaded.diagnostics)")
        let oneReading = Self.load(workers: "id;hours_per_week;available;leave\nanja;24;tue-am;3/13/2027\n")
        #expect(oneReading.diagnostics.errors.contains { $0.description.contains("'3/13/2027' is 2027-03-13 with the month first (American)") }, "\(oneReading.diagnostics)")
    }
}

/// The example's tables opened and saved by LibreOffice Calc with Dutch
/// settings — what a team manager does to them — read back to the same
/// scenario (make test installs libreoffice-calc-nogui).
@Suite(.serialized) struct SpreadsheetRoundTripTests {
    /// Opens each CSV as a Dutch LibreOffice does (semicolons, UTF-8, the
    /// cells' language Dutch: 1043) and saves it again as CSV, as Calc's
    /// "Save" keeps the format. Returns the saved files' folder.
    static func throughLibreOffice(_ files: [String], in folder: TemporaryFolder) throws -> String {
        let options = "59,34,76,1,,1043"
        let out = folder.path + "/saved"
        let run = try Executable.run(["LANG=nl_NL.UTF-8", "LC_ALL=nl_NL.UTF-8", "HOME=" + folder.path, "soffice", "--headless",
                                      "-env:UserInstallation=file://" + folder.path + "/profile",
                                      "--infilter=CSV:" + options, "--convert-to", "csv:Text - txt - csv (StarCalc):" + options,
                                      "--outdir", out] + files, program: "env")
        #expect(run.status == 0, "LibreOffice must be installed (make test does): \(run.stdout)\(run.stderr)")
        for file in files {
            #expect(FileManager.default.fileExists(atPath: out + "/" + (file as NSString).lastPathComponent), "LibreOffice saved \(file): \(run.stdout)\(run.stderr)")
        }
        return out
    }

    @Test func theExamplesTablesSavedByADutchLibreOfficeReadBackToTheSameScenario() throws {
        let folder = TemporaryFolder()
        let root = Executable.packageRoot + "/inputs"
        let original = try #require(ScenarioLoader.load(path: root + "/westelijke-mijnstreek.yaml").scenario)
        let tables = ["workers.csv", "practices.csv"].map { root + "/westelijke-mijnstreek/" + $0 }
        let saved = try Self.throughLibreOffice(tables, in: folder)
        let practices = try String(contentsOfFile: saved + "/practices.csv", encoding: .utf8)
        #expect(practices.contains("2w/1h") && practices.contains(";1,5"), "the rhythm and a decimal comma as LibreOffice left them: \(practices)")
        folder.write("westelijke-mijnstreek.yaml", try String(contentsOfFile: root + "/westelijke-mijnstreek.yaml", encoding: .utf8))
        for table in ["workers.csv", "practices.csv"] {
            folder.write("westelijke-mijnstreek/" + table, try String(contentsOfFile: saved + "/" + table, encoding: .utf8))
        }
        let loaded = ScenarioLoader.load(path: folder.path + "/westelijke-mijnstreek.yaml")
        let again = try #require(loaded.scenario, "\(loaded.diagnostics)")
        #expect(again == original)
    }

    /// The older notation and Dutch habits in cells, through LibreOffice:
    /// `2:1` becomes a time, `11-3-2027` a date with a two-digit year.
    @Test func theOldMDONotationDutchDatesAndBooleansSurviveADutchLibreOffice() throws {
        let folder = TemporaryFolder()
        folder.write("in/workers.csv", "id;hours_per_week;available;leave;can_substitute\nanja;24,5;tue-am|wed-am;11-3-2027..15-3-2027|2027-03-29;ja\nben;12;wed-am;;ONWAAR\n")
        folder.write("in/practices.csv", "id;municipality;sessions_per_week;session_hours;open;mdo\np1;m;1;2;tue-am;2:1\np2;m;1;2,5;wed-am;4:1,5\n")
        let saved = try Self.throughLibreOffice([folder.path + "/in/workers.csv", folder.path + "/in/practices.csv"], in: folder)
        let workers = try String(contentsOfFile: saved + "/workers.csv", encoding: .utf8)
        let practices = try String(contentsOfFile: saved + "/practices.csv", encoding: .utf8)
        #expect(practices.contains("02:01:00"), "LibreOffice took 2:1 for a time, or this test proves little: \(practices)")
        let yaml = SpreadsheetCellTests.yaml
        let before = loadScenario(yaml, extraFiles: ["workers.csv": Array(try String(contentsOfFile: folder.path + "/in/workers.csv", encoding: .utf8).utf8),
                                                     "practices.csv": Array(try String(contentsOfFile: folder.path + "/in/practices.csv", encoding: .utf8).utf8)])
        let after = loadScenario(yaml, extraFiles: ["workers.csv": Array(workers.utf8), "practices.csv": Array(practices.utf8)])
        let a = try #require(before.scenario, "\(before.diagnostics)"), b = try #require(after.scenario, "\(after.diagnostics)\n\(workers)\n\(practices)")
        #expect(a == b)
        #expect(b.practices.map(\.mdo) == [MDORule(everyWeeks: 2, hours: 1), MDORule(everyWeeks: 4, hours: 1.5)])
        #expect(b.workers[0].leave.first == DateRange(from: LocalDate(iso: "2027-03-11")!, to: LocalDate(iso: "2027-03-15")!))
        #expect(b.workers.map(\.canSubstitute) == [true, false])
    }
}
