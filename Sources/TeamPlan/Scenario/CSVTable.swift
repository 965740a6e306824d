/// Reading the `workers` and `practices` tables from CSV files as
/// spreadsheets write them (Dutch Excel above all): RFC 4180 quoting, a
/// separator of `,`, `;` or tab found from the header line, a UTF-8
/// byte-order mark, Windows-1252 text when the file is not valid UTF-8,
/// and CRLF, LF or lone CR line ends.
///
/// The reader works on UTF-8 bytes in one pass, so it takes linear time
/// and memory however long the lines are, and it never traps or throws:
/// every problem becomes a `Diagnostic` at FILE:LINE:COLUMN, counting
/// physical lines and, within a line, Unicode scalars.

/// The field separator, found from the header line.
public enum CSVSeparator: String, Sendable, CaseIterable {
    case comma = ","
    case semicolon = ";"
    case tab = "\t"

    /// As `check` names it: `comma`, `semicolon` or `tab`.
    public var name: String {
        switch self {
        case .comma: "comma"
        case .semicolon: "semicolon"
        case .tab: "tab"
        }
    }

    var byte: UInt8 {
        switch self {
        case .comma: 0x2C
        case .semicolon: 0x3B
        case .tab: 0x09
        }
    }
}

/// How the file's bytes were turned into text.
public enum CSVTextEncoding: String, Sendable {
    /// UTF-8 without a byte-order mark (plain ASCII included).
    case utf8
    /// UTF-8 after a byte-order mark (Excel's "CSV UTF-8").
    case utf8BOM = "utf8-bom"
    /// Not valid UTF-8, so read as Windows-1252 (Excel's plain "CSV" on Windows).
    case windows1252

    /// For people: `UTF-8`, `UTF-8 with byte-order mark`, `Windows-1252`.
    public var name: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf8BOM: "UTF-8 with byte-order mark"
        case .windows1252: "Windows-1252"
        }
    }
}

/// One cell's text and where it starts.
public struct CSVCell: Hashable, Sendable {
    /// The text: for an unquoted cell without the spaces and tabs around
    /// it; for a quoted cell exactly what is between the quotes, with `""`
    /// made `"` (line breaks inside are kept as written).
    public var value: String
    /// 1-based physical line on which the cell starts.
    public var line: Int
    /// 1-based column (in Unicode scalars on that physical line, a
    /// byte-order mark not counted) of the cell's first character after
    /// any leading spaces; for a quoted cell, the opening quote; for an
    /// empty cell, where its text would have been (the next separator or
    /// the line end).
    public var column: Int

    public init(value: String, line: Int, column: Int) {
        self.value = value
        self.line = line
        self.column = column
    }
}

/// One data record: exactly as many cells as the header.
public struct CSVRow: Hashable, Sendable {
    public var cells: [CSVCell]
    /// The physical line on which the record starts.
    public var line: Int

    public init(cells: [CSVCell], line: Int) {
        self.cells = cells
        self.line = line
    }
}

/// A CSV file as read: the header cells and every well-formed data row.
public struct CSVTable: Sendable {
    public var separator: CSVSeparator
    public var encoding: CSVTextEncoding
    public var header: [CSVCell]
    /// The data rows, in file order, without empty lines and without any
    /// row that had a problem (each of those is reported instead).
    public var rows: [CSVRow]

    public init(separator: CSVSeparator, encoding: CSVTextEncoding, header: [CSVCell], rows: [CSVRow]) {
        self.separator = separator
        self.encoding = encoding
        self.header = header
        self.rows = rows
    }

    /// The header's names, in column order.
    public var columnNames: [String] { header.map(\.value) }

}

/// Reads CSV tables as Excel and LibreOffice write them (scenario.md, CSV tables).
public enum CSVReader {
    /// Most problems reported for one file; after these comes one more
    /// error saying how many were left out.
    public static let maximumDiagnostics = 100

    /// Reads a whole CSV file. Never throws, never traps on any input.
    /// Returns the table (nil if it could not be read at all: an empty or
    /// UTF-16 file) and every problem found, each at
    /// `SourceLocation(file:line:column)` where the position is known.
    public static func read(_ data: [UInt8], file: String) -> (table: CSVTable?, diagnostics: [Diagnostic]) {
        read(data, file: file, path: "")
    }

