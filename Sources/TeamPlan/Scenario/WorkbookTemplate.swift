import Foundation

/// `teamplan template`: a scenario workbook to fill in, or a scenario as a
/// workbook that reads back to the same scenario. Its sheets and columns
/// are `WorkbookLayout`'s in one language; each header cell has a comment
/// (unit, default, example), list columns have dropdowns, and the columns
/// a spreadsheet would turn into dates or times (ids, slots, the MDO
/// rhythm) are formatted as text.
public enum WorkbookTemplate {

    /// The workbook's bytes; with `scenario`, holding it.
    public static func workbook(language: WorkbookLayout.SheetLanguage, from scenario: Scenario? = nil) throws(XLSXWriter.WriteError) -> [UInt8] {
        try XLSXWriter.write(sheets(language: language, from: scenario))
    }

    /// What a `scenario` loses in a workbook: names of holiday dates
    /// (`holidays: [{date, name}]`) have no cell. Empty when nothing is lost.
    public static func losses(_ scenario: Scenario) -> [String] {
        let named = scenario.holidayRule.dates.filter { scenario.dayNames[$0] != nil && !scenario.closures.contains($0) }
        return named.map { "the name of the holiday \($0) ('\(scenario.dayNames[$0]!)') has no place in a workbook; it is left out (a closure keeps its name)" }
    }

