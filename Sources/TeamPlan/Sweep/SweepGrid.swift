import Foundation

/// What a sweep varies: the axes, their values, and the points of their
/// cartesian product, each a scenario changed accordingly.
public struct SweepAxis: Sendable, Hashable, Codable {
    /// What an axis changes in the scenario.
    public enum Kind: Sendable, Hashable, Codable {
        /// Several scenario files side by side (a funder's alternatives).
        case scenarioFile
        /// `team_size` (H9).
        case teamSize
        /// A stream's budget times a factor; stream `*` scales every stream.
        case budgetScale(stream: String)
        /// Every worker's contract hours times a factor.
        case hoursScale
    }

    public var kind: Kind
    /// The values as the user reads them (`0.9`, `5`, a file's stem).
    public var labels: [String]
    /// The values as numbers (the index of the file for `scenarioFile`).
    public var values: [Double]

    public init(kind: Kind, labels: [String], values: [Double]) {
        self.kind = kind
        self.labels = labels
        self.values = values
    }

    /// The axis's column name in sweep.csv and sweep.json.
    public var name: String {
        switch kind {
        case .scenarioFile: return "scenario"
        case .teamSize: return "team_size"
        case .budgetScale(let stream): return "budget_scale:\(stream)"
        case .hoursScale: return "hours_scale"
        }
    }

    /// The axis as a person reads it in a chart or a table.
    public var title: String {
        switch kind {
        case .scenarioFile: return "scenario"
        case .teamSize: return "team size"
        case .budgetScale(let stream): return stream == "*" ? "every budget ×" : "budget of \(stream) ×"
        case .hoursScale: return "contract hours ×"
        }
    }

    /// A short part of a point's folder name: `team-size-5`, `budget-wmo-0.9`.
    func namePart(_ index: Int) -> String {
        switch kind {
        case .scenarioFile: return labels[index]
        case .teamSize: return "team-size-\(labels[index])"
        case .budgetScale(let stream): return "budget-\(stream == "*" ? "all" : stream)-\(labels[index])"
        case .hoursScale: return "hours-\(labels[index])"
        }
    }

}

extension SweepAxis.Kind {
    /// The kind an axis's column name stands for (`SweepAxis.name`), as a
    /// shard's sweep.json gives it.
    public init?(name: String) {
        switch name {
        case "scenario": self = .scenarioFile
        case "team_size": self = .teamSize
        case "hours_scale": self = .hoursScale
        default:
            guard name.hasPrefix("budget_scale:"), name.count > "budget_scale:".count else { return nil }
            self = .budgetScale(stream: String(name.dropFirst("budget_scale:".count)))
        }
    }
}

