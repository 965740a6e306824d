import Foundation
import Testing
@testable import TeamPlan

/// The fields of a CSV text (RFC 4180 quoting), each with whether it was
/// quoted; a byte-order mark is left out.
func csvFields(_ text: String, separator: Character) -> [[(value: String, quoted: Bool)]] {
    var rows: [[(String, Bool)]] = []
    var row: [(String, Bool)] = []
    var field = "", quoted = false, inQuotes = false
    var scalars = Array(text.unicodeScalars)
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    var i = 0
    let sep = separator.unicodeScalars.first!
    while i < scalars.count {
        let c = scalars[i]
        if inQuotes {
            if c == "\"" {
                if i + 1 < scalars.count, scalars[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 } else { inQuotes = false }
            } else {
                field.unicodeScalars.append(c)
            }
        } else if c == "\"" && field.isEmpty {
            inQuotes = true
            quoted = true
        } else if c == sep {
            row.append((field, quoted)); field = ""; quoted = false
        } else if c == "\r" || c == "\n" {
            if c == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
            row.append((field, quoted)); field = ""; quoted = false
            rows.append(row); row = []
        } else {
            field.unicodeScalars.append(c)
        }
        i += 1
    }
    if !field.isEmpty || !row.isEmpty { row.append((field, quoted)); rows.append(row) }
    return rows
}

/// Cells a spreadsheet would run as a formula: a field beginning with one
/// of OWASP's characters that is not a number.
func formulaCells(_ text: String, separator: Character) -> [String] {
    csvFields(text, separator: separator).flatMap { $0 }.map(\.value).filter { value in
        guard let first = value.unicodeScalars.first, CSVTableWriter.formulaStarts.contains(first) else { return false }
        return Double(value.replacingOccurrences(of: ",", with: ".")) == nil
    }
}

/// CSV injection (OWASP): a text cell that begins with `=`, `+`, `-`, `@`,
/// tab or carriage return is written with a single quote before it and
/// quoted, in every CSV teamplan writes (all go through CSVTableWriter);
/// numbers stay numbers.
@Suite(.serialized) struct CSVInjectionTests {
    static let starts = ["=", "+", "-", "@", "\t", "\r"]

    @Test(arguments: starts)
    func aTextCellStartingWithAFormulaCharacterIsQuotedTextWithAnApostrophe(_ first: String) {
        var table = CSVTableWriter(header: ["label", "value"])
        table.rows = [[.text(first + "1+1"), .whole(1)]]
        #expect(String(decoding: table.render(.rfc4180), as: UTF8.self) == "label,value\r\n\"'\(first)1+1\",1\r\n")
        #expect(String(decoding: table.render(.excelNL), as: UTF8.self) == "\u{FEFF}label;value\r\n\"'\(first)1+1\";1\r\n")
    }

    /// Numbers are written as numbers, a negative one included; text that
    /// does not begin with those characters is as it was.
    @Test func numbersStayNumbersAndOtherTextIsAsItWas() {
        var table = CSVTableWriter(header: ["a", "b", "c", "d", "e", "f"])
        table.rows = [[.whole(-3), .number(-0.5, decimals: 2), .text("a=b"), .text("2027-W01"), .text(" =1"), .empty]]
        #expect(String(decoding: table.render(.rfc4180), as: UTF8.self) == "a,b,c,d,e,f\r\n-3,-0.5,a=b,2027-W01, =1,\r\n")
        #expect(String(decoding: table.render(.excelNL), as: UTF8.self) == "\u{FEFF}a;b;c;d;e;f\r\n-3;-0,5;a=b;2027-W01; =1;\r\n")
    }

    /// The quotes inside a formula are doubled as always; the header is
    /// neutralised like any text.
    @Test func aHyperlinkFormulaKeepsItsQuotesAndAHeaderIsNeutralisedToo() {
        var table = CSVTableWriter(header: ["=label"])
        table.rows = [[.text("=HYPERLINK(\"http://x\",\"y\")")], [.text("\r\n=1")]]
        let text = String(decoding: table.render(.rfc4180), as: UTF8.self)
        #expect(text == "\"'=label\"\r\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n\"'\r\n=1\"\r\n")
        #expect(formulaCells(text, separator: ",").isEmpty)
        #expect(csvFields(text, separator: ",").map { $0.map(\.value) } == [["'=label"], ["'=HYPERLINK(\"http://x\",\"y\")"], ["'\r\n=1"]])
    }

