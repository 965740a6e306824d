import Foundation

/// How numbers are written for a reader: English `1,234.5`, Dutch `1.234,5`.
public struct NumberStyle: Sendable, Hashable {
    public var decimal: Character
    public var group: Character

    public static let english = NumberStyle(decimal: ".", group: ",")
    public static let dutch = NumberStyle(decimal: ",", group: ".")

    /// English number text (`.` decimal, `,` groups) in this style.
    public func apply(_ english: String) -> String {
        guard decimal != "." else { return english }
        return String(english.map { $0 == "." ? decimal : $0 == "," ? group : $0 })
    }
}

/// Hours and euros for people: `12.5`, `1,234.50` (Dutch `12,5`, `1.234,50`).
public enum Format {
    /// `anja's`, `kees'`: an id as the owner of something.
    static func possessive(_ id: String) -> String { id.hasSuffix("s") ? id + "'" : id + "'s" }

    public static func hours(_ value: Double) -> String {
        let r = (value * 100).rounded() / 100
        guard r.isFinite, abs(r) < 1e15 else { return String(value) }
        if r == r.rounded() { return String(Int(r)) }
        return String(format: "%.2f", r).replacingOccurrences(of: #"0$"#, with: "", options: .regularExpression)
    }

    public static func euros(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return "€ \(value)" }
        let whole = Int(value.rounded())
        return (whole < 0 ? "-" : "") + "€ " + grouped(abs(whole))
    }

    /// A whole number with its thousands grouped: `12,345`.
    public static func grouped(_ n: Int) -> String {
        var digits = String(abs(n))
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        return (n < 0 ? "-" : "") + groups.joined(separator: ",")
    }

    /// `1 practice`, `3 practices`.
    public static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }

    /// A tariff: `€ 82.50`.
    public static func rate(_ value: Double) -> String { "€ " + String(format: "%.2f", value) }

    /// `2027-W01`.
    public static func isoWeek(_ year: Int, _ week: Int) -> String { "\(year)-W\(week < 10 ? "0" : "")\(week)" }

    /// Every digit that tells two objectives apart: `26002`, `26002.5`.
    public static func exact(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    public static func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }

    /// A fraction as a percentage: `12 %`, `12.5 %`.
    public static func percent(_ fraction: Double) -> String {
        let p = fraction * 100
        // A solver's gap can be huge (DBL_MAX with no incumbent): never a trap.
        guard p.isFinite, abs(p) < 1e12 else { return "–" }
        return p == p.rounded() ? "\(Int(p)) %" : String(format: "%.1f %%", p)
    }

    public static func percent(_ part: Double, of whole: Double) -> String {
        whole > 0 ? "\(Int((100 * part / whole).rounded())) %" : "–"
    }
}
