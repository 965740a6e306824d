import Foundation

/// The keys of each section of scenario.md: the product's interface.
enum ScenarioKeys {
    static let top = ["name", "quarter", "holidays", "closures", "day_parts", "days", "overhead",
                      "objective", "team_size", "previous", "pins", "avoid", "preferences",
                      "workers", "practices", "funding"]
    static let quarter = ["start", "weeks"]
    static let dayPart = ["hours", "start"]
    static let overhead = ["admin_per_contact_hour", "travel_hours_per_visit", "mdo"]
    static let mdo = ["every_weeks", "hours"]
    static let objective = ["gap_weight", "missing_backup_weight", "pair_weight", "continuity_weight",
                            "session_change_weight", "preference_weight"]
    static let worker = ["id", "name", "hours_per_week", "reserved_hours", "available", "skills",
                         "max_practices", "leave", "can_substitute"]
    static let leave = ["from", "to"]
    static let practice = ["id", "name", "municipality", "sessions_per_week", "session_hours", "open",
                           "requires_skills", "mdo", "backups", "max_workers", "priority"]
    static let stream = ["id", "funder", "budget_eur", "budget_hours", "rate_eur_per_hour", "pays_for",
                         "municipalities", "practices"]
    static let pin = ["worker", "practice", "slot", "role"]
    static let avoid = ["worker", "practice"]
    static let preference = ["worker", "practice", "weight"]
    /// Worker and practice keys whose values are lists (`|` in CSV cells).
    static let listValued: Set<String> = ["available", "skills", "leave", "open", "requires_skills"]

    /// The keys each row of a table must have (YAML entries and CSV columns alike).
    static func required(_ table: String) -> [String] {
        switch table {
        case "workers": ["id", "hours_per_week"]
        case "practices": ["id", "municipality", "sessions_per_week", "session_hours", "open"]
        case "funding": ["id", "pays_for"]
        case "pins", "avoid": ["worker", "practice"]
        case "preferences": ["worker", "practice", "weight"]
        default: []
        }
    }

    /// The most rows a table may have (scenario.md, Errors).
    static func rowLimit(_ table: String) -> Int {
        switch table {
        case "workers": ScenarioLimits.maxWorkers
        case "practices": ScenarioLimits.maxPractices
        case "funding": ScenarioLimits.maxStreams
        default: ScenarioLimits.maxDecisions
        }
    }
}

/// The limits that keep a scenario from being absurd (scenario.md, Errors).
public enum ScenarioLimits {
    public static let maxFileBytes = 20 * 1024 * 1024
    public static let maxWorkers = 2_000
    public static let maxPractices = 5_000
    public static let maxStreams = 1_000
    /// Entries of `pins`, `avoid` and `preferences`, each.
    public static let maxDecisions = 20_000
    /// Sessions the model could hold (eligible worker × practice × slot both
    /// have): each is a binary variable with its rows, and the model's memory
    /// grows with them (a dense 100 × 100 region of 100,000 took 2.1 GiB).
    /// The largest bench region has 9,000.
    public static let maxPossibleSessions = 100_000
    public static let maxHoursPerWeek = 60.0
    /// A funding stream's budget: `budget_eur`, `budget_hours`.
    public static let maxBudgetEuros = 1e10
    public static let maxBudgetHours = 1e7
    public static let maxWeeks = 26
    /// Text, counted in characters (Unicode scalars). Ids (worker, practice,
    /// stream), municipalities and skills name files and fill table cells;
    /// an id is also part of GLPK's names, which hold at most 255
    /// characters (`H6free[w,p,s]` holds two ids and a slot).
    public static let maxIDLength = 64
    /// Names a person reads: the scenario's (it heads every report and
    /// plan.json), a worker's, a practice's, a funder's.
    public static let maxNameLength = 200
    /// `previous:`, a path relative to the scenario.
    public static let maxPathLength = 1024
}

/// Turns the node tree of a scenario into a `Scenario`, collecting every
/// problem. `tables` supplies the nodes of `workers:`/`practices:` when they
/// name CSV files (the loader reads those).
struct ScenarioReader {
    var reader = FieldReader()
    /// Reads a CSV table named by the scenario, relative to the YAML file.
    var loadTable: (_ path: String, _ key: String, _ location: SourceLocation, _ allowed: [String]) -> SourceNode?
    var loadPrevious: (_ path: String, _ location: SourceLocation) -> PreviousPlan?

