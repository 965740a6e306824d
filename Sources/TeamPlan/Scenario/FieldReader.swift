import Foundation

/// Typed reading of `SourceNode`s: every value a scenario holds goes through
/// one of these, which records a diagnostic (with position and key path)
/// and returns nil when the value is not what the key needs. Nothing stops
/// at the first problem.
struct FieldReader {
    var diagnostics: [Diagnostic] = []
    /// Numbers written by people (a scenario), where `42.000` could be
    /// Dutch; false for machine files (plan.json), whose numbers are JSON.
    var peopleWriteNumbers = true

    mutating func error(_ location: SourceLocation?, _ path: String, _ message: String) {
        diagnostics.append(.error(at: location, path: path, message))
    }

    mutating func warning(_ location: SourceLocation?, _ path: String, _ message: String, dutch: String) {
        diagnostics.append(.warning(at: location, path: path, message, dutch: dutch))
    }

    mutating func notice(_ location: SourceLocation?, _ path: String, _ message: String, dutch: String) {
        diagnostics.append(.notice(at: location, path: path, message, dutch: dutch))
    }

    // MARK: Mappings

    /// The keys of a mapping, checked against those the section allows:
    /// unknown keys are errors (with a did-you-mean), missing required keys
    /// are errors at the mapping. Null values count as absent.
    mutating func fields(_ node: SourceNode, _ path: String, allowed: [String], required: [String] = [])
        -> Fields?
    {
        guard case .mapping(let entries) = node.kind else {
            error(node.location, path, "expected a mapping of keys (\(allowed.prefix(4).joined(separator: ", ")), …), found \(node.kindName)")
            return nil
        }
        var found: [String: SourceNode.Entry] = [:]
        for (index, entry) in entries.enumerated() {
            // `{hours_per_week: 24,5}`: inside braces the comma ends the entry,
            // so YAML reads 24 and a key `5`. Said as the decimal comma it is.
            if index > 0, entry.value.isNull, !entry.key.isEmpty, entry.key.allSatisfy(\.isASCIIDigit),
               case .scalar(let before, quoted: false) = entries[index - 1].value.kind,
               !before.isEmpty, before.allSatisfy(\.isASCIIDigit) {
                let previous = entries[index - 1]
                let keyPath = path.isEmpty ? previous.key : "\(path).\(previous.key)"
                let number = "\(before),\(entry.key)"
                error(previous.value.location, keyPath,
                      "'\(number)': inside { } a comma ends the entry, so this reads as \(before) and a key '\(entry.key)'. "
                      + (NumberText.thousandGroups(Substring(number), mark: ",") != nil
                         ? "Write \(before)\(entry.key) for the thousands, or \(NumberText.trimmedDecimal(before, entry.key)) for the decimal"
                         : "For a decimal, write it with a point: \(before).\(entry.key)"))
                continue
            }
            guard allowed.contains(entry.key) else {
                // Any text can be a key: the path shows the start of it.
                let shown = entry.key.truncatedForMessage
                let keyPath = path.isEmpty ? shown : "\(path).\(shown)"
                error(entry.keyLocation, keyPath,
                      "unknown key" + Suggestions.didYouMean(entry.key, in: allowed))
                continue
            }
            if !entry.value.isNull { found[entry.key] = entry }
        }
        for key in required where found[key] == nil {
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            if let present = entries.first(where: { $0.key == key }) {
                error(present.value.location, keyPath, "needs a value")
            } else {
                error(node.location, keyPath, "missing; this key is required")
            }
        }
        return Fields(node: node, path: path, entries: found)
    }

    // MARK: Scalars

