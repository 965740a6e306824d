/// An Excel workbook (.xlsx, ECMA-376 SpreadsheetML) as read: its sheets'
/// cells with their values, nothing of their looks but whether a number is
/// shown as a date or a time. Only what a scenario can hold is kept; the
/// reading itself is `XLSXReader`.

/// What a number cell's format shows it as (styles.xml: its number format).
public enum XLSXNumberKind: Sendable, Hashable {
    /// A plain number (General, 0.00, a percentage, a currency, text `@`).
    case plain
    /// A date: the serial's whole part counts days (d, m, y in the format).
    case date
    /// A time of day or a duration: the serial is a fraction of a day (h, s).
    case time
    /// A date with a time of day.
    case dateTime
}

/// One cell's value, as the file stores it.
public enum XLSXValue: Sendable, Hashable {
    /// A shared string, an inline string or a formula's text result; rich
    /// text runs joined, `_xHHHH_` escapes decoded.
    case text(String)
    /// A number (a date or time is a number with a date or time format).
    case number(Double, XLSXNumberKind)
    case boolean(Bool)
    /// An error value: `#N/A`, `#VALUE!`, `#REF!`, `#DIV/0!`, …
    case error(String)
    /// `t="d"`: an ISO 8601 date or date-time, as written.
    case isoDate(String)
}

public struct XLSXCell: Sendable, Hashable {
    public var reference: XLSXCellReference
    public var value: XLSXValue

    public init(reference: XLSXCellReference, value: XLSXValue) {
        self.reference = reference
        self.value = value
    }
}

/// One worksheet: its name, its place among the sheets, and its cells with
/// a value, sorted by row, then column.
public struct XLSXSheet: Sendable {
    public var name: String
    /// 0-based, in the order the workbook lists its sheets (the tabs' order).
    public var position: Int
    public var cells: [XLSXCell]

    public init(name: String, position: Int, cells: [XLSXCell]) {
        self.name = name
        self.position = position
        self.cells = cells
    }

    /// The cells row by row: each row number with its cells, in order.
    public var rows: [(row: Int, cells: [XLSXCell])] {
        var result: [(row: Int, cells: [XLSXCell])] = []
        for cell in cells {
            if let last = result.last, last.row == cell.reference.row {
                result[result.count - 1].cells.append(cell)
            } else {
                result.append((cell.reference.row, [cell]))
            }
        }
        return result
    }
}

public struct XLSXWorkbook: Sendable {
    /// Every sheet the workbook lists, in order; `cells` is filled only for
    /// the sheets that were asked for.
    public var sheets: [XLSXSheet]
    /// Dates count from 1904-01-01 (old Mac Excel), not from 1900.
    public var date1904: Bool

    public init(sheets: [XLSXSheet], date1904: Bool) {
        self.sheets = sheets
        self.date1904 = date1904
    }
}

/// A problem with the workbook: where (the file, a sheet, a cell) and what.
public struct XLSXProblem: Sendable, Hashable, CustomStringConvertible {
    /// The sheet's name and place, nil for the file as a whole.
    public var sheet: String?
    public var sheetPosition: Int?
    public var cell: XLSXCellReference?
    public var message: String

    public init(sheet: String? = nil, sheetPosition: Int? = nil, cell: XLSXCellReference? = nil, _ message: String) {
        self.sheet = sheet
        self.sheetPosition = sheetPosition
        self.cell = cell
        self.message = message
    }

    public var description: String {
        var place = sheet.map { XLSXSheetName.quoted($0) } ?? ""
        if let cell { place += "!\(cell)" }
        return place.isEmpty ? message : "\(place): \(message)"
    }
}

/// Sheet names as a cell reference writes them: `Workers`, `'My sheet'`.
public enum XLSXSheetName {
    public static func quoted(_ name: String) -> String {
        let plain = !name.isEmpty && name.unicodeScalars.allSatisfy {
            ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_" || $0.value > 0x7F
        } && !(name.first?.isNumber ?? false)
        return plain ? name : "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
    }
}

/// How much of a workbook is read, at most: the zip's entries, what they
/// expand to, the sheets and cells. Past a limit the reader stops with a
/// problem that says which, before it uses the memory.
public struct XLSXLimits: Sendable {
    /// Entries in the zip archive (a workbook has about a dozen).
    public var maxEntries = 1_000
    /// What one entry (a sheet's XML, the shared strings) may expand to.
    public var maxEntryBytes = 20 * 1024 * 1024
    /// What all the entries read may expand to, together.
    public var maxTotalBytes = 100 * 1024 * 1024
    /// Sheets the workbook lists.
    public var maxSheets = 64
    /// Cells with a value, in all sheets read together.
    public var maxCells = 1_000_000
    /// Entries of the shared string table.
    public var maxSharedStrings = 1_000_000
    /// Characters in one cell: Excel's own limit.
    public var maxCellText = 32_767
    /// Problems listed; then one more says how many were left out.
    public var maxProblems = 100

    public init() {}
}