    mutating func read(_ root: SourceNode) -> Scenario? {
        guard let top = reader.fields(root, "", allowed: ScenarioKeys.top,
                                      required: ["name", "quarter", "workers", "practices", "funding"])
        else { return nil }

        let name = readName(top)
        let quarter = top["quarter"].flatMap { readQuarter($0) }
        var dayNames: [LocalDate: String] = [:]
        let holidays = top["holidays"].map { readHolidays($0, names: &dayNames) } ?? .nl
        let closures = top["closures"].flatMap { node in
            reader.list(node, "closures", of: "dates") { reader, item, path in Self.namedDate(&reader, item, path, names: &dayNames) }
        } ?? []
        let dayParts = top["day_parts"].flatMap { readDayParts($0) } ?? DayPart.defaults
        let days = top["days"].flatMap { readDays($0) } ?? Weekday.workingDays
        let overhead = top["overhead"].flatMap { readOverhead($0) } ?? Overhead()
        let objective = top["objective"].flatMap { readObjective($0) } ?? ObjectiveWeights()
        let teamSize = top["team_size"].flatMap { reader.integer($0, "team_size", 0...ScenarioLimits.maxWorkers) }

        let slots = days.flatMap { day in dayParts.map { Slot(day: day, part: $0.name) } }
        let context = Context(slots: slots, dayParts: dayParts, overhead: overhead)
        let tables = readTables(top, context)
        checkCrossReferences(tables)
        let previous = readPrevious(top)
        var decisions: Decisions?
        if let workers = tables.workers, let practices = tables.practices {
            decisions = readDecisions(top, workers: workers, practices: practices, context: context, teamSize: teamSize)
        }

        guard !reader.diagnostics.hasErrors, let name, let quarter,
              let workers = tables.workers, let practices = tables.practices, let funding = tables.funding
        else { return nil }
        var scenario = Scenario(
            name: name, quarter: quarter, holidayRule: holidays, closures: closures, dayParts: dayParts,
            days: days, overhead: overhead, objective: objective, teamSize: teamSize, previous: nil,
            pins: decisions?.pins ?? [], avoid: decisions?.avoid ?? [], preferences: decisions?.preferences ?? [],
            workers: workers.map(\.value), practices: practices.map(\.value), funding: funding.map(\.value))
        scenario.dayNames = dayNames
        if let previous { scenario.previous = filterPrevious(previous, scenario: scenario, location: top["previous"]?.location) }
        guard checkPossibleSessions(scenario, at: top["practices"]?.location ?? root.location) else { return nil }
        ScenarioWarnings.collect(scenario, positions: Positions(workers: workers, practices: practices, funding: funding),
                                 top: top, into: &reader)
        return scenario
    }

    /// The scenario's name: it heads every report, calendar and plan file, so it may not be empty.
    mutating func readName(_ top: Fields) -> String? {
        let name = top["name"].flatMap { reader.text($0, "name") }
        if let given = name, given.trimmingCharacters(in: .whitespaces).isEmpty, let node = top["name"] {
            reader.error(node.location, "name", "empty; give the scenario a name, e.g. \"Westelijke Mijnstreek, Q1 2027\"")
            return nil
        }
        return name
    }

    /// The three tables, each nil when it does not read.
    typealias Tables = (workers: [Located<Worker>]?, practices: [Located<Practice>]?, funding: [Located<FundingStream>]?)

    mutating func readTables(_ top: Fields, _ context: Context) -> Tables {
        let workers = top["workers"].flatMap {
            table($0, "workers", limit: ScenarioLimits.maxWorkers, allowed: ScenarioKeys.worker) {
                $0.readWorker($1, $2, context)
            }
        }
        let practices = top["practices"].flatMap {
            table($0, "practices", limit: ScenarioLimits.maxPractices, allowed: ScenarioKeys.practice) {
                $0.readPractice($1, $2, context)
            }
        }
        let funding = top["funding"].flatMap {
            table($0, "funding", limit: ScenarioLimits.maxStreams, allowed: ScenarioKeys.stream, csv: false) {
                $0.readStream($1, $2)
            }
        }
        return (workers, practices, funding)
    }

    /// Cross-references: ids unique within and across tables, stream scopes.
    mutating func checkCrossReferences(_ tables: Tables) {
        let (workers, practices, funding) = tables
        if let workers { checkUnique(workers.map { ($0.value.id, $0.idLocation, "workers[\($0.index)].id") }, what: "worker") }
        if let practices { checkUnique(practices.map { ($0.value.id, $0.idLocation, "practices[\($0.index)].id") }, what: "practice") }
        if let funding { checkUnique(funding.map { ($0.value.id, $0.idLocation, "funding[\($0.index)].id") }, what: "funding stream") }
        if let workers, let practices {
            let workerIDs = Set(workers.map(\.value.id))
            for practice in practices where workerIDs.contains(practice.value.id) {
                reader.error(practice.idLocation, "practices[\(practice.index)].id",
                             "'\(practice.value.id)' is also a worker's id; a worker and a practice may share no id")
            }
        }
        if let practices, let funding { checkScopes(funding, practices: practices.map(\.value)) }
    }

