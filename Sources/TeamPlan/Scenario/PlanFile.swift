import Foundation

/// plan.json: written with keys in the order of model.md and one list entry
/// a line; read back through the YAML pass (JSON is YAML's flow form), so a
/// malformed file gets a line and column like a scenario does.
public enum PlanFile {
    /// The bytes of plan.json. Lists are sorted; numbers are written in
    /// their shortest exact form. With `timing: false` the timing fields are
    /// left out (for comparing two runs byte for byte).
    public static func encode(_ plan: Plan, timing: Bool = true) -> String {
        let plan = plan.sorted
        var fields: [(String, JSONText)] = [
            ("scenario", .string(plan.scenario)),
            ("status", .string(plan.status.rawValue)),
        ]
        if let from = plan.from { fields.append(("from", .string(from.description))) }
        fields += [
            ("objective", .number(plan.objective)),
            ("bound", .number(plan.bound)),
            ("mip_gap", .number(plan.mipGap)),
        ]
        if timing { fields.append(("solve_seconds", .number(plan.solveSeconds))) }
        fields += [
            ("sessions", .array(plan.sessions.map {
                .object([("worker", .string($0.worker)), ("practice", .string($0.practice)), ("slot", .string($0.slot))])
            })),
            ("backups", .array(plan.backups.map {
                .object([("worker", .string($0.worker)), ("practice", .string($0.practice))])
            })),
            ("mdo", .array(plan.mdo.map {
                .object([("worker", .string($0.worker)), ("practice", .string($0.practice))])
            })),
            ("funding", .array(plan.funding.map {
                .object([("stream", .string($0.stream)), ("practice", .string($0.practice)),
                         ("activity", .string($0.activity.rawValue)), ("hours", .number($0.hours))])
            })),
        ]
        if let totals = plan.totals {
            var stated: [(String, JSONText)] = [
                ("gap_hours", .number(totals.gapHours)),
                ("missing_backups", .integer(totals.missingBackups)),
                ("pairs", .integer(totals.pairs)),
                ("dropped_pairs", .integer(totals.droppedPairs)),
            ]
            if let dropped = totals.droppedSessions { stated.append(("dropped_sessions", .integer(dropped))) }
            if let unmet = totals.unmetPreference { stated.append(("unmet_preference", .number(unmet))) }
            fields.append(("totals", .object(stated)))
        }
        if let least = plan.leastMoney {
            var tieBreak: [(String, JSONText)] = [
                ("unit", .string(least.unit.rawValue)),
                ("money", .number(least.money)),
                ("before", .number(least.before)),
                ("bound", .number(least.bound)),
                ("ending", .string(least.ending.rawValue)),
            ]
            if !least.unpriced.isEmpty { tieBreak.append(("unpriced", .array(least.unpriced.map { .string($0) }))) }
            fields.append(("least_money", .object(tieBreak)))
        }
        return JSONText.object(fields).rendered(depth: 0) + "\n"
    }

