import Foundation
import ZIPFoundation

/// Writes a small .xlsx workbook (ECMA-376 Part 1, transitional
/// SpreadsheetML) from plain values — the template to fill in and plan.xlsx
/// alike: text as inline strings, numbers, dates; a fixed style sheet
/// (`Style`: a header, number formats for hours, euros, counts and
/// percentages, text and dates, the week grid's colours, wrapped text); per
/// column a width, a format for the cells a person types later and a comment
/// on its header; list dropdowns; frozen header rows that repeat on every
/// printed page; rows as high as their wrapped text. The parts are the
/// fewest Excel, LibreOffice and openpyxl open without a repair, zipped with
/// ZIPFoundation; the same sheets give the same bytes.
public enum XLSXWriter {
    /// How a column's cells are formatted, typed now or later.
    public enum CellFormat: Sendable {
        case general
        /// Text (`@`, built-in format 49): what is typed stays text, never a date or a time.
        case text
        /// A date shown `yyyy-mm-dd`.
        case date
    }

    public struct Column: Sendable {
        public var width: Double
        public var format: CellFormat
        /// Shown on the header cell (row 1).
        public var comment: String?

        public init(width: Double, format: CellFormat = .general, comment: String? = nil) {
            self.width = width
            self.format = format
            self.comment = comment
        }
    }

    public enum Value: Sendable, Equatable {
        case empty
        case text(String)
        case number(Double)
        /// A date as its serial day in the 1900 system.
        case date(serial: Int)
    }

    /// The cell formats of the style sheet (their `cellXfs` index).
    public enum Style: Int, Sendable, CaseIterable {
        case plain = 0
        /// Bold on a light fill, wrapped, text: a table's header.
        case header
        /// `@`: text a spreadsheet must not turn into a date or time.
        case text
        /// `yyyy-mm-dd`.
        case date
        /// `#,##0.00`: hours, euros to the cent.
        case hours
        /// `"€ "#,##0`: whole euros.
        case euros
        /// `0`: counts.
        case whole
        /// `0.0`: a percentage written as 93.7.
        case oneDecimal
        /// The week grid's states, coloured as report.html's grid.
        case held, covered, lost, notPlanned, closed
        /// Bold: a title.
        case bold
        /// Text wrapped in its cell, top-aligned: several names in one cell.
        case wrapped

        /// Whether the text wraps in the cell (the row then grows to hold it).
        var wraps: Bool { ![.plain, .text, .date, .hours, .euros, .whole, .oneDecimal, .bold].contains(self) }
    }

    /// A value and how it is shown.
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

    /// A dropdown of `items` on `range` (`C2:C1048576`). When not `strict`
    /// any other value may be typed too (a list cell takes several items).
    public struct Dropdown: Sendable {
        public var range: String
        public var items: [String]
        public var strict: Bool

        public init(range: String, items: [String], strict: Bool) {
            self.range = range
            self.items = items
            self.strict = strict
        }
    }

    public struct Sheet: Sendable {
        public var name: String
        public var columns: [Column]
        public var rows: [[Cell]]
        public var dropdowns: [Dropdown] = []
        /// Rows and columns that stay in view when scrolling; the rows repeat on every printed page.
        public var frozenRows = 1, frozenColumns = 0
        public var landscape = true

        /// A table to fill in: the first row is the header; a cell takes its column's format.
        public init(name: String, columns: [Column], rows: [[Value]], dropdowns: [Dropdown] = []) {
            self.name = name
            self.columns = columns
            self.rows = rows.enumerated().map { r, row in
                row.enumerated().map { c, value in
                    if r == 0 { return Cell(value, .header) }
                    if case .date = value { return Cell(value, .date) }
                    let format = c < columns.count ? columns[c].format : .general
                    if case .text = value, format == .text { return Cell(value, .text) }
                    return Cell(value)
                }
            }
            self.dropdowns = dropdowns
        }

        /// Cells with their styles, columns `columnWidths` wide.
        public init(name: String, rows: [[Cell]], columnWidths: [Double] = [], frozenRows: Int = 1, frozenColumns: Int = 0) {
            self.name = name
            self.columns = columnWidths.map { Column(width: $0) }
            self.rows = rows
            self.frozenRows = frozenRows
            self.frozenColumns = frozenColumns
        }
    }

    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The workbook's bytes.
    public static func data(_ sheets: [Sheet]) throws(WriteError) -> Data { Data(try write(sheets)) }

