import Foundation
import Testing
@testable import TeamPlan

/// A workbook made cell by cell, as the file stores it: each cell a string,
/// `""` no cell, `#24.5` a number, `#d46391` a number shown as a date,
/// `#t0.084` one shown as a time, `!b1` a boolean, `!e#N/A` an error value,
/// `$0` shared string 0, `=` a formula without a value, anything else an
/// inline string.
enum RawWorkbook {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static let base: [(String, [[String]])] = [
        ("Scenario", [["name", "Klein"], ["quarter.start", "2027-01-04"]]),
        ("Workers", [["id", "hours_per_week"], ["anja", "#24"]]),
        ("Practices", [["id", "municipality", "sessions_per_week", "session_hours", "open"], ["p1", "m", "#1", "#2", "tue-am"]]),
        ("Funding", [["id", "budget_hours", "pays_for"], ["f", "#400", "contact|admin|travel|mdo"]]),
    ]

    /// `base` with `sheet` replaced (or added when new).
    static func with(_ sheet: String, _ rows: [[String]], in sheets: [(String, [[String]])] = base) -> [(String, [[String]])] {
        var out = sheets
        if let index = out.firstIndex(where: { $0.0 == sheet }) { out[index].1 = rows } else { out.append((sheet, rows)) }
        return out
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    static func cellXML(_ reference: String, _ value: String) -> String {
        if value.hasPrefix("#d") { return #"<c r="\#(reference)" s="1"><v>\#(value.dropFirst(2))</v></c>"# }
        if value.hasPrefix("#t") { return #"<c r="\#(reference)" s="2"><v>\#(value.dropFirst(2))</v></c>"# }
        if value.hasPrefix("#") { return #"<c r="\#(reference)"><v>\#(value.dropFirst())</v></c>"# }
        if value.hasPrefix("!b") { return #"<c r="\#(reference)" t="b"><v>\#(value.dropFirst(2))</v></c>"# }
        if value.hasPrefix("!e") { return #"<c r="\#(reference)" t="e"><v>\#(value.dropFirst(2))</v></c>"# }
        if value.hasPrefix("$") { return #"<c r="\#(reference)" t="s"><v>\#(value.dropFirst())</v></c>"# }
        if value == "=" { return #"<c r="\#(reference)"><f>SUM(A1:A2)</f></c>"# }
        return #"<c r="\#(reference)" t="inlineStr"><is><t xml:space="preserve">\#(escape(value))</t></is></c>"#
    }

    static func sheetXML(_ rows: [[String]]) -> String {
        var xml = #"<worksheet xmlns="\#(main)"><sheetData>"#
        for (r, row) in rows.enumerated() where !row.isEmpty {
            xml += #"<row r="\#(r + 1)">"#
            for (c, value) in row.enumerated() where !value.isEmpty {
                xml += cellXML(XLSXCellReference(row: r + 1, column: c + 1).description, value)
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    static func parts(_ sheets: [(String, [[String]])], shared: [String] = [], date1904: Bool = false,
                      dateFormat: String = "yyyy-mm-dd") -> [(String, [UInt8])] {
        var parts: [(String, String)] = [
            ("_rels/.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ]
        let list = sheets.enumerated().map { #"<sheet name="\#(escape($1.0))" sheetId="\#($0 + 1)" r:id="rId\#($0 + 1)"/>"# }.joined()
        parts.append(("xl/workbook.xml", #"<workbook xmlns="\#(main)" xmlns:r="\#(rel)"><workbookPr\#(date1904 ? #" date1904="1""# : "")/><sheets>\#(list)</sheets></workbook>"#))
        var rels = sheets.indices.map { #"<Relationship Id="rId\#($0 + 1)" Type="\#(rel)/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"# }.joined()
        rels += #"<Relationship Id="rIdS" Type="\#(rel)/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdT" Type="\#(rel)/styles" Target="/xl/styles.xml"/>"#
        parts.append(("xl/_rels/workbook.xml.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#(rels)</Relationships>"#))
        parts.append(("xl/sharedStrings.xml", #"<sst xmlns="\#(main)">"# + shared.map { "<si><t>\(escape($0))</t></si>" }.joined() + "</sst>"))
        parts.append(("xl/styles.xml", #"<styleSheet xmlns="\#(main)"><numFmts count="1"><numFmt numFmtId="164" formatCode="\#(dateFormat)"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="20"/></cellXfs></styleSheet>"#))
        for (index, sheet) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(index + 1).xml", sheetXML(sheet.1))) }
        return parts.map { ($0.0, Array($0.1.utf8)) }
    }

    static func bytes(_ sheets: [(String, [[String]])] = base, shared: [String] = [], date1904: Bool = false) -> [UInt8] {
        try! XLSXWriter.zip(parts(sheets, shared: shared, date1904: date1904))
    }

    static func load(_ bytes: [UInt8], file: String = "team.xlsx") -> LoadedScenario {
        ScenarioLoader.load(workbook: bytes, file: file, directory: NSTemporaryDirectory())
    }

    static func load(_ sheets: [(String, [[String]])], shared: [String] = [], date1904: Bool = false) -> LoadedScenario {
        load(bytes(sheets, shared: shared, date1904: date1904))
    }
}

/// Every kind of problem a workbook can have, each at its cell.
@Suite struct WorkbookReadingTests {
    func errors(_ loaded: LoadedScenario) -> [String] { loaded.diagnostics.errors.map(\.description) }

    @Test func theSmallestWorkbookReads() throws {
        let loaded = RawWorkbook.load(RawWorkbook.base)
        let s = try #require(loaded.scenario, "\(loaded.diagnostics)")
        #expect(s.name == "Klein" && s.workers.map(\.id) == ["anja"] && s.workers[0].hoursPerWeek == 24)
        #expect(s.practices[0].open == [Slot(name: "tue-am")!] && s.funding[0].budgetHours == 400)
    }

    @Test func aBadNumberIsAnErrorAtItsCell() {
        let loaded = RawWorkbook.load(RawWorkbook.with("Workers", [["id", "hours_per_week"], ["anja", "#24"], ["bram", "veel"]]))
        #expect(errors(loaded) == ["team.xlsx:Workers!B3: workers[1].hours_per_week: 'veel' is not a number; expected a number above 0 and at most 60"])
    }

    @Test func anUnknownColumnGetsADidYouMeanAtItsHeaderCell() {
        let loaded = RawWorkbook.load(RawWorkbook.with("Workers", [["id", "hours_per_week", "skils"], ["anja", "#24", "ggz"]]))
        #expect(errors(loaded).first?.hasPrefix("team.xlsx:Workers!C1: workers: unknown column 'skils'; did you mean 'skills'?") == true, "\(errors(loaded))")
    }

    @Test func dutchSheetAndColumnNamesInAnyCaseRead() throws {
        var sheets = RawWorkbook.base
        sheets[1] = ("MEDEWERKERS", [["Id", "Uren_per_week", "kan_invallen"], ["anja", "24,5", "nee"]])
        sheets[2].0 = "praktijken"
        let loaded = RawWorkbook.load(sheets)
        let s = try #require(loaded.scenario, "\(loaded.diagnostics)")
        #expect(s.workers[0].hoursPerWeek == 24.5 && s.workers[0].canSubstitute == false)
    }

    @Test func anUnknownSheetGetsADidYouMean() {
        let loaded = RawWorkbook.load(RawWorkbook.base + [("Voorkeur", [["medewerker", "praktijk", "gewicht"]])])
        #expect(errors(loaded).first?.hasPrefix("team.xlsx:Voorkeur: unknown sheet 'Voorkeur'; did you mean 'Voorkeuren'?") == true, "\(errors(loaded))")
    }

    @Test func aMissingSheetIsNamedInBothLanguages() {
        let loaded = RawWorkbook.load(RawWorkbook.base.filter { $0.0 != "Practices" })
        #expect(errors(loaded) == ["team.xlsx: the workbook has no sheet Practices (in Dutch Praktijken), which a scenario needs"])
    }

    @Test func aMissingRequiredColumnIsOneErrorForTheSheet() {
        let loaded = RawWorkbook.load(RawWorkbook.with("Workers", [["id"], ["anja"]]))
        #expect(errors(loaded) == ["team.xlsx:Workers!A1: workers: the sheet has no column 'hours_per_week' (in Dutch 'uren_per_week'), which is required"])
    }

    @Test func dateSerialsReadInThe1900AndThe1904System() throws {
        // 2027-02-22 .. 2027-03-05: 46440..46451 from 1900 (with its 29 February 1900), 1462 less from 1904.
        let leave = [["worker", "from", "to"], ["anja", "#d46440", "#d46451"]]
        let a = RawWorkbook.load(RawWorkbook.with("Leave", leave))
        let b = RawWorkbook.load(RawWorkbook.with("Leave", [["worker", "from", "to"], ["anja", "#d44978", "#d44989"]]), date1904: true)
        let range = DateRange(from: LocalDate(iso: "2027-02-22")!, to: LocalDate(iso: "2027-03-05")!)
        #expect(try #require(a.scenario, "\(a.diagnostics)").workers[0].leave == [range])
        #expect(try #require(b.scenario, "\(b.diagnostics)").workers[0].leave == [range])
        // The quarter's start as a date cell, too; a date typed as text reads as in a CSV cell.
        let c = RawWorkbook.load(RawWorkbook.with("Scenario", [["name", "Klein"], ["quarter.start", "#d46391"]]))
        #expect(try #require(c.scenario, "\(c.diagnostics)").quarter.start == LocalDate(iso: "2027-01-04"))
        let d = RawWorkbook.load(RawWorkbook.with("Scenario", [["name", "Klein"], ["quarter.start", "4-1-2027"]]))
        #expect(try #require(d.scenario, "\(d.diagnostics)").quarter.start == LocalDate(iso: "2027-01-04"))
    }

    @Test func theDayThatNeverWasAndSerialsBefore1900AreErrorsAtTheirCells() {
        let loaded = RawWorkbook.load(RawWorkbook.with("Leave", [["worker", "from", "to"], ["anja", "#d60", "#d0"]]))
        #expect(errors(loaded).contains { $0.hasPrefix("team.xlsx:Leave!B2: leave[0].from: the date serial 60 is 1900-02-29, a day that never was") }, "\(errors(loaded))")
        #expect(errors(loaded).contains { $0.hasPrefix("team.xlsx:Leave!C2: leave[0].to: the date serial 0 is no date from 1900 to 9999") }, "\(errors(loaded))")
    }

    @Test func numbersStoredAsTextFollowTheRulesOfACSVCell() throws {
        let text = RawWorkbook.load(RawWorkbook.with("Workers", [["id", "hours_per_week", "reserved_hours"], ["anja", "24,5", "1.5"]]))
        let s = try #require(text.scenario, "\(text.diagnostics)")
        #expect(s.workers[0].hoursPerWeek == 24.5 && s.workers[0].reservedHours == 1.5)
        let dutch = RawWorkbook.load(RawWorkbook.with("Funding", [["id", "budget_hours", "pays_for"], ["f", "42.000", "contact"]]))
        #expect(errors(dutch).first?.hasPrefix("team.xlsx:Funding!B2: funding[0].budget_hours: '42.000' reads as 42 in English but as 42000 in Dutch") == true, "\(errors(dutch))")
        // A number cell is its exact value: 42.125 is no thousands group, 24.499999999999996 shows as 24.5.
        let exact = RawWorkbook.load(RawWorkbook.with("Workers", [["id", "hours_per_week", "reserved_hours"], ["anja", "#24.499999999999996", "#12.125"]]))
        let e = try #require(exact.scenario, "\(exact.diagnostics)")
        #expect(e.workers[0].hoursPerWeek == 24.5 && e.workers[0].reservedHours == 12.125)
    }

    @Test func sharedAndInlineStringsReadTheSame() throws {
        let inline = try #require(RawWorkbook.load(RawWorkbook.base).scenario)
        var sheets = RawWorkbook.base
        sheets[1].1 = [["$0", "$1"], ["$2", "#24"]]
        let shared = RawWorkbook.load(sheets, shared: ["id", "hours_per_week", "anja"])
        #expect(try #require(shared.scenario, "\(shared.diagnostics)") == inline)
        let broken = RawWorkbook.load(sheets, shared: ["id"])
        #expect(errors(broken).contains { $0.hasPrefix("team.xlsx:Workers!B1: the cell names shared string 1, which the workbook does not have") }, "\(errors(broken))")
    }

    @Test func booleanCellsAndDutchBooleanTextAreBooleans() throws {
        let loaded = RawWorkbook.load(RawWorkbook.with("Workers", [["id", "hours_per_week", "can_substitute"], ["a", "#24", "!b0"], ["b", "#24", "WAAR"], ["c", "#24", "!b1"]]))
        #expect(try #require(loaded.scenario, "\(loaded.diagnostics)").workers.map(\.canSubstitute) == [false, true, true])
        let number = RawWorkbook.load(RawWorkbook.with("Workers", [["id", "hours_per_week", "can_substitute"], ["a", "!b1", "#1"]]))
        #expect(errors(number).sorted() == ["team.xlsx:Workers!B2: workers[0].hours_per_week: 'true' is not a number; expected a number above 0 and at most 60",
                                            "team.xlsx:Workers!C2: workers[0].can_substitute: expected true or false (or ja or nee), found '1'"], "\(errors(number))")
    }

    @Test func anErrorValueIsAnErrorAtItsCell() {
        let loaded = RawWorkbook.load(RawWorkbook.with("Workers", [["id", "hours_per_week"], ["anja", "!e#N/A"]]))
        #expect(errors(loaded) == [
            "team.xlsx:Workers!B2: workers[0].hours_per_week: the cell holds the spreadsheet error #N/A (a formula that failed); type the value itself",
            "team.xlsx:Workers!B2: workers[0].hours_per_week: needs a value",
        ])
        let formula = RawWorkbook.load(RawWorkbook.with("Workers", [["id", "hours_per_week"], ["anja", "="]]))
        #expect(errors(formula).first?.hasPrefix("team.xlsx:Workers!B2: a formula whose value was never computed") == true, "\(errors(formula))")
    }

    @Test func emptyRowsAndRowsOfEmptyCellsAreSkippedAndPositionsStayTheSheets() throws {
        let loaded = RawWorkbook.load(RawWorkbook.with("Workers", [["id", "hours_per_week"], [], ["anja", "#24"], ["  ", ""], [], ["bram", "#-1"]]))
        #expect(errors(loaded) == ["team.xlsx:Workers!B6: workers[1].hours_per_week: -1 is out of range; expected a number above 0 and at most 60"])
        let ok = RawWorkbook.load(RawWorkbook.with("Workers", [["id", "hours_per_week"], [], ["anja", "#24"], ["  "], [], ["bram", "#20"]]))
        #expect(try #require(ok.scenario, "\(ok.diagnostics)").workers.map(\.id) == ["anja", "bram"])
    }

    @Test func aValueUnderNoColumnNameIsAnError() {
        let loaded = RawWorkbook.load(RawWorkbook.with("Workers", [["id", "hours_per_week"], ["anja", "#24", "", "extra"]]))
        #expect(errors(loaded) == ["team.xlsx:Workers!D2: workers: a value in a column without a name; name the column in row 1, or clear the cell"])
    }

    @Test func aLeaveRowForAnUnknownWorkerGetsADidYouMean() {
        let loaded = RawWorkbook.load(RawWorkbook.with("Leave", [["worker", "from"], ["anna", "2027-02-01"]]))
        #expect(errors(loaded) == ["team.xlsx:Leave!A2: leave[0].worker: no worker has the id 'anna'; did you mean 'anja'?"])
    }

    @Test func aDuplicateIdPointsAtTheFirstCell() {
        let loaded = RawWorkbook.load(RawWorkbook.with("Workers", [["id", "hours_per_week"], ["anja", "#24"], ["anja", "#20"]]))
        #expect(errors(loaded) == ["team.xlsx:Workers!A3: workers[1].id: duplicate worker id 'anja' (first at Workers!A2)"])
    }

    @Test func tooManyRowsIsAnError() {
        let rows = [["id", "hours_per_week"]] + (0...ScenarioLimits.maxWorkers).map { ["w\($0)", "#1"] }
        let loaded = RawWorkbook.load(RawWorkbook.with("Workers", rows))
        #expect(errors(loaded) == ["team.xlsx:Workers!A1: workers: 2001 entries; teamplan plans at most 2000 workers"])
    }

    @Test func scenarioKeysNestByDotsInEitherLanguage() throws {
        let loaded = RawWorkbook.load(RawWorkbook.with("Scenario", [
            ["sleutel", "waarde", "toelichting"], ["naam", "Klein"], ["kwartaal.start", "2027-01-04"], ["kwartaal.weken", "#4"],
            ["feestdagen", "nl|carnaval"], ["dagen", "mon|tue"], ["overhead.mdo", "4w/1,5u"], ["dagdelen.am.uren", "#3"],
            ["dagdelen.am.start", "08:30"], ["teamgrootte", "#1"], ["doel.gewicht_tekort", "#500"],
        ]))
        let s = try #require(loaded.scenario, "\(loaded.diagnostics)")
        #expect(s.quarter.weeks == 4 && s.holidayRule.carnival && s.days == [.mon, .tue])
        #expect(s.overhead.mdo == MDORule(everyWeeks: 4, hours: 1.5) && s.teamSize == 1 && s.objective.gapWeight == 500)
        #expect(s.dayParts == [DayPart(name: "am", hours: 3, startMinutes: 8 * 60 + 30)])
        let unknown = RawWorkbook.load(RawWorkbook.with("Scenario", [["name", "Klein"], ["quarter.start", "2027-01-04"], ["quarter.weken", "#4"], ["quater.start", "x"]]))
        #expect(errors(unknown).contains("team.xlsx:Scenario!A4: quater: unknown key; did you mean 'quarter'?"), "\(errors(unknown))")
    }

    @Test func anMDORhythmTakenForATimeReadsAsMeant() throws {
        let loaded = RawWorkbook.load(RawWorkbook.with("Practices", [["id", "municipality", "sessions_per_week", "session_hours", "open", "mdo"],
                                                                     ["p1", "m", "#1", "#2", "tue-am", "#t0.0840277777777778"]]))
        #expect(try #require(loaded.scenario, "\(loaded.diagnostics)").practices[0].mdo == MDORule(everyWeeks: 2, hours: 1))
    }

    @Test func diagnosticsAreInTheSheetsOrderThenRowThenColumn() {
        let sheets = RawWorkbook.with("Workers", [["id", "hours_per_week"], ["anja", "#99"]],
                                      in: RawWorkbook.with("Scenario", [["name", "Klein"], ["quarter.start", "2027-01-05"]]))
        #expect(errors(RawWorkbook.load(sheets)).map { String($0.prefix(27)) } == ["team.xlsx:Scenario!B2: quar", "team.xlsx:Workers!B2: worke"])
    }

    // MARK: The file

    @Test func whatIsNoWorkbookIsSaidSo() {
        #expect(errors(RawWorkbook.load(Array("id;name\n".utf8))) == ["team.xlsx: this is not an Excel workbook (.xlsx): it is not a zip archive"])
        #expect(errors(RawWorkbook.load([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0])).first?.contains("Excel 97–2003") == true)
        let cut = Array(RawWorkbook.bytes().prefix(600))
        #expect(errors(RawWorkbook.load(cut)) == ["team.xlsx: the zip archive is damaged or cut short (it has no end record); save the workbook again"])
        let ods = try! XLSXWriter.zip([("mimetype", Array("application/vnd.oasis.opendocument.spreadsheet".utf8)), ("content.xml", Array("<x/>".utf8))])
        #expect(errors(RawWorkbook.load(ods)).first?.contains("OpenDocument spreadsheet (.ods)") == true)
    }

    @Test func aWorkbookNamedAsYAMLIsRefusedWithTheNameToGiveIt() throws {
        let folder = TemporaryFolder()
        let path = folder.write("team.yaml", RawWorkbook.bytes())
        let loaded = ScenarioLoader.load(path: path)
        #expect(loaded.diagnostics.errors.first?.message.contains("rename it, e.g. 'team.xlsx'") == true, "\(loaded.diagnostics)")
        let xlsx = folder.write("team.xlsx", RawWorkbook.bytes())
        #expect(ScenarioLoader.load(path: xlsx).scenario != nil)
        #expect(ScenarioLoader.load(path: xlsx).inputFiles.map(\.path) == [xlsx])
    }

    @Test func anEntryDeclaredLargerThanTheLimitIsRefusedBeforeItIsExpanded() {
        var parts = RawWorkbook.parts(RawWorkbook.base)
        parts.append(("xl/media/big.bin", [UInt8](repeating: 0x20, count: 21 * 1024 * 1024)))
        // The sheet itself too large: refused by its declared size.
        parts[parts.firstIndex { $0.0 == "xl/worksheets/sheet2.xml" }!].1 += [UInt8](repeating: 0x20, count: 21 * 1024 * 1024)
        let loaded = RawWorkbook.load(try! XLSXWriter.zip(parts))
        #expect(errors(loaded).first?.contains("'xl/worksheets/sheet2.xml' in the zip archive would expand to 21 MiB; teamplan expands at most 20 MiB an entry") == true, "\(errors(loaded))")
    }

    @Test func anEntryThatExpandsPastWhatItsHeaderSaysIsStopped() throws {
        var parts = RawWorkbook.parts(RawWorkbook.base)
        let index = parts.firstIndex { $0.0 == "xl/worksheets/sheet2.xml" }!
        parts[index].1 += [UInt8](repeating: 0x20, count: 5 * 1024 * 1024)
        var zip = try XLSXWriter.zip(parts)
        let declared = parts[index].1.count
        // Every header of that entry claims 1,000 bytes.
        let lied = Self.patchUncompressedSize(&zip, from: UInt32(declared), to: 1000)
        #expect(lied == 2, "the local and the central header")
        let loaded = RawWorkbook.load(zip)
        #expect(errors(loaded) == ["team.xlsx: 'xl/worksheets/sheet2.xml' in the zip archive expands past the 1000 bytes its header says; teamplan stopped expanding it (a zip bomb?)"])
    }

    /// Replaces a little-endian size in the zip's local (offset 22) and central (offset 24) headers.
    static func patchUncompressedSize(_ zip: inout [UInt8], from old: UInt32, to new: UInt32) -> Int {
        var count = 0
        for i in 0..<(zip.count - 30) where zip[i] == 0x50 && zip[i + 1] == 0x4B {
            let offset = zip[i + 2] == 3 && zip[i + 3] == 4 ? 22 : zip[i + 2] == 1 && zip[i + 3] == 2 ? 24 : 0
            guard offset > 0 else { continue }
            let at = i + offset
            let value = UInt32(zip[at]) | UInt32(zip[at + 1]) << 8 | UInt32(zip[at + 2]) << 16 | UInt32(zip[at + 3]) << 24
            guard value == old else { continue }
            for k in 0..<4 { zip[at + k] = UInt8((new >> (8 * UInt32(k))) & 0xFF) }
            count += 1
        }
        return count
    }

    /// Found by the fuzzer: ZIPFoundation's in-memory file trapped on a
    /// header pointing past the end of the file.
    @Test func aHeaderPointingOutsideTheFileIsRefused() throws {
        var zip = try XLSXWriter.zip(RawWorkbook.parts(RawWorkbook.base))
        // The first central directory entry's local header offset (at 42), far past the end.
        let bytes = zip
        let found = (0..<(bytes.count - 4)).first { (i: Int) -> Bool in Array(bytes[i..<(i + 4)]) == [0x50, 0x4B, 1, 2] }
        let central = try #require(found)
        for k in 0..<4 { zip[central + 42 + k] = [0x00, 0x00, 0x10, 0x00][k] }
        #expect(errors(RawWorkbook.load(zip)) == ["team.xlsx: the zip archive is damaged (a header points outside the file); save the workbook again"])
    }

    @Test func aDTDIsRefused() {
        var parts = RawWorkbook.parts(RawWorkbook.base)
        let index = parts.firstIndex { $0.0 == "xl/sharedStrings.xml" }!
        parts[index].1 = Array(#"<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><sst xmlns="x"><si><t>&b;</t></si></sst>"#.utf8)
        let loaded = RawWorkbook.load(try! XLSXWriter.zip(parts))
        #expect(errors(loaded) == ["team.xlsx: the shared strings declares a DTD, which no workbook has; teamplan does not read it"])
    }

    @Test func brokenXMLIsAnErrorAtItsSheet() {
        var parts = RawWorkbook.parts(RawWorkbook.base)
        parts[parts.firstIndex { $0.0 == "xl/worksheets/sheet3.xml" }!].1 = Array("<worksheet><sheetData><row>".utf8)
        let loaded = RawWorkbook.load(try! XLSXWriter.zip(parts))
        #expect(errors(loaded).first?.hasPrefix("team.xlsx:Practices: the sheet Practices is not well-formed XML") == true, "\(errors(loaded))")
    }

    /// Found by the fuzzer: Foundation's XMLParser on Linux trapped on a
    /// name that is not UTF-8.
    @Test func aPartThatIsNotUTF8IsRefused() {
        var parts = RawWorkbook.parts(RawWorkbook.base)
        let index = parts.firstIndex { $0.0 == "xl/worksheets/sheet2.xml" }!
        parts[index].1 = Array("<worksheet><sheetData><row><c><".utf8) + [0xFE, 0xFF, 0xFF] + Array("/c></row></sheetData></worksheet>".utf8)
        #expect(errors(RawWorkbook.load(try! XLSXWriter.zip(parts))) == ["team.xlsx:Workers: the sheet Workers is not UTF-8 text, as every workbook's XML is; save the workbook again"])
        parts[index].1 = Array(#"<?xml version="1.0" encoding="ISO-8859-1"?><worksheet/>"#.utf8)
        #expect(errors(RawWorkbook.load(try! XLSXWriter.zip(parts))).first?.contains("is not UTF-8 text") == true)
    }

    // MARK: Values

    @Test(arguments: [(0.1 + 0.2, "0.3"), (24.499999999999996, "24.5"), (38000, "38000"), (1e-7, "0.0000001"),
                      (1.5e20, "150000000000000000000"), (-2.5, "-2.5"), (82.5, "82.5"), (12.125, "12.125")])
    func aNumberCellIsWrittenAsTheSpreadsheetShowsIt(value: Double, text: String) {
        #expect(WorkbookNumber.text(value) == text)
    }

    @Test func cellReferences() {
        #expect(XLSXCellReference("A1") == XLSXCellReference(row: 1, column: 1))
        #expect(XLSXCellReference("xfd1048576") == XLSXCellReference(row: 1_048_576, column: 16_384))
        #expect(XLSXCellReference.columnName(16_384) == "XFD" && XLSXCellReference.columnName(27) == "AA")
        for bad in ["XFE1", "A0", "A01", "1A", "A1048577", "$A$1", "", "A"] { #expect(XLSXCellReference(bad) == nil, "\(bad)") }
        #expect(SourceLocation(file: "t.xlsx", sheet: "My sheet", position: 0, row: 7, column: 3).description == "t.xlsx:'My sheet'!C7")
    }

    @Test(arguments: [("yyyy-mm-dd", XLSXNumberKind.date), ("d-m-yy", .date), ("[$-413]d mmmm yyyy", .date), ("h:mm", .time),
                      ("[h]:mm:ss", .time), ("0.00", .plain), ("General", .plain), ("\"day\" 0", .plain), ("dd-mm-yyyy hh:mm", .dateTime),
                      ("mmm", .date), ("0.00;[Red]-0.00", .plain), ("@", .plain)])
    func numberFormatsThatShowADateOrATime(code: String, kind: XLSXNumberKind) {
        var parts = RawWorkbook.parts(RawWorkbook.base)
        parts[parts.firstIndex { $0.0 == "xl/styles.xml" }!].1 = Array(#"<styleSheet xmlns="\#(RawWorkbook.main)"><numFmts><numFmt numFmtId="170" formatCode="\#(code.replacingOccurrences(of: "\"", with: "&quot;"))"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="170"/></cellXfs></styleSheet>"#.utf8)
        parts[parts.firstIndex { $0.0 == "xl/worksheets/sheet1.xml" }!].1 = Array(#"<worksheet xmlns="\#(RawWorkbook.main)"><sheetData><row r="1"><c r="A1" s="1"><v>46391.5</v></c></row></sheetData></worksheet>"#.utf8)
        let (book, _) = XLSXReader.read(try! XLSXWriter.zip(parts))
        let cell = book?.sheets.first?.cells.first
        #expect(cell?.value == .number(46391.5, kind), "\(String(describing: cell))")
    }
}
