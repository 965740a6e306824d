import Foundation
import TeamPlan
import Yams

/// What every reader must do with any bytes at all: give a result or
/// diagnostics, never crash, never hang, and keep its own promises. Each
/// target takes arbitrary bytes and checks those promises; a broken one stops
/// the process (a crash libFuzzer keeps, a failed replay in `make test`).
///
/// - `scenario-yaml`: the bytes as a scenario file.
/// - `csv-table`: the bytes as a CSV table, read alone and as the workers or
///   practices table of a scenario (the first byte chooses which).
/// - `plan-json`: the bytes as a plan file (`teamplan verify`, `report`) and
///   as a scenario's `previous` plan.
/// - `scenario-mutation`: structure-aware: the bytes choose edits to a valid
///   scenario's YAML tree (values swapped for hostile ones, entries removed,
///   copied or added); what still reads is planned, and the plan must pass
///   the model's own check with the objective the solver reported.
/// - `sweep-table`: the bytes as a shard's sweep.json, as `sweep merge`
///   reads it: refused with a message, or a table whose every point name is
///   a plain name and whose grid is within the limits.
/// - `workbook`: the bytes as a scenario workbook (.xlsx). A first byte
///   that is even: the bytes after it are the file. Odd: they are parts
///   (path NUL content NUL …) zipped as they are, so that the fuzzer reaches
///   the XML past the zip's checksums. What reads is written as a workbook
///   again (`teamplan template --from`) and must read back to the same scenario.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case scenarioYAML = "scenario-yaml"
    case csvTable = "csv-table"
    case planJSON = "plan-json"
    case scenarioMutation = "scenario-mutation"
    case sweepTable = "sweep-table"
    case workbook = "workbook"

    public func run(_ bytes: [UInt8]) {
        switch self {
        case .scenarioYAML:
            let loaded = ScenarioLoader.load(yaml: bytes, file: "fuzz.yaml", directory: "/", files: [:])
            FuzzChecks.loaded(loaded, sizes: ["fuzz.yaml": bytes])
            if let scenario = loaded.scenario { FuzzChecks.exercise(scenario) }
        case .csvTable:
            FuzzChecks.table(bytes)
            let key = bytes.first.map { $0 & 1 == 0 ? "workers" : "practices" } ?? "workers"
            let csv = Array(bytes.dropFirst())
            let yaml = key == "workers" ? FuzzScenario.withWorkersTable : FuzzScenario.withPracticesTable
            let loaded = ScenarioLoader.load(yaml: Array(yaml.utf8), file: "fuzz.yaml", directory: "/",
                                             files: ["\(key).csv": csv])
            FuzzChecks.loaded(loaded, sizes: ["fuzz.yaml": Array(yaml.utf8), "\(key).csv": csv])
            if let scenario = loaded.scenario { FuzzChecks.exercise(scenario) }
        case .planJSON:
            FuzzChecks.planFile(bytes)
        case .scenarioMutation:
            guard let yaml = Self.mutatedScenario(bytes) else { return }
            let loaded = ScenarioLoader.load(yaml: Array(yaml.utf8), file: "fuzz.yaml", directory: "/",
                                             files: ["previous.json": Array(FuzzScenario.previousPlan.utf8)])
            FuzzChecks.loaded(loaded, sizes: ["fuzz.yaml": Array(yaml.utf8)])
            if let scenario = loaded.scenario {
                FuzzChecks.exercise(scenario)
                FuzzChecks.plan(scenario)
            }
        case .sweepTable:
            FuzzChecks.sweepTable(bytes)
        case .workbook:
            FuzzChecks.workbook(Self.workbookFile(bytes))
        }
    }
}

extension FuzzTarget {
    /// The workbook file an input of the `workbook` target stands for.
    public static func workbookFile(_ bytes: [UInt8]) -> [UInt8] {
        guard let first = bytes.first, first & 1 == 1 else { return Array(bytes.dropFirst()) }
        let pieces = bytes.dropFirst().split(separator: 0, omittingEmptySubsequences: false)
        var parts: [(String, [UInt8])] = []
        var index = 0
        while index + 1 < pieces.count {
            parts.append((String(decoding: pieces[index], as: UTF8.self), Array(pieces[index + 1])))
            index += 2
        }
        return (try? XLSXWriter.zip(parts, compressed: false)) ?? []
    }