    /// The workbook's bytes.
    public static func write(_ sheets: [Sheet]) throws(WriteError) -> [UInt8] {
        var parts: [(String, String)] = []
        var overrides = ""
        var workbookSheets = ""
        var workbookRels = ""
        for (index, sheet) in sheets.enumerated() {
            let n = index + 1
            parts.append(("xl/worksheets/sheet\(n).xml", worksheet(sheet, first: index == 0)))
            overrides += #"<Override PartName="/xl/worksheets/sheet\#(n).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            workbookSheets += #"<sheet name="\#(escape(sheetName(sheet.name)))" sheetId="\#(n)" r:id="rId\#(n)"/>"#
            workbookRels += #"<Relationship Id="rId\#(n)" Type="\#(relationship)worksheet" Target="worksheets/sheet\#(n).xml"/>"#
            let comments = sheet.columns.enumerated().compactMap { column, spec in spec.comment.map { (column + 1, $0) } }
            if !comments.isEmpty {
                parts.append(("xl/comments\(n).xml", commentsPart(comments)))
                parts.append(("xl/drawings/vmlDrawing\(n).vml", vmlPart(comments, sheet: n)))
                parts.append(("xl/worksheets/_rels/sheet\(n).xml.rels", """
                    \(declaration)<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Type="\(relationship)comments" Target="../comments\(n).xml"/>\
                    <Relationship Id="rId2" Type="\(relationship)vmlDrawing" Target="../drawings/vmlDrawing\(n).vml"/>\
                    </Relationships>
                    """))
                overrides += #"<Override PartName="/xl/comments\#(n).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>"#
            }
        }
        let styleID = sheets.count + 1
        workbookRels += #"<Relationship Id="rId\#(styleID)" Type="\#(relationship)styles" Target="styles.xml"/>"#
        parts.append(("xl/workbook.xml", """
            \(declaration)<workbook xmlns="\(main)" xmlns:r="\(relationshipNamespace)">\
            <workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>\(workbookSheets)</sheets>\(printTitles(sheets))</workbook>
            """))
        parts.append(("xl/_rels/workbook.xml.rels", """
            \(declaration)<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(workbookRels)</Relationships>
            """))
        parts.append(("xl/styles.xml", styles))
        parts.append(("_rels/.rels", """
            \(declaration)<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(relationship)officeDocument" Target="xl/workbook.xml"/></Relationships>
            """))
        parts.insert(("[Content_Types].xml", """
            \(declaration)<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            \(overrides)</Types>
            """), at: 0)
        return try zip(parts.map { ($0.0, Array($0.1.utf8)) })
    }

