/// The manager's decisions (scenario.md, `pins`, `avoid`, `preferences`):
/// each a list, inline or as a CSV table, read after the workers and
/// practices they name. Every reference is checked with a did-you-mean,
/// and a pin that can never hold on its own is an error at the pin; pins
/// that each could hold but not together are the planner's to find
/// (`PinConflicts`).
extension ScenarioReader {
    typealias Decisions = (pins: [Pin], avoid: [Avoid], preferences: [Preference])

    /// The three lists (the rows that read, when some do not: their errors
    /// are recorded, and the checks across rows still run on the rest), or
    /// nil when a list does not read at all.
    mutating func readDecisions(_ top: Fields, workers: [Located<Worker>], practices: [Located<Practice>],
                                context: Context, teamSize: Int?) -> Decisions? {
        let names = Names(workers: workers.map(\.value), practices: practices.map(\.value), slots: context.slots)
        let pins = top["pins"].flatMap {
            table($0, "pins", limit: ScenarioKeys.rowLimit("pins"), allowed: ScenarioKeys.pin, keepingGoodRows: true) { reader, f, _ in
                reader.readPin(f, names)
            }
        }
        let avoid = top["avoid"].flatMap {
            table($0, "avoid", limit: ScenarioKeys.rowLimit("avoid"), allowed: ScenarioKeys.avoid, keepingGoodRows: true) { reader, f, _ in
                reader.readPair(f, names).map { Avoid(worker: $0.worker.id, practice: $0.practice.id, location: f.node.location) }
            }
        }
        let preferences = top["preferences"].flatMap {
            table($0, "preferences", limit: ScenarioKeys.rowLimit("preferences"), allowed: ScenarioKeys.preference, keepingGoodRows: true) { reader, f, _ in
                reader.readPreference(f, names)
            }
        }
        if top.has("pins") && pins == nil || top.has("avoid") && avoid == nil || top.has("preferences") && preferences == nil {
            return nil
        }
        let decisions = ((pins ?? []).map(\.value), (avoid ?? []).map(\.value), (preferences ?? []).map(\.value))
        checkPins(decisions.0, names, overhead: context.overhead, teamSize: teamSize)
        checkTwice(decisions.0.map { ($0.pair, $0.slot, $0.role, $0.location) }, list: "pins")
        checkTwice(decisions.1.map { ($0.pair, Slot?.none, Pin.Role.regular, $0.location) }, list: "avoid")
        checkTwice(decisions.2.map { ($0.pair, Slot?.none, Pin.Role.regular, $0.location) }, list: "preferences")
        checkPinnedAndAvoided(decisions.0, decisions.1)
        checkPreferences(decisions.2, avoid: decisions.1, names, overhead: context.overhead)
        return decisions
    }

    /// The workers, practices and slots decisions may name.
    struct Names {
        var workers: [Worker]
        var practices: [Practice]
        var slots: [Slot]
        var workerByID: [String: Worker]
        var practiceByID: [String: Practice]