/// Values written on the command line: `3...8`, `0.8...1.2:0.1`, `0.9,1,1.1`
/// or one value. Decimal values are counted in whole units of their last
/// decimal, so `0.8...1.2:0.1` gives exactly 0.8, 0.9, 1.0, 1.1, 1.2 (no
/// drift, no value lost to rounding at the end).
public enum SweepValues {
    /// Values on the command line that make no axis, with what is wrong.
    public struct Invalid: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The values with their labels; `integers` refuses fractions.
    public static func parse(_ text: String, integers: Bool = false, maximumCount: Int = 10_000) throws(Invalid) -> [(label: String, value: Double)] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let example = integers ? "3...8" : "0.8...1.2:0.1"
        if trimmed.contains("...") {
            let rangeAndStep = trimmed.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard rangeAndStep.count <= 2 else { throw Invalid(description: "'\(text)': write FROM...TO or FROM...TO:STEP, e.g. \(example)") }
            let ends = rangeAndStep[0].components(separatedBy: "...")
            if let why = (ends + rangeAndStep.dropFirst()).lazy.compactMap({ NumberText.ambiguity($0) }).first {
                throw Invalid(description: "'\(text)': \(why)")
            }
            guard ends.count == 2, let from = Fixed(ends[0]), let to = Fixed(ends[1]) else {
                throw Invalid(description: "'\(text)': write FROM...TO or FROM...TO:STEP, e.g. \(example)")
            }
            var step = Fixed(units: 1, decimals: 0)
            if rangeAndStep.count == 2 {
                guard let s = Fixed(rangeAndStep[1]), s.units > 0 else {
                    throw Invalid(description: "'\(text)': the step after ':' must be a number above 0")
                }
                step = s
            } else if from.decimals > 0 || to.decimals > 0 {
                throw Invalid(description: "'\(text)': give a step for decimal values, e.g. \(example)")
            }
            let decimals = max(from.decimals, to.decimals, step.decimals)
            guard let a = from.scaled(to: decimals), let b = to.scaled(to: decimals), let d = step.scaled(to: decimals) else {
                throw Invalid(description: "'\(text)': the numbers are too large or have too many decimals")
            }
            guard a <= b else { throw Invalid(description: "'\(text)': FROM must not be above TO") }
            let (span, overflow) = b.subtractingReportingOverflow(a)
            guard !overflow, span / d < maximumCount else { throw Invalid(description: "'\(text)': more than \(maximumCount) values") }
            var result: [(String, Double)] = []
            var units = a
            while units <= b {
                let value = Fixed(units: units, decimals: decimals)
                result.append((value.text, value.double))
                units += d
            }
            return try check(result, text, integers)
        }
        // A list: `0.9,1,1.1`, or with semicolons `0,9;1;1,1` (then a comma
        // may be a decimal comma, as Dutch writes it). Two whole numbers with
        // a comma between them are two values in English and one in Dutch
        // (`1,10`, `0,9`): said, never guessed.
        let semicolons = trimmed.contains(";")
        let parts = trimmed.split(separator: semicolons ? ";" : ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        if !semicolons, !integers, parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) {
            let one = NumberText.trimmedDecimal(parts[0], parts[1])
            throw Invalid(description: "'\(text)' reads as the two values \(parts[0]) and \(parts[1]) in English but as the one value \(one) in Dutch (a decimal comma); "
                          + "write \(parts[0]);\(parts[1]) for the two, or \(one) for the one")
        }
        var result: [(String, Double)] = []
        for part in parts {
            if let why = NumberText.ambiguity(part, commaIsDecimal: semicolons) {
                throw Invalid(description: part == trimmed ? why : "'\(text)': \(why)")
            }
            guard let value = Fixed(semicolons ? part.replacingOccurrences(of: ",", with: ".") : part) else {
                throw Invalid(description: "'\(text)': '\(part)' is not a number; write e.g. \(example) or a list 0.9,1,1.1")
            }
            result.append((value.text, value.double))
        }
        return try check(result, text, integers)
    }

    private static func check(_ values: [(String, Double)], _ text: String, _ integers: Bool) throws(Invalid) -> [(label: String, value: Double)] {
        if integers, let bad = values.first(where: { $0.1 != $0.1.rounded() || $0.1 < 0 }) {
            throw Invalid(description: "'\(text)': \(bad.0) is not a whole number of 0 or more")
        }
        if !integers, let bad = values.first(where: { $0.1 < 0 }) {
            throw Invalid(description: "'\(text)': the factor \(bad.0) is below 0")
        }
        var seen = Set<String>()
        for (label, _) in values where !seen.insert(label).inserted {
            throw Invalid(description: "'\(text)': \(label) is given twice")
        }
        return values.map { (label: $0.0, value: $0.1) }
    }

    /// A decimal number as whole units of its last decimal.
    struct Fixed {
        var units: Int
        var decimals: Int

        init(units: Int, decimals: Int) {
            self.units = units
            self.decimals = decimals
        }

        init?(_ text: String) {
            let t = text.trimmingCharacters(in: .whitespaces)
            guard !t.isEmpty, t.count <= 15 else { return nil }
            var negative = false
            var digits = Substring(t)
            if digits.first == "-" { negative = true; digits = digits.dropFirst() }
            let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 2, !parts[0].isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
                  parts.count == 1 || !parts[1].isEmpty, let whole = Int(parts[0]) else { return nil }
            let fraction = parts.count == 2 ? String(parts[1]) : ""
            decimals = fraction.count
            var u = whole
            for c in fraction { u = u * 10 + Int(String(c))! }
            units = negative ? -u : u
        }

        func scaled(to d: Int) -> Int? {
            var u = units
            for _ in 0..<(d - decimals) {
                let (next, overflow) = u.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                u = next
            }
            return u
        }

        var double: Double {
            var scale = 1.0
            for _ in 0..<decimals { scale *= 10 }
            return Double(units) / scale
        }

        var text: String {
            guard decimals > 0 else { return String(units) }
            var scale = 1
            for _ in 0..<decimals { scale *= 10 }
            let sign = units < 0 ? "-" : ""
            let a = abs(units)
            let fraction = String(a % scale)
            return "\(sign)\(a / scale).\(String(repeating: "0", count: decimals - fraction.count))\(fraction)"
        }
    }
}