    /// `previous:`, the plan of last quarter, when it reads.
    mutating func readPrevious(_ top: Fields) -> PreviousPlan? {
        guard let node = top["previous"], let path = reader.text(node, "previous", limit: .path) else { return nil }
        return loadPrevious(path, node.location)
    }

    /// False, with an error at `location`, when the scenario could hold more
    /// sessions than teamplan plans.
    mutating func checkPossibleSessions(_ scenario: Scenario, at location: SourceLocation) -> Bool {
        let possible = Self.possibleSessions(scenario, stoppingAbove: ScenarioLimits.maxPossibleSessions)
        guard possible > ScenarioLimits.maxPossibleSessions else { return true }
        reader.error(location, "practices",
                     "more than \(Format.grouped(ScenarioLimits.maxPossibleSessions)) possible sessions (worker, practice and slot where the worker is eligible and both have the slot); "
                     + "teamplan plans at most that many: split the region, e.g. by municipality, or narrow skills and availability")
        return false
    }

    /// How many (worker, practice, slot) sessions the model could hold, counted
    /// up to just past `limit`.
    static func possibleSessions(_ scenario: Scenario, stoppingAbove limit: Int) -> Int {
        var count = 0
        for worker in scenario.workers {
            let available = Set(worker.available)
            for practice in scenario.practices where practice.sessionsPerWeek > 0 && worker.isEligible(for: practice) {
                count += practice.open.reduce(0) { $0 + (available.contains($1) ? 1 : 0) }
                if count > limit { return count }
            }
        }
        return count
    }

    // MARK: Sections

    struct Context {
        var slots: [Slot]
        var dayParts: [DayPart]
        var overhead: Overhead
    }

    /// One element of a table with where its id was written.
    struct Located<T> {
        var value: T
        var index: Int
        var location: SourceLocation
        var idLocation: SourceLocation
        var fields: Fields
    }

    mutating func readQuarter(_ node: SourceNode) -> Quarter? {
        guard let fields = reader.fields(node, "quarter", allowed: ScenarioKeys.quarter, required: ["start"]) else { return nil }
        let weeks = fields["weeks"].map { reader.integer($0, "quarter.weeks", 1...ScenarioLimits.maxWeeks) } ?? 13
        guard let startNode = fields["start"], let start = reader.date(startNode, "quarter.start") else { return nil }
        // The years first: the Mondays suggested below must be dates too
        // (9999-12-31 has none after it; found by the mutation fuzzer).
        guard (2000...2100).contains(start.year) else {
            reader.error(startNode.location, "quarter.start", "\(start) is not a quarter teamplan can plan; expected a date from 2000 to 2100")
            return nil
        }
        if start.weekday != .mon {
            let monday = start.adding(days: -start.weekday.rawValue)
            reader.error(startNode.location, "quarter.start",
                         "\(start) is a \(start.weekday.englishName); the quarter must start on a Monday, e.g. \(monday) or \(monday.adding(days: 7))")
            return nil
        }
        guard let weeks else { return nil }
        return Quarter(start: start, weeks: weeks)
    }