    /// The scenario (YAML) the structure-aware target makes of these bytes,
    /// to look at a crash with `teamplan plan`; its previous plan is
    /// `FuzzTarget.previousPlan`.
    public static func mutatedScenario(_ bytes: [UInt8]) -> String? {
        var choices = FuzzChoices(bytes)
        return try? Yams.serialize(node: FuzzMutator.mutate(FuzzScenario.tree, &choices))
    }

    public static var previousPlan: String { FuzzScenario.previousPlan }
}

/// The promises, each a trap when broken.
enum FuzzChecks {
    static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("fuzz: \(message())") }
    }

    /// A scenario is returned exactly when there is no error, and every
    /// diagnostic points into the file it names.
    static func loaded(_ loaded: LoadedScenario, sizes: [String: [UInt8]]) {
        require((loaded.scenario != nil) == !loaded.diagnostics.hasErrors,
                "scenario returned \(loaded.scenario != nil) with diagnostics \(loaded.diagnostics)")
        for diagnostic in loaded.diagnostics {
            require(!diagnostic.message.isEmpty, "an empty message: \(diagnostic)")
            guard let location = diagnostic.location else { continue }
            if let line = location.line {
                require(line >= 1, "line \(line) in \(diagnostic)")
                if let bytes = sizes[location.file] {
                    let lines = lineCount(bytes)
                    require(line <= lines + 1, "line \(line) past the end (\(lines) lines): \(diagnostic)")
                }
            }
            if let column = location.column { require(column >= 1, "column \(column) in \(diagnostic)") }
        }
    }

    /// Physical lines as YAML and CSV count them: LF, CRLF and a lone CR
    /// each end one.
    static func lineCount(_ bytes: [UInt8]) -> Int {
        var lines = 1
        for (index, byte) in bytes.enumerated() where byte == 0x0A || byte == 0x0D {
            if byte == 0x0A, index > 0, bytes[index - 1] == 0x0D { continue }
            lines += 1
        }
        return lines
    }

    /// A CSV table read alone: a table comes with no error, every row as
    /// wide as the header, every cell at a real position.
    static func table(_ bytes: [UInt8]) {
        let (table, diagnostics) = CSVReader.read(bytes, file: "fuzz.csv")
        require(table != nil || diagnostics.hasErrors, "no table and no error")
        guard let table, !diagnostics.hasErrors else { return }
        for row in table.rows {
            require(row.cells.count == table.header.count, "row at line \(row.line) has \(row.cells.count) cells")
            for cell in row.cells { require(cell.line >= 1 && cell.column >= 1, "cell at \(cell.line):\(cell.column)") }
        }
    }

    /// What a read scenario goes on to: the model is built, an empty plan
    /// is evaluated, the capacity estimate made. Only small scenarios: a
    /// fuzzer's input of a few kilobytes can still name hundreds of workers.
    static func exercise(_ scenario: Scenario) {
        guard scenario.workers.count * max(1, scenario.practices.count) <= 400 else { return }
        _ = Formulation(scenario)
        let empty = Evaluation(scenario: scenario, plan: Plan(scenario: scenario.name, status: .feasible))
        require(empty.isValid, "the empty plan breaks a rule: \(empty.violations)")
        require(empty.terms.objective.isFinite, "the empty plan's objective is \(empty.terms.objective)")
        _ = CapacityEstimate(scenario)
    }

    /// The optimizer's plan must pass Evaluation with the objective the MIP
    /// reported (Planner checks both and throws otherwise).
    static func plan(_ scenario: Scenario) {
        guard scenario.workers.count * max(1, scenario.practices.count) <= 100 else { return }
        do {
            let result = try Planner.solve(scenario, options: SolveOptions(timeLimit: 5))
            if let plan = result.plan {
                let evaluation = Evaluation(scenario: scenario, plan: plan)
                require(evaluation.isValid, "the plan breaks a rule: \(evaluation.violations)")
                require(plan.objective == evaluation.terms.objective, "objective \(String(describing: plan.objective))")
            }
        } catch let failure as PlanCheckFailure {
            fatalError("fuzz: \(failure)")
        } catch {
            fatalError("fuzz: the solver failed: \(error)")
        }
    }

    /// A plan file: read or refused with an error; what reads writes back
    /// to the same bytes when read again, and is checked against a scenario
    /// without a crash whatever it names. As a `previous` plan, the same bytes.
    /// A shard's table: refused, or checked through and through.
    static func sweepTable(_ bytes: [UInt8]) {
        guard case .success(let (table, grid)) = Result(catching: { () throws(SweepOutput.MergeError) in
            try SweepOutput.checkedTable(bytes, folder: "shard")
        }) else { return }
        require(grid.points.count == table.points && table.points <= SweepGrid.maximumPoints, "a grid past its limits was accepted")
        for row in table.rows {
            require(OutputFolder.isCheckedName(row.point) && grid.points[row.index].name == row.point,
                    "a row named '\(row.point)' was accepted")
        }
        let again = try? SweepOutput.checkedTable(Array(table.json().utf8), folder: "shard")
        require(again?.0 == table, "an accepted table does not read back as itself")
    }

    /// A workbook: a scenario exactly when there is no error, every
    /// diagnostic at the file or at a real cell of a sheet; what reads
    /// writes as a workbook that reads back to it.
    static func workbook(_ bytes: [UInt8]) {
        let loaded = ScenarioLoader.load(workbook: bytes, file: "fuzz.xlsx", directory: "/", files: [:])
        FuzzChecks.loaded(loaded, sizes: [:])
        for diagnostic in loaded.diagnostics {
            guard let location = diagnostic.location, location.sheet != nil else { continue }
            require(location.sheetPosition.map { $0 >= 0 } ?? false, "a sheet without its place: \(diagnostic)")
            if let row = location.line {
                require(row >= 1 && row <= XLSXCellReference.maxRow, "row \(row): \(diagnostic)")
                require((location.column ?? 1) >= 1 && (location.column ?? 1) <= XLSXCellReference.maxColumn, "column: \(diagnostic)")
            }
        }
        guard let scenario = loaded.scenario else { return }
        // `exercise` evaluates the empty plan, which a pin rightly breaks (H10).
        var unpinned = scenario
        unpinned.pins = []
        exercise(unpinned)
        let language: WorkbookLayout.SheetLanguage = bytes.count % 2 == 0 ? .nl : .en
        guard let written = try? WorkbookTemplate.workbook(language: language, from: scenario) else {
            fatalError("fuzz: a scenario that read could not be written as a workbook")
        }
        let again = ScenarioLoader.load(workbook: written, file: "again.xlsx", directory: "/", files: [:])
        require(again.scenario != nil, "the written workbook does not read: \(again.diagnostics)")
        if let read = again.scenario, WorkbookTemplate.losses(scenario).isEmpty {
            require(read.withoutLocations == scenario.withoutLocations, "the written workbook reads as another scenario")
        }
    }

    static func planFile(_ bytes: [UInt8]) {
        let (plan, diagnostics) = PlanFile.decode(bytes, file: "plan.json")
        require((plan != nil) == !diagnostics.hasErrors, "plan \(plan != nil) with \(diagnostics)")
        if let plan {
            let text = PlanFile.encode(plan)
            let (again, problems) = PlanFile.decode(Array(text.utf8), file: "again.json")
            require(again != nil && !problems.hasErrors, "a written plan does not read back: \(problems)")
            if let again { require(PlanFile.encode(again) == text, "writing is not stable:\n\(text)") }
            let evaluation = Evaluation(scenario: FuzzScenario.scenario, plan: plan)
            require(evaluation.terms.objective.isFinite, "objective \(evaluation.terms.objective)")
        }
        let yaml = Array((FuzzScenario.yaml + "previous: previous.json\n").utf8)
        let loaded = ScenarioLoader.load(yaml: yaml, file: "fuzz.yaml", directory: "/", files: ["previous.json": bytes])
        FuzzChecks.loaded(loaded, sizes: ["fuzz.yaml": yaml, "previous.json": bytes])
    }
}

