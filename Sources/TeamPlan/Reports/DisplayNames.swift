/// What a person reads for an id: a worker's and a practice's name, a
/// stream's funder (with the id when one funder has several streams). The
/// summary, the report and the calendars show these; machine files (plan.json,
/// the CSVs) keep the ids. An id the scenario does not know is shown as it is.
public struct DisplayNames: Sendable {
    private let workers: [String: String]
    private let practices: [String: String]
    private let streams: [String: String]

    public init(_ scenario: Scenario) {
        workers = Dictionary(scenario.workers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        practices = Dictionary(scenario.practices.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let funders = Dictionary(grouping: scenario.funding, by: \.funder)
        streams = Dictionary(scenario.funding.map { stream in
            (stream.id, funders[stream.funder, default: []].count > 1 && stream.funder != stream.id
                ? "\(stream.funder) (\(stream.id))" : stream.funder)
        }, uniquingKeysWith: { a, _ in a })
    }

    public func worker(_ id: String) -> String { workers[id] ?? id }
    public func practice(_ id: String) -> String { practices[id] ?? id }
    public func stream(_ id: String) -> String { streams[id] ?? id }
    public func workers(_ ids: [String]) -> String { ids.map(worker).joined(separator: ", ") }
    public func practices(_ ids: [String]) -> String { ids.map(practice).joined(separator: ", ") }
    /// `Anja de Vries @ Huisartsenpraktijk Lindenheuvel`.
    public func pair(_ pair: WorkerPractice) -> String { "\(worker(pair.worker)) @ \(practice(pair.practice))" }
}