    /// As `read(_:file:)`, with `path` (say `workers`) put in every
    /// diagnostic's key path. With `maxRows`, reading stops at the row past
    /// it, with an error there: a million-line file costs no more memory
    /// than the rows a scenario may have.
    public static func read(_ data: [UInt8], file: String, path: String, maxRows: Int? = nil)
        -> (table: CSVTable?, diagnostics: [Diagnostic])
    {
        var sink = CSVDiagnosticSink(file: file, path: path, limit: maximumDiagnostics)

        // Excel's "Unicode text" is UTF-16 with a byte-order mark: say so
        // instead of reporting a NUL on every other byte.
        if data.count >= 2, (data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF) {
            sink.report(.error, line: nil, column: nil,
                        "the file is UTF-16 text; save it from the spreadsheet as \"CSV UTF-8\" or \"CSV (comma/semicolon separated)\"")
            return (nil, sink.finish())
        }

        var encoding = CSVTextEncoding.utf8
        var start = 0
        if data.count >= 3, data[0] == 0xEF, data[1] == 0xBB, data[2] == 0xBF {
            encoding = .utf8BOM
            start = 3
        }

        let text: [UInt8]
        if let bad = csvFirstInvalidUTF8(data, from: start) {
            let (line, column) = textPosition(of: bad, in: data, from: start)
            sink.report(.notice, line: nil, column: nil,
                        "read as Windows-1252 because the file is not valid UTF-8 (byte 0x\(csvHex(data[bad])) at line \(line), column \(column))",
                        dutch: "gelezen als Windows-1252 omdat het bestand geen geldige UTF-8 is (byte 0x\(csvHex(data[bad])) op regel \(line), kolom \(column))")
            encoding = .windows1252
            text = csvWindows1252ToUTF8(data, from: start)
        } else if start == 0 {
            text = data
        } else {
            text = Array(data[start...])
        }

        let table: CSVTable? = text.withUnsafeBufferPointer { buffer in
            var parser = CSVParser(bytes: buffer)
            return parser.readTable(encoding: encoding, maxRows: maxRows, what: path, sink: &sink)
        }
        return (table, sink.finish())
    }
}

/// Decimal numbers as a spreadsheet writes them into a CSV file.
public enum CSVNumber {
    /// Parses a plain decimal: an optional `-`, one or more ASCII digits,
    /// and optionally one decimal mark followed by one or more digits.
    /// The decimal mark is `.`, or also `,` when the separator is not a
    /// comma (Dutch Excel writes `24,5`). Returns nil for anything else:
    /// thousands separators (`1.234,5`, `1,234.5`), a second mark, a mark
    /// without digits on both sides (`12,`, `,5`, `5.`), a `+`, an
    /// exponent, spaces, hex, `NaN` or `inf`, an empty text, and a value
    /// too large to be finite.
    public static func parse(_ text: String, separator: CSVSeparator) -> Double? {
        let commaIsDecimal = separator != .comma
        var normal: [UInt8] = []
        normal.reserveCapacity(text.utf8.count)
        var digitsBefore = 0
        var digitsAfter = 0
        var sawMark = false
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if sawMark { digitsAfter += 1 } else { digitsBefore += 1 }
                normal.append(byte)
            case UInt8(ascii: "-") where index == 0:
                normal.append(byte)
            case UInt8(ascii: "."), UInt8(ascii: ","):
                if byte == UInt8(ascii: ","), !commaIsDecimal { return nil }
                if sawMark || digitsBefore == 0 { return nil }
                sawMark = true
                normal.append(UInt8(ascii: "."))
            default:
                return nil
            }
        }
        guard digitsBefore > 0, !sawMark || digitsAfter > 0 else { return nil }
        guard let value = Double(String(decoding: normal, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }
}

// MARK: - Diagnostics

/// Collects a file's diagnostics, keeping at most `limit` and counting the rest.
struct CSVDiagnosticSink {
    let file: String
    let path: String
    let limit: Int
    private(set) var kept: [Diagnostic] = []
    private(set) var dropped = 0

    init(file: String, path: String, limit: Int) {
        self.file = file
        self.path = path
        self.limit = limit
    }

