/// The manager's decisions as `check` shows them: each pin, avoided pair and
/// preference with where it was written, and what the pins already take of
/// each worker's week before any planning.
public struct DecisionsEstimate: Sendable, Encodable {
    /// One pin, avoided pair or preference.
    public struct Line: Sendable, Encodable {
        /// `pin`, `avoid` or `preference`.
        public var kind: String
        public var worker: String
        public var practice: String
        public var slot: String?
        /// `regular` or `backup`, for pins.
        public var role: String?
        public var weight: Double?
        /// `FILE:LINE:COLUMN`.
        public var at: String?
    }

    /// The hours a week a worker's pinned sessions take (with admin and
    /// travel; one session for a pinned pair without a pinned session).
    public struct PinnedLoad: Sendable, Encodable {
        public var worker: String
        public var pinnedSessions: Int
        public var pinnedHoursPerWeek: Double
        public var plannableHoursPerWeek: Double
        /// Plannable less pinned: below 0, the pins cannot all hold.
        public var leftHoursPerWeek: Double { plannableHoursPerWeek - pinnedHoursPerWeek }

        private enum CodingKeys: String, CodingKey { case worker, pinnedSessions, pinnedHoursPerWeek, plannableHoursPerWeek, leftHoursPerWeek }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(worker, forKey: .worker)
            try c.encode(pinnedSessions, forKey: .pinnedSessions)
            try c.encode(pinnedHoursPerWeek.rounded2, forKey: .pinnedHoursPerWeek)
            try c.encode(plannableHoursPerWeek.rounded2, forKey: .plannableHoursPerWeek)
            try c.encode(leftHoursPerWeek.rounded2, forKey: .leftHoursPerWeek)
        }
    }

    public var lines: [Line]
    public var pinnedLoad: [PinnedLoad]

    public var isEmpty: Bool { lines.isEmpty }

    public init(_ scenario: Scenario) {
        lines = scenario.pins.map {
            Line(kind: "pin", worker: $0.worker, practice: $0.practice, slot: $0.slot?.name, role: $0.role.rawValue,
                 weight: nil, at: $0.location?.description)
        } + scenario.avoid.map {
            Line(kind: "avoid", worker: $0.worker, practice: $0.practice, slot: nil, role: nil, weight: nil, at: $0.location?.description)
        } + scenario.preferences.map {
            Line(kind: "preference", worker: $0.worker, practice: $0.practice, slot: nil, role: nil, weight: $0.weight,
                 at: $0.location?.description)
        }
        let byWorker = Dictionary(grouping: scenario.sessionPins, by: \.worker)
        pinnedLoad = scenario.workers.compactMap { worker in
            guard let pins = byWorker[worker.id] else { return nil }
            let hours = pins.reduce(0.0) { sum, pin in sum + (scenario.practice(pin.practice).map(scenario.sessionLoad) ?? 0) }
            return PinnedLoad(worker: worker.id, pinnedSessions: pins.count, pinnedHoursPerWeek: hours,
                              plannableHoursPerWeek: worker.plannableHours)
        }
    }
}
