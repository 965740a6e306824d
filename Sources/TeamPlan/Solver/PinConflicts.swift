import Foundation

/// Pins that cannot all hold (scenario.md): no valid plan keeps them all.
/// `pins` is a set of them that cannot hold together and from which no pin
/// can be left out (each is needed for the conflict), in the file's order;
/// `rule` and `reason` say which rule of model.md explains it and by how
/// much, where one rule alone does.
public struct PinConflict: Error, Sendable, CustomStringConvertible {
    public var pins: [Pin]
    /// False when the time ran out (or a stop came) before every pin was
    /// asked whether the conflict needs it: the set holds no plan, but may
    /// be larger than it must.
    public var minimal = true
    public var rule: Evaluation.Rule?
    /// In the planner's words: "anja's 3 pinned sessions need 27 h a week; she has 18 plannable".
    public var reason: String?

    public var description: String {
        "these pins cannot all hold: " + pins.map(\.description).joined(separator: "; ")
            + (reason.map { " (\(rule.map { "\($0.rawValue): " } ?? "")\($0))" } ?? "")
    }
}

/// Finds a `PinConflict`: first by the rules that pins alone can break
/// (H2–H6, H9: counted, with the fewest pins that break them), then, when
/// none does, by leaving out one pin at a time and asking the solver
/// whether a plan keeps the rest (a deletion filter: what remains is
/// minimal, each pin in it needed), with a last question to the money:
/// whether the budgets unlimited would let them hold.
enum PinConflicts {
    /// With `proven`, the search has already shown that no plan keeps all
    /// the pins; `deadline` bounds the solver's questions (each at most 30 s).
    static func find(_ scenario: Scenario, options: SolveOptions, control: SolveControl?, proven: Bool = false,
                     deadline: Date? = nil) throws -> PinConflict? {
        if let counted = byRules(scenario) { return counted }
        return try bySolver(scenario, options: options, control: control, proven: proven, deadline: deadline)
    }

    // MARK: Rules that pins alone break

    /// The smallest conflict among those a rule explains by counting, or nil.
    static func byRules(_ scenario: Scenario) -> PinConflict? {
        let found = workerSlotClashes(scenario) + practiceSlotClashes(scenario) + sessionsAsked(scenario)
            + regularsAllowed(scenario) + practicesAllowed(scenario) + hoursNeeded(scenario)
            + backupClashes(scenario) + teamSize(scenario)
        return found.min { $0.pins.count < $1.pins.count }
    }

    /// H2: two pinned sessions of one worker in one slot.
    static func workerSlotClashes(_ scenario: Scenario) -> [PinConflict] {
        let sessions = scenario.pins.filter { $0.role == .regular && $0.slot != nil }
        return Dictionary(grouping: sessions) { "\($0.worker) \($0.slot!.name)" }.values.filter { $0.count > 1 }.map { group in
            let pins = Array(group.prefix(2))
            return PinConflict(pins: pins, rule: .h2, reason: "\(pins[0].worker) is pinned to two sessions in \(pins[0].slot!) (at \(pins[0].practice) and \(pins[1].practice)); a worker holds one session per slot")
        }
    }

    /// H2: two pinned sessions of one practice in one slot.
    static func practiceSlotClashes(_ scenario: Scenario) -> [PinConflict] {
        let sessions = scenario.pins.filter { $0.role == .regular && $0.slot != nil }
        return Dictionary(grouping: sessions) { "\($0.practice) \($0.slot!.name)" }.values.filter { $0.count > 1 }.map { group in
            let pins = Array(group.prefix(2))
            return PinConflict(pins: pins, rule: .h2, reason: "\(pins[0].practice) has two pinned sessions in \(pins[0].slot!) (\(pins[0].worker) and \(pins[1].worker)); a practice holds one session per slot")
        }
    }

    /// H3: more sessions pinned at a practice (each pinned pair needs one) than it asks for.
    static func sessionsAsked(_ scenario: Scenario) -> [PinConflict] {
        Dictionary(grouping: scenario.sessionPins, by: \.practice).compactMap { id, pins in
            guard let practice = scenario.practice(id), pins.count > practice.sessionsPerWeek else { return nil }
            let chosen = Array(pins.prefix(practice.sessionsPerWeek + 1))
            return PinConflict(pins: chosen, rule: .h3, reason: "\(id) asks for \(Format.count(practice.sessionsPerWeek, "session")) a week; these pins need \(chosen.count)")
        }
    }

    /// H4: more distinct regulars pinned at a practice than it takes.
    static func regularsAllowed(_ scenario: Scenario) -> [PinConflict] {
        tooMany(scenario, per: \.practice, counting: \.worker) { id in
            scenario.practice(id).map { ($0.maxWorkers, "\(id) takes at most \(Format.count($0.maxWorkers, "regular worker")) (max_workers)") }
        }
    }

    /// H4: more distinct practices pinned for a worker than they take.
    static func practicesAllowed(_ scenario: Scenario) -> [PinConflict] {
        tooMany(scenario, per: \.worker, counting: \.practice) { id in
            scenario.worker(id).map { ($0.maxPractices, "\(id) works at most at \(Format.count($0.maxPractices, "practice")) (max_practices)") }
        }
    }

    /// H4 either way: per `key` (a practice, a worker), more distinct
    /// `counted` pinned than its limit allows; the first limit + 1 of them.
    static func tooMany(_ scenario: Scenario, per key: KeyPath<Pin, String>, counting counted: KeyPath<Pin, String>,
                        limit: (String) -> (Int, String)?) -> [PinConflict] {
        Dictionary(grouping: scenario.sessionPins, by: { $0[keyPath: key] }).compactMap { id, pins in
            guard let (most, says) = limit(id) else { return nil }
            let one = firstPerKey(pins, counted)
            guard one.count > most else { return nil }
            let chosen = Array(one.prefix(most + 1))
            return PinConflict(pins: chosen, rule: .h4, reason: "\(says); \(chosen.count) are pinned: \(chosen.map { $0[keyPath: counted] }.joined(separator: ", "))")
        }
    }