/// One point of a sweep: a value on every axis.
public struct SweepPoint: Sendable, Hashable {
    /// Its place in the full product, counted from 0 (the shard assignment
    /// and the order of every table follow it).
    public var index: Int
    /// For each axis, the index of its value.
    public var coordinates: [Int]
    /// The folder name under points/.
    public var name: String
}

/// The axes and their product.
public struct SweepGrid: Sendable {
    public var axes: [SweepAxis]
    public private(set) var points: [SweepPoint] = []

    /// The most points one sweep may have (all shards together).
    public static let maximumPoints = 100_000

    /// The number of points of `counts` values on each axis, or nil when it
    /// is above `maximumPoints` (or would overflow counting it).
    public static func pointCount(_ counts: [Int]) -> Int? {
        var product = 1
        for count in counts {
            guard count >= 0 else { return nil }
            let (next, overflow) = product.multipliedReportingOverflow(by: count)
            guard !overflow, next <= maximumPoints else { return nil }
            product = next
        }
        return product
    }

    /// The product of the axes, the first axis varying slowest; at most
    /// `maximumPoints` (SweepSetup refuses more before a grid is made).
    public init(axes: [SweepAxis]) {
        self.axes = axes
        var coordinates: [[Int]] = [[]]
        for axis in axes {
            coordinates = coordinates.flatMap { prefix in axis.labels.indices.map { prefix + [$0] } }
        }
        let width = String(max(coordinates.count - 1, 0)).count
        points = coordinates.enumerated().map { index, c in
            let number = String(index)
            let parts = zip(axes, c).map { $0.namePart($1) }
            var name = String(repeating: "0", count: width - number.count) + number + (parts.isEmpty ? "" : "_" + parts.joined(separator: "_"))
            // A folder name has room for 255 bytes; the number in front keeps a cut name unique.
            while name.utf8.count > 200 { name.removeLast() }
            return SweepPoint(index: index, coordinates: c, name: name)
        }
    }

    /// The scenario of `point`: `scenarios[i]` is the i-th scenario file
    /// (one when there is no file axis), changed by every other axis.
    public func scenario(for point: SweepPoint, from scenarios: [Scenario]) -> Scenario {
        var fileIndex = 0
        for (axis, i) in zip(axes, point.coordinates) where axis.kind == .scenarioFile { fileIndex = i }
        var scenario = scenarios[fileIndex]
        for (axis, i) in zip(axes, point.coordinates) {
            let value = axis.values[i]
            switch axis.kind {
            case .scenarioFile:
                break
            case .teamSize:
                scenario.teamSize = Int(value)
            case .budgetScale(let stream):
                scenario.scaleBudget(of: stream, by: value)
            case .hoursScale:
                // Reserved hours stay; a contract scaled below them leaves the
                // worker no plannable hours (not an invalid scenario).
                for w in scenario.workers.indices {
                    scenario.workers[w].hoursPerWeek *= value
                    scenario.workers[w].reservedHours = min(scenario.workers[w].reservedHours, scenario.workers[w].hoursPerWeek)
                }
            }
        }
        return scenario
    }