    static func sheets(language: WorkbookLayout.SheetLanguage, from scenario: Scenario?) -> [XLSXWriter.Sheet] {
        let t = Words(language)
        let slots = (scenario?.slots ?? Weekday.workingDays.flatMap { day in DayPart.defaults.map { Slot(day: day, part: $0.name) } }).map(\.name)
        let skills = scenario.map { s in unique(s.workers.flatMap(\.skills) + s.practices.flatMap(\.requiresSkills)) } ?? ["debts", "ggz", "youth", "elderly"]
        let municipalities = scenario.map { unique($0.practices.map(\.municipality)) } ?? ["sittard-geleen", "beekdaelen", "stein"]
        let workerIDs = scenario?.workers.map(\.id) ?? []
        let practiceIDs = scenario?.practices.map(\.id) ?? []
        let booleans = [t.yes, t.no]

        func column(_ sheet: WorkbookLayout.Sheet, _ key: String) -> String {
            XLSXCellReference.columnName((sheet.columns.firstIndex { $0.key == key } ?? 0) + 1)
        }
        func dropdown(_ sheet: WorkbookLayout.Sheet, _ key: String, _ items: [String], strict: Bool) -> XLSXWriter.Dropdown {
            let letters = column(sheet, key)
            return XLSXWriter.Dropdown(range: "\(letters)2:\(letters)\(XLSXCellReference.maxRow)", items: items, strict: strict)
        }
        func table(_ sheet: WorkbookLayout.Sheet, _ rows: [[XLSXWriter.Value]], dropdowns: [XLSXWriter.Dropdown]) -> XLSXWriter.Sheet {
            let columns = sheet.columns.map { c in
                let spec = Notes.column(sheet.key, c.key)
                // Wide enough for the header, bold: printed, no name is cut.
                let width = max(spec.width, Double(sheet.column(c.key, language).count) * 1.2 + 2)
                return XLSXWriter.Column(width: width, format: spec.format, comment: spec.note(language))
            }
            let header = sheet.columns.map { XLSXWriter.Value.text(sheet.column($0.key, language)) }
            return XLSXWriter.Sheet(name: sheet.name(language), columns: columns, rows: [header] + rows, dropdowns: dropdowns)
        }
        let text = { (s: String) in XLSXWriter.Value.text(s) }
        let number = { (n: Double) in XLSXWriter.Value.number(n) }
        let list = { (items: [String]) in items.isEmpty ? XLSXWriter.Value.empty : .text(items.joined(separator: "|")) }

        // Scenario: key, value, note.
        var keys: [(String, XLSXWriter.Value)] = []
        if let s = scenario {
            keys.append(("name", text(s.name)))
            keys.append(("quarter.start", date(s.quarter.start)))
            keys.append(("quarter.weeks", number(Double(s.quarter.weeks))))
            var holidays: [String] = []
            if s.holidayRule.dutch { holidays.append("nl") }
            if s.holidayRule.carnival { holidays.append("carnaval") }
            holidays += s.holidayRule.dates.map(\.description)
            keys.append(("holidays", text(holidays.isEmpty ? "none" : holidays.joined(separator: "|"))))
            keys.append(("days", text(s.days.map(\.name).joined(separator: "|"))))
            if s.dayParts != DayPart.defaults {
                for part in s.dayParts {
                    keys.append(("day_parts.\(part.name).hours", number(part.hours)))
                    keys.append(("day_parts.\(part.name).start", text(part.startText)))
                }
            }
            keys.append(("overhead.admin_per_contact_hour", number(s.overhead.adminPerContactHour)))
            keys.append(("overhead.travel_hours_per_visit", number(s.overhead.travelHoursPerVisit)))
            keys.append(("overhead.mdo.every_weeks", number(Double(s.overhead.mdo.everyWeeks))))
            keys.append(("overhead.mdo.hours", number(s.overhead.mdo.hours)))
            let o = s.objective
            for (key, value) in [("gap_weight", o.gapWeight), ("missing_backup_weight", o.missingBackupWeight), ("pair_weight", o.pairWeight),
                                 ("continuity_weight", o.continuityWeight), ("session_change_weight", o.sessionChangeWeight),
                                 ("preference_weight", o.preferenceWeight)] {
                keys.append(("objective.\(key)", number(value)))
            }
            if let size = s.teamSize { keys.append(("team_size", number(Double(size)))) }
            if let previous = s.previous { keys.append(("previous", text(previous.path))) }
        } else {
            keys = Notes.scenarioKeys.map { ($0.key, .empty) }
        }
        var scenarioRows: [[XLSXWriter.Value]] = [[text(t.key), text(t.value), text(t.note)]]
        var daysRow = 0, holidaysRow = 0
        for (key, value) in keys {
            scenarioRows.append([text(WorkbookLayout.scenarioKey(key, language)), value, text(Notes.scenarioNote(key, language))])
            if key == "days" { daysRow = scenarioRows.count }
            if key == "holidays" { holidaysRow = scenarioRows.count }
        }
        var scenarioDropdowns: [XLSXWriter.Dropdown] = []
        if daysRow > 0 { scenarioDropdowns.append(.init(range: "B\(daysRow)", items: Weekday.allCases.map(\.name) + ["mon|tue|wed|thu|fri"], strict: false)) }
        if holidaysRow > 0 { scenarioDropdowns.append(.init(range: "B\(holidaysRow)", items: ["nl", "carnaval", "nl|carnaval", "none"], strict: false)) }
        let scenarioSheet = XLSXWriter.Sheet(
            name: WorkbookLayout.scenario.name(language),
            columns: [XLSXWriter.Column(width: 34, format: .text, comment: t.keyNote),
                      XLSXWriter.Column(width: 30, format: .text, comment: t.valueNote),
                      XLSXWriter.Column(width: 90, format: .text)],
            rows: scenarioRows, dropdowns: scenarioDropdowns)

        let bool = { (flag: Bool) in text(flag ? t.yes : t.no) }
        let workers = (scenario?.workers ?? []).map { w -> [XLSXWriter.Value] in
            [text(w.id), text(w.name), number(w.hoursPerWeek), number(w.reservedHours), list(w.available.map(\.name)), list(w.skills),
             number(Double(w.maxPractices)), .empty, bool(w.canSubstitute)]
        }
        let practices = (scenario?.practices ?? []).map { p -> [XLSXWriter.Value] in
            let mdo: XLSXWriter.Value
            if let rule = p.mdo {
                mdo = rule == scenario?.overhead.mdo ? bool(true)
                    : text("\(rule.everyWeeks)w/\(language == .nl ? FieldReader.format(rule.hours).replacingOccurrences(of: ".", with: ",") : FieldReader.format(rule.hours))\(language == .nl ? "u" : "h")")
            } else {
                mdo = bool(false)
            }
            return [text(p.id), text(p.name), text(p.municipality), number(Double(p.sessionsPerWeek)), number(p.sessionHours),
                    list(p.open.map(\.name)), list(p.requiresSkills), mdo, number(Double(p.backups)), number(Double(p.maxWorkers)), number(p.priority)]
        }
        let funding = (scenario?.funding ?? []).map { f -> [XLSXWriter.Value] in
            var euros = XLSXWriter.Value.empty, hours = XLSXWriter.Value.empty
            switch f.budget {
            case .euros(let amount, _): euros = number(amount)
            case .hours(let amount): hours = number(amount)
            }
            var municipalities = XLSXWriter.Value.empty, practices = XLSXWriter.Value.empty
            switch f.scope {
            case .everyPractice: break
            case .municipalities(let names): municipalities = list(names)
            case .practices(let ids): practices = list(ids)
            }
            return [text(f.id), text(f.funder), euros, hours, f.ratePerHour.map(number) ?? .empty, list(f.paysFor.map(\.rawValue)),
                    municipalities, practices]
        }
        let leave = (scenario?.workers ?? []).flatMap { w in w.leave.map { [text(w.id), date($0.from), date($0.to)] } }
        let closures = (scenario?.closures ?? []).map { [date($0), scenario?.dayNames[$0].map(text) ?? .empty] }
        let pins = (scenario?.pins ?? []).map { [text($0.worker), text($0.practice), $0.slot.map { text($0.name) } ?? .empty, text($0.role.rawValue)] }
        let avoid = (scenario?.avoid ?? []).map { [text($0.worker), text($0.practice)] }
        let preferences = (scenario?.preferences ?? []).map { [text($0.worker), text($0.practice), number($0.weight)] }

        let W = WorkbookLayout.workers, P = WorkbookLayout.practices, F = WorkbookLayout.funding
        return [
            scenarioSheet,
            table(W, workers, dropdowns: [dropdown(W, "available", slots, strict: false), dropdown(W, "skills", skills, strict: false),
                                          dropdown(W, "can_substitute", booleans, strict: true)]),
            table(P, practices, dropdowns: [dropdown(P, "municipality", municipalities, strict: false), dropdown(P, "open", slots, strict: false),
                                            dropdown(P, "requires_skills", skills, strict: false),
                                            dropdown(P, "mdo", booleans + ["2w/1h", "4w/1h"], strict: false)]),
            table(F, funding, dropdowns: [dropdown(F, "pays_for", Activity.allCases.map(\.rawValue), strict: false),
                                          dropdown(F, "municipalities", municipalities, strict: false),
                                          dropdown(F, "practices", practiceIDs, strict: false)]),
            table(WorkbookLayout.leave, leave, dropdowns: [dropdown(WorkbookLayout.leave, "worker", workerIDs, strict: false)]),
            table(WorkbookLayout.closures, closures, dropdowns: []),
            table(WorkbookLayout.pins, pins, dropdowns: [dropdown(WorkbookLayout.pins, "worker", workerIDs, strict: false),
                                                         dropdown(WorkbookLayout.pins, "practice", practiceIDs, strict: false),
                                                         dropdown(WorkbookLayout.pins, "slot", slots, strict: true),
                                                         dropdown(WorkbookLayout.pins, "role", Pin.Role.allCases.map(\.rawValue), strict: true)]),
            table(WorkbookLayout.avoid, avoid, dropdowns: [dropdown(WorkbookLayout.avoid, "worker", workerIDs, strict: false),
                                                           dropdown(WorkbookLayout.avoid, "practice", practiceIDs, strict: false)]),
            table(WorkbookLayout.preferences, preferences, dropdowns: [dropdown(WorkbookLayout.preferences, "worker", workerIDs, strict: false),
                                                                       dropdown(WorkbookLayout.preferences, "practice", practiceIDs, strict: false)]),
        ]
    }

