/// The language a person reads teamplan's outputs in.
public enum Language: String, Sendable, CaseIterable {
    case en, nl

    /// From a locale such as `LANG=nl_NL.UTF-8`; English otherwise.
    public static func from(environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("nl") ? .nl : .en
            }
        }
        return .en
    }
}


extension Language {
    /// A day part for a reader: `am` stays `am` in English; the default
    /// parts `am` and `pm` are Dutch `ochtend` and `middag`; a part the
    /// scenario named otherwise keeps its name, in every output.
    public func partName(_ part: String) -> String {
        guard self == .nl else { return part }
        switch part {
        case "am": return "ochtend"
        case "pm": return "middag"
        default: return part
        }
    }

    /// A slot for a reader: `tue-am`; Dutch `di-ochtend`.
    public func slotName(_ slot: Slot) -> String {
        self == .nl ? slot.day.dutchShortName + "-" + partName(slot.part) : slot.name
    }

    /// A slot's text as written in a scenario (`tue-am`) for a reader; text
    /// that is not a slot stays as it is.
    public func slotName(_ text: String) -> String { Slot(name: text).map(slotName) ?? text }

    /// A day's short name: `mon`; Dutch `ma`.
    public func dayShortName(_ day: Weekday) -> String { self == .nl ? day.dutchShortName : day.name }

    /// How this language writes numbers.
    public var numbers: NumberStyle { self == .nl ? .dutch : .english }
}

extension Weekday {
    /// `ma`, `di`, `wo`, `do`, `vr`, `za`, `zo`.
    public var dutchShortName: String {
        switch self {
        case .mon: "ma"
        case .tue: "di"
        case .wed: "wo"
        case .thu: "do"
        case .fri: "vr"
        case .sat: "za"
        case .sun: "zo"
        }
    }
}