    mutating func report(_ severity: Diagnostic.Severity, line: Int?, column: Int?, _ message: String, dutch: String? = nil) {
        guard kept.count < limit else {
            dropped += 1
            return
        }
        kept.append(Diagnostic(severity, at: SourceLocation(file: file, line: line, column: column),
                               path: path, message, dutch: dutch))
    }

    func finish() -> [Diagnostic] {
        guard dropped > 0 else { return kept }
        let noun = dropped == 1 ? "problem" : "problems"
        return kept + [.error(at: SourceLocation(file: file), path: path, "… and \(dropped) more \(noun)")]
    }
}

// MARK: - Decoding

private func csvHex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
}

/// The index of the first byte from `start` on that is not part of valid
/// UTF-8 (overlong forms, surrogates and values past U+10FFFF are
/// invalid), or nil when all of it is valid.
func csvFirstInvalidUTF8(_ bytes: [UInt8], from start: Int) -> Int? {
    bytes.withUnsafeBufferPointer { b in
        let n = b.count
        var i = start
        while i < n {
            let lead = b[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            guard i + length <= n else { return i }
            let second = b[i + 1]
            guard second >= low, second <= high else { return i }
            var k = 2
            while k < length {
                guard b[i + k] & 0xC0 == 0x80 else { return i }
                k += 1
            }
            i += length
        }
        return nil
    }
}

/// The 1-based line and column (in characters; CRLF, LF and CR each end a
/// line) of byte `index`, counting from `start`. Used once per file, for the
/// first bad byte, so the slow way is fine.
func textPosition(of index: Int, in bytes: [UInt8], from start: Int) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    var i = start
    while i < index {
        let b = bytes[i]
        if b == 0x0D {
            line += 1
            column = 1
            if i + 1 < index, bytes[i + 1] == 0x0A { i += 1 }
        } else if b == 0x0A {
            line += 1
            column = 1
        } else if b & 0xC0 != 0x80 {
            column += 1
        }
        i += 1
    }
    return (line, column)
}

/// Windows-1252 bytes 0x80–0x9F; the five bytes it leaves undefined (0x81,
/// 0x8D, 0x8F, 0x90, 0x9D) become the C1 control characters of the same number.
private let csvWindows1252High: [UInt32] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, // 80–87
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F, // 88–8F
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, // 90–97
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178, // 98–9F
]