/// The bytes as a stream of choices; past the end every choice is 0.
struct FuzzChoices {
    private let bytes: [UInt8]
    private var next = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { next >= bytes.count }

    mutating func byte() -> UInt8 {
        defer { next += 1 }
        return next < bytes.count ? bytes[next] : 0
    }

    /// A number in 0..<count (0 when count is 0).
    mutating func below(_ count: Int) -> Int {
        guard count > 1 else { return 0 }
        let value = count > 255 ? Int(byte()) << 8 | Int(byte()) : Int(byte())
        return value % count
    }
}

/// Edits to a YAML tree chosen by the fuzzer's bytes.
enum FuzzMutator {
    /// Values a planner, a spreadsheet or an attacker might put anywhere.
    static let hostile: [String] = [
        "0", "-1", "1", "2", "0.5", "-0", "1e308", "-1e308", "1e-320", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "18446744073709551616", ".nan", ".inf", "-.inf", "", "~", "null", "true", "false",
        "yes", "no", "2027-02-29", "2027-04-05", "2024-02-29", "0000-01-01", "9999-12-31", "2027-13-01", "2027-04-05T10:00",
        "mon-am", "tue-pm", "sun-am", "wed-evening", "mon", "am", "anja", "ben", "baandert", "stein-centrum",
        "wmo-stein", "sittard-geleen", "debts", "ggz", "contact", "admin", "travel", "mdo", "nl", "none", "be",
        "60", "61", "168", "1000000", "3.25", "0.0001", "13", "53", "54", "200", "2000", "2001",
        "a\u{0}b", "é", "\u{FEFF}", "Ω≈ç", String(repeating: "x", count: 300), "{", "[", "*a", "&a", "!!binary", "'", "\"",
    ]

