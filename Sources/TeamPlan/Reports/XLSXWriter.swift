import Foundation
import ZIPFoundation

/// A workbook written by hand, as ECMA-376 (Office Open XML, SpreadsheetML)
/// asks and no more: inline strings (no shared-string table), one fixed
/// style sheet, frozen header rows, column widths, fit-to-width printing.
/// Numbers are numbers (with an hour, euro, whole or percent format the
/// reader's Excel or LibreOffice shows in its own locale), text is text.
public enum XLSXWriter {
    /// What a cell holds.
    public enum Value: Sendable, Equatable {
        case text(String)
        case number(Double)
        case empty
    }

    /// The cell formats of the style sheet (their `cellXfs` index).
    public enum Style: Int, Sendable, CaseIterable {
        case plain = 0
        /// Bold on light grey: a table's header.
        case header
        /// `#,##0.00`: hours, euros to the cent.
        case hours
        /// `"€ "#,##0`: whole euros.
        case euros
        /// `0`: counts.
        case whole
        /// `0.0`: a percentage written as 93.7.
        case oneDecimal
        /// `@`: text a spreadsheet must not turn into a date or time.
        case text
        /// The week grid's states, coloured as report.html's grid.
        case held, covered, lost, notPlanned, closed
        /// Bold: a title.
        case bold
        /// Text wrapped in its cell, top-aligned: several names in one cell.
        case wrapped

        /// Whether the text wraps in the cell (the row then grows to hold it).
        var wraps: Bool { ![.plain, .hours, .euros, .whole, .oneDecimal, .text, .bold].contains(self) }
    }

    public struct Cell: Sendable, Equatable {
        public var value: Value
        public var style: Style

        public init(_ value: Value, _ style: Style = .plain) {
            self.value = value
            self.style = style
        }

        public static func text(_ text: String, _ style: Style = .plain) -> Cell { Cell(.text(text), style) }
        public static func number(_ number: Double, _ style: Style = .hours) -> Cell { Cell(.number(number), style) }
        public static let empty = Cell(.empty)
    }

    public struct Sheet: Sendable {
        public var name: String
        public var rows: [[Cell]]
        /// Widths in characters, from column A; the rest keep the default.
        public var columnWidths: [Double] = []
        /// Rows and columns that stay in view when scrolling.
        public var frozenRows = 1, frozenColumns = 0
        public var landscape = true

        public init(name: String, rows: [[Cell]], columnWidths: [Double] = [], frozenRows: Int = 1, frozenColumns: Int = 0) {
            self.name = name
            self.rows = rows
            self.columnWidths = columnWidths
            self.frozenRows = frozenRows
            self.frozenColumns = frozenColumns
        }
    }

    public enum WriteError: Error, CustomStringConvertible {
        case zip(String)
        public var description: String {
            switch self { case .zip(let why): "the workbook could not be zipped: \(why)" }
        }
    }