    /// The check itself finds a formula when the writer does not neutralise.
    @Test func theCheckFindsAFormulaInRawText() {
        #expect(formulaCells("a,b\r\n=1+1,-3\r\n\"@SUM(1)\",x\r\n", separator: ",") == ["=1+1", "@SUM(1)"])
    }

    /// Scenario files named like formulas: sweep.csv's scenario column holds
    /// their plain labels (the points' folder names: anything but letters,
    /// digits, '.', '-' and '_' becomes '-', numbered when two agree), which
    /// still begin with '-': each is text there, with its apostrophe.
    @Test func sweepCSVWritesScenarioFileNamesThatLookLikeFormulasAsText() throws {
        let folder = TemporaryFolder()
        let names = ["=1+2", "+1+2", "-1+2", "@SUM(1+1)", "=HYPERLINK(\"http:x\",\"click\")"]
        for name in names { folder.write(name + ".yaml", Fixture.scenario) }
        let files = names.map { "./" + $0 + ".yaml" }  // ./ so that -1+2 is no option
        let run = try Executable.run(["sweep"] + files + ["--out", "sweep", "--jobs", "2", "--quiet"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let csv = try String(contentsOfFile: folder.path + "/sweep/sweep.csv", encoding: .utf8)
        let rows = csvFields(csv, separator: ",")
        let column = try #require(rows.first?.firstIndex { $0.value == "scenario" })
        #expect(rows.dropFirst().map { $0[column].value } == ["'-1-2-1", "'-1-2-2", "'-1-2-3", "'-SUM-1-1--4", "'-HYPERLINK--http-x---click---5"])
        #expect(rows.dropFirst().allSatisfy { $0[column].quoted })
        #expect(!csv.contains("HYPERLINK(\""), "the file name's formula is not in the table")
        #expect(formulaCells(csv, separator: ",").isEmpty, "no cell a spreadsheet would run")
    }

    /// A plan's four tables, in both dialects, for a scenario whose names
    /// and funders look like formulas: no cell a spreadsheet would run.
    @Test(arguments: CSVDialect.allCases)
    func noTableOfAPlanHasACellASpreadsheetWouldRun(_ dialect: CSVDialect) throws {
        let folder = TemporaryFolder()
        let yaml = Fixture.scenario
            .replacingOccurrences(of: "name: Anja de Vries", with: "name: \"=cmd|' /C calc'!A0\"")
            .replacingOccurrences(of: "name: De Baandert", with: "name: \"@SUM(1+1)\"")
            .replacingOccurrences(of: "funder: Gemeente Sittard-Geleen", with: "funder: \"+31 46 123\"")
            .replacingOccurrences(of: "name: Test quarter", with: "name: \"-2+3\"")
        folder.write("team.yaml", yaml)
        let run = try Executable.run(["plan", "team.yaml", "--out", "out", "--csv", dialect.rawValue, "--quiet"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        for table in ["schedule.csv", "weeks.csv", "funding.csv", "workers.csv"] {
            let text = try String(contentsOfFile: folder.path + "/out/" + table, encoding: .utf8)
            #expect(formulaCells(text, separator: dialect == .rfc4180 ? "," : ";").isEmpty, "\(table)")
        }
    }

    /// An id cannot start with '-' (it would read as an option), so no id
    /// reaches a table as a formula; the reader says so.
    @Test func anIdStartingWithAMinusIsRefused() {
        let loaded = loadScenario(Fixture.replacing("  - id: ben", with: "  - id: -ben"))
        #expect(loaded.diagnostics.errors.map(\.message) == ["'-ben' cannot be an id: it must not start with '-' (it would read as an option)"])
    }
}
