/// A mixed-integer linear model, apart from any solver: variables with
/// bounds and objective coefficients, rows of coefficients with bounds. The
/// formulation writes one; a backend solves it; `export` writes it out.
public struct LinearModel: Sendable {
    /// Whether a column is continuous, integer or binary.
    public enum Kind: Sendable { case binary, integer, continuous }

    /// One column: its name (readable in an exported model), kind, bounds and cost.
    public struct Variable: Sendable {
        public var name: String
        public var kind: Kind
        public var lower: Double
        public var upper: Double?
        public var cost: Double
    }

    /// One constraint: its name (the rule it encodes), terms and bounds.
    public struct Row: Sendable {
        public var name: String
        public var terms: [(variable: Int, coefficient: Double)]
        public var lower: Double?
        public var upper: Double?
    }

    public var name: String
    public private(set) var variables: [Variable] = []
    public private(set) var rows: [Row] = []
    /// A constant added to the objective.
    public var objectiveConstant: Double = 0

    public init(name: String) { self.name = name }

    /// Adds a variable; returns its index.
    @discardableResult
    public mutating func add(_ name: String, _ kind: Kind, lower: Double = 0, upper: Double? = nil, cost: Double = 0) -> Int {
        let upper = kind == .binary ? min(upper ?? 1, 1) : upper
        variables.append(Variable(name: name, kind: kind, lower: lower, upper: upper, cost: cost))
        return variables.count - 1
    }

    public mutating func addCost(_ variable: Int, _ cost: Double) { variables[variable].cost += cost }

    /// The same rows without an objective: any solution is optimal, so a
    /// search ends at its first (a question of feasibility).
    public mutating func removeObjective() {
        for index in variables.indices { variables[index].cost = 0 }
        objectiveConstant = 0
    }

    /// Raises a variable's lower bound (to fix a binary at 1).
    public mutating func raiseLower(_ variable: Int, to value: Double) {
        variables[variable].lower = max(variables[variable].lower, value)
    }

    /// Adds `lower ≤ Σ terms ≤ upper`; terms on the same variable are summed,
    /// zero coefficients dropped. A row without terms is kept only when it
    /// could be violated (then the model is infeasible, as it should be).
    public mutating func constrain(_ name: String, _ terms: [(Int, Double)], lower: Double? = nil, upper: Double? = nil) {
        var merged: [Int: Double] = [:]
        for (variable, coefficient) in terms { merged[variable, default: 0] += coefficient }
        let cleaned = merged.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { (variable: $0.key, coefficient: $0.value) }
        if cleaned.isEmpty && (lower ?? 0) <= 0 && (upper ?? 0) >= 0 { return }
        rows.append(Row(name: name, terms: cleaned, lower: lower, upper: upper))
    }

    public mutating func atMost(_ name: String, _ terms: [(Int, Double)], _ bound: Double) {
        constrain(name, terms, upper: bound)
    }

    public mutating func atLeast(_ name: String, _ terms: [(Int, Double)], _ bound: Double) {
        constrain(name, terms, lower: bound)
    }

    public mutating func equal(_ name: String, _ terms: [(Int, Double)], _ value: Double) {
        constrain(name, terms, lower: value, upper: value)
    }

    /// The model without the rows of that name (a test backend drops the
    /// cutoff row to answer as a backend that ignored it would).
    public func removingRows(named name: String) -> LinearModel {
        var model = self
        model.rows.removeAll { $0.name == name }
        return model
    }

    /// Holds a variable at one value (both bounds).
    public mutating func fix(_ variable: Int, to value: Double) {
        variables[variable].lower = value
        variables[variable].upper = value
    }

    /// The model with every integer and binary column held at its value in
    /// `values`, rounded: what is left is the LP of the continuous columns
    /// (the funding) for that choice of sessions and roles.
    public func fixingIntegers(at values: [Double]) -> LinearModel {
        var model = self
        for (column, variable) in variables.enumerated() where variable.kind != .continuous {
            model.fix(column, to: values[column].rounded())
        }
        return model
    }

    /// The name of the row `objectiveAtMost` adds.
    public static let cutoffRow = "cutoff"

    /// Only solutions whose objective is at most `value`: a row over every
    /// column with a cost (the objective less its constant).
    public mutating func objectiveAtMost(_ value: Double, name: String = LinearModel.cutoffRow) {
        let terms = variables.indices.filter { variables[$0].cost != 0 }.map { ($0, variables[$0].cost) }
        let scale = terms.map { abs($0.1) }.max() ?? 1
        atMost(name, terms.map { ($0.0, $0.1 / scale) }, (value - objectiveConstant) / scale)
    }

    public var integerCount: Int { variables.filter { $0.kind != .continuous }.count }
    public var nonzeroCount: Int { rows.reduce(0) { $0 + $1.terms.count } }
}