    /// Text of at most `limit` characters (Unicode scalars: a letter with a
    /// thousand combining marks is a thousand and one), without control
    /// characters but tab.
    mutating func text(_ node: SourceNode, _ path: String, limit: TextLimit = .name) -> String? {
        guard case .scalar(let text, _) = node.kind else {
            error(node.location, path, "expected text, found \(node.kindName)")
            return nil
        }
        // Every text ends up in plan.json, the reports and GLPK's names: an
        // 11 MB scenario name once made a plan.json that verify could not read.
        let length = text.unicodeScalars.count
        if length > limit.length {
            error(node.location, path, "\(limit.noun) is at most \(limit.length) characters; this one has \(Format.grouped(length))")
            return nil
        }
        // A YAML escape (\0, \b, \x1b) can put what no text file holds into a
        // name: it would end up in reports, calendars and GLPK's names.
        if let control = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control && $0 != "\t" }) {
            error(node.location, path, "contains the control character U+\(String(format: "%04X", control.value)); remove it")
            return nil
        }
        return text
    }

    /// A finite decimal number within `range`; `unit` names it in messages.
    mutating func number(_ node: SourceNode, _ path: String, _ range: NumberRange) -> Double? {
        guard case .scalar(let text, let quoted) = node.kind else {
            error(node.location, path, "expected \(range.phrase), found \(node.kindName)")
            return nil
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // `42.000` is 42 to YAML and forty-two thousand to a Dutch reader: never a guess.
        if peopleWriteNumbers, !node.exactNumber, let why = NumberText.ambiguity(trimmed, commaIsDecimal: node.csvSeparator.map { $0 != .comma } ?? false) {
            error(node.location, path, why)
            return nil
        }
        if quoted {
            if Self.parseDecimal(trimmed) != nil {
                error(node.location, path, "expected \(range.phrase), found the text \"\(text.truncatedForMessage)\"; remove the quotes")
            } else {
                error(node.location, path, "expected \(range.phrase), found the text \"\(text.truncatedForMessage)\"")
            }
            return nil
        }
        let value: Double?
        if let separator = node.csvSeparator {
            value = CSVNumber.parse(trimmed, separator: separator)
        } else {
            value = Self.parseDecimal(trimmed)
        }
        guard let value else {
            let lower = trimmed.lowercased()
            if [".nan", "nan", ".inf", "-.inf", "+.inf", "inf", "-inf", "infinity", "-infinity"].contains(lower) {
                error(node.location, path, "'\(trimmed)' is not a finite number; expected \(range.phrase)")
            } else if node.csvSeparator != nil, trimmed.contains(","), trimmed.contains(".") {
                error(node.location, path, "'\(trimmed)' has a thousands separator; write the number without it, e.g. '\(trimmed.replacingOccurrences(of: ".", with: ""))'")
            } else {
                error(node.location, path, "'\(trimmed.truncatedForMessage)' is not a number; expected \(range.phrase)")
            }
            return nil
        }
        guard range.contains(value) else {
            error(node.location, path, "\(Self.format(value)) is out of range; expected \(range.phrase)")
            return nil
        }
        // Hours, euros and weights below a millionth mean nothing to a
        // planner, and as coefficients they break the solver's scaling
        // (1e-320 stopped GLPK). A plan file's numbers are no coefficients:
        // another solver's noise (a gap of 5.5e-15) is read as it is.
        if value != 0, abs(value) < Self.smallest, !range.allowsTiny {
            error(node.location, path, "'\(trimmed.truncatedForMessage)' is too small to mean anything here; write 0 or at least 0.000001")
            return nil
        }
        return value
    }

    /// The smallest non-zero number a scenario may give (subnormal numbers
    /// included: they are far below it).
    static let smallest = 1e-6

    /// A whole number within `range`.
    mutating func integer(_ node: SourceNode, _ path: String, _ range: ClosedRange<Int>) -> Int? {
        let phrase = NumberRange.whole(range)
        // A tiny number is not whole: said so below, in those words.
        guard let value = number(node, path, NumberRange(lower: -Double.greatestFiniteMagnitude,
                                                           upper: Double.greatestFiniteMagnitude, phrase: phrase,
                                                           allowsTiny: true))
        else { return nil }
        guard value == value.rounded(), abs(value) < 1e15 else {
            error(node.location, path, "\(Self.format(value)) is not a whole number; expected \(phrase)")
            return nil
        }
        let whole = Int(value)
        guard range.contains(whole) else {
            error(node.location, path, "\(whole) is out of range; expected \(phrase)")
            return nil
        }
        return whole
    }

    /// `true`/`false` in YAML's spellings, and in Dutch `ja`/`nee` and
    /// `WAAR`/`ONWAAR` (what a Dutch spreadsheet writes for TRUE and FALSE).
    static func boolValue(_ text: String) -> Bool? {
        switch text.trimmingCharacters(in: .whitespaces) {
        case "true", "True", "TRUE", "ja", "Ja", "JA", "waar", "Waar", "WAAR": return true
        case "false", "False", "FALSE", "nee", "Nee", "NEE", "onwaar", "Onwaar", "ONWAAR": return false
        default: return nil
        }
    }

    mutating func bool(_ node: SourceNode, _ path: String) -> Bool? {
        if case .scalar(let text, let quoted) = node.kind, !quoted, let value = Self.boolValue(text) { return value }
        error(node.location, path, "expected true or false (or ja or nee), found \(node.kindName)")
        return nil
    }

    /// An ISO date, quoted or not.
    /// One slot of the scenario (`tue-am`), with a did-you-mean.
    mutating func slot(_ node: SourceNode, _ path: String, in slots: [Slot]) -> Slot? {
        guard let text = self.text(node, path) else { return nil }
        if let slot = Slot(name: text), slots.contains(slot) { return slot }
        let names = slots.map(\.name)
        var message = "'\(text.truncatedForMessage)' is not a slot of this scenario"
        if let suggestion = Suggestions.closest(to: text, in: names) {
            message += "; did you mean '\(suggestion)'?"
        } else {
            message += " (slots are DAY-PART: \(names.prefix(4).joined(separator: ", ")), …)"
        }
        error(node.location, path, message)
        return nil
    }

    mutating func date(_ node: SourceNode, _ path: String) -> LocalDate? {
        guard case .scalar(let raw, _) = node.kind else {
            error(node.location, path, "expected a date YYYY-MM-DD, found \(node.kindName)")
            return nil
        }
        let text = raw.trimmingCharacters(in: .whitespaces)
        if let date = LocalDate(iso: text) { return date }
        if let date = LocalDate(dutch: text) { return date }
        if let why = LocalDate.slashProblem(text) {
            error(node.location, path, why)
            return nil
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
           let year = Int(parts[0]), let month = Int(parts[1]), Int(parts[2]) != nil
        {
            if (1...12).contains(month), (1...9999).contains(year) {
                let length = LocalDate.daysInMonth(year: year, month: month)
                error(node.location, path, "\(text) does not exist: \(Self.monthNames[month - 1]) \(year) has \(length) days")
            } else {
                error(node.location, path, "\(text) does not exist: the month must be 01 to 12")
            }
        } else {
            error(node.location, path, "'\(text.truncatedForMessage)' is not a date; write it as YYYY-MM-DD, e.g. 2027-01-04 (or as Dutch writes it, 4-1-2027)")
        }
        return nil
    }

    /// A list; each element is handed to `element` with its own path.
    mutating func list<T>(_ node: SourceNode, _ path: String, of what: String,
                          _ element: (inout FieldReader, SourceNode, String) -> T?) -> [T]?
    {
        guard case .sequence(let items) = node.kind else {
            var hint = ""
            if case .scalar(let text, _) = node.kind, !text.isEmpty { hint = "; write [\(text.truncatedForMessage)]" }
            error(node.location, path, "expected a list of \(what), found \(node.kindName)\(hint)")
            return nil
        }
        var result: [T] = []
        var ok = true
        for (index, item) in items.enumerated() {
            if let value = element(&self, item, "\(path)[\(index)]") { result.append(value) } else { ok = false }
        }
        return ok ? result : nil
    }

    /// An id that is safe as a file name on every system: letters, digits,
    /// `-` and `_`, not starting with `-`, at most 64 characters, and not a
    /// name Windows reserves.
    mutating func id(_ node: SourceNode, _ path: String) -> String? {
        guard let text = text(node, path, limit: .id) else { return nil }
        if let problem = Self.idProblem(text) {
            error(node.location, path, problem)
            return nil
        }
        return text
    }

    static func idProblem(_ text: String) -> String? {
        if text.isEmpty { return "an id cannot be empty" }
        let allowed = text.unicodeScalars.allSatisfy {
            ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "-" || $0 == "_"
        }
        if !allowed {
            return "'\(text.truncatedForMessage)' cannot be an id: ids name files (calendars, folders), so use only letters a–z, digits, '-' and '_', e.g. '\(suggestedID(text))'"
        }
        if text.hasPrefix("-") { return "'\(text)' cannot be an id: it must not start with '-' (it would read as an option)" }
        if text.unicodeScalars.count > TextLimit.id.length {
            return "\(TextLimit.id.noun) is at most \(TextLimit.id.length) characters; this one has \(text.unicodeScalars.count)"
        }
        let reserved = ["con", "prn", "aux", "nul"] + (1...9).flatMap { ["com\($0)", "lpt\($0)"] }
        if reserved.contains(text.lowercased()) {
            return "'\(text)' cannot be an id: Windows reserves it as a device name, so no file can bear it"
        }
        return nil
    }

    private static func suggestedID(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        var out = ""
        for scalar in folded.unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") || scalar == "_" {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty && !out.hasSuffix("-") {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "worker-1" : String(out.prefix(64))
    }

    // MARK: Number syntax

    /// A plain YAML decimal: `24`, `-3`, `0.25`, `.5`, `1e3`. No NaN or
    /// infinities, no hex, no `_` separators.
    static func parseDecimal(_ text: String) -> Double? {
        var scalars = Substring(text).unicodeScalars[...]
        guard !scalars.isEmpty, scalars.count <= 64 else { return nil }
        if scalars.first == "-" || scalars.first == "+" { scalars = scalars.dropFirst() }
        var digits = 0, dots = 0, seenExponent = false, exponentDigits = 0
        var previous: Unicode.Scalar?
        for scalar in scalars {
            switch scalar {
            case "0"..."9":
                if seenExponent { exponentDigits += 1 } else { digits += 1 }
            case ".":
                if seenExponent { return nil }
                dots += 1
            case "e", "E":
                if seenExponent || digits == 0 { return nil }
                seenExponent = true
            case "+", "-":
                if previous != "e" && previous != "E" { return nil }
            default:
                return nil
            }
            previous = scalar
        }
        guard digits > 0, dots <= 1, !seenExponent || exponentDigits > 0 else { return nil }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]
}

/// The keys found in one mapping.
struct Fields {
    var node: SourceNode
    var path: String
    var entries: [String: SourceNode.Entry]

    subscript(_ key: String) -> SourceNode? { entries[key]?.value }

    func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func has(_ key: String) -> Bool { entries[key] != nil }

    func keyLocation(_ key: String) -> SourceLocation { entries[key]?.keyLocation ?? node.location }
}

/// The allowed values of a number, with the words that say so.
struct NumberRange {
    var lower: Double
    var lowerOpen = false
    var upper: Double
    var phrase: String
    /// Whether a non-zero number below a millionth is read: not in a
    /// scenario (its numbers are the solver's coefficients), but in a plan
    /// file (another solver's float noise).
    var allowsTiny = false

    /// The same range, tiny numbers allowed.
    var allowingTiny: NumberRange {
        var copy = self
        copy.allowsTiny = true
        return copy
    }

    func contains(_ value: Double) -> Bool {
        value.isFinite && (lowerOpen ? value > lower : value >= lower) && value <= upper
    }

    /// More than 0, at most `upper`.
    static func positive(upTo upper: Double) -> NumberRange {
        NumberRange(lower: 0, lowerOpen: true, upper: upper, phrase: "a number above 0 and at most \(FieldReader.format(upper))")
    }

    /// 0 or more, at most `upper`.
    static func nonNegative(upTo upper: Double) -> NumberRange {
        NumberRange(lower: 0, upper: upper, phrase: "a number from 0 to \(FieldReader.format(upper))")
    }

    static func whole(_ range: ClosedRange<Int>) -> String {
        "a whole number from \(range.lowerBound) to \(range.upperBound)"
    }
}

/// How long a text may be (ScenarioLimits), and what the message calls it.
struct TextLimit {
    var noun: String
    var length: Int

    /// A name a person reads: the scenario's, a worker's, a practice's, a
    /// funder's; and any text not named below.
    static let name = TextLimit(noun: "a name", length: ScenarioLimits.maxNameLength)
    /// Worker, practice and stream ids, also as a plan file names them.
    static let id = TextLimit(noun: "an id", length: ScenarioLimits.maxIDLength)
    static let municipality = TextLimit(noun: "a municipality", length: ScenarioLimits.maxIDLength)
    static let skill = TextLimit(noun: "a skill", length: ScenarioLimits.maxIDLength)
    /// `DAY-PART` in a plan file (a part name has at most 16 characters).
    static let slot = TextLimit(noun: "a slot", length: ScenarioLimits.maxIDLength)
    /// `previous:`, relative to the scenario.
    static let path = TextLimit(noun: "a file path", length: ScenarioLimits.maxPathLength)
}