    /// Reads plan.json; every problem is a diagnostic with its position.
    public static func decode(_ bytes: [UInt8], file: String) -> (plan: Plan?, diagnostics: [Diagnostic]) {
        let text: String
        switch ScenarioLoader.decodeUTF8(bytes, file: file, kind: .plan) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let decoded): text = decoded
        }
        let (root, problems) = YAMLLoader.load(text, file: file, kind: .plan)
        guard let root else { return (nil, problems.map(\.asPlanProblem)) }
        var reader = FieldReader(peopleWriteNumbers: false)
        let plan = read(root, &reader)
        let diagnostics = reader.diagnostics.sortedByLocation()
        return (diagnostics.hasErrors ? nil : plan, diagnostics)
    }

    /// Reads the plan file at `path`, within the size limit.
    public static func load(path: String) -> (plan: Plan?, diagnostics: [Diagnostic]) {
        switch ScenarioLoader.readBytes(path, display: path, location: nil, what: "plan") {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let bytes): return decode(bytes, file: path)
        }
    }

    static let keys = ["scenario", "status", "objective", "bound", "mip_gap", "solve_seconds",
                       "sessions", "backups", "mdo", "funding", "totals", "from", "least_money"]
    /// Required in a plan's totals; `laterTotalKeys` came with pins and
    /// preferences, and plan files written before them lack them.
    static let totalKeys = ["gap_hours", "missing_backups", "pairs", "dropped_pairs"]
    static let laterTotalKeys = ["dropped_sessions", "unmet_preference"]

    /// Every number of a plan file may be tiny: a plan from another solver
    /// carries its float noise (a gap of 5.5e-15, 1e-12 hours), and none
    /// of them is a coefficient of a model.
    static let anyNumber = NumberRange(lower: -1e300, upper: 1e300, phrase: "a number", allowsTiny: true)

    static func read(_ root: SourceNode, _ r: inout FieldReader) -> Plan? {
        guard let f = r.fields(root, "", allowed: keys, required: ["scenario", "status", "sessions"]) else { return nil }
        let scenario = f["scenario"].flatMap { r.text($0, "scenario") }
        let status = readStatus(f, &r)
        func optionalNumber(_ key: String, _ range: NumberRange) -> Double?? {
            guard let node = f[key] else { return .some(nil) }
            return r.number(node, key, range).map { .some($0) }
        }
        let objective = optionalNumber("objective", anyNumber)
        let bound = optionalNumber("bound", anyNumber)
        let gap = optionalNumber("mip_gap", NumberRange.nonNegative(upTo: 1e300).allowingTiny)
        let seconds = optionalNumber("solve_seconds", NumberRange.nonNegative(upTo: 1e300).allowingTiny)
        let sessions = f["sessions"].flatMap { readSessions($0, &r) }
        let backups = readRoles(f, "backups", &r)
        let mdo = readRoles(f, "mdo", &r)
        let funding: [Plan.Funding]? = f["funding"].map { readFunding($0, &r) } ?? []
        let totals = readTotals(f, &r)
        var from: LocalDate?? = .some(nil)
        if let node = f["from"] { from = r.date(node, "from").map { .some($0) } }
        guard let scenario, let status, let objective, let bound, let gap, let seconds, let sessions,
              let backups, let mdo, let funding, let totals, let from else { return nil }
        var plan = Plan(scenario: scenario, status: status, objective: objective, bound: bound, mipGap: gap,
                        solveSeconds: seconds, sessions: sessions, backups: backups, mdo: mdo, funding: funding,
                        totals: totals)
        plan.from = from
        if let node = f["least_money"] {
            guard let least = readLeastMoney(node, &r) else { return nil }
            plan.leastMoney = least
        }
        return plan
    }

    /// `least_money`: the tie-break as the plan took it.
    static func readLeastMoney(_ node: SourceNode, _ r: inout FieldReader) -> LeastMoney? {
        guard let f = r.fields(node, "least_money", allowed: ["unit", "money", "before", "bound", "ending", "unpriced", "seconds"],
                               required: ["unit", "money", "before", "ending"]) else { return nil }
        func word<T: RawRepresentable<String>>(_ key: String, _ type: T.Type, _ expected: String) -> T? {
            guard let node = f[key], let text = r.text(node, f.path(key)) else { return nil }
            guard let value = T(rawValue: text) else {
                r.error(node.location, f.path(key), "'\(text.truncatedForMessage)' is not one of \(expected)")
                return nil
            }
            return value
        }
        let unit = word("unit", LeastMoney.Unit.self, "euros, hours")
        let ending = word("ending", LeastMoney.Ending.self, "proven, time_limit, search_limit, mip_gap, stopped, no_time, rejected")
        let money = f["money"].flatMap { r.number($0, f.path("money"), NumberRange.nonNegative(upTo: 1e300).allowingTiny) }
        let before = f["before"].flatMap { r.number($0, f.path("before"), NumberRange.nonNegative(upTo: 1e300).allowingTiny) }
        var bound: Double?? = .some(nil)
        if let node = f["bound"] { bound = r.number(node, f.path("bound"), anyNumber).map { .some($0) } }
        var seconds: Double?? = .some(nil)
        if let node = f["seconds"] { seconds = r.number(node, f.path("seconds"), NumberRange.nonNegative(upTo: 1e300).allowingTiny).map { .some($0) } }
        var unpriced: [String]? = []
        if let node = f["unpriced"] {
            unpriced = r.list(node, f.path("unpriced"), of: "stream ids") { r, item, path in r.text(item, path, limit: .id) }
        }
        guard let unit, let ending, let money, let before, let bound, let seconds, let unpriced else { return nil }
        return LeastMoney(unit: unit, before: before, money: money, bound: bound, ending: ending, unpriced: unpriced, seconds: seconds ?? 0)
    }

    static func readStatus(_ f: Fields, _ r: inout FieldReader) -> Plan.Status? {
        guard let node = f["status"], let text = r.text(node, "status") else { return nil }
        let status = Plan.Status(rawValue: text)
        if status == nil {
            r.error(node.location, "status", "'\(text.truncatedForMessage)' is not a status; expected optimal, feasible or no_plan")
        }
        return status
    }

    static func readSessions(_ node: SourceNode, _ r: inout FieldReader) -> [Plan.Session]? {
        r.list(node, "sessions", of: "sessions") { r, item, path -> Plan.Session? in
            guard let s = r.fields(item, path, allowed: ["worker", "practice", "slot"],
                                   required: ["worker", "practice", "slot"]) else { return nil }
            let worker = s["worker"].flatMap { r.text($0, s.path("worker"), limit: .id) }
            let practice = s["practice"].flatMap { r.text($0, s.path("practice"), limit: .id) }
            let slot = s["slot"].flatMap { r.text($0, s.path("slot"), limit: .slot) }
            guard let worker, let practice, let slot else { return nil }
            return Plan.Session(worker: worker, practice: practice, slot: slot)
        }
    }

    /// Backups or MDO attendees: worker–practice pairs; none when the key is missing.
    static func readRoles(_ f: Fields, _ key: String, _ r: inout FieldReader) -> [Plan.Role]? {
        guard let node = f[key] else { return [] }
        return r.list(node, key, of: "worker–practice pairs") { r, item, path -> Plan.Role? in
            guard let s = r.fields(item, path, allowed: ["worker", "practice"], required: ["worker", "practice"])
            else { return nil }
            let worker = s["worker"].flatMap { r.text($0, s.path("worker"), limit: .id) }
            let practice = s["practice"].flatMap { r.text($0, s.path("practice"), limit: .id) }
            guard let worker, let practice else { return nil }
            return Plan.Role(worker: worker, practice: practice)
        }
    }

    static func readFunding(_ node: SourceNode, _ r: inout FieldReader) -> [Plan.Funding]? {
        r.list(node, "funding", of: "funding lines") { r, item, path -> Plan.Funding? in
            guard let s = r.fields(item, path, allowed: ["stream", "practice", "activity", "hours"],
                                   required: ["stream", "practice", "activity", "hours"]) else { return nil }
            let stream = s["stream"].flatMap { r.text($0, s.path("stream"), limit: .id) }
            let practice = s["practice"].flatMap { r.text($0, s.path("practice"), limit: .id) }
            var activity: Activity?
            if let a = s["activity"], let text = r.text(a, s.path("activity")) {
                activity = Activity(rawValue: text)
                if activity == nil {
                    r.error(a.location, s.path("activity"), "'\(text.truncatedForMessage)' is not an activity; expected contact, admin, travel or mdo")
                }
            }
            let hours = s["hours"].flatMap { r.number($0, s.path("hours"), anyNumber) }
            guard let stream, let practice, let activity, let hours else { return nil }
            return Plan.Funding(stream: stream, practice: practice, activity: activity, hours: hours)
        }
    }

    /// The stated totals: .some(nil) when the file has none, nil when they do not read.
    static func readTotals(_ f: Fields, _ r: inout FieldReader) -> Plan.Totals?? {
        guard let node = f["totals"] else { return .some(nil) }
        guard let t = r.fields(node, "totals", allowed: totalKeys + laterTotalKeys, required: totalKeys) else { return nil }
        let gapHours = t["gap_hours"].flatMap { r.number($0, "totals.gap_hours", anyNumber) }
        let missing = t["missing_backups"].flatMap { r.integer($0, "totals.missing_backups", 0...Int(Int32.max)) }
        let pairs = t["pairs"].flatMap { r.integer($0, "totals.pairs", 0...Int(Int32.max)) }
        let dropped = t["dropped_pairs"].flatMap { r.integer($0, "totals.dropped_pairs", 0...Int(Int32.max)) }
        var droppedSessions: Int?? = .some(nil), unmet: Double?? = .some(nil)
        if let node = t["dropped_sessions"] { droppedSessions = r.integer(node, "totals.dropped_sessions", 0...Int(Int32.max)).map { .some($0) } }
        if let node = t["unmet_preference"] { unmet = r.number(node, "totals.unmet_preference", anyNumber).map { .some($0) } }
        guard let gapHours, let missing, let pairs, let dropped, let droppedSessions, let unmet else { return nil }
        return .some(Plan.Totals(gapHours: gapHours, missingBackups: missing, pairs: pairs, droppedPairs: dropped,
                                 droppedSessions: droppedSessions, unmetPreference: unmet))
    }
}

