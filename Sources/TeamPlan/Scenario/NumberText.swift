/// Numbers that a Dutch reader and an English reader read differently.
///
/// In Dutch a point groups thousands and a comma marks the decimals
/// (`€ 42.000` is forty-two thousand euros, `24,5` is twenty-four and a
/// half); in English it is the other way round. A YAML parser, Swift and a
/// spreadsheet in English read `42.000` as 42 without a word. teamplan
/// never takes such a number silently: where both readings are possible
/// it is an error that says both (docs/scenario.md, "Numbers").
public enum NumberText {
    /// Why `text` cannot be read as one number without guessing whose
    /// reading is meant, or nil when it can. `commaIsDecimal` is true where
    /// the comma is the decimal mark already (a CSV file separated by
    /// semicolons or tabs, as a Dutch spreadsheet writes it).
    public static func ambiguity(_ text: String, commaIsDecimal: Bool = false) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let sign = t.hasPrefix("-") ? "-" : ""
        let body = sign.isEmpty ? Substring(t) : t.dropFirst()
        if let groups = thousandGroups(body, mark: ".") {
            let dutch = sign + groups.joined()
            if groups.count == 2 {
                let english = sign + trimmedDecimal(groups[0], groups[1])
                return "'\(t)' reads as \(english) in English but as \(dutch) in Dutch, where a point groups thousands; write \(dutch), or \(english) if that is meant"
            }
            return "'\(t)' is \(dutch) with points between the thousands, as Dutch writes it; write \(dutch) without them"
        }
        guard !commaIsDecimal, body.contains(",") else { return nil }
        if let groups = thousandGroups(body, mark: ",") {
            let english = sign + groups.joined()
            if groups.count == 2 {
                let dutch = sign + trimmedDecimal(groups[0], groups[1])
                return "'\(t)' reads as \(english) in English (a comma between the thousands) but as \(dutch) in Dutch (a decimal comma); write \(english), or \(dutch) if that is meant"
            }
            return "'\(t)' is \(english) with commas between the thousands; write \(english) without them"
        }
        let parts = body.split(separator: ",", omittingEmptySubsequences: false)
        if parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) {
            return "'\(t)' has a decimal comma; write it with a point: \(sign)\(parts[0]).\(parts[1])"
        }
        return nil
    }

    /// The digit groups of `1.234.567` (`mark` "."): a first group of one
    /// to three digits not starting with 0, then groups of exactly three.
    static func thousandGroups(_ text: Substring, mark: Character) -> [String]? {
        let groups = text.split(separator: mark, omittingEmptySubsequences: false)
        guard groups.count >= 2, let first = groups.first, (1...3).contains(first.count), first.first != "0",
              groups.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }), groups.dropFirst().allSatisfy({ $0.count == 3 })
        else { return nil }
        return groups.map(String.init)
    }

    /// `whole.fraction` without trailing zeros: `42.000` → `42`, `1.250` → `1.25`.
    static func trimmedDecimal(_ whole: String, _ fraction: String) -> String {
        var f = Substring(fraction)
        while f.last == "0" { f = f.dropLast() }
        return f.isEmpty ? whole : "\(whole).\(f)"
    }
}

/// An MDO rhythm written in one cell: `2w/1h` (every 2 weeks, 1 hour; `u`
/// for uur too, `4w/1,5h`), the older `2:1`, and what a spreadsheet makes
/// of `2:1` when it takes it for a time of day: `02:01:00`, or `04:01,50`
/// of `4:1,5` (docs/scenario.md, CSV tables).
public enum MDOText {
    /// The every-weeks and hours texts, or nil when `text` is none of these.
    public static func parts(_ text: String) -> (every: String, hours: String)? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let slash = t.firstIndex(of: "/") {
            var every = t[..<slash].trimmingCharacters(in: .whitespaces)
            var hours = t[t.index(after: slash)...].trimmingCharacters(in: .whitespaces)
            guard every.hasSuffix("w"), hours.hasSuffix("h") || hours.hasSuffix("u") else { return nil }
            every = String(every.dropLast()).trimmingCharacters(in: .whitespaces)
            hours = String(hours.dropLast()).trimmingCharacters(in: .whitespaces)
            return (every, hours)
        }
        guard t.contains(":") else { return nil }
        var pieces = t.split(separator: ":", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
        // A time of day with seconds: the seconds of a spreadsheet's 02:01:00 are 0.
        if pieces.count == 3, pieces[2] == "00" { pieces.removeLast() }
        guard pieces.count == 2 else { return (pieces[0], pieces.dropFirst().joined(separator: ":")) }
        return (pieces[0], pieces[1])
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