    /// A date as a spreadsheet's serial day (1900 system).
    static func date(_ date: LocalDate) -> XLSXWriter.Value {
        .date(serial: LocalDate(year: 1899, month: 12, day: 30)!.days(until: date))
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    /// The template's own words.
    struct Words {
        var key, value, note, yes, no, keyNote, valueNote: String

        init(_ language: WorkbookLayout.SheetLanguage) {
            if language == .nl {
                (key, value, note, yes, no) = ("sleutel", "waarde", "toelichting", "ja", "nee")
                keyNote = "Een sleutel van het scenario (docs/scenario.md); een punt gaat een niveau dieper: kwartaal.start. Engelse sleutels mogen ook."
                valueNote = "Leeg = de standaardwaarde. Lijsten met | ertussen: nl|carnaval, mon|tue|wed."
            } else {
                (key, value, note, yes, no) = ("key", "value", "note", "true", "false")
                keyNote = "A scenario key (docs/scenario.md); a dot goes one level down: quarter.start. Dutch keys work too."
                valueNote = "Empty = the default. Lists with | between items: nl|carnaval, mon|tue|wed."
            }
        }
    }
}

/// Per column: its width, its format, and its comment (unit, default,
/// example) in both languages.
enum Notes {
    struct Column {
        var width: Double
        var format: XLSXWriter.CellFormat
        var english: String
        var dutch: String
        func note(_ language: WorkbookLayout.SheetLanguage) -> String { language == .nl ? dutch : english }
    }