    /// The points of shard `k` of `n` (k counted from 0): every n-th point
    /// by index, so the assignment never depends on timing.
    public func shard(_ k: Int, of n: Int) -> [SweepPoint] {
        points.filter { $0.index % n == k }
    }
}

/// The sweep a command line asks for: its axes, checked against the
/// scenarios, and the shard this run is.
public enum SweepSetup {
    /// The axes in the order a planner reads them: scenario files, team
    /// size, budgets (in the order given), contract hours; values no
    /// scenario can take left out (`checkedAxes`).
    public static func axes(files: [String], scenarios: [Scenario], teamSize: String?, budgetScales: [String],
                            hoursScale: String?) throws(SweepValues.Invalid) -> [SweepAxis]
    {
        try checkedAxes(files: files, scenarios: scenarios, teamSize: teamSize, budgetScales: budgetScales, hoursScale: hoursScale).axes
    }

    /// The axes, each point a scenario teamplan would read and no two
    /// points the same for want of a limit: team sizes above the most
    /// workers of any scenario (each plans as the whole team does),
    /// contract-hour factors that give a worker more hours a week than a
    /// scenario may state, budget factors that make a budget larger than a
    /// scenario may state are left out, each axis's left-out values said in
    /// one notice; an axis with nothing left is refused, in `language`.
    public static func checkedAxes(files: [String], scenarios: [Scenario], teamSize: String?, budgetScales: [String],
                                   hoursScale: String?, language: Language = .en) throws(SweepValues.Invalid)
        -> (axes: [SweepAxis], notices: [SweepNotice])
    {
        let words = SweepWords.of(language), l = language.labels
        var axes: [SweepAxis] = []
        var notices: [SweepNotice] = []
        /// The values of `axis` that `fits` keeps; the rest said in a notice.
        func clip(_ axis: SweepAxis, fits: (Double) -> Bool, nothingLeft: () -> String,
                  notice: ([String]) -> SweepNotice) throws(SweepValues.Invalid) -> SweepAxis {
            let kept = axis.values.indices.filter { fits(axis.values[$0]) }
            guard !kept.isEmpty else { throw SweepValues.Invalid(description: nothingLeft()) }
            if kept.count < axis.values.count {
                notices.append(notice(axis.values.indices.filter { !kept.contains($0) }.map { axis.labels[$0] }))
            }
            return SweepAxis(kind: axis.kind, labels: kept.map { axis.labels[$0] }, values: kept.map { axis.values[$0] })
        }
        if files.count > 1 {
            guard Set(files).count == files.count else { throw SweepValues.Invalid(description: "a scenario file is given twice") }
            // Labels name the points' folders: plain names from the file
            // names, numbered when two files have one name (a/sc.yaml, b/sc.yaml).
            var labels = files.map { plainLabel(FilePath.stem(of: $0)) }
            if Set(labels).count < labels.count { labels = labels.enumerated().map { "\($1)-\($0 + 1)" } }
            axes.append(SweepAxis(kind: .scenarioFile, labels: labels, values: files.indices.map(Double.init)))
        }
        if let teamSize {
            let values = try SweepValues.parse(teamSize, integers: true)
            // A team size of every worker or more sets no limit: the largest team is the last size that differs.
            let most = scenarios.map(\.workers.count).max() ?? 0
            let several = scenarios.count > 1
            axes.append(try clip(SweepAxis(kind: .teamSize, labels: values.map(\.label), values: values.map(\.value)),
                                 fits: { $0 <= Double(most) },
                                 nothingLeft: { words.teamSizeNothingLeft(teamSize, String(most), several) },
                                 notice: { SweepNotice(axis: "team_size", reason: .teamSizeAboveWorkers, leftOut: $0, limit: Double(most),
                                                       reachedBy: several ? "scenarios" : nil) }))
        }
        var streams = Set<String>()
        for text in budgetScales {
            guard let equals = text.firstIndex(of: "=") else {
                throw SweepValues.Invalid(description: "--budget-scale '\(text)': write STREAM=FROM...TO:STEP, e.g. wmo-stein=0.8...1.2:0.1 (or *=… for every stream)")
            }
            let stream = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
            if stream != "*" {
                for (file, scenario) in zip(files, scenarios) where !scenario.funding.contains(where: { $0.id == stream }) {
                    let ids = scenario.funding.map(\.id)
                    throw SweepValues.Invalid(description: "--budget-scale: \(file) has no funding stream '\(stream)'\(Suggestions.didYouMean(stream, in: ids)) (its streams: \(ids.joined(separator: ", ")))")
                }
            }
            guard streams.insert(stream).inserted else {
                throw SweepValues.Invalid(description: "--budget-scale: stream '\(stream)' is given twice")
            }
            if stream == "*" && streams.count > 1 || stream != "*" && streams.contains("*") {
                throw SweepValues.Invalid(description: "--budget-scale: '*' scales every stream and cannot be combined with one stream's scale")
            }
            let given = String(text[text.index(after: equals)...])
            let values = try SweepValues.parse(given)
            // The largest factor each budget allows, as the reader bounds budget_eur and budget_hours.
            let allowed = scenarios.flatMap(\.funding).filter { stream == "*" || $0.id == stream }.map { f -> Double in
                switch f.budget {
                case .euros(let euros, _): return euros > 0 ? ScenarioLimits.maxBudgetEuros / euros : .infinity
                case .hours(let hours): return hours > 0 ? ScenarioLimits.maxBudgetHours / hours : .infinity
                }
            }.min() ?? .infinity
            axes.append(try clip(SweepAxis(kind: .budgetScale(stream: stream), labels: values.map(\.label), values: values.map(\.value)),
                                 fits: { $0 <= allowed },
                                 nothingLeft: { words.budgetNothingLeft(stream, given) },
                                 notice: { SweepNotice(axis: "budget_scale:\(stream)", reason: .budgetAboveMaximum,
                                                       leftOut: $0, limit: allowed, reachedBy: stream) }))
        }
        if let hoursScale {
            let values = try SweepValues.parse(hoursScale)
            // The longest contract reaches the most hours a week a scenario may state first.
            let longest = scenarios.flatMap(\.workers).max { $0.hoursPerWeek < $1.hoursPerWeek }
            let most = ScenarioLimits.maxHoursPerWeek
            let allowed = longest.map { most / $0.hoursPerWeek } ?? .infinity
            axes.append(try clip(SweepAxis(kind: .hoursScale, labels: values.map(\.label), values: values.map(\.value)),
                                 // Counted in hours, so that 40 × 1.5 is 60 and kept.
                                 fits: { (longest?.hoursPerWeek ?? 0) * $0 <= most + 1e-9 },
                                 nothingLeft: { words.hoursNothingLeft(hoursScale, longest?.id ?? "", l.hours(most),
                                                                       l.hours((allowed * 100).rounded(.down) / 100)) },
                                 notice: { SweepNotice(axis: "hours_scale", reason: .contractHoursAboveMaximum, leftOut: $0, limit: most,
                                                       reachedBy: longest?.id) }))
        }
        // The limit holds for the values as asked, before any was left out:
        // a request for too many points is refused, not quietly cut down.
        let asked = axes.map { axis in axis.labels.count + (notices.first { $0.axis == axis.name }?.leftOut.count ?? 0) }
        guard SweepGrid.pointCount(asked) != nil else {
            throw SweepValues.Invalid(description: "the sweep would have more than \(SweepGrid.maximumPoints) points; sweep fewer values, or split it into several sweeps")
        }
        return (axes, notices)
    }

