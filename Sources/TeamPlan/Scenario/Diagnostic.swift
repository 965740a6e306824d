/// Where in a file a problem is: 1-based line and column (columns count
/// Unicode scalars, as libyaml does), either unknown when not known. In a
/// workbook, a sheet's cell: `sheet` names it, `line` is the row and
/// `column` the column, and it is written `team.xlsx:Workers!C7`.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    /// The workbook sheet's name and its place among the sheets (sorting by
    /// the tabs' order); nil in a text file.
    public var sheet: String?
    public var sheetPosition: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// A workbook's cell (`row` and `column` 1-based), or the sheet alone when both are nil.
    public init(file: String, sheet: String, position: Int, row: Int? = nil, column: Int? = nil) {
        self.file = file
        self.sheet = sheet
        self.sheetPosition = position
        self.line = row
        self.column = row == nil ? nil : column
    }

    /// `file:line:column`, or as much of it as is known; in a workbook
    /// `file:Sheet!C7` (or `file:Sheet` for the sheet as a whole).
    public var description: String {
        if sheet != nil { return file + ":" + cellText }
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }

    /// `Workers!C7`, `Workers` when no cell is known; empty outside a workbook.
    public var cellText: String {
        guard let sheet else { return "" }
        var text = XLSXSheetName.quoted(sheet)
        if let cellName { text += "!" + cellName }
        return text
    }

    /// `C7` in a workbook's sheet; nil outside a workbook or for a sheet as a whole.
    public var cellName: String? {
        guard sheet != nil, let line else { return nil }
        return XLSXCellReference.columnName(column ?? 1) + String(line)
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.sheetPosition ?? -1, a.line ?? 0, a.column ?? 0) < (b.file, b.sheetPosition ?? -1, b.line ?? 0, b.column ?? 0)
    }
}

/// One thing a user got wrong (or probably did not mean), with where and
/// what would be right. Readers collect all of them and return them
/// together; the executable renders them and picks the exit code.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// How bad a diagnostic is: an error stops the run, a warning or notice does not.
    public enum Severity: String, Sendable, Codable, Comparable {
        /// The input cannot be used: nothing is written, exit 65.
        case error
        /// Legal, but probably not meant.
        case warning
        /// Worth knowing (an encoding was guessed, a name was ignored).
        case notice

        private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    public var location: SourceLocation?
    /// The key path in the scenario, `workers[1].skills`; empty when the
    /// problem is with the file as a whole.
    public var path: String
    public var message: String
    /// The message in Dutch, where it has been written (every warning and
    /// notice); an error's Dutch comes from `DutchMessages`' catalogue.
    public var dutch: String?

    public init(_ severity: Severity, at location: SourceLocation?, path: String, _ message: String, dutch: String? = nil) {
        self.severity = severity
        self.location = location
        self.path = path
        self.message = message
        self.dutch = dutch
    }

    public static func error(at location: SourceLocation?, path: String, _ message: String) -> Diagnostic {
        Diagnostic(.error, at: location, path: path, message)
    }

    public static func warning(at location: SourceLocation?, path: String, _ message: String, dutch: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, path: path, message, dutch: dutch)
    }

    public static func notice(at location: SourceLocation?, path: String, _ message: String, dutch: String? = nil) -> Diagnostic {
        Diagnostic(.notice, at: location, path: path, message, dutch: dutch)
    }

    /// `FILE:LINE:COLUMN: KEY.PATH: message` for errors; warnings and notices
    /// say so after the location.
    public var description: String { text(.en) }

    /// The message alone in `language`: Dutch where it has a Dutch text.
    public func message(_ language: Language) -> String {
        language == .nl ? dutch ?? DutchMessages.translate(message) ?? message : message
    }

    /// The line in `language`: Dutch where the message has a Dutch text.
    public func text(_ language: Language) -> String {
        let dutch = language == .nl ? self.dutch ?? DutchMessages.translate(message) : nil
        var parts: [String] = []
        if let location { parts.append(location.description) }
        if severity != .error {
            parts.append(dutch == nil ? severity.rawValue : severity == .warning ? "waarschuwing" : "opmerking")
        }
        if !path.isEmpty { parts.append(path) }
        parts.append(dutch ?? message)
        return parts.joined(separator: ": ")
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }

    /// In the order a reader reads a file: by file, line, column, then
    /// errors before warnings; stable otherwise.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { a, b in
            let la = a.element.location ?? SourceLocation(file: "")
            let lb = b.element.location ?? SourceLocation(file: "")
            if la != lb { return la < lb }
            return a.offset < b.offset
        }.map(\.element)
    }
}