    /// Keys of scenario.md, so that added entries are often meaningful.
    static let keys: [String] = [
        "name", "quarter", "start", "weeks", "holidays", "closures", "days", "overhead", "admin_per_contact_hour",
        "travel_hours_per_visit", "mdo", "every_weeks", "hours", "workers", "id", "hours_per_week", "reserved_hours",
        "available", "skills", "leave", "from", "to", "max_practices", "can_substitute", "practices", "municipality",
        "sessions_per_week", "session_hours", "priority", "open", "requires_skills", "backups", "max_workers",
        "funding", "budget_eur", "rate_eur_per_hour", "budget_hours", "pays_for", "municipalities", "objective",
        "gap_weight", "missing_backup_weight", "pair_weight", "continuity_weight", "team_size", "previous",
    ]

    static func mutate(_ root: Node, _ choices: inout FuzzChoices) -> Node {
        var node = root
        let edits = 1 + choices.below(6)
        for _ in 0..<edits where !choices.isAtEnd {
            let paths = allPaths(node)
            let path = paths[choices.below(paths.count)]
            let target = self.node(at: path, in: node)
            let edit: Node?
            switch choices.below(7) {
            case 0, 1: edit = Node(hostile[choices.below(hostile.count)])
            case 2: edit = remove(in: target, &choices)
            case 3: edit = duplicate(in: target, &choices)
            case 4: edit = self.node(at: paths[choices.below(paths.count)], in: node)
            case 5: edit = add(to: target, &choices)
            default:
                let length = choices.below(12)
                edit = Node(String(decoding: (0..<length).map { _ in choices.byte() }, as: UTF8.self))
            }
            if let edit { node = replacing(path, in: node, with: edit) }
        }
        return node
    }

    /// Every node's path: child positions from the root (a mapping's n-th
    /// child is its n-th value).
    static func allPaths(_ node: Node, _ prefix: [Int] = []) -> [[Int]] {
        var paths = [prefix]
        switch node {
        case .mapping(let mapping):
            for (index, pair) in mapping.enumerated() { paths += allPaths(pair.value, prefix + [index]) }
        case .sequence(let sequence):
            for (index, child) in sequence.enumerated() { paths += allPaths(child, prefix + [index]) }
        default: break
        }
        return paths
    }

    static func node(at path: [Int], in node: Node) -> Node {
        guard let first = path.first else { return node }
        switch node {
        case .mapping(let mapping): return self.node(at: Array(path.dropFirst()), in: Array(mapping)[first].value)
        case .sequence(let sequence): return self.node(at: Array(path.dropFirst()), in: Array(sequence)[first])
        default: return node
        }
    }

    static func replacing(_ path: [Int], in node: Node, with new: Node) -> Node {
        guard let first = path.first else { return new }
        let rest = Array(path.dropFirst())
        switch node {
        case .mapping(let mapping):
            var pairs = Array(mapping)
            pairs[first] = (pairs[first].key, replacing(rest, in: pairs[first].value, with: new))
            return .mapping(Node.Mapping(pairs))
        case .sequence(let sequence):
            var children = Array(sequence)
            children[first] = replacing(rest, in: children[first], with: new)
            return .sequence(Node.Sequence(children))
        default: return node
        }
    }

    static func remove(in node: Node, _ choices: inout FuzzChoices) -> Node? {
        switch node {
        case .mapping(let mapping) where mapping.count > 0:
            var pairs = Array(mapping)
            pairs.remove(at: choices.below(pairs.count))
            return .mapping(Node.Mapping(pairs))
        case .sequence(let sequence) where sequence.count > 0:
            var children = Array(sequence)
            children.remove(at: choices.below(children.count))
            return .sequence(Node.Sequence(children))
        default: return nil
        }
    }