    /// H5: a worker's pinned sessions (with admin and travel; one per
    /// pinned pair) need more hours a week than the worker has plannable.
    /// The fewest pins that do: the dearest first.
    static func hoursNeeded(_ scenario: Scenario) -> [PinConflict] {
        Dictionary(grouping: scenario.sessionPins, by: \.worker).compactMap { id, pins in
            guard let worker = scenario.worker(id) else { return nil }
            let costs = pins.compactMap { pin in scenario.practice(pin.practice).map { (pin, scenario.sessionLoad($0)) } }
                .sorted { $0.1 > $1.1 }
            var chosen: [Pin] = []
            var need = 0.0
            for (pin, cost) in costs where need <= worker.plannableHours + 1e-9 {
                chosen.append(pin)
                need += cost
            }
            guard need > worker.plannableHours + 1e-9 else { return nil }
            let h = Format.hours
            return PinConflict(pins: inFileOrder(chosen, scenario), rule: .h5,
                               reason: "\(Format.possessive(id)) \(Format.count(chosen.count, "pinned session")) need \(h(need)) h a week with admin and travel; \(id) has \(h(worker.plannableHours)) plannable")
        }
    }

    /// H6: a worker pinned as a backup of a practice and to a session of
    /// their own in a slot the practice holds a pinned session, or not
    /// available when it does.
    static func backupClashes(_ scenario: Scenario) -> [PinConflict] {
        let sessions = scenario.pins.filter { $0.role == .regular && $0.slot != nil }
        var found: [PinConflict] = []
        for backup in scenario.pins where backup.role == .backup {
            for held in sessions where held.practice == backup.practice && held.worker != backup.worker {
                let slot = held.slot!
                if let worker = scenario.worker(backup.worker), !worker.available.contains(slot) {
                    found.append(PinConflict(pins: inFileOrder([backup, held], scenario), rule: .h6,
                                             reason: "\(backup.worker) is pinned as a backup of \(backup.practice), which holds a pinned session in \(slot), when \(backup.worker) is not available"))
                } else if let own = sessions.first(where: { $0.worker == backup.worker && $0.slot == slot }) {
                    found.append(PinConflict(pins: inFileOrder([backup, held, own], scenario), rule: .h6,
                                             reason: "\(backup.worker) is pinned as a backup of \(backup.practice) and to a session at \(own.practice) in \(slot), when \(backup.practice) holds its pinned session: a backup must be free to step in"))
                }
            }
        }
        return found
    }

    /// H9: more workers pinned than the team size allows.
    static func teamSize(_ scenario: Scenario) -> [PinConflict] {
        guard let size = scenario.teamSize else { return [] }
        let one = firstPerKey(scenario.pins, \.worker)
        guard one.count > size else { return [] }
        let chosen = Array(one.prefix(size + 1))
        return [PinConflict(pins: chosen, rule: .h9, reason: "team_size allows \(Format.count(size, "worker")); \(chosen.count) are pinned: \(chosen.map(\.worker).joined(separator: ", "))")]
    }

    static func firstPerKey(_ pins: [Pin], _ key: KeyPath<Pin, String>) -> [Pin] {
        var seen = Set<String>()
        return pins.filter { seen.insert($0[keyPath: key]).inserted }
    }

    static func inFileOrder(_ pins: [Pin], _ scenario: Scenario) -> [Pin] {
        scenario.pins.filter { pins.contains($0) }
    }

    // MARK: The solver

    /// Leaves out one pin at a time while the rest still cannot hold. Nil
    /// when all of them can (then nothing conflicts) or a question is not
    /// answered in time.
    static func bySolver(_ scenario: Scenario, options: SolveOptions, control: SolveControl?, proven: Bool,
                         deadline: Date?) throws -> PinConflict? {
        var options = options
        options.verbose = false
        options.mipGap = nil
        // Each question at most 30 s, and none past the deadline.
        func holds(_ pins: [Pin], unlimitedMoney: Bool = false) throws -> Bool? {
            let left = deadline.map { $0.timeIntervalSinceNow } ?? 30
            guard left > 0.05, control?.isStopped != true else { return nil }
            options.timeLimit = min(30, left)
            var trial = scenario
            trial.pins = pins
            if unlimitedMoney {
                trial.funding = trial.funding.map { stream in
                    var free = stream
                    free.budget = .hours(1e7)
                    return free
                }
            }
            let formulation = Formulation(trial)
            if !formulation.impossiblePins.isEmpty { return false }
            var model = formulation.model
            model.removeObjective()
            let raw = try options.backend.solve(model, options: options, objectiveStep: nil, control: control, progress: nil)
            switch raw.status {
            case .optimal, .feasible: return true
            case .infeasible: return false
            case .stopped: return nil
            }
        }
        if !proven { guard try holds(scenario.pins) == false else { return nil } }
        var kept = scenario.pins
        var minimal = true
        for pin in scenario.pins {
            let without = kept.filter { $0 != pin }
            switch try holds(without) {
            case false?: kept = without
            case true?: break
            case nil: minimal = false  // not asked in time: the pin stays
            }
        }
        var conflict = PinConflict(pins: kept, rule: nil, reason: nil)
        conflict.minimal = minimal
        if try holds(kept, unlimitedMoney: true) == true {
            conflict.rule = .h8
            conflict.reason = "the money does not stretch: the streams that may pay for these sessions have too little budget left for them all (with unlimited budgets they hold)"
        }
        return conflict
    }
}
