import Foundation
import TeamPlan

/// Where the executable writes: results to standard output, diagnostics and
/// progress to standard error.
enum Terminal {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static var standardErrorIsTerminal: Bool { isatty(2) == 1 }

    /// `--json` output: sorted snake_case keys, as plan.json spells them.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Every diagnostic, one a line, on standard error.
    static func report(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        err(diagnostics.map(\.description).joined(separator: "\n"))
    }

    /// Reads a scenario; prints every diagnostic and exits 65 when it has
    /// errors. Otherwise prints its warnings and notices unless the caller
    /// shows them itself (`check` lists them in its output).
    static func loadScenario(_ path: String, reportWarnings: Bool = true) throws -> LoadedScenario {
        let loaded = ScenarioLoader.load(path: path)
        let failed = loaded.diagnostics.hasErrors || loaded.scenario == nil
        if failed || reportWarnings { report(loaded.diagnostics) }
        if failed {
            let count = loaded.diagnostics.errors.count
            err("\(path): \(Format.count(count, "error")); nothing was written")
            throw Exit.invalidInput
        }
        return loaded
    }
}

/// Columns of text aligned for a terminal; numbers right-aligned.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    var rightAligned: Set<Int> = []

    func render(indent: String = "  ") -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            indent + row.indices.map { column -> String in
                let cell = row[column]
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}

/// Hours and euros for people: `12.5`, `1,234.50`.
enum Format {
    static func hours(_ value: Double) -> String {
        let r = (value * 100).rounded() / 100
        if r == r.rounded() { return String(Int(r)) }
        return String(format: "%.2f", r).replacingOccurrences(of: #"0$"#, with: "", options: .regularExpression)
    }

    static func euros(_ value: Double) -> String {
        let whole = Int(value.rounded())
        var digits = String(abs(whole))
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        return (whole < 0 ? "-" : "") + "€ " + groups.joined(separator: ",")
    }

    /// `1 practice`, `3 practices`.
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }

    /// A tariff: `€ 82.50`.
    static func rate(_ value: Double) -> String { "€ " + String(format: "%.2f", value) }

    /// `2027-W01`.
    static func isoWeek(_ year: Int, _ week: Int) -> String { "\(year)-W\(week < 10 ? "0" : "")\(week)" }

    static func percent(_ part: Double, of whole: Double) -> String {
        whole > 0 ? "\(Int((100 * part / whole).rounded())) %" : "–"
    }
}
