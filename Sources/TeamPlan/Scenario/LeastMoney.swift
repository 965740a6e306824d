import Foundation

/// The tie-break funders can read (`--least-money`): among the plans with
/// the best objective, the one that spends the least money. A second,
/// lexicographic objective: model.md's objective first, then money — so
/// that "euros used" is a number of the scenario, not of the path the
/// solver happened to take among plans of equal objective.
///
/// Money is the euros the streams with a tariff pay (hours × `rate_eur_per_hour`);
/// hours of a stream without a tariff cost nothing in it. When no stream of
/// the scenario has a tariff, money is the hours paid in all.
public struct LeastMoney: Sendable, Hashable {
    /// What money is counted in.
    public enum Unit: String, Sendable, Codable {
        case euros, hours
    }

    /// How the search for a cheaper plan of the objective ended.
    public enum Ending: String, Sendable, Codable {
        /// It ended: no plan of the objective spends less (or no stream has
        /// a cost, so there is nothing to search).
        case proven
        /// The time limit stopped it (with a bound, when it had one).
        case timeLimit = "time_limit"
        /// Without `--time-limit`, its own limit stopped it: as long as the
        /// first solve took, and at least 30 seconds.
        case searchLimit = "search_limit"
        /// It stopped at the MIP gap asked for (`--mip-gap`), on money.
        case mipGap = "mip_gap"
        /// Ctrl-C or a signal stopped it (or came before it began).
        case stopped
        /// The time limit left no time for it: only the first plan's
        /// funding was made cheapest.
        case noTime = "no_time"
        /// Its plan, counted by Evaluation, had an objective above the best
        /// one (the solver holds the objective only to its tolerance): it
        /// was not taken, and nothing is proven.
        case rejected
    }

    public var unit: Unit
    /// What the plan first found spent, before the tie-break.
    public var before: Double
    /// What the chosen plan spends.
    public var money: Double
    /// No plan with the objective spends less than this (the search's
    /// bound); equal to `money` when proven.
    public var bound: Double?
    public var ending: Ending
    /// Streams without a tariff when others have one: their hours cost
    /// nothing in money (by id, in the scenario's order).
    public var unpriced: [String]
    /// Seconds the tie-break took.
    public var seconds: Double

    /// `money` is the least of every plan with the objective (within a
    /// millionth): the second search ended, or proved nothing cheaper.
    public var proven: Bool { ending == .proven }

    public init(unit: Unit, before: Double, money: Double, bound: Double?, ending: Ending, unpriced: [String] = [], seconds: Double) {
        self.unit = unit
        self.before = before
        self.money = money
        self.bound = bound
        self.ending = ending
        self.unpriced = unpriced
        self.seconds = seconds
    }
}