    /// The .xlsx file's bytes.
    public static func data(_ sheets: [Sheet]) throws -> Data {
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes(sheets.count)),
            ("_rels/.rels", rootRelationships),
            ("xl/workbook.xml", workbook(sheets)),
            ("xl/_rels/workbook.xml.rels", workbookRelationships(sheets.count)),
            ("xl/styles.xml", styles),
        ]
        for (i, sheet) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(i + 1).xml", worksheet(sheet))) }
        do {
            let archive = try Archive(accessMode: .create)
            for (path, text) in parts {
                let bytes = Data(text.utf8)
                // A fixed date: the same plan gives the same bytes.
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count),
                                     modificationDate: Date(timeIntervalSince1970: 1_577_836_800), compressionMethod: .deflate) { position, size in
                    bytes.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw WriteError.zip("no data") }
            return data
        } catch let error as WriteError {
            throw error
        } catch {
            throw WriteError.zip("\(error)")
        }
    }

    // MARK: The parts

    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func contentTypes(_ count: Int) -> String {
        header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + (1...max(count, 1)).prefix(count).map {
                "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            }.joined()
            + "</Types>"
    }

    static let rootRelationships = header
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>"

    static func workbook(_ sheets: [Sheet]) -> String {
        header + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationshipsNS)\"><bookViews><workbookView/></bookViews><sheets>"
            + sheets.enumerated().map { i, sheet in
                "<sheet name=\"\(escape(sheetName(sheet.name)))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
            }.joined()
            + "</sheets>" + printTitles(sheets) + "</workbook>"
    }

    /// The frozen header rows repeat on every printed page.
    static func printTitles(_ sheets: [Sheet]) -> String {
        let titled = sheets.enumerated().filter { $0.element.frozenRows > 0 }
        guard !titled.isEmpty else { return "" }
        return "<definedNames>" + titled.map { i, sheet in
            let quoted = "'" + sheetName(sheet.name).replacingOccurrences(of: "'", with: "''") + "'"
            return "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(i)\">\(escape(quoted))!$1:$\(sheet.frozenRows)</definedName>"
        }.joined() + "</definedNames>"
    }

    static func workbookRelationships(_ count: Int) -> String {
        header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + (0..<count).map {
                "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
            }.joined()
            + "<Relationship Id=\"rId\(count + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
            + "</Relationships>"
    }

    /// Fills of the week grid, as report.html's (Okabe–Ito); white text on the dark ones.
    static let gridFills: [(Style, String, dark: Bool)] = [
        (.held, "0072B2", true), (.covered, "56B4E9", false), (.lost, "D55E00", true), (.notPlanned, "F0E442", false), (.closed, "BBBBBB", false),
    ]

    /// The style sheet: `Style`'s raw values index `cellXfs`.
    static let styles: String = {
        let numFmts = "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"#,##0.00\"/>"
            + "<numFmt numFmtId=\"165\" formatCode=\"&quot;€ &quot;#,##0\"/><numFmt numFmtId=\"166\" formatCode=\"0.0\"/></numFmts>"
        let fonts = "<fonts count=\"3\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
            + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
            + "<font><sz val=\"11\"/><color rgb=\"FFFFFFFF\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
        let fills = ["<fill><patternFill patternType=\"none\"/></fill>", "<fill><patternFill patternType=\"gray125\"/></fill>",
                     "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFEEEEEE\"/><bgColor indexed=\"64\"/></patternFill></fill>"]
            + gridFills.map { "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FF\($0.1)\"/><bgColor indexed=\"64\"/></patternFill></fill>" }
        let borders = "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
            + "<border><left style=\"thin\"><color rgb=\"FF999999\"/></left><right style=\"thin\"><color rgb=\"FF999999\"/></right>"
            + "<top style=\"thin\"><color rgb=\"FF999999\"/></top><bottom style=\"thin\"><color rgb=\"FF999999\"/></bottom><diagonal/></border></borders>"
        func xf(numFmt: Int = 0, font: Int = 0, fill: Int = 0, border: Int = 0, wrap: Bool = false) -> String {
            "<xf numFmtId=\"\(numFmt)\" fontId=\"\(font)\" fillId=\"\(fill)\" borderId=\"\(border)\" xfId=\"0\""
                + (numFmt != 0 ? " applyNumberFormat=\"1\"" : "") + (font != 0 ? " applyFont=\"1\"" : "")
                + (fill != 0 ? " applyFill=\"1\"" : "") + (border != 0 ? " applyBorder=\"1\"" : "")
                + (wrap ? " applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>" : "/>")
        }
        var xfs: [Style: String] = [
            .plain: xf(), .header: xf(font: 1, fill: 2, border: 1, wrap: true), .hours: xf(numFmt: 164), .euros: xf(numFmt: 165),
            .whole: xf(numFmt: 1), .oneDecimal: xf(numFmt: 166), .text: xf(numFmt: 49), .bold: xf(font: 1), .wrapped: xf(wrap: true),
        ]
        for (i, grid) in gridFills.enumerated() { xfs[grid.0] = xf(font: grid.dark ? 2 : 0, fill: 3 + i, border: 1, wrap: true) }
        let cellXfs = Style.allCases.map { xfs[$0]! }
        return header + "<styleSheet xmlns=\"\(main)\">" + numFmts + fonts
            + "<fills count=\"\(fills.count)\">" + fills.joined() + "</fills>" + borders
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"\(cellXfs.count)\">" + cellXfs.joined() + "</cellXfs>"
            + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"
    }()

    static func worksheet(_ sheet: Sheet) -> String {
        var xml = header + "<worksheet xmlns=\"\(main)\" xmlns:r=\"\(relationshipsNS)\">"
        xml += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
        let width = sheet.rows.map(\.count).max() ?? 0
        if !sheet.rows.isEmpty && width > 0 { xml += "<dimension ref=\"A1:\(column(width - 1))\(sheet.rows.count)\"/>" }
        xml += "<sheetViews><sheetView workbookViewId=\"0\">"
        if sheet.frozenRows > 0 || sheet.frozenColumns > 0 {
            let topLeft = "\(column(sheet.frozenColumns))\(sheet.frozenRows + 1)"
            let pane = sheet.frozenRows > 0 && sheet.frozenColumns > 0 ? "bottomRight" : sheet.frozenRows > 0 ? "bottomLeft" : "topRight"
            xml += "<pane" + (sheet.frozenColumns > 0 ? " xSplit=\"\(sheet.frozenColumns)\"" : "")
                + (sheet.frozenRows > 0 ? " ySplit=\"\(sheet.frozenRows)\"" : "")
                + " topLeftCell=\"\(topLeft)\" activePane=\"\(pane)\" state=\"frozen\"/>"
        }
        xml += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
        if !sheet.columnWidths.isEmpty {
            xml += "<cols>" + sheet.columnWidths.enumerated().map { i, w in
                "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(String(format: "%.1f", w))\" customWidth=\"1\"/>"
            }.joined() + "</cols>"
        }
        xml += "<sheetData>"
        for (r, row) in sheet.rows.enumerated() {
            // Spreadsheets do not grow a row for wrapped text on opening: a row of several lines says its height.
            let lines = row.enumerated().map { c, cell in
                wrappedLines(cell, width: c < sheet.columnWidths.count ? sheet.columnWidths[c] : 8.43)
            }.max() ?? 1
            xml += lines > 1 ? "<row r=\"\(r + 1)\" ht=\"\(min(409, 15 * lines))\" customHeight=\"1\">" : "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                let ref = "\(column(c))\(r + 1)"
                let style = cell.style == .plain ? "" : " s=\"\(cell.style.rawValue)\""
                switch cell.value {
                case .empty, .text(""):
                    // An empty text is no text: the cell stays empty (with its style, when it has one).
                    if cell.style != .plain { xml += "<c r=\"\(ref)\"\(style)/>" }
                case .number(let n) where n.isFinite:
                    xml += "<c r=\"\(ref)\"\(style)><v>\(number(n))</v></c>"
                case .number:
                    xml += "<c r=\"\(ref)\"\(style)/>"
                case .text(let t):
                    xml += "<c r=\"\(ref)\"\(style) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(cellText(t)))</t></is></c>"
                }
            }
            xml += "</row>"
        }
        xml += "</sheetData>"
        xml += "<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>"
        xml += "<pageSetup paperSize=\"9\" orientation=\"\(sheet.landscape ? "landscape" : "portrait")\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
        return xml + "</worksheet>"
    }

    /// The most characters a cell holds (Excel's limit): longer text is cut, with "…".
    static let maximumCellCharacters = 32_767

    static func cellText(_ text: String) -> String {
        text.count <= maximumCellCharacters ? text : String(text.prefix(maximumCellCharacters - 1)) + "…"
    }

    /// The lines a wrapped cell takes in a column `width` characters wide (1 for a cell that does not wrap).
    static func wrappedLines(_ cell: Cell, width: Double) -> Int {
        guard cell.style.wraps, case .text(let text) = cell.value else { return 1 }
        let perLine = max(1, Int(width) - 1)
        return cellText(text).split(separator: "\n", omittingEmptySubsequences: false)
            .reduce(0) { $0 + max(1, ($1.count + perLine - 1) / perLine) }
    }

    /// `A` … `Z`, `AA` …: the letters of column `index` (from 0).
    public static func column(_ index: Int) -> String {
        var n = index + 1, letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    /// The shortest text that reads back as the same double.
    static func number(_ n: Double) -> String {
        n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : "\(n)"
    }

    /// A sheet name Excel takes: at most 31 characters, none of `[]:*?/\`.
    static func sheetName(_ name: String) -> String {
        String(name.map { "[]:*?/\\".contains($0) ? "-" : $0 }.prefix(31))
    }

    /// Text for XML: markup escaped (`escapeMarkup`), and the characters XML 1.0 forbids dropped.
    static func escape(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if (v < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || v == 0xFFFE || v == 0xFFFF { continue }
            kept.append(scalar)
        }
        return escapeMarkup(String(kept))
    }
}
