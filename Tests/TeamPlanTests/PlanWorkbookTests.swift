import Foundation
import Testing
@testable import TeamPlan

/// plan.xlsx, opened by other programs: openpyxl reads back the numbers of
/// the CSVs, LibreOffice prints it (headless, to PDF) page by page.
@Suite(.serialized) struct PlanWorkbookTests {
    static let steered = Executable.packageRoot + "/inputs/westelijke-mijnstreek-steered.yaml"

    /// Plans the steered example in `language` into `folder`/out.
    static func planned(_ folder: TemporaryFolder, _ language: String) throws -> String {
        let run = try Executable.run(["plan", steered, "--lang", language, "--csv", "rfc4180", "--quiet", "--out", folder.path + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        return folder.path + "/out/"
    }

    /// Every sheet's cells as openpyxl reads them: [sheet: [[value]]], numbers as numbers.
    static func openpyxl(_ file: String) throws -> [String: [[JSONValue]]] {
        let script = """
            import json, sys, warnings, openpyxl
            # A workbook openpyxl has to warn about (a part it cannot read, a style it repairs) fails.
            warnings.simplefilter('error')
            book = openpyxl.load_workbook(sys.argv[2])
            out = {}
            for sheet in book.worksheets:
                out[sheet.title] = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
                out[sheet.title + ' frozen'] = [[sheet.freeze_panes or '']]
            json.dump(out, open(sys.argv[1], 'w'), default=str)
            """
        let (result, answer) = try Python.run(script, [file])
        #expect(result.status == 0, "openpyxl must read plan.xlsx: \(result.stderr)")
        return try JSONDecoder().decode([String: [[JSONValue]]].self, from: try #require(answer))
    }

    /// A CSV (rfc4180, as written with --csv rfc4180) as rows of cells.
    static func csv(_ path: String) throws -> [[String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\r\n").map { line in
            // The tables' cells here hold no quotes or commas but in ids joined by spaces.
            line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    @Test(arguments: ["en", "nl"])
    func openpyxlReadsTheNumbersOfTheCSVsFromFundingAndWorkers(language: String) throws {
        let folder = TemporaryFolder()
        let out = try Self.planned(folder, language)
        let book = try Self.openpyxl(out + "plan.xlsx")
        let nl = language == "nl"
        #expect(book.keys.filter { !$0.hasSuffix(" frozen") }.sorted()
                == (nl ? ["Financiering", "Medewerkers", "Samenvatting", "Week", "Weken"] : ["Funding", "Summary", "Week", "Weeks", "Workers"]))
        for (sheet, table) in [(nl ? "Financiering" : "Funding", "funding.csv"), (nl ? "Medewerkers" : "Workers", "workers.csv")] {
            let rows = try #require(book[sheet])
            let csv = try Self.csv(out + table)
            #expect(rows.count == csv.count, "\(sheet): as many rows as \(table)")
            var numbers = 0
            for (r, (row, line)) in zip(rows, csv).enumerated() {
                for (c, (cell, text)) in zip(row, line).enumerated() {
                    if let number = Double(text), r > 0 {
                        numbers += 1
                        #expect(cell == .number(number), "\(sheet) row \(r + 1) column \(c + 1): \(cell), the CSV has \(text)")
                    } else if text.isEmpty {
                        #expect(cell == .null, "\(sheet) row \(r + 1) column \(c + 1) is empty")
                    } else {
                        #expect(cell == .string(text), "\(sheet) row \(r + 1) column \(c + 1): \(cell) against \(text)")
                    }
                }
            }
            #expect(numbers > 50, "\(sheet) holds numbers")
            #expect(book[sheet + " frozen"]?.first?.first == .string("A2"), "the header row stays in view")
        }
        // The week grid: a practice per row, a week per column, the state in words.
        let weeks = try #require(book[nl ? "Weken" : "Weeks"])
        #expect(weeks.count == 13 && weeks[0].count == 14, "12 practices × 13 weeks and their headers")
        #expect(weeks[0].first == .string(nl ? "praktijk" : "practice") && weeks[0][1] == .number(1))
        #expect(weeks[1].first == .string("Huisartsenpraktijk De Baandert"), "practices by name")
        // A week of one state says it in a word; a week of several counts them, a line each ("2 held", "1 closed").
        let states: Set<String> = nl ? ["gehouden", "vervangen", "vervallen", "niet gepland", "gesloten"] : ["held", "covered", "lost", "not planned", "closed"]
        var mixed = 0
        for cell in weeks.dropFirst().flatMap({ $0.dropFirst() }) {
            guard case .string(let text) = cell else { Issue.record("a week cell is text: \(cell)"); continue }
            let lines = text.split(separator: "\n").map(String.init)
            if lines.count == 1 {
                #expect(states.contains(text), "\(text)")
            } else {
                mixed += 1
                for line in lines {
                    let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
                    #expect(parts.count == 2 && Int(parts[0]) != nil && states.contains(parts[1]), "\(text)")
                }
            }
        }
        #expect(mixed > 0, "the steered example has weeks with a closed day and sessions held")
        // The summary's numbers are numbers.
        let summary = try #require(book[nl ? "Samenvatting" : "Summary"])
        #expect(summary.contains { $0.count > 1 && $0[1] == .number(138284) }, "the objective, as the summary prints it")
    }

    @Test func libreOfficePrintsTheWorkbookPageByPage() throws {
        let folder = TemporaryFolder()
        let out = try Self.planned(folder, "nl")
        let pdf = try Self.printed(out + "plan.xlsx", in: folder)
        // The five sheets, the longer ones over more than one page.
        #expect(pdf.pages >= 5, "\(pdf.pages) pages")
    }

    /// What LibreOffice (Dutch, headless) makes of a workbook as a PDF: its page count.
    static func printed(_ file: String, in folder: TemporaryFolder) throws -> (pages: Int, path: String) {
        let run = try Executable.run(["LANG=nl_NL.UTF-8", "LC_ALL=nl_NL.UTF-8", "HOME=" + folder.path, "soffice", "--headless",
                                      "-env:UserInstallation=file://" + folder.path + "/profile",
                                      "--convert-to", "pdf", "--outdir", folder.path + "/pdf", file], program: "env")
        #expect(run.status == 0, "LibreOffice must be installed (make test does): \(run.stderr)")
        let path = folder.path + "/pdf/" + ((file as NSString).lastPathComponent as NSString).deletingPathExtension + ".pdf"
        let bytes = try #require(FileManager.default.contents(atPath: path), "LibreOffice printed \(file): \(run.stdout)\(run.stderr)")
        let text = String(decoding: bytes, as: UTF8.self)
        let pages = try NSRegularExpression(pattern: #"/Type\s*/Page[^s]"#).numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
        return (pages, path)
    }

    /// Spreadsheets do not grow a row for wrapped text: the writer sizes it, within Excel's limits.
    @Test func aRowOfWrappedTextIsAsHighAsItsLinesWithinExcelsLimits() throws {
        let long = String(repeating: "Huisartsenpraktijk met een lange naam ", count: 3)  // 114 characters
        #expect(XLSXWriter.wrappedLines(.text(long, .wrapped), width: 52) == 3)
        #expect(XLSXWriter.wrappedLines(.text("a\nb\n" + long, .wrapped), width: 52) == 5)
        #expect(XLSXWriter.wrappedLines(.text(long), width: 52) == 1, "a cell that does not wrap keeps one line")
        let huge = String(repeating: "x\n", count: 40_000)
        #expect(XLSXWriter.cellText(huge).count == XLSXWriter.maximumCellCharacters)
        let xml = XLSXWriter.worksheet(XLSXWriter.Sheet(name: "T", rows: [[.text(long, .wrapped)], [.text(huge, .wrapped)]], columnWidths: [52]))
        #expect(xml.contains("<row r=\"1\" ht=\"45\" customHeight=\"1\">") && xml.contains("<row r=\"2\" ht=\"409\" customHeight=\"1\">"))
    }

    @Test func theWriterEscapesTextAndNamesColumnsAsSpreadsheetsDo() throws {
        #expect(XLSXWriter.column(0) == "A" && XLSXWriter.column(25) == "Z" && XLSXWriter.column(26) == "AA" && XLSXWriter.column(701) == "ZZ"
                && XLSXWriter.column(702) == "AAA")
        // What XML cannot hold is written as OOXML's _xHHHH_, which spreadsheets read back as the character.
        #expect(XLSXWriter.escape("a<b & \"c\" 'd'>\u{01}\u{FFFF}é") == "a&lt;b &amp; &quot;c&quot; 'd'&gt;_x0001__xFFFF_é")
        #expect(XLSXWriter.sheetName("a/b:c*d?[e]\\ and a name longer than thirty-one") == "a-b-c-d--e-- and a name longer ")
        // Text a spreadsheet would run, and characters XML cannot hold, read back as text by openpyxl.
        let folder = TemporaryFolder()
        let data = try XLSXWriter.data([XLSXWriter.Sheet(name: "T", rows: [[.text("=1+1"), .text("x\ty"), .number(0.1 + 0.2), .number(-3)]])])
        try data.write(to: URL(fileURLWithPath: folder.path + "/t.xlsx"))
        let book = try Self.openpyxl(folder.path + "/t.xlsx")
        #expect(book["T"] == [[.string("=1+1"), .string("x\ty"), .number(0.1 + 0.2), .number(-3)]])
    }
}

/// A JSON value as openpyxl's cells come: text, a number, or nothing.
enum JSONValue: Decodable, Hashable, CustomStringConvertible {
    case string(String), number(Double), bool(Bool), null

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null } else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) } else { self = .string(try c.decode(String.self)) }
    }

    var isString: Bool { if case .string = self { true } else { false } }

    var description: String {
        switch self {
        case .string(let s): "\"\(s)\""
        case .number(let n): "\(n)"
        case .bool(let b): "\(b)"
        case .null: "null"
        }
    }
}