    static func column(_ sheet: String, _ key: String) -> Column {
        table["\(sheet).\(key)"] ?? Column(width: 16, format: .text, english: key, dutch: key)
    }

    static let table: [String: Column] = [
        "workers.id": .init(width: 14, format: .text, english: "Unique id: letters, digits, - and _. Required. Example: anja", dutch: "Unieke id: letters, cijfers, - en _. Verplicht. Voorbeeld: anja"),
        "workers.name": .init(width: 24, format: .text, english: "Name shown in the reports. Default: the id. Example: Anja de Vries", dutch: "Naam in de rapporten. Standaard: de id. Voorbeeld: Anja de Vries"),
        "workers.hours_per_week": .init(width: 14, format: .general, english: "Contract hours a week, above 0, at most 60. Required. Example: 24,5", dutch: "Contracturen per week, boven 0, hoogstens 60. Verplicht. Voorbeeld: 24,5"),
        "workers.reserved_hours": .init(width: 14, format: .general, english: "Hours a week the plan may not use (own caseload). Default: 0. Example: 15", dutch: "Uren per week die het plan niet mag gebruiken (eigen caseload). Standaard: 0. Voorbeeld: 15"),
        "workers.available": .init(width: 36, format: .text, english: "Slots DAY-PART, separated by |. Default: every slot. Example: mon-am|tue-pm", dutch: "Dagdelen DAG-DEEL, gescheiden door |. Standaard: alle. Voorbeeld: mon-am|tue-pm"),
        "workers.skills": .init(width: 20, format: .text, english: "Skills, separated by |. Default: none. Example: debts|ggz", dutch: "Vaardigheden, gescheiden door |. Standaard: geen. Voorbeeld: debts|ggz"),
        "workers.max_practices": .init(width: 14, format: .general, english: "At most this many practices, whole. Default: 4. Example: 3", dutch: "Hoogstens zoveel praktijken, geheel getal. Standaard: 4. Voorbeeld: 3"),
        "workers.leave": .init(width: 24, format: .text, english: "Leave FROM..TO, separated by |; or use the Leave sheet. Example: 2027-02-22..2027-03-05", dutch: "Verlof VAN..TOT, gescheiden door |; of gebruik het blad Verlof. Voorbeeld: 2027-02-22..2027-03-05"),
        "workers.can_substitute": .init(width: 12, format: .text, english: "May stand in as a backup: true or false. Default: true", dutch: "Mag invallen: ja of nee. Standaard: ja"),
        "practices.id": .init(width: 16, format: .text, english: "Unique id, not a worker's. Required. Example: kollenberg", dutch: "Unieke id, niet die van een medewerker. Verplicht. Voorbeeld: kollenberg"),
        "practices.name": .init(width: 30, format: .text, english: "Name shown in the reports. Default: the id", dutch: "Naam in de rapporten. Standaard: de id"),
        "practices.municipality": .init(width: 16, format: .text, english: "Municipality, as the funding names it. Required. Example: sittard-geleen", dutch: "Gemeente, zoals de financiering haar noemt. Verplicht. Voorbeeld: sittard-geleen"),
        "practices.sessions_per_week": .init(width: 14, format: .general, english: "Sessions asked a week, whole, 0 to 100. Required. Example: 2", dutch: "Gevraagde spreekuren per week, geheel, 0 tot 100. Verplicht. Voorbeeld: 2"),
        "practices.session_hours": .init(width: 14, format: .general, english: "Hours of one session, within a day part. Required. Example: 3", dutch: "Uren van een spreekuur, binnen een dagdeel. Verplicht. Voorbeeld: 3"),
        "practices.open": .init(width: 30, format: .text, english: "Slots with a room, separated by |. Required. Example: mon-am|wed-am", dutch: "Dagdelen met een kamer, gescheiden door |. Verplicht. Voorbeeld: mon-am|wed-am"),
        "practices.requires_skills": .init(width: 18, format: .text, english: "Skills a worker there needs, separated by |. Default: none. Example: youth", dutch: "Vaardigheden die nodig zijn, gescheiden door |. Standaard: geen. Voorbeeld: youth"),
        "practices.mdo": .init(width: 12, format: .text, english: "MDO meeting: true (the Scenario's), false, or a rhythm 2w/1h (every 2 weeks, 1 hour). Default: true", dutch: "MDO: ja (die van het Scenario), nee, of een ritme 2w/1u (elke 2 weken, 1 uur). Standaard: ja"),
        "practices.backups": .init(width: 12, format: .general, english: "Backups wanted, whole. Default: 1", dutch: "Gewenste invallers, geheel getal. Standaard: 1"),
        "practices.max_workers": .init(width: 14, format: .general, english: "Most regular workers, whole, 1 to 100. Default: 2", dutch: "Hoogstens zoveel vaste medewerkers, 1 tot 100. Standaard: 2"),
        "practices.priority": .init(width: 12, format: .general, english: "Weight of its gap, above 0. Default: 1. Example: 1,5", dutch: "Gewicht van het tekort, boven 0. Standaard: 1. Voorbeeld: 1,5"),
        "funding.id": .init(width: 22, format: .text, english: "Unique id. Required. Example: wmo-stein", dutch: "Unieke id. Verplicht. Voorbeeld: wmo-stein"),
        "funding.funder": .init(width: 28, format: .text, english: "Who pays. Default: the id", dutch: "Wie betaalt. Standaard: de id"),
        "funding.budget_eur": .init(width: 12, format: .general, english: "Euros for the quarter, with rate_eur_per_hour; or give budget_hours. Example: 38000", dutch: "Euro voor het kwartaal, met tarief_eur_per_uur; of geef budget_uren. Voorbeeld: 38000"),
        "funding.budget_hours": .init(width: 12, format: .general, english: "Hours for the quarter (instead of euros). Example: 120", dutch: "Uren voor het kwartaal (in plaats van euro). Voorbeeld: 120"),
        "funding.rate_eur_per_hour": .init(width: 14, format: .general, english: "Euros an hour, above 0. Example: 82,5", dutch: "Euro per uur, boven 0. Voorbeeld: 82,5"),
        "funding.pays_for": .init(width: 28, format: .text, english: "contact, admin, travel, mdo, separated by |. Required", dutch: "contact, admin, travel, mdo, gescheiden door |. Verplicht"),
        "funding.municipalities": .init(width: 24, format: .text, english: "Pays only there, separated by |. Default: everywhere", dutch: "Betaalt alleen daar, gescheiden door |. Standaard: overal"),
        "funding.practices": .init(width: 24, format: .text, english: "Or pays only at these practices (ids), separated by |", dutch: "Of betaalt alleen bij deze praktijken (ids), gescheiden door |"),
        "leave.worker": .init(width: 14, format: .text, english: "The worker's id. Required", dutch: "De id van de medewerker. Verplicht"),
        "leave.from": .init(width: 12, format: .date, english: "First day of leave, a date. Required. Example: 2027-02-22", dutch: "Eerste verlofdag, een datum. Verplicht. Voorbeeld: 22-2-2027"),
        "leave.to": .init(width: 12, format: .date, english: "Last day of leave (included). Default: the first day", dutch: "Laatste verlofdag (inbegrepen). Standaard: de eerste dag"),
        "closures.date": .init(width: 12, format: .date, english: "A day on which no practice holds a session. Required", dutch: "Een dag zonder spreekuren. Verplicht"),
        "closures.name": .init(width: 24, format: .text, english: "What the day is, shown in the reports. Example: Teamdag", dutch: "Wat de dag is, in de rapporten. Voorbeeld: Teamdag"),
        "pins.worker": .init(width: 14, format: .text, english: "The worker's id. Required", dutch: "De id van de medewerker. Verplicht"),
        "pins.practice": .init(width: 16, format: .text, english: "The practice's id. Required", dutch: "De id van de praktijk. Verplicht"),
        "pins.slot": .init(width: 10, format: .text, english: "The session's slot; empty pins the pair only. Example: tue-am", dutch: "Het dagdeel van het spreekuur; leeg zet alleen het paar vast. Voorbeeld: tue-am"),
        "pins.role": .init(width: 10, format: .text, english: "regular or backup. Default: regular", dutch: "regular (vast) of backup (invaller). Standaard: regular"),
        "avoid.worker": .init(width: 14, format: .text, english: "The worker's id. Required", dutch: "De id van de medewerker. Verplicht"),
        "avoid.practice": .init(width: 16, format: .text, english: "The practice's id. Required", dutch: "De id van de praktijk. Verplicht"),
        "preferences.worker": .init(width: 14, format: .text, english: "The worker's id. Required", dutch: "De id van de medewerker. Verplicht"),
        "preferences.practice": .init(width: 16, format: .text, english: "The practice's id. Required", dutch: "De id van de praktijk. Verplicht"),
        "preferences.weight": .init(width: 10, format: .general, english: "-100 to 100, not 0: + wants to be a regular there, − would rather not. Required", dutch: "-100 tot 100, niet 0: + wil er vast zijn, − liever niet. Verplicht"),
    ]