/// Every byte from `start` on read as Windows-1252, written as UTF-8.
func csvWindows1252ToUTF8(_ bytes: [UInt8], from start: Int) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count - start) + (bytes.count - start) / 4)
    for i in start..<bytes.count {
        let b = bytes[i]
        if b < 0x80 {
            out.append(b)
            continue
        }
        let scalar: UInt32 = b < 0xA0 ? csvWindows1252High[Int(b - 0x80)] : UInt32(b)
        if scalar < 0x800 {
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        } else {
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
    return out
}

// MARK: - Parsing

private enum CSVByte {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let quote: UInt8 = 0x22
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
}

/// One record as parsed, before it is checked against the header.
private struct CSVRecord {
    var cells: [CSVCell] = []
    var line = 0
    /// Where the record ends: its line end, or the end of the file.
    var endLine = 0
    var endColumn = 0
    /// A problem inside the record was reported (quote or NUL).
    var bad = false
    /// Some cell was quoted, so the record is not an empty spreadsheet row.
    var anyQuoted = false
    /// A NUL byte was reported (once a record).
    var nulReported = false
}

/// A one-pass reader over valid UTF-8 bytes. `line` and `column` are always
/// the position of `bytes[i]`.
private struct CSVParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var separator: UInt8 = 0x2C
    var i = 0
    var line = 1
    var column = 1
    /// Reused for quoted cells that contain `""`.
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private var n: Int { bytes.count }

    /// Spaces, and tabs unless tab is the separator: trimmed around cells.
    @inline(__always)
    private func isBlank(_ b: UInt8) -> Bool {
        b == CSVByte.space || (b == CSVByte.tab && separator != CSVByte.tab)
    }

    @inline(__always)
    private mutating func advance() {
        if bytes[i] & 0xC0 != 0x80 { column += 1 }
        i += 1
    }

    /// At CR or LF: past CRLF, LF or a lone CR, onto the next line.
    @inline(__always)
    private mutating func consumeLineEnd() {
        if bytes[i] == CSVByte.cr, i + 1 < n, bytes[i + 1] == CSVByte.lf {
            i += 2
        } else {
            i += 1
        }
        line += 1
        column = 1
    }

    /// Skips lines holding only spaces and tabs. Returns false at the end of the file.
    private mutating func skipBlankLines() -> Bool {
        while i < n {
            var j = i
            while j < n, bytes[j] == CSVByte.space || bytes[j] == CSVByte.tab { j += 1 }
            if j == n {
                i = n
                return false
            }
            guard bytes[j] == CSVByte.cr || bytes[j] == CSVByte.lf else { return true }
            i = j // all single-byte, so the column does not matter: a new line starts
            consumeLineEnd()
        }
        return false
    }

    /// The separator from the header line starting at `i`: the most
    /// frequent of tab, `;` and `,` outside quotes, ties going to tab,
    /// then `;`, then `,`; a comma when there is none.
    private func detectSeparator() -> CSVSeparator {
        var commas = 0, semicolons = 0, tabs = 0
        var inQuotes = false
        var j = i
        while j < n {
            let b = bytes[j]
            if b == CSVByte.quote {
                inQuotes.toggle()
            } else if !inQuotes {
                if b == CSVByte.cr || b == CSVByte.lf { break }
                if b == 0x2C { commas += 1 } else if b == 0x3B { semicolons += 1 } else if b == CSVByte.tab { tabs += 1 }
            }
            j += 1
        }
        if tabs == 0 && semicolons == 0 && commas == 0 { return .comma }
        if tabs >= semicolons && tabs >= commas { return .tab }
        if semicolons >= commas { return .semicolon }
        return .comma
    }

    mutating func readTable(encoding: CSVTextEncoding, maxRows: Int? = nil, what: String = "rows",
                            sink: inout CSVDiagnosticSink) -> CSVTable? {
        guard skipBlankLines() else {
            sink.report(.error, line: nil, column: nil, "the file is empty: the first line must name the columns")
            return nil
        }
        let detected = detectSeparator()
        separator = detected.byte

        let headerRecord = readRecord(sink: &sink)
        let header = headerRecord.cells
        var seen: [String: CSVCell] = [:]
        for cell in header {
            if cell.value.isEmpty {
                sink.report(.error, line: cell.line, column: cell.column, "empty column name in the header")
            } else if let first = seen[cell.value] {
                sink.report(.error, line: cell.line, column: cell.column,
                            "duplicate column \"\(cell.value)\" in the header (also at line \(first.line), column \(first.column))")
            } else {
                seen[cell.value] = cell
            }
        }

        var rows: [CSVRow] = []
        while skipBlankLines() {
            let record = readRecord(sink: &sink)
            if record.bad { continue }
            // A line of only separators is an empty spreadsheet row (Excel
            // writes `;;;;` for rows that were once formatted): skip it.
            if !record.anyQuoted, record.cells.allSatisfy({ $0.value.isEmpty }) { continue }
            if record.cells.count != header.count {
                let message = "row has \(record.cells.count) \(record.cells.count == 1 ? "cell" : "cells"), the header has \(header.count)"
                if record.cells.count > header.count {
                    let extra = record.cells[header.count]
                    sink.report(.error, line: extra.line, column: extra.column, message)
                } else {
                    sink.report(.error, line: record.endLine, column: record.endColumn, message)
                }
                continue
            }
            if let maxRows, rows.count == maxRows {
                sink.report(.error, line: record.line, column: 1,
                            "more than \(maxRows) rows; teamplan plans at most \(maxRows) \(what) (the rest of the file is not read)")
                return nil
            }
            rows.append(CSVRow(cells: record.cells, line: record.line))
        }
        return CSVTable(separator: detected, encoding: encoding, header: header, rows: rows)
    }

    /// Reads one record from `i` (not at the end of the file) up to and
    /// including its line end.
    private mutating func readRecord(sink: inout CSVDiagnosticSink) -> CSVRecord {
        var record = CSVRecord()
        record.line = line
        while true {
            // One cell.
            while i < n, isBlank(bytes[i]) { advance() }
            let cellLine = line
            let cellColumn = column
            var value = ""
            if i < n, bytes[i] == CSVByte.quote {
                record.anyQuoted = true
                advance()
                let (quoted, closed) = readQuotedValue(sink: &sink, record: &record)
                value = quoted
                if !closed {
                    sink.report(.error, line: cellLine, column: cellColumn,
                                "unclosed quote opened at line \(cellLine), column \(cellColumn)")
                    record.bad = true
                    record.cells.append(CSVCell(value: value, line: cellLine, column: cellColumn))
                    record.endLine = line
                    record.endColumn = column
                    return record
                }
                advance() // the closing quote
                skipTextAfterClosingQuote(cellColumn: cellColumn, sink: &sink, record: &record)
            } else {
                value = readUnquotedValue(sink: &sink, record: &record)
            }
            record.cells.append(CSVCell(value: value, line: cellLine, column: cellColumn))

            // After the cell: a separator, a line end or the end of the file.
            if i < n, bytes[i] == separator {
                advance()
                continue
            }
            record.endLine = line
            record.endColumn = column
            if i < n { consumeLineEnd() }
            return record
        }
    }

    /// A NUL byte at the current position: reported once per record.
    private func reportNUL(_ sink: inout CSVDiagnosticSink, _ record: inout CSVRecord) {
        if !record.nulReported {
            record.nulReported = true
            record.bad = true
            sink.report(.error, line: line, column: column,
                        "NUL byte: this is not a text file (or it is UTF-16; save it as \"CSV UTF-8\")")
        }
    }

    /// A quoted cell's text, from just past its opening quote up to its
    /// closing quote (left at `i`), `""` read as `"`; `closed` is false when
    /// the file ends first.
    private mutating func readQuotedValue(sink: inout CSVDiagnosticSink, record: inout CSVRecord) -> (value: String, closed: Bool) {
        var segment = i
        var doubled = false
        scratch.removeAll(keepingCapacity: true)
        var closed = false
        while i < n {
            let b = bytes[i]
            if b == CSVByte.quote {
                if i + 1 < n, bytes[i + 1] == CSVByte.quote {
                    doubled = true
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment...i]))
                    i += 2
                    column += 2
                    segment = i
                    continue
                }
                closed = true
                break
            }
            if b == CSVByte.cr || b == CSVByte.lf {
                consumeLineEnd()
                continue
            }
            if b == 0 { reportNUL(&sink, &record) }
            advance()
        }
        if doubled {
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment..<i]))
            return (String(decoding: scratch, as: UTF8.self), closed)
        }
        return (String(decoding: UnsafeBufferPointer(rebasing: bytes[segment..<i]), as: UTF8.self), closed)
    }

    /// After a closing quote: blanks, then the separator or the line end;
    /// anything else is reported and skipped up to them.
    private mutating func skipTextAfterClosingQuote(cellColumn: Int, sink: inout CSVDiagnosticSink, record: inout CSVRecord) {
        while i < n, isBlank(bytes[i]) { advance() }
        guard i < n, bytes[i] != separator, bytes[i] != CSVByte.cr, bytes[i] != CSVByte.lf else { return }
        sink.report(.error, line: line, column: column,
                    "text after the closing quote of the cell at column \(cellColumn); a quote inside a quoted cell must be doubled (\"\")")
        record.bad = true
        while i < n, bytes[i] != separator, bytes[i] != CSVByte.cr, bytes[i] != CSVByte.lf {
            if bytes[i] == 0 { reportNUL(&sink, &record) }
            advance()
        }
    }

    /// An unquoted cell's text up to the separator or the line end (left at
    /// `i`), blanks trimmed at its end; a quote inside it is reported.
    private mutating func readUnquotedValue(sink: inout CSVDiagnosticSink, record: inout CSVRecord) -> String {
        let start = i
        var end = i
        var strayReported = false
        while i < n {
            let b = bytes[i]
            if b == separator || b == CSVByte.cr || b == CSVByte.lf { break }
            if b == CSVByte.quote, !strayReported {
                strayReported = true
                record.bad = true
                sink.report(.error, line: line, column: column,
                            "quote inside an unquoted cell; quote the whole cell and double the quote (\"a\"\"b\")")
            } else if b == 0 {
                reportNUL(&sink, &record)
            }
            if !isBlank(b) { end = i + 1 }
            advance()
        }
        return end > start ? String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) : ""
    }
}