        init(workers: [Worker], practices: [Practice], slots: [Slot]) {
            self.workers = workers
            self.practices = practices
            self.slots = slots
            workerByID = Dictionary(workers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            practiceByID = Dictionary(practices.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// `worker` and `practice`, each naming one of the scenario.
    mutating func readPair(_ f: Fields, _ names: Names) -> (worker: Worker, practice: Practice)? {
        let worker = named(f, "worker", names.workerByID, ids: names.workers.map(\.id))
        let practice = named(f, "practice", names.practiceByID, ids: names.practices.map(\.id))
        guard let worker, let practice else { return nil }
        return (worker, practice)
    }

    /// The value of `key`: the id of one of `known`, with a did-you-mean when it is none.
    mutating func named<T>(_ f: Fields, _ key: String, _ known: [String: T], ids: [String]) -> T? {
        guard let node = f[key], let id = reader.text(node, f.path(key), limit: .id) else { return nil }
        if let value = known[id] { return value }
        reader.error(node.location, f.path(key), "no \(key) has the id '\(id.truncatedForMessage)'" + Suggestions.didYouMean(id, in: ids))
        return nil
    }

    mutating func readPin(_ f: Fields, _ names: Names) -> Pin? {
        let pair = readPair(f, names)
        var role: Pin.Role? = .regular
        if let node = f["role"] {
            role = reader.text(node, f.path("role")).flatMap { text in
                if let role = Pin.Role(rawValue: text) { return role }
                reader.error(node.location, f.path("role"), "'\(text.truncatedForMessage)' is not a role; write regular or backup"
                             + Suggestions.didYouMean(text, in: Pin.Role.allCases.map(\.rawValue)))
                return nil
            }
        }
        var slot: Slot??  = .some(nil)
        if let node = f["slot"] {
            slot = reader.slot(node, f.path("slot"), in: names.slots).map { .some($0) }
            if role == .backup {
                reader.error(node.location, f.path("slot"),
                             "a backup pin has no slot: a backup stands in whenever the practice holds a session (leave out slot, or role: backup)")
                slot = nil
            }
        }
        guard let pair, let role, let slot else { return nil }
        return Pin(worker: pair.worker.id, practice: pair.practice.id, slot: slot, role: role, location: f.node.location)
    }

    mutating func readPreference(_ f: Fields, _ names: Names) -> Preference? {
        let pair = readPair(f, names)
        let range = NumberRange(lower: -100, upper: 100, phrase: "a number from -100 to 100 other than 0 (+ wants to be a regular there, − would rather not)")
        var weight = f["weight"].flatMap { reader.number($0, f.path("weight"), range) }
        if weight == 0, let node = f["weight"] {
            reader.error(node.location, f.path("weight"), "a preference of 0 says nothing; give a weight from -100 to 100 other than 0, or leave the preference out")
            weight = nil
        }
        guard let pair, let weight else { return nil }
        return Preference(worker: pair.worker.id, practice: pair.practice.id, weight: weight, location: f.node.location)
    }

    // MARK: Cross-checks

    /// A pin that can never hold, whatever else the plan does: an error at the pin.
    mutating func checkPins(_ pins: [Pin], _ names: Names, overhead: Overhead, teamSize: Int?) {
        let regularPins = Set(pins.filter { $0.role == .regular }.map(\.pair))
        for pin in pins {
            guard let worker = names.workerByID[pin.worker], let practice = names.practiceByID[pin.practice] else { continue }
            let h = FieldReader.format
            var reasons: [String] = []
            if !worker.isEligible(for: practice) {
                let missing = practice.requiresSkills.filter { !worker.skills.contains($0) }
                reasons.append("\(worker.id) lacks the skill\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) that \(practice.id) requires")
            }
            if teamSize == 0 { reasons.append("team_size is 0: no worker may have a role") }
            switch pin.role {
            case .backup:
                if !worker.canSubstitute { reasons.append("\(worker.id) may not substitute (can_substitute: false)") }
                if regularPins.contains(pin.pair) { reasons.append("\(worker.id) is also pinned as a regular of \(practice.id), and a backup is no regular there") }
            case .regular:
                if practice.sessionsPerWeek == 0 { reasons.append("\(practice.id) asks for no sessions (sessions_per_week: 0)") }
                if worker.maxPractices == 0 { reasons.append("\(worker.id) may take no practice (max_practices: 0)") }
                let cost = overhead.sessionLoad(practice)
                if cost > worker.plannableHours + 1e-9 {
                    reasons.append("one session at \(practice.id) takes \(h(cost)) h a week with admin and travel; \(worker.id) has \(h(worker.plannableHours)) plannable")
                }
                if let slot = pin.slot {
                    if !worker.available.contains(slot) { reasons.append("\(worker.id) is not available in \(slot)") }
                    if !practice.open.contains(slot) {
                        reasons.append("\(practice.id) has no room in \(slot) (open: \(practice.open.map(\.name).joined(separator: ", ")))")
                    }
                } else if !practice.open.contains(where: worker.available.contains) {
                    reasons.append("\(worker.id) is available in none of \(Format.possessive(practice.id)) open slots (\(practice.open.map(\.name).joined(separator: ", ")))")
                }
            }
            if !reasons.isEmpty {
                reader.error(pin.location, "pins", "the pin \(pin) can never hold: " + reasons.joined(separator: "; "))
            }
        }
    }

    /// The same entry twice in one list. Pins of one pair in two slots are
    /// two sessions (a practice that asks for two a week); a pair pinned
    /// with and without a slot is the pair twice: an error at the later.
    mutating func checkTwice(_ entries: [(pair: WorkerPractice, slot: Slot?, role: Pin.Role, location: SourceLocation?)], list: String) {
        var first: [String: SourceLocation?] = [:]
        var slotted: [WorkerPractice: SourceLocation?] = [:]
        var unslotted: [WorkerPractice: SourceLocation?] = [:]
        for entry in entries {
            let key = "\(entry.pair.worker) \(entry.pair.practice) \(entry.slot?.name ?? "") \(entry.role)"
            if let earlier = first[key] {
                let what = list == "pins" ? "pinned" : list == "avoid" ? "avoided" : "given a preference"
                reader.error(entry.location, list, "\(entry.pair.worker) at \(entry.pair.practice)\(entry.slot.map { " in \($0)" } ?? "") is \(what) twice (first at \(Self.place(earlier)))")
                continue
            }
            first[key] = entry.location
            guard entry.role == .regular, list == "pins" else { continue }
            if entry.slot == nil { unslotted[entry.pair] = entry.location } else if slotted[entry.pair] == nil { slotted[entry.pair] = entry.location }
        }
        for (pair, location) in unslotted.sorted(by: { $0.key < $1.key }) {
            guard let session = slotted[pair] else { continue }
            let later = (location ?? SourceLocation(file: "")) > (session ?? SourceLocation(file: "")) ? location : session
            let earlier = later == location ? session : location
            reader.error(later, list, "\(pair.worker) at \(pair.practice) is pinned both without a slot and in a slot (at \(Self.place(earlier))); the pinned session already makes the pair: keep one")
        }
    }

    /// The same pair both pinned and avoided: an error at the pin.
    mutating func checkPinnedAndAvoided(_ pins: [Pin], _ avoid: [Avoid]) {
        let avoided = Dictionary(avoid.map { ($0.pair, $0.location) }, uniquingKeysWith: { a, _ in a })
        for pin in pins {
            guard let location = avoided[pin.pair] else { continue }
            reader.error(pin.location, "pins", "\(pin.worker) at \(pin.practice) is both pinned and avoided (avoid at \(Self.place(location))); keep one")
        }
    }

    /// A preference that can never be met or never matter: a warning.
    mutating func checkPreferences(_ preferences: [Preference], avoid: [Avoid], _ names: Names, overhead: Overhead) {
        let avoided = Set(avoid.map(\.pair))
        for preference in preferences {
            guard let worker = names.workerByID[preference.worker], let practice = names.practiceByID[preference.practice] else { continue }
            let cost = overhead.sessionLoad(practice)
            let possible = worker.isEligible(for: practice) && practice.sessionsPerWeek > 0 && worker.maxPractices > 0
                && cost <= worker.plannableHours + 1e-9 && practice.open.contains(where: worker.available.contains)
            let pair = "\(worker.id) at \(practice.id)"
            if avoided.contains(preference.pair) {
                reader.warning(preference.location, "preferences", "\(pair) is avoided, so this preference is never a regular pair: "
                               + (preference.weight > 0 ? "it is never met" : "it is always met"),
                               dutch: "\(worker.id) bij \(practice.id) wordt vermeden, dus deze voorkeur wordt nooit een vast koppel: "
                               + (preference.weight > 0 ? "ze wordt nooit vervuld" : "ze wordt altijd vervuld"))
            } else if !possible {
                reader.warning(preference.location, "preferences", "\(pair) can never be a regular pair (eligibility, shared slots, hours or sessions asked): "
                               + (preference.weight > 0 ? "this preference is never met" : "this preference is always met"),
                               dutch: "\(worker.id) bij \(practice.id) kan nooit een vast koppel zijn (geschiktheid, gedeelde dagdelen, uren of gevraagde spreekuren): "
                               + (preference.weight > 0 ? "deze voorkeur wordt nooit vervuld" : "deze voorkeur wordt altijd vervuld"))
            }
        }
    }

    static func place(_ location: SourceLocation?) -> String { location?.lineColumnText ?? "an earlier entry" }
}