extension Diagnostic {
    /// A YAML parser's words made fit for a JSON file.
    var asPlanProblem: Diagnostic {
        var copy = self
        copy.message = message.replacingOccurrences(of: "not valid YAML", with: "not valid JSON")
        return copy
    }
}

/// Just enough JSON for plan.json, written in a fixed, readable layout.
indirect enum JSONText {
    case string(String)
    case number(Double?)
    case integer(Int)
    case array([JSONText])
    case object([(String, JSONText)])

    func rendered(depth: Int) -> String {
        let indent = String(repeating: "  ", count: depth + 1)
        let closing = String(repeating: "  ", count: depth)
        switch self {
        case .string(let s): return Self.quote(s)
        case .number(let n): return n.map(Self.number) ?? "null"
        case .integer(let i): return String(i)
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { indent + $0.inline }.joined(separator: ",\n") + "\n" + closing + "]"
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            return "{\n" + fields.map { indent + Self.quote($0.0) + ": " + $0.1.rendered(depth: depth + 1) }
                .joined(separator: ",\n") + "\n" + closing + "}"
        }
    }

    /// On one line: list entries are short records.
    var inline: String {
        switch self {
        case .array(let items): return "[" + items.map(\.inline).joined(separator: ", ") + "]"
        case .object(let fields): return "{" + fields.map { Self.quote($0.0) + ": " + $0.1.inline }.joined(separator: ", ") + "}"
        default: return rendered(depth: 0)
        }
    }

    /// The shortest text that reads back as the same double; integers as `26.0`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 { return "0.0" }
        return String(describing: value)
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
