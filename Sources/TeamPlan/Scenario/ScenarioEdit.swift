import Foundation

/// A change a manager makes from the web page without an editor: pin a
/// session, avoid a pair, mark a worker away. Applied to the files' text,
/// line by line, so that everything else in them — comments, order, quoting,
/// a CSV table's separator and byte-order mark — stays exactly as it was.
public enum ScenarioEdit: Sendable, Equatable {
    case pin(worker: String, practice: String, slot: String?)
    case avoid(worker: String, practice: String)
    case leave(worker: String, from: LocalDate, to: LocalDate)

    /// The item as the scenario writes it (scenario.md).
    var item: String {
        switch self {
        case .pin(let worker, let practice, let slot):
            "{worker: \(worker), practice: \(practice)" + (slot.map { ", slot: \($0)" } ?? "") + "}"
        case .avoid(let worker, let practice):
            "{worker: \(worker), practice: \(practice)}"
        case .leave(_, let from, let to):
            "{from: \(from), to: \(to)}"
        }
    }

    /// Why an edit cannot be made to the text as it is: the manager edits the file instead.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
        /// The same in Dutch.
        public var dutch: String
        public init(description: String, dutch: String) {
            self.description = description
            self.dutch = dutch
        }
        public func message(_ language: Language) -> String { language == .nl ? dutch : description }
    }

    /// The YAML text with a pin or avoid added to its top-level list (made
    /// at the end of the file when there is none).
    public static func adding(_ edit: ScenarioEdit, toYAML text: String) throws(Refusal) -> String {
        let key: String
        switch edit {
        case .pin: key = "pins"
        case .avoid: key = "avoid"
        case .leave: throw Refusal(description: "leave is added to the worker (addingLeave)", dutch: "verlof komt bij de medewerker (addingLeave)")
        }
        var (lines, newline) = Self.lines(of: text)
        guard let at = lines.firstIndex(where: { Self.isKey($0, key, indent: 0) }) else {
            if lines.last == "" { lines.removeLast() }
            return (lines + ["\(key):", "  - \(edit.item)", ""]).joined(separator: newline)
        }
        try Self.addItem(edit.item, toListAt: at, indent: 0, key: key, in: &lines)
        return lines.joined(separator: newline)
    }

    /// The YAML text with a leave added to a worker written in it (`workers:`
    /// as a list of mappings); a refusal when the workers are a CSV table
    /// (`addingLeave(toCSV:)`) or written in a way not edited by line.
    public static func addingLeave(_ edit: ScenarioEdit, toYAML text: String) throws(Refusal) -> String {
        guard case .leave(let worker, _, _) = edit else { throw Refusal(description: "not a leave", dutch: "geen verlof") }
        var (lines, newline) = Self.lines(of: text)
        guard let workers = lines.firstIndex(where: { Self.isKey($0, "workers", indent: 0) }) else {
            throw Refusal(description: "the scenario has no workers: list", dutch: "het scenario heeft geen lijst workers:")
        }
        // The worker's item: `- id: WORKER` (or `-   id:`) in the block below `workers:`.
        let end = Self.blockEnd(after: workers, indent: 0, in: lines)
        guard let start = (workers + 1..<end).first(where: { i in
            let t = lines[i].trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("-") else { return false }
            let rest = t.dropFirst().trimmingCharacters(in: .whitespaces)
            return rest.hasPrefix("id:") && Self.plainValue(String(rest.dropFirst(3))) == worker
        }) else {
            throw Refusal(description: "worker '\(worker)' is not written as '- id: \(worker)' under workers:; add the leave in the file", dutch: "medewerker '\(worker)' staat niet als '- id: \(worker)' onder workers:; zet het verlof in het bestand")
        }
        let dash = Self.indent(of: lines[start])
        let keyIndent = dash + (lines[start].dropFirst(dash).dropFirst().prefix { $0 == " " }.count) + 1
        // The item runs until the next line at the dash's indent or less.
        var itemEnd = start + 1
        while itemEnd < end {
            let line = lines[itemEnd]
            let t = line.trimmingCharacters(in: .whitespaces)
            if !t.isEmpty && !t.hasPrefix("#") && Self.indent(of: line) <= dash { break }
            itemEnd += 1
        }
        if let at = (start + 1..<itemEnd).first(where: { Self.isKey(lines[$0], "leave", indent: keyIndent) }) {
            try Self.addItem(edit.item, toListAt: at, indent: keyIndent, key: "leave", in: &lines)
        } else {
            var last = itemEnd
            while last > start + 1 && lines[last - 1].trimmingCharacters(in: .whitespaces).isEmpty { last -= 1 }
            let pad = String(repeating: " ", count: keyIndent)
            lines.insert(contentsOf: [pad + "leave:", pad + "  - " + edit.item], at: last)
        }
        return lines.joined(separator: newline)
    }

    /// A workers CSV table with a leave added to the worker's `leave` cell
    /// (`FROM..TO`, `|` between spans), the rest of the bytes untouched.
    public static func addingLeave(_ edit: ScenarioEdit, toCSV bytes: [UInt8]) throws(Refusal) -> [UInt8] {
        guard case .leave(let worker, let from, let to) = edit else { throw Refusal(description: "not a leave", dutch: "geen verlof") }
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let hasBOM = bytes.starts(with: bom)
        guard let text = String(bytes: hasBOM ? Array(bytes.dropFirst(3)) : bytes, encoding: .utf8) else {
            throw Refusal(description: "the workers table is not UTF-8; add the leave in the file", dutch: "de tabel met medewerkers is geen UTF-8; zet het verlof in het bestand")
        }
        var (lines, newline) = Self.lines(of: text)
        guard let header = lines.first, !text.contains("\"") else {
            throw Refusal(description: "the workers table has quoted cells; add the leave in the file", dutch: "de tabel met medewerkers heeft cellen tussen aanhalingstekens; zet het verlof in het bestand")
        }
        let separator = Self.separator(ofHeader: header)
        let columns = header.split(separator: separator, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let id = columns.firstIndex(of: "id"), let leave = columns.firstIndex(of: "leave") else {
            throw Refusal(description: "the workers table has no leave column; add one (FROM..TO) in the file", dutch: "de tabel met medewerkers heeft geen kolom leave; voeg er een toe (VAN..TOT) in het bestand")
        }
        guard let row = lines.indices.dropFirst().first(where: { i in
            let cells = lines[i].split(separator: separator, omittingEmptySubsequences: false)
            return cells.count > id && cells[id].trimmingCharacters(in: .whitespaces) == worker
        }) else { throw Refusal(description: "worker '\(worker)' is not in the workers table", dutch: "medewerker '\(worker)' staat niet in de tabel met medewerkers") }
        var cells = lines[row].split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        while cells.count <= leave { cells.append("") }
        let span = "\(from)..\(to)"
        let old = cells[leave].trimmingCharacters(in: .whitespaces)
        cells[leave] = old.isEmpty ? span : old + "|" + span
        lines[row] = cells.joined(separator: String(separator))
        return (hasBOM ? bom : []) + Array(lines.joined(separator: newline).utf8)
    }

    // MARK: - Lines

    /// A table's separator as its header line shows it: `;` (Excel in
    /// Dutch), a tab, else `,`.
    public static func separator(ofHeader header: String) -> Character {
        [";", "\t", ","].first { header.contains($0) } ?? ","
    }

    /// The text's lines and its line break (`\r\n` when it has one, else
    /// `\n`). Split on the scalars: in a Swift string `\r\n` is one
    /// character, which a split on "\n" would not find.
    public static func lines(of text: String) -> (lines: [String], newline: String) {
        let crlf = text.unicodeScalars.contains("\r")
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var line = String(String.UnicodeScalarView(line))
            if line.unicodeScalars.last == "\r" { line = String(String.UnicodeScalarView(line.unicodeScalars.dropLast())) }
            return line
        }
        return (lines, crlf ? "\r\n" : "\n")
    }

    static func indent(of line: String) -> Int { line.prefix { $0 == " " }.count }

    /// `key:` at exactly `indent` (a value may follow).
    public static func isKey(_ line: String, _ key: String, indent: Int) -> Bool {
        guard Self.indent(of: line) == indent else { return false }
        let rest = line.dropFirst(indent)
        return rest.hasPrefix(key + ":") && (rest.count == key.count + 1 || rest.dropFirst(key.count + 1).first == " ")
    }

    /// A scalar as written, without a comment and quotes.
    public static func plainValue(_ text: String) -> String {
        var value = text
        if let hash = value.range(of: " #") { value = String(value[..<hash.lowerBound]) }
        value = value.trimmingCharacters(in: .whitespaces)
        if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
            value = String(value.dropFirst().dropLast())
        }
        return value
    }

    /// The first line after `at` that is no longer in its block: a line with
    /// content at `indent` or less (a `- ` at `indent` still belongs to a list).
    static func blockEnd(after at: Int, indent: Int, in lines: [String]) -> Int {
        var i = at + 1
        while i < lines.count {
            let line = lines[i]
            let t = line.trimmingCharacters(in: .whitespaces)
            if !t.isEmpty && !t.hasPrefix("#") && Self.indent(of: line) <= indent && !(Self.indent(of: line) == indent && t.hasPrefix("- ")) {
                break
            }
            i += 1
        }
        return i
    }

    /// Adds `item` to the list whose key is on line `at`: a block list gets a
    /// line after its last item, a one-line flow list (`[]`, `[a, b]`) the
    /// item before its `]`.
    static func addItem(_ item: String, toListAt at: Int, indent: Int, key: String, in lines: inout [String]) throws(Refusal) {
        let after = lines[at].dropFirst(indent + key.count + 1)
        let value = plainValue(String(after))
        if value.hasPrefix("[") {
            // The `]` that ends the value, not one in a comment after it.
            let code = lines[at].range(of: " #").map { lines[at][..<$0.lowerBound] } ?? lines[at][...]
            guard value.hasSuffix("]"), let close = code.lastIndex(of: "]") else {
                throw Refusal(description: "\(key): is a list written over several lines in brackets; add it in the file", dutch: "\(key): is een lijst tussen haken over meer regels; voeg het toe in het bestand")
            }
            let inner = value.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
            lines[at].replaceSubrange(close...close, with: (inner.isEmpty ? "" : ", ") + item + "]")
            return
        }
        guard value.isEmpty else { throw Refusal(description: "\(key): is not a list; fix it in the file", dutch: "\(key): is geen lijst; herstel het in het bestand") }
        let end = blockEnd(after: at, indent: indent, in: lines)
        var last = end
        while last > at + 1 {
            let t = lines[last - 1].trimmingCharacters(in: .whitespaces)
            if t.isEmpty || (t.hasPrefix("#") && Self.indent(of: lines[last - 1]) <= indent) { last -= 1 } else { break }
        }
        let itemIndent = (at + 1..<last).first { lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix("-") }
            .map { Self.indent(of: lines[$0]) } ?? indent + 2
        lines.insert(String(repeating: " ", count: itemIndent) + "- " + item, at: last)
    }
}