    /// A zip archive of `parts` (path, bytes), in order, deflated or stored.
    public static func zip(_ parts: [(String, [UInt8])], compressed: Bool = true) throws(WriteError) -> [UInt8] {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            // A fixed time: the same scenario gives the same bytes.
            let time = Date(timeIntervalSince1970: 946_728_000)
            for (path, bytes) in parts {
                let data = Data(bytes)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: time,
                                     compressionMethod: compressed ? .deflate : .none) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw WriteError(description: "the zip archive was not made") }
            return [UInt8](data)
        } catch let error as WriteError {
            throw error
        } catch {
            throw WriteError(description: "the zip archive could not be made: \(error)")
        }
    }

    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let relationship = relationshipNamespace + "/"

    /// The frozen header rows repeat on every printed page.
    static func printTitles(_ sheets: [Sheet]) -> String {
        let titled = sheets.enumerated().filter { $0.element.frozenRows > 0 }
        guard !titled.isEmpty else { return "" }
        return "<definedNames>" + titled.map { i, sheet in
            let quoted = "'" + sheetName(sheet.name).replacingOccurrences(of: "'", with: "''") + "'"
            return "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(i)\">\(escape(quoted))!$1:$\(sheet.frozenRows)</definedName>"
        }.joined() + "</definedNames>"
    }

    /// Fills of the week grid, as report.html's (Okabe–Ito); white text on the dark ones.
    static let gridFills: [(Style, String, dark: Bool)] = [
        (.held, "0072B2", true), (.covered, "56B4E9", false), (.lost, "D55E00", true), (.notPlanned, "F0E442", false), (.closed, "BBBBBB", false),
    ]

    /// The style sheet: `Style`'s raw values index `cellXfs`.
    static let styles: String = {
        let numFmts = "<numFmts count=\"4\"><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\"/><numFmt numFmtId=\"165\" formatCode=\"#,##0.00\"/>"
            + "<numFmt numFmtId=\"166\" formatCode=\"&quot;€ &quot;#,##0\"/><numFmt numFmtId=\"167\" formatCode=\"0.0\"/></numFmts>"
        let fonts = "<fonts count=\"3\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
            + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
            + "<font><sz val=\"11\"/><color rgb=\"FFFFFFFF\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
        let fills = ["<fill><patternFill patternType=\"none\"/></fill>", "<fill><patternFill patternType=\"gray125\"/></fill>",
                     "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFDDEBF7\"/><bgColor indexed=\"64\"/></patternFill></fill>"]
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
            .plain: xf(), .header: xf(numFmt: 49, font: 1, fill: 2, border: 1, wrap: true), .text: xf(numFmt: 49), .date: xf(numFmt: 164),
            .hours: xf(numFmt: 165), .euros: xf(numFmt: 166), .whole: xf(numFmt: 1), .oneDecimal: xf(numFmt: 167),
            .bold: xf(font: 1), .wrapped: xf(wrap: true),
        ]
        for (i, grid) in gridFills.enumerated() { xfs[grid.0] = xf(font: grid.dark ? 2 : 0, fill: 3 + i, border: 1, wrap: true) }
        let cellXfs = Style.allCases.map { xfs[$0]! }
        return declaration + "<styleSheet xmlns=\"\(main)\">" + numFmts + fonts
            + "<fills count=\"\(fills.count)\">" + fills.joined() + "</fills>" + borders
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"\(cellXfs.count)\">" + cellXfs.joined() + "</cellXfs>"
            + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"
    }()

    /// The style a column's later-typed cells take.
    static func style(_ format: CellFormat) -> Style {
        switch format {
        case .general: .plain
        case .text: .text
        case .date: .date
        }
    }

    static func worksheet(_ sheet: Sheet, first: Bool = true) -> String {
        var xml = declaration + #"<worksheet xmlns="\#(main)" xmlns:r="\#(relationshipNamespace)">"#
        xml += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
        xml += #"<sheetViews><sheetView workbookViewId="0"\#(first ? #" tabSelected="1""# : "")>"#
        if sheet.frozenRows > 0 || sheet.frozenColumns > 0 {
            let topLeft = XLSXCellReference(row: sheet.frozenRows + 1, column: sheet.frozenColumns + 1).description
            let pane = sheet.frozenRows > 0 && sheet.frozenColumns > 0 ? "bottomRight" : sheet.frozenRows > 0 ? "bottomLeft" : "topRight"
            xml += "<pane" + (sheet.frozenColumns > 0 ? " xSplit=\"\(sheet.frozenColumns)\"" : "")
                + (sheet.frozenRows > 0 ? " ySplit=\"\(sheet.frozenRows)\"" : "")
                + " topLeftCell=\"\(topLeft)\" activePane=\"\(pane)\" state=\"frozen\"/>"
                + "<selection pane=\"\(pane)\" activeCell=\"\(topLeft)\" sqref=\"\(topLeft)\"/>"
        }
        xml += #"</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>"#
        if !sheet.columns.isEmpty {
            xml += "<cols>"
            for (index, column) in sheet.columns.enumerated() {
                let styled = column.format == .general ? "" : #" style="\#(style(column.format).rawValue)""#
                xml += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(column.width)" customWidth="1"\#(styled)/>"#
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        for (rowIndex, row) in sheet.rows.enumerated() {
            let r = rowIndex + 1
            // Spreadsheets do not grow a row for wrapped text on opening: a row of several lines says its height.
            let lines = row.enumerated().map { c, cell in
                wrappedLines(cell, width: c < sheet.columns.count ? sheet.columns[c].width : 8.43)
            }.max() ?? 1
            xml += lines > 1 ? #"<row r="\#(r)" ht="\#(min(409, 15 * lines))" customHeight="1">"# : #"<row r="\#(r)">"#
            for (columnIndex, cell) in row.enumerated() {
                let reference = XLSXCellReference(row: r, column: columnIndex + 1).description
                let s = cell.style == .plain ? "" : #" s="\#(cell.style.rawValue)""#
                switch cell.value {
                case .empty, .text(""):
                    // An empty text is no text: the cell stays empty (with its style, when it has one).
                    if cell.style != .plain { xml += #"<c r="\#(reference)"\#(s)/>"# }
                case .text(let text):
                    xml += #"<c r="\#(reference)" t="inlineStr"\#(s)><is><t xml:space="preserve">\#(escapeText(cellText(text)))</t></is></c>"#
                case .number(let number) where number.isFinite:
                    xml += #"<c r="\#(reference)"\#(s)><v>\#(numberText(number))</v></c>"#
                case .number:
                    xml += #"<c r="\#(reference)"\#(s)/>"#
                case .date(let serial):
                    xml += #"<c r="\#(reference)" s="\#(Style.date.rawValue)"><v>\#(serial)</v></c>"#
                }
            }
            xml += "</row>"
        }
        xml += "</sheetData>"
        let dropdowns = sheet.dropdowns.compactMap { dropdown -> String? in
            guard !dropdown.items.isEmpty, dropdown.items.allSatisfy({ !$0.contains(",") && !$0.contains("\"") }) else { return nil }
            let list = "\"" + dropdown.items.joined(separator: ",") + "\""
            // A list written in the formula holds at most 255 characters.
            guard list.count <= 257 else { return nil }
            return #"<dataValidation type="list" allowBlank="1" showErrorMessage="\#(dropdown.strict ? 1 : 0)" sqref="\#(dropdown.range)"><formula1>\#(escape(list))</formula1></dataValidation>"#
        }
        if !dropdowns.isEmpty {
            xml += #"<dataValidations count="\#(dropdowns.count)">"# + dropdowns.joined() + "</dataValidations>"
        }
        xml += #"<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>"#
        xml += #"<pageSetup paperSize="9" orientation="\#(sheet.landscape ? "landscape" : "portrait")" fitToWidth="1" fitToHeight="0"/>"#
        if sheet.columns.contains(where: { $0.comment != nil }) { xml += #"<legacyDrawing r:id="rId2"/>"# }
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
    public static func column(_ index: Int) -> String { XLSXCellReference.columnName(index + 1) }

    /// A sheet name Excel takes: at most 31 characters, none of `[]:*?/\`.
    static func sheetName(_ name: String) -> String {
        String(name.map { "[]:*?/\\".contains($0) ? "-" : $0 }.prefix(31))
    }

    static func commentsPart(_ comments: [(column: Int, text: String)]) -> String {
        var xml = declaration + #"<comments xmlns="\#(main)"><authors><author>teamplan</author></authors><commentList>"#
        for (column, text) in comments {
            xml += #"<comment ref="\#(XLSXCellReference(row: 1, column: column))" authorId="0"><text><r><t xml:space="preserve">\#(escapeText(text))</t></r></text></comment>"#
        }
        return xml + "</commentList></comments>"
    }

    /// The legacy drawing that shows each comment (Excel shows none without it).
    static func vmlPart(_ comments: [(column: Int, text: String)], sheet: Int) -> String {
        var xml = """
            <xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">\
            <o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="\(sheet)"/></o:shapelayout>\
            <v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">\
            <v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>
            """
        for (index, comment) in comments.enumerated() {
            let column = comment.column - 1
            xml += """
                <v:shape id="_x0000_s\(sheet * 1024 + index + 1)" type="#_x0000_t202" \
                style="position:absolute;margin-left:80pt;margin-top:2pt;width:220pt;height:90pt;z-index:\(index + 1);visibility:hidden" \
                fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>\
                <v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>\
                <x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>\
                <x:Anchor>\(column + 1), 15, 0, 2, \(column + 4), 15, 5, 2</x:Anchor><x:AutoFill>False</x:AutoFill>\
                <x:Row>0</x:Row><x:Column>\(column)</x:Column></x:ClientData></v:shape>
                """
        }
        return xml + "</xml>"
    }

    /// A number as XML Schema's double: the shortest text that reads back to it.
    static func numberText(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// Text for an attribute or element: `& < > "` escaped, and the
    /// characters XML cannot hold (or would normalise away) as OOXML's `_xHHHH_`.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "_x" + String(format: "%04X", scalar.value) + "_"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Element text: as `escape`, a carriage return kept as `_x000D_`, and an
    /// `_x` that is text escaped itself (`_x005F_x…`), so that no reader decodes it.
    static func escapeText(_ text: String) -> String {
        var escaped = ""
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            if scalar == "_", i + 1 < scalars.count, scalars[i + 1] == "x" {
                escaped += "_x005F_"
                continue
            }
            switch scalar {
            case "\n": escaped += "\n"
            case "\t": escaped += "\t"
            default: escaped += escape(String(scalar))
            }
        }
        return escaped
    }
}
