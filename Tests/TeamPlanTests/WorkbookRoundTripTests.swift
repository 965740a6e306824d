import Foundation
import Testing
@testable import TeamPlan

/// Workbooks made by other programs — openpyxl, LibreOffice — and by
/// `teamplan template`, read back to the scenario of the YAML they hold.
@Suite(.serialized) struct WorkbookRoundTripTests {
    static let inputs = Executable.packageRoot + "/inputs"
    static var example: Scenario { ScenarioLoader.load(path: inputs + "/westelijke-mijnstreek.yaml").scenario! }

    /// The example written by openpyxl (Tests/workbook_openpyxl.py) with `flags`.
    static func openpyxl(_ flags: [String], in folder: TemporaryFolder) throws -> String {
        let out = folder.path + "/team.xlsx"
        let run = try Executable.run([Executable.packageRoot + "/Tests/workbook_openpyxl.py", folder.path + "/answer.json", out,
                                      inputs + "/westelijke-mijnstreek"] + flags, program: Python.interpreter)
        #expect(run.status == 0, "openpyxl (make test installs it): \(run.stderr)")
        return out
    }

    @Test(arguments: [[String](), ["--dutch", "--1904"], ["--text-numbers"], ["--dutch", "--text-numbers", "--1904"]])
    func theExampleWrittenByOpenpyxlReadsAsTheYAML(flags: [String]) throws {
        let folder = TemporaryFolder()
        let loaded = ScenarioLoader.load(path: try Self.openpyxl(flags, in: folder))
        let read = try #require(loaded.scenario, "\(loaded.diagnostics)")
        #expect(read == Self.example)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
    }

    @Test(arguments: WorkbookLayout.SheetLanguage.allCases)
    func aTemplateFromTheExampleReadsBackToTheSameScenario(language: WorkbookLayout.SheetLanguage) throws {
        let original = Self.example
        let bytes = try WorkbookTemplate.workbook(language: language, from: original)
        let loaded = ScenarioLoader.load(workbook: bytes, file: "team.xlsx", directory: Self.inputs)
        let read = try #require(loaded.scenario, "\(loaded.diagnostics)")
        #expect(read == original)
        // Written again from what it read: the same bytes.
        #expect(try WorkbookTemplate.workbook(language: language, from: read) == bytes)
    }

    /// With last quarter's plan, pins, avoided pairs and preferences: the
    /// same scenario but for where each decision was written (line or cell).
    @Test func theSteeredExampleRoundTripsWithItsDecisions() throws {
        let original = try #require(ScenarioLoader.load(path: Self.inputs + "/westelijke-mijnstreek-steered.yaml").scenario)
        #expect(!original.pins.isEmpty && original.previous != nil)
        let bytes = try WorkbookTemplate.workbook(language: .nl, from: original)
        let first = ScenarioLoader.load(workbook: bytes, file: "team.xlsx", directory: Self.inputs)
        let read = try #require(first.scenario, "\(first.diagnostics)")
        #expect(read.withoutLocations == original.withoutLocations)
        #expect(read.pins.first?.location?.description == "team.xlsx:Vastgezet!A2")
        let again = ScenarioLoader.load(workbook: try WorkbookTemplate.workbook(language: .nl, from: read), file: "team.xlsx", directory: Self.inputs)
        #expect(again.scenario == read)
    }

