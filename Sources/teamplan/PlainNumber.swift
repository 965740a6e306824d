import ArgumentParser

/// A number on the command line as a person writes it: digits with an
/// optional sign and decimal point (`20`, `0.5`, `-1`). Swift's own reading
/// also takes `0x10` (16), `1e3`, `inf` and `nan`, which nobody means for
/// seconds or a fraction. A negative number reads here so that the option's
/// check can say what is wrong with it.
struct PlainNumber: ExpressibleByArgument, Sendable {
    var value: Double

    init(_ value: Double) { self.value = value }

    init?(argument: String) {
        var digits = Substring(argument)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.count == 2 || !parts[0].isEmpty,
              !(parts.count == 2 && parts[0].isEmpty && parts[1].isEmpty),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              digits.count <= 30, let value = Double(argument), value.isFinite
        else { return nil }
        self.value = value
    }

    var defaultValueDescription: String { "\(value)" }
}