    /// `nl`, `none`, `carnaval` (or `carnival`), or a list of these and of
    /// dates, each a date or `{date, name}`.
    mutating func readHolidays(_ node: SourceNode, names: inout [LocalDate: String]) -> HolidayRule {
        let words = ["nl", "none", "carnaval", "carnival"]
        func word(_ text: String, _ location: SourceLocation, _ path: String, into rule: inout HolidayRule) -> Bool {
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "nl": rule.dutch = true
            case "none": break
            case "carnaval", "carnival": rule.carnival = true
            default: return false
            }
            return true
        }
        var rule = HolidayRule.none
        if case .scalar(let text, _) = node.kind {
            if !word(text, node.location, "holidays", into: &rule) {
                reader.error(node.location, "holidays",
                             "'\(text.truncatedForMessage)' is not a holiday rule; write nl (Dutch holidays), carnaval, none, or a list of these and of dates, e.g. [nl, carnaval]"
                                + Suggestions.didYouMean(text, in: words))
            }
            return rule
        }
        guard case .sequence(let items) = node.kind else {
            reader.error(node.location, "holidays", "expected nl, none, carnaval or a list of these and of dates, found \(node.kindName)")
            return rule
        }
        for (index, item) in items.enumerated() {
            let path = "holidays[\(index)]"
            if case .scalar(let text, _) = item.kind, word(text, item.location, path, into: &rule) { continue }
            if case .scalar(let text, _) = item.kind, LocalDate(iso: text.trimmingCharacters(in: .whitespaces)) == nil,
               LocalDate(dutch: text.trimmingCharacters(in: .whitespaces)) == nil, !text.contains(where: \.isNumber) {
                reader.error(item.location, path, "'\(text.truncatedForMessage)' is neither a date nor nl, carnaval or none"
                             + Suggestions.didYouMean(text, in: words))
                continue
            }
            if let date = Self.namedDate(&reader, item, path, names: &names) { rule.dates.append(date) }
        }
        return rule
    }

    /// A date, or `{date, name}` whose name check, the report and the calendars show.
    static func namedDate(_ reader: inout FieldReader, _ node: SourceNode, _ path: String, names: inout [LocalDate: String]) -> LocalDate? {
        guard case .mapping = node.kind else { return reader.date(node, path) }
        guard let f = reader.fields(node, path, allowed: ["date", "name"], required: ["date"]) else { return nil }
        guard let date = f["date"].flatMap({ reader.date($0, "\(path).date") }) else { return nil }
        if let n = f["name"], let name = reader.text(n, "\(path).name") { names[date] = name }
        return date
    }

    mutating func readDayParts(_ node: SourceNode) -> [DayPart]? {
        guard case .mapping(let entries) = node.kind else {
            reader.error(node.location, "day_parts", "expected a mapping from part name to {hours, start}, found \(node.kindName)")
            return nil
        }
        if entries.isEmpty {
            reader.error(node.location, "day_parts", "needs at least one day part, e.g. am: {hours: 4, start: \"09:00\"}")
            return nil
        }
        var parts: [DayPart] = []
        var ok = true
        for entry in entries {
            let path = "day_parts.\(entry.key)"
            let validName = !entry.key.isEmpty && entry.key.count <= 16 && entry.key.unicodeScalars.allSatisfy {
                ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_"
            }
            if !validName {
                reader.error(entry.keyLocation, path,
                             "'\(entry.key.truncatedForMessage)' cannot name a day part: use up to 16 letters, digits or '_' (slots are written DAY-PART, e.g. tue-am)")
                ok = false
                continue
            }
            let standardStart = DayPart.defaults.first { $0.name == entry.key }?.startMinutes
            guard let fields = reader.fields(entry.value, path, allowed: ScenarioKeys.dayPart,
                                             required: standardStart == nil ? ["hours", "start"] : ["hours"])
            else { ok = false; continue }
            let hours = fields["hours"].flatMap { reader.number($0, "\(path).hours", .positive(upTo: 12)) }
            var start = standardStart
            if let startNode = fields["start"] {
                start = readTimeOfDay(startNode, "\(path).start")
            }
            guard let hours, let start else { ok = false; continue }
            if Double(start) + hours * 60 > 24 * 60 {
                reader.error(fields["hours"]!.location, "\(path).hours",
                             "a day part of \(FieldReader.format(hours)) h from \(DayPart(name: "", hours: 0, startMinutes: start).startText) runs past midnight")
                ok = false
                continue
            }
            parts.append(DayPart(name: entry.key, hours: hours, startMinutes: start))
        }
        return ok ? parts : nil
    }

    /// `HH:MM`, quoted or not (an unquoted 09:00 is text to us, not YAML 1.1's
    /// base-60 number).
    mutating func readTimeOfDay(_ node: SourceNode, _ path: String) -> Int? {
        guard let text = reader.text(node, path) else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 2, parts[0].count == 2, parts[1].count == 2,
           let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m)
        {
            return h * 60 + m
        }
        reader.error(node.location, path, "'\(text.truncatedForMessage)' is not a time of day; write HH:MM, e.g. \"09:00\"")
        return nil
    }

    mutating func readDays(_ node: SourceNode) -> [Weekday]? {
        guard let days = reader.list(node, "days", of: "days (mon … sun)", { reader, item, path -> Weekday? in
            guard let text = reader.text(item, path) else { return nil }
            if let day = Weekday(name: text) { return day }
            reader.error(item.location, path, "'\(text.truncatedForMessage)' is not a day; write mon, tue, wed, thu, fri, sat or sun"
                         + Suggestions.didYouMean(text.lowercased(), in: Weekday.allCases.map(\.name)))
            return nil
        }) else { return nil }
        if days.isEmpty {
            reader.error(node.location, "days", "needs at least one day")
            return nil
        }
        var seen = Set<Weekday>()
        for (index, day) in days.enumerated() where !seen.insert(day).inserted {
            reader.error(item(node, index)?.location ?? node.location, "days[\(index)]", "\(day.name) is listed twice")
        }
        return days.sorted()
    }

    private func item(_ node: SourceNode, _ index: Int) -> SourceNode? {
        if case .sequence(let items) = node.kind, index < items.count { return items[index] }
        return nil
    }

    mutating func readMDO(_ node: SourceNode, _ path: String) -> MDORule? {
        guard let fields = reader.fields(node, path, allowed: ScenarioKeys.mdo, required: ["every_weeks", "hours"]) else { return nil }
        let every = fields["every_weeks"].flatMap { reader.integer($0, "\(path).every_weeks", 1...ScenarioLimits.maxWeeks) }
        let hours = fields["hours"].flatMap { reader.number($0, "\(path).hours", .positive(upTo: 24)) }
        guard let every, let hours else { return nil }
        return MDORule(everyWeeks: every, hours: hours)
    }

    mutating func readOverhead(_ node: SourceNode) -> Overhead? {
        guard let fields = reader.fields(node, "overhead", allowed: ScenarioKeys.overhead) else { return nil }
        var overhead = Overhead()
        if let n = fields["admin_per_contact_hour"] {
            overhead.adminPerContactHour = reader.number(n, "overhead.admin_per_contact_hour", .nonNegative(upTo: 10)) ?? 0
        }
        if let n = fields["travel_hours_per_visit"] {
            overhead.travelHoursPerVisit = reader.number(n, "overhead.travel_hours_per_visit", .nonNegative(upTo: 8)) ?? 0
        }
        if let n = fields["mdo"], let mdo = readMDO(n, "overhead.mdo") { overhead.mdo = mdo }
        return overhead
    }

    mutating func readObjective(_ node: SourceNode) -> ObjectiveWeights? {
        guard let fields = reader.fields(node, "objective", allowed: ScenarioKeys.objective) else { return nil }
        var weights = ObjectiveWeights()
        let range = NumberRange.nonNegative(upTo: 1e9)
        func weight(_ key: String, _ value: inout Double) {
            if let n = fields[key], let w = reader.number(n, "objective.\(key)", range) { value = w }
        }
        weight("gap_weight", &weights.gapWeight)
        weight("missing_backup_weight", &weights.missingBackupWeight)
        weight("pair_weight", &weights.pairWeight)
        weight("continuity_weight", &weights.continuityWeight)
        weight("session_change_weight", &weights.sessionChangeWeight)
        weight("preference_weight", &weights.preferenceWeight)
        return weights
    }

    /// A list of mappings, written inline or as a CSV file (when `csv`).
    /// With `keepingGoodRows`, the rows that read are returned even when
    /// others do not (their errors are recorded all the same), so that
    /// checks across rows can still report everything at once.
    mutating func table<T>(_ node: SourceNode, _ key: String, limit: Int, allowed: [String], csv: Bool = true,
                           keepingGoodRows: Bool = false,
                           _ element: (inout ScenarioReader, Fields, Int) -> T?) -> [Located<T>]?
    {
        var list = node
        if case .scalar(let path, _) = node.kind, csv {
            guard let table = loadTable(path, key, node.location, allowed) else { return nil }
            list = table
        }
        guard case .sequence(let items) = list.kind else {
            let how = csv ? "a list of \(key) or the name of a CSV file (\(key).csv)" : "a list of \(key)"
            reader.error(node.location, key, "expected \(how), found \(node.kindName)")
            return nil
        }
        if items.isEmpty && (key == "workers" || key == "practices") {
            reader.error(node.location, key, "needs at least one entry")
            return nil
        }
        if items.count > limit {
            reader.error(node.location, key, "\(items.count) entries; teamplan plans at most \(limit) \(key)")
            return nil
        }
        var result: [Located<T>] = []
        var ok = true
        let required = ScenarioKeys.required(key)
        for (index, item) in items.enumerated() {
            let path = "\(key)[\(index)]"
            guard let fields = reader.fields(item, path, allowed: allowed, required: required) else { ok = false; continue }
            if let value = element(&self, fields, index) {
                result.append(Located(value: value, index: index, location: item.location,
                                      idLocation: fields["id"]?.location ?? item.location, fields: fields))
            } else {
                ok = false
            }
        }
        return ok || keepingGoodRows ? result : nil
    }

    mutating func readSlots(_ node: SourceNode, _ path: String, _ context: Context) -> [Slot]? {
        guard let slots = reader.list(node, path, of: "slots such as tue-am", { reader, item, itemPath -> Slot? in
            reader.slot(item, itemPath, in: context.slots)
        }) else { return nil }
        var seen = Set<Slot>()
        var unique: [Slot] = []
        for (index, slot) in slots.enumerated() {
            if seen.insert(slot).inserted {
                unique.append(slot)
            } else {
                reader.warning(item(node, index)?.location ?? node.location, "\(path)[\(index)]", "\(slot) is listed twice", dutch: "\(slot) staat er twee keer in")
            }
        }
        return unique.sorted { context.slots.firstIndex(of: $0)! < context.slots.firstIndex(of: $1)! }
    }

    mutating func readNames(_ node: SourceNode, _ path: String, limit: TextLimit) -> [String]? {
        reader.list(node, path, of: "names") { reader, item, itemPath -> String? in
            guard let text = reader.text(item, itemPath, limit: limit) else { return nil }
            if text.trimmingCharacters(in: .whitespaces).isEmpty {
                reader.error(item.location, itemPath, "an empty name")
                return nil
            }
            return text
        }
    }

    mutating func readWorker(_ f: Fields, _ index: Int, _ context: Context) -> Worker? {
        let id = f["id"].flatMap { reader.id($0, f.path("id")) }
        let name = f["name"].flatMap { reader.text($0, f.path("name")) }
        let hours = f["hours_per_week"].flatMap {
            reader.number($0, f.path("hours_per_week"), .positive(upTo: ScenarioLimits.maxHoursPerWeek))
        }
        var reserved: Double? = 0
        if let n = f["reserved_hours"] {
            reserved = reader.number(n, f.path("reserved_hours"), .nonNegative(upTo: ScenarioLimits.maxHoursPerWeek))
            if let r = reserved, let h = hours {
                if r > h {
                    reader.error(n.location, f.path("reserved_hours"),
                                 "\(FieldReader.format(r)) h reserved is more than the \(FieldReader.format(h)) contract hours")
                    reserved = nil
                } else if r == h {
                    reader.warning(n.location, f.path("reserved_hours"),
                                   "all \(FieldReader.format(h)) contract hours are reserved: this worker can take no session",
                                   dutch: "alle \(NumberStyle.dutch.apply(FieldReader.format(h))) contracturen zijn gereserveerd: deze medewerker kan geen spreekuur nemen")
                }
            }
        }
        let available = f["available"].map { readSlots($0, f.path("available"), context) } ?? context.slots
        let skills = f["skills"].map { readNames($0, f.path("skills"), limit: .skill) } ?? []
        let maxPractices = f["max_practices"].map { reader.integer($0, f.path("max_practices"), 0...1000) } ?? 4
        let leave = f["leave"].map { readLeave($0, f.path("leave")) } ?? []
        let canSubstitute = f["can_substitute"].map { reader.bool($0, f.path("can_substitute")) } ?? true
        guard let id, let hours, let reserved, let available, let skills, let maxPractices, let leave,
              let canSubstitute else { return nil }
        return Worker(id: id, name: name ?? id, hoursPerWeek: hours, reservedHours: reserved, available: available,
                      skills: skills, maxPractices: maxPractices, leave: leave, canSubstitute: canSubstitute)
    }

    mutating func readLeave(_ node: SourceNode, _ path: String) -> [DateRange]? {
        reader.list(node, path, of: "{from, to} date ranges") { reader, item, itemPath -> DateRange? in
            guard let f = reader.fields(item, itemPath, allowed: ScenarioKeys.leave, required: ["from", "to"]) else { return nil }
            let from = f["from"].flatMap { reader.date($0, f.path("from")) }
            let to = f["to"].flatMap { reader.date($0, f.path("to")) }
            guard let from, let to else { return nil }
            if to < from {
                reader.error(f["to"]!.location, f.path("to"), "leave ends on \(to), before it starts on \(from)")
                return nil
            }
            return DateRange(from: from, to: to)
        }
    }

    mutating func readPractice(_ f: Fields, _ index: Int, _ context: Context) -> Practice? {
        let id = f["id"].flatMap { reader.id($0, f.path("id")) }
        let name = f["name"].flatMap { reader.text($0, f.path("name")) }
        var municipality = f["municipality"].flatMap { reader.text($0, f.path("municipality"), limit: .municipality) }
        if let m = municipality, m.trimmingCharacters(in: .whitespaces).isEmpty {
            reader.error(f["municipality"]!.location, f.path("municipality"), "needs a municipality name")
            municipality = nil
        }
        let sessions = f["sessions_per_week"].flatMap { reader.integer($0, f.path("sessions_per_week"), 0...100) }
        let sessionHours = f["session_hours"].flatMap { reader.number($0, f.path("session_hours"), .positive(upTo: 24)) }
        var open = f["open"].flatMap { readSlots($0, f.path("open"), context) }
        if let slots = open, slots.isEmpty {
            reader.error(f["open"]!.location, f.path("open"), "needs at least one open slot")
            open = nil
        }
        if let slots = open, let hours = sessionHours {
            for slot in slots {
                let part = context.dayParts.first { $0.name == slot.part }!
                if hours > part.hours {
                    reader.error(f["session_hours"]!.location, f.path("session_hours"),
                                 "a session of \(FieldReader.format(hours)) h does not fit in \(slot) (the \(part.name) part is \(FieldReader.format(part.hours)) h)")
                    open = nil
                    break
                }
            }
        }
        let skills = f["requires_skills"].map { readNames($0, f.path("requires_skills"), limit: .skill) } ?? []
        var mdo: MDORule?? = context.overhead.mdo
        if var node = f["mdo"] {
            // `mdo: 2w/1h` in YAML too, as in a CSV cell.
            if case .scalar(let text, quoted: _) = node.kind, let parts = MDOText.parts(text) {
                node = SourceNode(.mapping([
                    SourceNode.Entry(key: "every_weeks", keyLocation: node.location, value: SourceNode(.scalar(parts.every, quoted: false), at: node.location)),
                    SourceNode.Entry(key: "hours", keyLocation: node.location, value: SourceNode(.scalar(parts.hours, quoted: false), at: node.location)),
                ]), at: node.location)
            }
            if case .mapping = node.kind {
                mdo = readMDO(node, f.path("mdo")).map { .some($0) }
            } else if case .scalar(let text, quoted: _) = node.kind, FieldReader.boolValue(text) == nil {
                reader.error(node.location, f.path("mdo"), "expected true, false or a rhythm such as 2w/1h (every 2 weeks, 1 hour), found '\(text.truncatedForMessage)'")
                mdo = nil
            } else if let flag = reader.bool(node, f.path("mdo")) {
                mdo = flag ? .some(context.overhead.mdo) : .some(nil)
            } else {
                mdo = nil
            }
        }
        let backups = f["backups"].map { reader.integer($0, f.path("backups"), 0...100) } ?? 1
        let maxWorkers = f["max_workers"].map { reader.integer($0, f.path("max_workers"), 1...100) } ?? 2
        let priority = f["priority"].map { reader.number($0, f.path("priority"), .positive(upTo: 1e6)) } ?? 1
        guard let id, let municipality, let sessions, let sessionHours, let open, let skills, let mdo,
              let backups, let maxWorkers, let priority else { return nil }
        return Practice(id: id, name: name ?? id, municipality: municipality, sessionsPerWeek: sessions,
                        sessionHours: sessionHours, open: open, requiresSkills: skills, mdo: mdo,
                        backups: backups, maxWorkers: maxWorkers, priority: priority)
    }

    mutating func readStream(_ f: Fields, _ index: Int) -> FundingStream? {
        let id = f["id"].flatMap { reader.id($0, f.path("id")) }
        let funder = f["funder"].flatMap { reader.text($0, f.path("funder")) }
        let euros = f["budget_eur"].flatMap { reader.number($0, f.path("budget_eur"), .nonNegative(upTo: ScenarioLimits.maxBudgetEuros)) }
        let hours = f["budget_hours"].flatMap { reader.number($0, f.path("budget_hours"), .nonNegative(upTo: ScenarioLimits.maxBudgetHours)) }
        let rate = f["rate_eur_per_hour"].flatMap { reader.number($0, f.path("rate_eur_per_hour"), .positive(upTo: 10_000)) }
        var budget: FundingStream.Budget?
        switch (f.has("budget_eur"), f.has("budget_hours")) {
        case (true, true):
            let second = f.keyLocation("budget_hours") > f.keyLocation("budget_eur") ? "budget_hours" : "budget_eur"
            reader.error(f.keyLocation(second), f.path(second),
                         "a stream has either budget_eur or budget_hours, not both")
        case (false, false):
            reader.error(f.node.location, f.path("budget_eur"), "missing; a stream needs budget_eur (with rate_eur_per_hour) or budget_hours")
        case (true, false):
            if !f.has("rate_eur_per_hour") {
                reader.error(f.keyLocation("budget_eur"), f.path("rate_eur_per_hour"),
                             "missing; a budget in euros needs the tariff rate_eur_per_hour to turn it into hours")
            } else if let euros, let rate {
                budget = .euros(euros, ratePerHour: rate)
            }
        case (false, true):
            if let hours { budget = .hours(hours) }
        }
        let paysFor = f["pays_for"].flatMap { node -> [Activity]? in
            guard let list = reader.list(node, f.path("pays_for"), of: "activities", { reader, item, path -> Activity? in
                guard let text = reader.text(item, path) else { return nil }
                if let activity = Activity(rawValue: text) { return activity }
                reader.error(item.location, path, "'\(text.truncatedForMessage)' is not an activity; write contact, admin, travel or mdo"
                             + Suggestions.didYouMean(text, in: Activity.allCases.map(\.rawValue)))
                return nil
            }) else { return nil }
            if list.isEmpty {
                reader.error(node.location, f.path("pays_for"), "needs at least one of contact, admin, travel, mdo")
                return nil
            }
            return Array(Set(list)).sorted()
        }
        var scope: FundingStream.Scope? = .everyPractice
        if f.has("municipalities") && f.has("practices") {
            let second = f.keyLocation("practices") > f.keyLocation("municipalities") ? "practices" : "municipalities"
            reader.error(f.keyLocation(second), f.path(second),
                         "a stream is scoped by municipalities or by practices, not both")
            scope = nil
        } else if let node = f["municipalities"] {
            scope = readNames(node, f.path("municipalities"), limit: .municipality).map { .municipalities($0) }
        } else if let node = f["practices"] {
            scope = reader.list(node, f.path("practices"), of: "practice ids") { $0.text($1, $2, limit: .id) }.map { .practices($0) }
        }
        guard let id, let budget, let paysFor, let scope else { return nil }
        return FundingStream(id: id, funder: funder ?? id, budget: budget, ratePerHour: rate, paysFor: paysFor, scope: scope)
    }

    // MARK: Cross-checks

    mutating func checkUnique(_ ids: [(String, SourceLocation, String)], what: String) {
        var first: [String: (id: String, location: SourceLocation)] = [:]
        for (id, location, path) in ids {
            // Ids name files, and macOS and Windows do not tell 'Anja' from 'anja'.
            if let earlier = first[id.lowercased()] {
                if earlier.id == id {
                    reader.error(location, path, "duplicate \(what) id '\(id)' (first at \(earlier.location.lineColumnText))")
                } else {
                    reader.error(location, path, "'\(id)' differs from the \(what) id '\(earlier.id)' (at \(earlier.location.lineColumnText)) only in case; their files would collide on macOS and Windows")
                }
            } else {
                first[id.lowercased()] = (id, location)
            }
        }
    }

    mutating func checkScopes(_ streams: [Located<FundingStream>], practices: [Practice]) {
        let practiceIDs = practices.map(\.id)
        for stream in streams {
            guard case .practices(let ids) = stream.value.scope, let node = stream.fields["practices"],
                  case .sequence(let items) = node.kind else { continue }
            for (index, id) in ids.enumerated() where !practiceIDs.contains(id) {
                reader.error(items[index].location, "funding[\(stream.index)].practices[\(index)]",
                             "no practice has the id '\(id.truncatedForMessage)'" + Suggestions.didYouMean(id, in: practiceIDs))
            }
        }
    }

    /// Keeps the previous plan's pairs whose worker and practice are still
    /// here; names the rest in notices.
    mutating func filterPrevious(_ previous: PreviousPlan, scenario: Scenario, location: SourceLocation?) -> PreviousPlan {
        let workers = Set(scenario.workers.map(\.id)), practices = Set(scenario.practices.map(\.id))
        var gone = Set<String>()
        var kept: [PreviousPlan.Pair] = []
        for pair in previous.pairs {
            if !workers.contains(pair.worker) { gone.insert("worker '\(pair.worker)'") }
            if !practices.contains(pair.practice) { gone.insert("practice '\(pair.practice)'") }
            if workers.contains(pair.worker) && practices.contains(pair.practice) { kept.append(pair) }
        }
        for name in gone.sorted() {
            reader.notice(location, "previous", "the previous plan names \(name), which this scenario lacks; its pairs are ignored",
                          dutch: "het vorige plan noemt \(name.hasPrefix("worker") ? "medewerker" + name.dropFirst(6) : "praktijk" + name.dropFirst(8)), die in dit scenario ontbreekt; die koppels tellen niet mee")
        }
        let slots = Set(scenario.slots.map(\.name))
        let sessions = previous.sessions.filter {
            workers.contains($0.worker) && practices.contains($0.practice) && slots.contains($0.slot)
        }
        for slot in Set(previous.sessions.map(\.slot)).subtracting(slots).sorted() {
            reader.notice(location, "previous", "the previous plan holds sessions in '\(slot.truncatedForMessage)', which is not a slot of this scenario; they are not counted as dropped",
                          dutch: "het vorige plan heeft spreekuren op '\(slot.truncatedForMessage)', geen dagdeel van dit scenario; ze tellen niet als vervallen")
        }
        return PreviousPlan(path: previous.path, pairs: Array(Set(kept)).sorted(), sessions: Array(Set(sessions)).sorted())
    }
}

extension SourceLocation {
    /// `line 3, column 5` (or the file when the position is unknown), for
    /// pointing from one diagnostic to another place.
    var lineColumnText: String {
        if sheet != nil { return cellText }
        guard let line else { return file }
        return "line \(line)" + (column.map { ", column \($0)" } ?? "")
    }
}

/// Where each element of the tables was written, for warnings.
struct Positions {
    var workers: [ScenarioReader.Located<Worker>]
    var practices: [ScenarioReader.Located<Practice>]
    var funding: [ScenarioReader.Located<FundingStream>]
}