    static func duplicate(in node: Node, _ choices: inout FuzzChoices) -> Node? {
        switch node {
        case .mapping(let mapping) where mapping.count > 0:
            var pairs = Array(mapping)
            pairs.append(pairs[choices.below(pairs.count)])
            return .mapping(Node.Mapping(pairs))
        case .sequence(let sequence) where sequence.count > 0:
            var children = Array(sequence)
            children.insert(children[choices.below(children.count)], at: choices.below(children.count + 1))
            return .sequence(Node.Sequence(children))
        default: return nil
        }
    }

    static func add(to node: Node, _ choices: inout FuzzChoices) -> Node? {
        let value = Node(hostile[choices.below(hostile.count)])
        switch node {
        case .mapping(let mapping):
            return .mapping(Node.Mapping(Array(mapping) + [(Node(keys[choices.below(keys.count)]), value)]))
        case .sequence(let sequence):
            return .sequence(Node.Sequence(Array(sequence) + [value]))
        default: return nil
        }
    }
}

/// The valid scenario the structure-aware target starts from: four workers,
/// three practices, two streams, leave, an MDO, a team size and a previous plan.
enum FuzzScenario {
    static let head = """
        name: Fuzz
        quarter: {start: 2027-04-05, weeks: 13}
        holidays: nl
        overhead:
          admin_per_contact_hour: 0.5
          travel_hours_per_visit: 0.25
          mdo: {every_weeks: 4, hours: 1}
        team_size: 3

        """
    static let workers = """
        workers:
          - {id: anja, hours_per_week: 16, reserved_hours: 8, available: [mon-am, tue-am, tue-pm], skills: [debts], leave: [{from: 2027-05-10, to: 2027-05-21}]}
          - {id: ben, hours_per_week: 12, reserved_hours: 4, available: [tue-am, wed-am, thu-am], skills: [debts, ggz], max_practices: 2}
          - {id: carla, hours_per_week: 10, reserved_hours: 2, available: [mon-am, wed-am, thu-pm], skills: [ggz], leave: [{from: 2027-06-07, to: 2027-06-11}]}
          - {id: dirk, hours_per_week: 8, reserved_hours: 2, available: [tue-am, thu-am, thu-pm], can_substitute: false}

        """
    static let practices = """
        practices:
          - {id: baandert, municipality: sittard-geleen, sessions_per_week: 2, session_hours: 2, open: [mon-am, tue-am, thu-am], requires_skills: [debts], backups: 1, mdo: true}
          - {id: limbrichterveld, municipality: sittard-geleen, sessions_per_week: 1, session_hours: 3, priority: 2, open: [wed-am, thu-pm], max_workers: 1}
          - {id: stein-centrum, municipality: stein, sessions_per_week: 2, session_hours: 2, open: [tue-am, thu-am, thu-pm], backups: 2}

        """
    static let funding = """
        funding:
          - {id: wmo-sittard-geleen, budget_eur: 12000, rate_eur_per_hour: 80, pays_for: [contact, admin, travel, mdo], municipalities: [sittard-geleen]}
          - {id: wmo-stein, budget_hours: 90, pays_for: [contact, admin, travel, mdo], municipalities: [stein]}
          - {id: insurer, budget_hours: 20, pays_for: [contact], practices: [baandert, stein-centrum]}

        """
    static let yaml = head + workers + practices + funding
    static let withWorkersTable = head + "workers: workers.csv\n" + practices + funding
    static let withPracticesTable = head + workers + "practices: practices.csv\n" + funding
    static let previousPlan = """
        {"scenario": "Fuzz", "status": "optimal", "sessions": [{"worker": "anja", "practice": "baandert", "slot": "tue-am"},
         {"worker": "ben", "practice": "stein-centrum", "slot": "thu-am"}], "backups": [], "mdo": [], "funding": []}
        """

    static let scenario: Scenario = {
        guard let scenario = ScenarioLoader.load(yaml: Array(yaml.utf8), file: "fuzz.yaml", directory: "/", files: [:]).scenario
        else { fatalError("fuzz: the base scenario does not read") }
        return scenario
    }()

    nonisolated(unsafe) static let tree: Node = {  // Yams' Node is a value, never changed
        let text = yaml + "previous: previous.json\n"
        guard let node = try? Yams.compose(yaml: text) else { fatalError("fuzz: the base scenario is not YAML") }
        return node
    }()
}
