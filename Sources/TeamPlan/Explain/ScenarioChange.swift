/// One change to a scenario whose effect on the gap `teamplan explain`
/// measures by solving again: a family of limits lifted (why is there a
/// gap?) or a resource added (what would more buy?).
public enum ScenarioChange: Hashable, Sendable {
    /// Every worker has every skill a practice requires.
    case skills
    /// Every worker is available in every slot of the week.
    case availability
    /// No contract-hours limit: hours per week large enough for anything,
    /// nothing reserved.
    case workerHours
    /// The stream's budget unlimited.
    case budget(stream: String)
    /// The stream pays for every activity at every practice.
    case scope(stream: String)
    /// No limit on regulars per practice or practices per worker.
    case maxWorkersAndPractices
    /// No team size.
    case teamSize
    /// Nobody on leave.
    case leave
    /// The stream's budget times `factor` (a marginal: +10 %, +25 %).
    case budgetScale(stream: String, factor: Double)
    /// One more worker with these skills, 24 contract hours, every slot.
    case extraWorker(skills: [String])

    /// The hours an extra worker has (issue 9: "at 24 h/week").
    public static let extraWorkerHours = 24.0

    /// The limit families that apply to a scenario, in a fixed order.
    public static func families(of scenario: Scenario) -> [ScenarioChange] {
        var result: [ScenarioChange] = [.skills, .availability, .workerHours]
        result += scenario.funding.map { .budget(stream: $0.id) }
        result += scenario.funding.map { .scope(stream: $0.id) }
        result.append(.maxWorkersAndPractices)
        if scenario.teamSize != nil { result.append(.teamSize) }
        if scenario.workers.contains(where: { !$0.leave.isEmpty }) { result.append(.leave) }
        return result
    }

    /// The marginals: each stream's budget +10 % and +25 %, one more worker
    /// of each skill profile in the team.
    public static func marginals(of scenario: Scenario) -> [ScenarioChange] {
        var result: [ScenarioChange] = []
        for stream in scenario.funding {
            result += [.budgetScale(stream: stream.id, factor: 1.1), .budgetScale(stream: stream.id, factor: 1.25)]
        }
        let profiles = Set(scenario.workers.map { $0.skills.sorted() })
        result += profiles.sorted { $0.joined(separator: "+") < $1.joined(separator: "+") }.map { .extraWorker(skills: $0) }
        return result
    }

    /// A resource added (what would more buy?) rather than a limit lifted.
    public var isMarginal: Bool {
        switch self {
        case .budgetScale, .extraWorker: true
        default: false
        }
    }

    /// A stable name: explain.json's `change`, and how its text finds the words again.
    public var id: String {
        switch self {
        case .skills: "skills"
        case .availability: "availability"
        case .workerHours: "worker-hours"
        case .budget(let stream): "budget:\(stream)"
        case .scope(let stream): "scope:\(stream)"
        case .maxWorkersAndPractices: "max-workers-practices"
        case .teamSize: "team-size"
        case .leave: "leave"
        case .budgetScale(let stream, let factor): "budget-scale:\(stream):\(factor)"
        case .extraWorker(let skills): "extra-worker:\(skills.joined(separator: "+"))"
        }
    }

    public init?(id: String) {
        let parts = id.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch (parts.first, parts.count) {
        case ("skills", 1): self = .skills
        case ("availability", 1): self = .availability
        case ("worker-hours", 1): self = .workerHours
        case ("budget", 2): self = .budget(stream: parts[1])
        case ("scope", 2): self = .scope(stream: parts[1])
        case ("max-workers-practices", 1): self = .maxWorkersAndPractices
        case ("team-size", 1): self = .teamSize
        case ("leave", 1): self = .leave
        case ("budget-scale", 3):
            guard let factor = Double(parts[2]), factor.isFinite, factor > 0 else { return nil }
            self = .budgetScale(stream: parts[1], factor: factor)
        case ("extra-worker", 2): self = .extraWorker(skills: parts[1].isEmpty ? [] : parts[1].split(separator: "+").map(String.init))
        default: return nil
        }
    }

    /// In a planner's words, in English (`Labels.change` in either language).
    public var description: String {
        switch self {
        case .skills: "skills (every worker eligible everywhere)"
        case .availability: "availability (every worker free in every slot)"
        case .workerHours: "contract hours (no weekly limit)"
        case .budget(let stream): "budget of \(stream) (unlimited)"
        case .scope(let stream): "what \(stream) pays for (every activity, every practice)"
        case .maxWorkersAndPractices: "max workers per practice and practices per worker"
        case .teamSize: "team size"
        case .leave: "leave (nobody away)"
        case .budgetScale(let stream, let factor): "budget of \(stream) +\(Format.hours((factor - 1) * 100)) %"
        case .extraWorker(let skills):
            "one more worker (\(skills.isEmpty ? "no skills" : skills.joined(separator: ", ")), \(Format.hours(Self.extraWorkerHours)) h/week)"
        }
    }

    /// The scenario with this change made.
    public func apply(to scenario: Scenario) -> Scenario {
        var s = scenario
        let allSlots = s.days.flatMap { day in s.dayParts.map { Slot(day: day, part: $0.name) } }
        switch self {
        case .skills:
            for w in s.workers.indices { s.workers[w].skills = Array(Set(s.practices.flatMap(\.requiresSkills) + s.workers[w].skills)).sorted() }
        case .availability:
            for w in s.workers.indices { s.workers[w].available = allSlots }
        case .workerHours:
            for w in s.workers.indices {
                s.workers[w].hoursPerWeek = 10_000
                s.workers[w].reservedHours = 0
            }
        case .budget(let stream):
            for k in s.funding.indices where s.funding[k].id == stream { s.funding[k].budget = .hours(1e9) }
        case .scope(let stream):
            for k in s.funding.indices where s.funding[k].id == stream {
                s.funding[k].scope = .everyPractice
                s.funding[k].paysFor = Activity.allCases
            }
        case .maxWorkersAndPractices:
            for w in s.workers.indices { s.workers[w].maxPractices = s.practices.count }
            for p in s.practices.indices { s.practices[p].maxWorkers = s.workers.count }
        case .teamSize:
            s.teamSize = nil
        case .leave:
            for w in s.workers.indices { s.workers[w].leave = [] }
        case .budgetScale(let stream, let factor):
            s.scaleBudget(of: stream, by: factor)
        case .extraWorker(let skills):
            var id = "extra-" + (skills.isEmpty ? "worker" : skills.joined(separator: "-"))
            while s.workers.contains(where: { $0.id == id }) || s.practices.contains(where: { $0.id == id }) { id += "-1" }
            s.workers.append(Worker(id: id, name: "One more worker", hoursPerWeek: Self.extraWorkerHours, reservedHours: 0,
                                    available: allSlots, skills: skills))
        }
        return s
    }
}

extension Scenario {
    /// Multiplies a stream's budget (`*`: every stream's) by `factor`.
    public mutating func scaleBudget(of stream: String, by factor: Double) {
        for k in funding.indices where stream == "*" || funding[k].id == stream {
            switch funding[k].budget {
            case .euros(let euros, let rate): funding[k].budget = .euros(euros * factor, ratePerHour: rate)
            case .hours(let hours): funding[k].budget = .hours(hours * factor)
            }
        }
    }
}