    @Test func namedClosuresOwnDayPartsAndHolidayDatesRoundTrip() throws {
        let yaml = """
            name: Rond
            quarter: {start: 2027-01-04, weeks: 3}
            holidays: [nl, 2027-01-05]
            closures: [{date: 2027-01-08, name: Teamdag}, 2027-01-15]
            day_parts: {morning: {hours: 3.5, start: "08:30"}, late: {hours: 2, start: "19:00"}}
            days: [mon, wed, sat]
            team_size: 2
            objective: {gap_weight: 900, preference_weight: 0.5}
            overhead: {admin_per_contact_hour: 0.25, mdo: {every_weeks: 3, hours: 1.5}}
            workers:
              - {id: a, name: "Ann & Co <1>", hours_per_week: 24.5, available: [mon-morning, sat-late], skills: [ggz, "x|y"], leave: [{from: 2027-01-11, to: 2027-01-12}, {from: 2027-01-20, to: 2027-01-20}], max_practices: 2}
              - {id: b, hours_per_week: 12, can_substitute: false}
            practices:
              - {id: p, municipality: "Sittard-Geleen", sessions_per_week: 1, session_hours: 2, open: [mon-morning], mdo: {every_weeks: 4, hours: 1.25}, priority: 1.5}
              - {id: q, municipality: m, sessions_per_week: 0, session_hours: 1, open: [wed-late], mdo: false, backups: 0, max_workers: 1}
              - {id: r, municipality: m, sessions_per_week: 1, session_hours: 1, open: [wed-late]}
            funding:
              - {id: f, budget_eur: 1000.125, rate_eur_per_hour: 80, pays_for: [contact, admin, travel, mdo]}
              - {id: g, budget_hours: 10, rate_eur_per_hour: 70, pays_for: [contact], practices: [p]}
            avoid: [{worker: b, practice: p}]
            preferences: [{worker: a, practice: p, weight: -2.5}]
            """
        let loaded = loadScenario(yaml)
        let original = try #require(loaded.scenario, "\(loaded.diagnostics)")
        for language in WorkbookLayout.SheetLanguage.allCases {
            let back = ScenarioLoader.load(workbook: try WorkbookTemplate.workbook(language: language, from: original), file: "r.xlsx", directory: "/")
            // "x|y" is one skill in YAML but two in a cell: the only difference.
            let read = try #require(back.scenario, "\(back.diagnostics)")
            var expected = original.withoutLocations
            expected.workers[0].skills = ["ggz", "x", "y"]
            #expect(read.withoutLocations == expected, "\(language)")
        }
    }

    /// The template holding the example, opened and saved again by
    /// LibreOffice Calc (headless): still the same scenario.
    @Test func theExampleSavedByLibreOfficeReadsAsTheYAML() throws {
        let folder = TemporaryFolder()
        let original = Self.example
        folder.write("in/team.xlsx", try WorkbookTemplate.workbook(language: .nl, from: original))
        let run = try Executable.run(["LANG=nl_NL.UTF-8", "LC_ALL=nl_NL.UTF-8", "HOME=" + folder.path, "soffice", "--headless",
                                      "-env:UserInstallation=file://" + folder.path + "/profile",
                                      "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", folder.path + "/out",
                                      folder.path + "/in/team.xlsx"], program: "env")
        #expect(run.status == 0, "LibreOffice must be installed (make test does): \(run.stdout)\(run.stderr)")
        let saved = folder.path + "/out/team.xlsx"
        let bytes = try #require(FileManager.default.contents(atPath: saved), "LibreOffice wrote nothing: \(run.stdout)\(run.stderr)")
        #expect(Array(bytes) != (try WorkbookTemplate.workbook(language: .nl, from: original)), "LibreOffice wrote a file of its own")
        let loaded = ScenarioLoader.load(path: saved)
        #expect(try #require(loaded.scenario, "\(loaded.diagnostics)") == original)
    }

