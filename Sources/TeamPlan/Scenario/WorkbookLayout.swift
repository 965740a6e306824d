/// The sheets and columns of a scenario workbook (scenario.md, "A
/// workbook"), in English and in Dutch: what the reader accepts and the
/// template writes. Names are matched without regard to case.
public enum WorkbookLayout {
    /// The language a template is written in; a workbook is read in either.
    public enum SheetLanguage: String, Sendable, CaseIterable {
        case nl, en
    }

    /// One sheet: its scenario key, its names, and its columns (each the
    /// scenario key and the Dutch name).
    public struct Sheet: Sendable {
        public var key: String
        public var english: String
        public var dutch: String
        public var columns: [(key: String, dutch: String)]

        public func name(_ language: SheetLanguage) -> String { language == .nl ? dutch : english }

        public func column(_ key: String, _ language: SheetLanguage) -> String {
            language == .en ? key : (columns.first { $0.key == key }?.dutch ?? key)
        }

        /// The scenario key a header names (English or Dutch, any case), or nil.
        public func key(ofColumn name: String) -> String? {
            let folded = name.trimmingCharacters(in: .whitespaces).lowercased()
            return columns.first { $0.key == folded || $0.dutch == folded }?.key
        }

        /// Every column name, both languages, for a did-you-mean.
        public var allColumnNames: [String] { columns.flatMap { [$0.key, $0.dutch] } }
    }

    public static let scenario = Sheet(key: "scenario", english: "Scenario", dutch: "Scenario", columns: [])
    public static let workers = Sheet(key: "workers", english: "Workers", dutch: "Medewerkers", columns: [
        ("id", "id"), ("name", "naam"), ("hours_per_week", "uren_per_week"), ("reserved_hours", "gereserveerde_uren"),
        ("available", "beschikbaar"), ("skills", "vaardigheden"), ("max_practices", "max_praktijken"),
        ("leave", "verlof"), ("can_substitute", "kan_invallen"),
    ])
    public static let practices = Sheet(key: "practices", english: "Practices", dutch: "Praktijken", columns: [
        ("id", "id"), ("name", "naam"), ("municipality", "gemeente"), ("sessions_per_week", "spreekuren_per_week"),
        ("session_hours", "uren_per_spreekuur"), ("open", "open"), ("requires_skills", "vereiste_vaardigheden"),
        ("mdo", "mdo"), ("backups", "invallers"), ("max_workers", "max_medewerkers"), ("priority", "prioriteit"),
    ])
    public static let funding = Sheet(key: "funding", english: "Funding", dutch: "Financiering", columns: [
        ("id", "id"), ("funder", "financier"), ("budget_eur", "budget_eur"), ("budget_hours", "budget_uren"),
        ("rate_eur_per_hour", "tarief_eur_per_uur"), ("pays_for", "betaalt_voor"), ("municipalities", "gemeenten"),
        ("practices", "praktijken"),
    ])
    public static let leave = Sheet(key: "leave", english: "Leave", dutch: "Verlof", columns: [
        ("worker", "medewerker"), ("from", "van"), ("to", "tot_en_met"),
    ])
    public static let closures = Sheet(key: "closures", english: "Closures", dutch: "Sluitingen", columns: [
        ("date", "datum"), ("name", "naam"),
    ])
    public static let pins = Sheet(key: "pins", english: "Pins", dutch: "Vastgezet", columns: [
        ("worker", "medewerker"), ("practice", "praktijk"), ("slot", "dagdeel"), ("role", "rol"),
    ])
    public static let avoid = Sheet(key: "avoid", english: "Avoid", dutch: "Vermijden", columns: [
        ("worker", "medewerker"), ("practice", "praktijk"),
    ])
    public static let preferences = Sheet(key: "preferences", english: "Preferences", dutch: "Voorkeuren", columns: [
        ("worker", "medewerker"), ("practice", "praktijk"), ("weight", "gewicht"),
    ])

    /// Every sheet, in the order a template writes them.
    public static let sheets = [scenario, workers, practices, funding, leave, closures, pins, avoid, preferences]

    /// The sheet a tab's name means (English or Dutch, any case), or nil.
    public static func sheet(named name: String) -> Sheet? {
        let folded = name.trimmingCharacters(in: .whitespaces).lowercased()
        return sheets.first { $0.english.lowercased() == folded || $0.dutch.lowercased() == folded }
    }

    /// Every sheet name, both languages, for a did-you-mean.
    public static var allSheetNames: [String] {
        var names: [String] = []
        for sheet in sheets {
            if !names.contains(sheet.english) { names.append(sheet.english) }
            if !names.contains(sheet.dutch) { names.append(sheet.dutch) }
        }
        return names
    }

    /// Columns whose cells hold lists, items separated by `|`.
    static let listColumns: [String: Set<String>] = [
        "workers": ["available", "skills", "leave"],
        "practices": ["open", "requires_skills"],
        "funding": ["pays_for", "municipalities", "practices"],
    ]

    /// The Scenario sheet's keys, each part of a dotted key in Dutch. A
    /// part not named here (a day part's name, `am`) is the same in both.
    static let dutchKeyParts: [(key: String, dutch: String)] = [
        ("name", "naam"), ("quarter", "kwartaal"), ("start", "start"), ("weeks", "weken"),
        ("holidays", "feestdagen"), ("closures", "sluitingen"), ("days", "dagen"), ("day_parts", "dagdelen"),
        ("hours", "uren"), ("overhead", "overhead"), ("admin_per_contact_hour", "administratie_per_contactuur"),
        ("travel_hours_per_visit", "reisuren_per_bezoek"), ("mdo", "mdo"), ("every_weeks", "elke_weken"),
        ("objective", "doel"), ("gap_weight", "gewicht_tekort"), ("missing_backup_weight", "gewicht_geen_invaller"),
        ("pair_weight", "gewicht_paar"), ("continuity_weight", "gewicht_continuiteit"),
        ("session_change_weight", "gewicht_spreekuurwissel"), ("preference_weight", "gewicht_voorkeur"),
        ("team_size", "teamgrootte"), ("previous", "vorig_plan"),
    ]

    /// A Scenario sheet key in the scenario's words: each Dutch part made English.
    static func scenarioKey(_ written: String) -> [String] {
        written.trimmingCharacters(in: .whitespaces).split(separator: ".", omittingEmptySubsequences: false).map { part in
            let folded = part.trimmingCharacters(in: .whitespaces).lowercased()
            return dutchKeyParts.first { $0.dutch == folded || $0.key == folded }?.key ?? String(part.trimmingCharacters(in: .whitespaces))
        }
    }

    /// A scenario key (dotted) as a template writes it in `language`.
    public static func scenarioKey(_ key: String, _ language: SheetLanguage) -> String {
        guard language == .nl else { return key }
        return key.split(separator: ".").map { part in dutchKeyParts.first { $0.key == part }?.dutch ?? String(part) }
            .joined(separator: ".")
    }

    /// Scenario sheet keys whose value is a list, items separated by `|`.
    static let scenarioListKeys: Set<String> = ["holidays", "days", "closures"]
    /// The header a Scenario sheet may have over its rows.
    static let scenarioHeader: (key: [String], value: [String]) = (["key", "sleutel"], ["value", "waarde"])
}