    /// A file name's stem as a plain folder-name part: letters, digits, `.`,
    /// `-` and `_` kept, anything else `-`, at most 60 characters.
    static func plainLabel(_ stem: String) -> String {
        var label = String(String.UnicodeScalarView(stem.unicodeScalars.map {
            ($0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "." || $0 == "-" || $0 == "_")) ? $0 : "-"
        }).prefix(60))
        if label.isEmpty || label.hasPrefix(".") { label = "s" + label }
        return label
    }

    /// This run's shard, from `--shard K/N`, `--shards N` and the batch
    /// system's environment. A sweep is sharded only when N is said on the
    /// command line: an index from the environment without N, or one that
    /// disagrees with `--shard`, is an error with the fix — never a silent
    /// other set of points (every pod of an Indexed Job running the whole
    /// sweep; an array task that runs a sweep of its own, quietly cut to a
    /// slice of it by the array's size). The index is a Slurm array task's
    /// `SLURM_ARRAY_TASK_ID` itself (so that `sbatch --array=2` reruns shard
    /// 2, and `--array=0-1` shards 0 and 1, whatever the first run's array
    /// was) or a Kubernetes Indexed Job's `JOB_COMPLETION_INDEX`. One shard
    /// (`--shards 1`, `--shard 0/1`) is the whole sweep, in a batch job too.
    /// Nil runs every point.
    public static func shard(option: String?, shards: Int?, environment: [String: String]) throws(SweepValues.Invalid) -> SweepTable.Shard? {
        if let option {
            let shard = try optionShard(option)
            if let shards, shards != shard.count {
                throw SweepValues.Invalid(description: "--shard \(option) and --shards \(shards) disagree on the number of shards; give one of them")
            }
            if shard.count == 1 { return nil }
            if let batch = try batchIndex(environment), batch.index != shard.index {
                throw SweepValues.Invalid(description: "--shard \(option) but \(batch.source)=\(batch.index): inside a batch job the task's index is the shard; drop --shard and give --shards \(shard.count), or make them agree")
            }
            return shard
        }
        if shards == 1 { return nil }
        let batch = try batchIndex(environment)
        guard let batch else {
            if let shards {
                throw SweepValues.Invalid(description: "--shards \(shards) needs the shard's index: from a Slurm array task (SLURM_ARRAY_TASK_ID) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX), or give --shard K/N")
            }
            return nil
        }
        guard let count = shards else {
            let whole = batch.arrayCount.map { " (this array's \($0) tasks: --shards \($0))" } ?? ""
            throw SweepValues.Invalid(description: batch.source == "SLURM_ARRAY_TASK_ID"
                ? "SLURM_ARRAY_TASK_ID=\(batch.index) is set (a task of a Slurm array, \(batch.arrayText)): give the number of shards with --shards N to run shard \(batch.index) of N\(whole) — the N of the first run's --array=0-(N−1) when this reruns a task — or --shards 1 to run the whole sweep in this task"
                : "JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job): give the number of shards with --shards N (the Job's completions), or --shards 1 to run the whole sweep in this pod")
        }
        guard batch.index < count else {
            throw SweepValues.Invalid(description: "\(batch.source)=\(batch.index) with \(count) shards: shard \(batch.index) does not exist; the index is the shard, from 0 to \(count - 1)"
                                      + (batch.source == "SLURM_ARRAY_TASK_ID" ? " (submit the array as --array=0-\(count - 1))" : ""))
        }
        return try makeShard(batch.index, count, batch.source)
    }

    /// A batch job's task index: a Slurm array task's (with the array's
    /// count when the array is the whole 0…N−1) or a Kubernetes Indexed Job's.
    struct BatchIndex {
        var index: Int
        var source: String
        var arrayCount: Int?
        /// How the array looks, for a message: `--array=2-2, 1 task`.
        var arrayText: String
    }

    static func batchIndex(_ environment: [String: String]) throws(SweepValues.Invalid) -> BatchIndex? {
        func number(_ name: String) throws(SweepValues.Invalid) -> Int? {
            guard let text = environment[name] else { return nil }
            guard let value = shardNumber(Substring(text)) else {
                throw SweepValues.Invalid(description: "\(name)=\(text.truncatedForMessage): not a whole number from 0 to \(SweepGrid.maximumPoints)")
            }
            return value
        }
        if let id = try number("SLURM_ARRAY_TASK_ID"), let index = try number("JOB_COMPLETION_INDEX"), id != index {
            throw SweepValues.Invalid(description: "SLURM_ARRAY_TASK_ID=\(id) and JOB_COMPLETION_INDEX=\(index) are both set and disagree on the shard: unset the one that does not belong to this job, or give --shard K/N")
        }
        if let id = try number("SLURM_ARRAY_TASK_ID") {
            let minimum = try number("SLURM_ARRAY_TASK_MIN"), maximum = try number("SLURM_ARRAY_TASK_MAX")
            let count = try number("SLURM_ARRAY_TASK_COUNT")
            if let minimum, id < minimum {
                throw SweepValues.Invalid(description: "SLURM_ARRAY_TASK_ID=\(id) is below SLURM_ARRAY_TASK_MIN=\(minimum)")
            }
            if let maximum, id > maximum {
                throw SweepValues.Invalid(description: "SLURM_ARRAY_TASK_ID=\(id) is above SLURM_ARRAY_TASK_MAX=\(maximum)")
            }
            var whole: Int?
            if minimum == 0, let maximum, let count, maximum == count - 1 { whole = count }
            let step = try number("SLURM_ARRAY_TASK_STEP").flatMap { $0 > 1 ? ":\($0)" : nil } ?? ""
            let range = minimum.map { m in "--array=\(m)-\(maximum.map(String.init) ?? "?")\(step)" } ?? "an array"
            let tasks = count.map { $0 == 1 ? ", 1 task" : ", \($0) tasks" } ?? ""
            return BatchIndex(index: id, source: "SLURM_ARRAY_TASK_ID", arrayCount: whole, arrayText: range + tasks)
        }
        if let index = try number("JOB_COMPLETION_INDEX") {
            return BatchIndex(index: index, source: "JOB_COMPLETION_INDEX", arrayCount: nil, arrayText: "")
        }
        return nil
    }

    /// Shard `k` of `n`, when it exists; `source` says where they came from.
    static func makeShard(_ k: Int, _ n: Int, _ source: String) throws(SweepValues.Invalid) -> SweepTable.Shard {
        guard n >= 1, k >= 0, k < n else {
            throw SweepValues.Invalid(description: "\(source): shard \(k) of \(n) does not exist (K counts from 0 to N−1)")
        }
        return SweepTable.Shard(index: k, count: n)
    }

    /// Values from the environment can be anything: whole numbers in a
    /// sane range, or a message (never an overflow).
    static func shardNumber(_ text: Substring) -> Int? {
        Int(text.trimmingCharacters(in: .whitespaces)).flatMap { (0...SweepGrid.maximumPoints).contains($0) ? $0 : nil }
    }

    /// `--shard K/N`.
    static func optionShard(_ option: String) throws(SweepValues.Invalid) -> SweepTable.Shard {
        let parts = option.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = shardNumber(parts[0]), let n = shardNumber(parts[1]) else {
            throw SweepValues.Invalid(description: "--shard '\(option)': write K/N, e.g. 0/3 for the first of three shards")
        }
        return try makeShard(k, n, "--shard \(option)")
    }
}