    /// The empty template and the filled one open in LibreOffice without a
    /// repair: printed to PDF, every sheet's headers are on the pages.
    @Test(arguments: WorkbookLayout.SheetLanguage.allCases)
    func theTemplateOpensInLibreOffice(language: WorkbookLayout.SheetLanguage) throws {
        let folder = TemporaryFolder()
        folder.write("team.xlsx", try WorkbookTemplate.workbook(language: language))
        let run = try Executable.run(["HOME=" + folder.path, "soffice", "--headless", "-env:UserInstallation=file://" + folder.path + "/profile",
                                      "--convert-to", "pdf", "--outdir", folder.path, folder.path + "/team.xlsx"], program: "env")
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let text = try Executable.run(["pdftotext", "-layout", folder.path + "/team.pdf", "-"], program: "env")
        #expect(text.status == 0, "pdftotext (poppler-utils): \(text.stderr)")
        for sheet in WorkbookLayout.sheets where sheet.key != "scenario" {
            for column in sheet.columns { #expect(text.stdout.contains(sheet.column(column.key, language)), "\(column.key) on the pages") }
        }
        #expect(text.stdout.contains(language == .nl ? "kwartaal.start" : "quarter.start"))
    }

    /// openpyxl reads the template as a spreadsheet would show it: the
    /// sheets, the headers with their comments, the dropdowns, the frozen
    /// header row, text and date formats.
    @Test func openpyxlReadsTheTemplate() throws {
        let folder = TemporaryFolder()
        let path = folder.write("team.xlsx", try WorkbookTemplate.workbook(language: .nl, from: Self.example))
        let script = """
            import json, sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[2])
            answer = {}
            for sheet in book.worksheets:
                header = [c.value for c in sheet[1]]
                answer[sheet.title] = {
                    'header': header,
                    'comments': [c.comment.text if c.comment else None for c in sheet[1]],
                    'validations': sorted([dv.type, dv.formula1, str(dv.sqref)] for dv in sheet.data_validations.dataValidation),
                    'freeze': sheet.freeze_panes,
                    'formats': [sheet.cell(row=2, column=i + 1).number_format for i in range(len(header))],
                    'rows': sheet.max_row,
                    'column_styles': [sheet.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].number_format for i in range(len(header))],
                }
            json.dump(answer, open(sys.argv[1], 'w'), default=str)
            """
        let (run, answer) = try Python.run(script, [path])
        #expect(run.status == 0, "\(run.stderr)")
        let data = try #require(answer)
        let sheets = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
        #expect(Set(sheets.keys) == Set(WorkbookLayout.sheets.map { $0.name(.nl) }))
        let workers = try #require(sheets["Medewerkers"])
        #expect(workers["header"] as? [String] == WorkbookLayout.workers.columns.map(\.dutch))
        #expect((workers["comments"] as? [String])?.first?.contains("Unieke id") == true, "\(String(describing: workers["comments"]))")
        #expect(workers["freeze"] as? String == "A2")
        #expect(workers["rows"] as? Int == 9)
        let validations = try #require(workers["validations"] as? [[String]])
        #expect(validations.contains(["list", "\"ja,nee\"", "I2:I1048576"]), "\(validations)")
        #expect(validations.contains { $0[1].contains("mon-am,mon-pm,tue-am") && $0[2] == "E2:E1048576" }, "\(validations)")
        #expect((workers["column_styles"] as? [String])?.first == "@", "ids typed later stay text")
        let leave = try #require(sheets["Verlof"])
        #expect((leave["formats"] as? [String])?[1] == "yyyy\\-mm\\-dd", "\(String(describing: leave["formats"]))")
        #expect((sheets["Vastgezet"]?["validations"] as? [[String]])?.contains(["list", "\"regular,backup\"", "D2:D1048576"]) == true)
    }

    @Test func theCommandWritesOnceAndRefusesWhatItCannotRead() throws {
        let folder = TemporaryFolder()
        let first = try Executable.run(["template", "team.xlsx", "--lang", "en"], in: folder.path)
        #expect(first.status == 0 && first.stdout.contains("Wrote team.xlsx"), "\(first.stderr)")
        let again = try Executable.run(["template", "team.xlsx"], in: folder.path)
        #expect(again.status == 73 && again.stderr.contains("will not overwrite 'team.xlsx'"), "\(again.stderr)")
        let forced = try Executable.run(["template", "team.xlsx", "--force", "--from", Self.inputs + "/baandert.yaml"], in: folder.path)
        #expect(forced.status == 0, "\(forced.stderr)")
        let check = try Executable.run(["check", "team.xlsx"], in: folder.path)
        #expect(check.status == 0 && check.stdout.contains("De Baandert pilot"), "\(check.stdout)\(check.stderr)")
        #expect(try Executable.run(["template", "team.csv"], in: folder.path).status == 64)
        #expect(try Executable.run(["template", "x.xlsx", "--lang", "de"], in: folder.path).status == 64)
        let bad = try Executable.run(["template", "y.xlsx", "--from", "missing.yaml"], in: folder.path)
        #expect(bad.status == 65 && !FileManager.default.fileExists(atPath: folder.path + "/y.xlsx"))
        // Written in another folder than its scenario: last quarter's plan is still found.
        let steered = try Executable.run(["template", "s.xlsx", "--from", Self.inputs + "/westelijke-mijnstreek-steered.yaml"], in: folder.path)
        #expect(steered.status == 0 && steered.stderr.contains("note: previous is written as '\(Self.inputs)/plans/"), "\(steered.stderr)")
        let read = ScenarioLoader.load(path: folder.path + "/s.xlsx")
        #expect(read.scenario?.previous?.pairs.isEmpty == false, "\(read.diagnostics)")
        // A workbook with errors: each at its cell, exit 65.
        folder.write("bad.xlsx", RawWorkbook.bytes(RawWorkbook.with("Workers", [["id", "hours_per_week"], ["anja", "veel"]])))
        let plan = try Executable.run(["plan", "bad.xlsx"], in: folder.path)
        #expect(plan.status == 65 && plan.stderr.contains("bad.xlsx:Workers!B2: workers[0].hours_per_week: 'veel' is not a number"), "\(plan.stderr)")
    }
}
