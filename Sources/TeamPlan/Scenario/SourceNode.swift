import Foundation

/// A scenario value as read from a file, YAML or CSV alike, with where it
/// stands. The typed reader (`ScenarioReader`) works on these only, so a
/// table read from a spreadsheet is checked by exactly the same rules as
/// the same table written in YAML.
public struct SourceNode: Sendable {
    /// A YAML value: a scalar (and whether it was quoted), a sequence or a mapping.
    public enum Kind: Sendable {
        /// `quoted` is true when the text was quoted in YAML; a quoted
        /// `"24"` is text, not a number.
        case scalar(String, quoted: Bool)
        case sequence([SourceNode])
        case mapping([Entry])
    }

    /// One key of a mapping, where the key stands, and its value.
    public struct Entry: Sendable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: SourceNode
    }

    public var kind: Kind
    public var location: SourceLocation
    /// Set for cells of a CSV table: numbers there may use a decimal comma.
    public var csvSeparator: CSVSeparator?
    /// Set for a workbook's number cells: the text is the number's exact
    /// value, so `42.125` is no Dutch thousands group.
    public var exactNumber = false

    public init(_ kind: Kind, at location: SourceLocation, csvSeparator: CSVSeparator? = nil) {
        self.kind = kind
        self.location = location
        self.csvSeparator = csvSeparator
    }

    /// What the user would call this kind of value, for messages.
    public var kindName: String {
        switch kind {
        case .scalar(let text, _): return text.isEmpty ? "an empty value" : "'\(text.truncatedForMessage)'"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// A YAML `null`, `~` or empty plain scalar.
    public var isNull: Bool {
        if case .scalar(let text, quoted: false) = kind {
            return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
        }
        return false
    }
}

extension String {
    /// Long user text cut for a one-line message.
    var truncatedForMessage: String {
        let flat = self.replacingOccurrences(of: "\n", with: "⏎")
        return flat.count > 40 ? String(flat.prefix(37)) + "…" : flat
    }
}
