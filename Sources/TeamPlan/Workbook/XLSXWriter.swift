import Foundation
import ZIPFoundation

/// Writes a small .xlsx workbook (ECMA-376 Part 1, transitional
/// SpreadsheetML) from plain values: text as inline strings, numbers,
/// dates; per column a width, a number format (text `@` or a date) for the
/// cells a person types later, and a comment on its header cell; list
/// dropdowns; the first row frozen and bold. The parts are the fewest Excel,
/// LibreOffice and openpyxl open without a repair, zipped with ZIPFoundation.
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
        /// The first row is the header: bold, frozen.
        public var rows: [[Value]]
        public var dropdowns: [Dropdown]

        public init(name: String, columns: [Column], rows: [[Value]], dropdowns: [Dropdown] = []) {
            self.name = name
            self.columns = columns
            self.rows = rows
            self.dropdowns = dropdowns
        }
    }

    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

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
            workbookSheets += #"<sheet name="\#(escape(sheet.name))" sheetId="\#(n)" r:id="rId\#(n)"/>"#
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
            <workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>\(workbookSheets)</sheets></workbook>
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

    /// Cell styles (cellXfs): 0 general, 1 the header (bold, shaded, text),
    /// 2 text, 3 a date `yyyy-mm-dd` (custom format 164).
    static let styles = declaration + """
        <styleSheet xmlns="\(main)">\
        <numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
        <font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\
        <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
        <fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="49" fontId="1" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1"/>\
        <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """

    static func style(_ format: CellFormat) -> Int {
        switch format {
        case .general: 0
        case .text: 2
        case .date: 3
        }
    }

    static func worksheet(_ sheet: Sheet, first: Bool) -> String {
        var xml = declaration + #"<worksheet xmlns="\#(main)" xmlns:r="\#(relationshipNamespace)">"#
        xml += #"<sheetViews><sheetView workbookViewId="0"\#(first ? #" tabSelected="1""# : "")>"#
        xml += #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        xml += #"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#
        xml += #"<sheetFormatPr defaultRowHeight="15"/>"#
        if !sheet.columns.isEmpty {
            xml += "<cols>"
            for (index, column) in sheet.columns.enumerated() {
                let styled = column.format == .general ? "" : #" style="\#(style(column.format))""#
                xml += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(column.width)" customWidth="1"\#(styled)/>"#
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        for (rowIndex, row) in sheet.rows.enumerated() {
            let r = rowIndex + 1
            xml += #"<row r="\#(r)">"#
            for (columnIndex, value) in row.enumerated() {
                let reference = XLSXCellReference(row: r, column: columnIndex + 1).description
                let format = columnIndex < sheet.columns.count ? sheet.columns[columnIndex].format : .general
                switch value {
                case .empty:
                    continue
                case .text(let text):
                    let s = rowIndex == 0 ? 1 : (format == .date ? 0 : style(format))
                    xml += #"<c r="\#(reference)" t="inlineStr"\#(s == 0 ? "" : #" s="\#(s)""#)><is><t xml:space="preserve">\#(escapeText(text))</t></is></c>"#
                case .number(let number):
                    xml += #"<c r="\#(reference)"><v>\#(numberText(number))</v></c>"#
                case .date(let serial):
                    xml += #"<c r="\#(reference)" s="3"><v>\#(serial)</v></c>"#
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
        xml += #"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#
        if sheet.columns.contains(where: { $0.comment != nil }) { xml += #"<legacyDrawing r:id="rId2"/>"# }
        return xml + "</worksheet>"
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