    static let scenarioKeys: [(key: String, english: String, dutch: String)] = [
        ("name", "The scenario's name, heading every report. Required. Example: Westelijke Mijnstreek, Q1 2027", "De naam van het scenario, boven elk rapport. Verplicht. Voorbeeld: Westelijke Mijnstreek, Q1 2027"),
        ("quarter.start", "The quarter's first day, a Monday. Required. Example: 2027-01-04", "De eerste dag van het kwartaal, een maandag. Verplicht. Voorbeeld: 4-1-2027"),
        ("quarter.weeks", "Weeks, 1 to 26. Default: 13", "Weken, 1 tot 26. Standaard: 13"),
        ("holidays", "nl (Dutch holidays), carnaval, none, or dates, separated by |. Default: nl", "nl (feestdagen), carnaval, none, of datums, gescheiden door |. Standaard: nl"),
        ("days", "Working days, separated by |. Default: mon|tue|wed|thu|fri", "Werkdagen, gescheiden door |. Standaard: mon|tue|wed|thu|fri"),
        ("overhead.admin_per_contact_hour", "Admin hours per contact hour. Default: 0. Example: 0,5", "Administratie-uren per contactuur. Standaard: 0. Voorbeeld: 0,5"),
        ("overhead.travel_hours_per_visit", "Travel hours per session. Default: 0. Example: 0,25", "Reisuren per spreekuur. Standaard: 0. Voorbeeld: 0,25"),
        ("overhead.mdo.every_weeks", "An MDO meeting every this many weeks. Default: 2", "Elke zoveel weken een MDO. Standaard: 2"),
        ("overhead.mdo.hours", "Hours of one MDO meeting. Default: 1", "Uren van een MDO. Standaard: 1"),
        ("team_size", "Use at most this many workers. Default: all", "Gebruik hoogstens zoveel medewerkers. Standaard: allen"),
        ("previous", "Last quarter's plan.json, relative to this workbook, for continuity", "Het plan.json van vorig kwartaal, vanaf deze werkmap, voor continuïteit"),
    ]

    static func scenarioNote(_ key: String, _ language: WorkbookLayout.SheetLanguage) -> String {
        if let found = scenarioKeys.first(where: { $0.key == key }) { return language == .nl ? found.dutch : found.english }
        if key.hasPrefix("objective.") {
            return language == .nl ? "Gewicht in de doelfunctie (docs/scenario.md)" : "A weight of the objective (docs/scenario.md)"
        }
        if key.hasPrefix("day_parts.") {
            return language == .nl ? "Een dagdeel: uren, en begintijd UU:MM" : "A day part: hours, and start HH:MM"
        }
        return ""
    }
}

extension Scenario {
    /// The scenario with the places of its pins, avoided pairs and
    /// preferences forgotten: two files that hold the same decisions at
    /// other lines or cells give the same one.
    public var withoutLocations: Scenario {
        var copy = self
        copy.pins = pins.map { var pin = $0; pin.location = nil; return pin }
        copy.avoid = avoid.map { var item = $0; item.location = nil; return item }
        copy.preferences = preferences.map { var item = $0; item.location = nil; return item }
        return copy
    }
}
