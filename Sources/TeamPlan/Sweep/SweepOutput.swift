import Foundation

/// The files of a sweep's output folder, and the merge of sharded ones.
public enum SweepOutput {
    /// A solved point's own files, under points/NAME/.
    public struct PointFiles: Sendable {
        public var name: String
        public var files: [(String, Data)]
        public init(name: String, files: [(String, Data)]) {
            self.name = name
            self.files = files
        }
    }

    /// Why sharded folders cannot be merged: the folder, and what is wrong with it.
    public enum MergeError: Error, CustomStringConvertible, Sendable {
        case unreadable(folder: String, reason: String)
        /// A shard's own files do not hold together (a hand-edited or broken shard).
        case invalid(folder: String, what: String)
        case mismatch(folder: String, what: String)
        case duplicate(point: String, folders: [String])
        case outputIsAShard(folder: String)

        public var description: String {
            switch self {
            case .unreadable(let folder, let reason): return "\(folder): \(reason)"
            case .invalid(let folder, let what): return "\(folder) is not a shard teamplan can merge: \(what)"
            case .mismatch(let folder, let what): return "\(folder) is not a shard of the same sweep as the first folder: \(what) differ"
            case .duplicate(let point, let folders): return "point \(point) is in more than one folder: \(folders.joined(separator: ", "))"
            case .outputIsAShard(let folder): return "the output folder is the shard \(folder) (or holds it, or lies inside it); write the merge into a folder of its own"
            }
        }
    }

    /// Everything the sweep's folder holds.
    public static func files(_ table: SweepTable, points: [PointFiles]) -> [(String, Data)] {
        var files: [(String, Data)] = [
            ("sweep.json", Data(table.json().utf8)),
            ("sweep.csv", Data(table.csv().utf8)),
            ("sweep.svg", Data(SweepReport.svg(table).utf8)),
            ("sweep.html", Data(SweepReport.html(table, title: table.title).utf8)),
        ]
        for point in points.sorted(by: { $0.name < $1.name }) {
            files += point.files.map { ("points/\(point.name)/\($0.0)", $0.1) }
        }
        return files
    }

    /// The largest sweep.json, plan.json or summary.txt a merge reads.
    static let maximumFileBytes = 20 << 20

    /// A merge's outcome: the files of the unsharded sweep, and what they
    /// hold — so that the merge can say what it merged, what was stopped
    /// and what is missing.
    public struct Merged: Sendable {
        public var files: [(String, Data)]
        /// The merged table (rows in point order, no shard; `complete` only
        /// when every point of the sweep is there and no shard was stopped).
        public var table: SweepTable
        /// The shards given, in order: each folder's shard (nil for an
        /// unsharded folder) and whether it finished every one of its points.
        public var folders: [(folder: String, shard: SweepTable.Shard?, complete: Bool)]
        /// Points no folder has, each with the shard that should hold it
        /// (when the shards agree on their number) and that shard's folder
        /// when it was given (it was stopped before the point).
        public var missing: [MissingPoint]
    }

    public struct MissingPoint: Sendable, Equatable {
        public var index: Int
        public var name: String
        public var shard: SweepTable.Shard?
        public var folder: String?
    }

    /// Reads the folders of a sharded sweep and returns the files of the
    /// unsharded sweep: the same table (rows in point order, no shard), the
    /// same charts and every point's files. Nothing in a shard is trusted:
    /// each table is checked against the grid it claims (point names and
    /// values recomputed, counts within limits), the shards must have read
    /// the same scenarios (by content), and every plan.json is read by the
    /// plan reader and must state its row's status and objective. Only
    /// points/NAME/plan.json and summary.txt are read, NAME a recomputed
    /// plain name. Points no folder has (a shard stopped, failed or not
    /// given) leave the merged table incomplete: they are listed, never
    /// silently dropped.
    public static func merge(_ folders: [String]) throws(MergeError) -> Merged {
        var tables: [(folder: String, table: SweepTable, grid: SweepGrid)] = []
        for folder in folders {
            let (table, grid) = try checkedTable(try readTable(folder), folder: folder)
            tables.append((folder, table, grid))
        }
        guard let first = tables.first else { throw .unreadable(folder: "", reason: "no folder given") }
        var rows: [SweepRow] = []
        var owner: [Int: String] = [:]
        for (folder, table, _) in tables {
            if table.scenarioDigests != first.table.scenarioDigests {
                throw .mismatch(folder: folder, what: "the scenarios (their contents)")
            }
            if table.axes != first.table.axes { throw .mismatch(folder: folder, what: "the axes") }
            if table.timeLimitSeconds != first.table.timeLimitSeconds { throw .mismatch(folder: folder, what: "the time limits") }
            if table.leastMoney != first.table.leastMoney { throw .mismatch(folder: folder, what: "the least-money tie-breaks") }
            // Each point's summary.txt is in its shard's language: one merged folder speaks one.
            if table.language != first.table.language { throw .mismatch(folder: folder, what: "the languages (--lang)") }
            if table.csvDialect != first.table.csvDialect { throw .mismatch(folder: folder, what: "the CSV dialects (--csv)") }
            for row in table.rows {
                if let other = owner[row.index] { throw .duplicate(point: row.point, folders: [other, folder]) }
                owner[row.index] = folder
                rows.append(row)
            }
        }
        // The shard a missing point belongs to, when every folder is a shard of the same number.
        let counts = Set(tables.map { $0.table.shard?.count ?? 0 })
        let shardCount = counts.count == 1 ? counts.first.flatMap { $0 > 0 ? $0 : nil } : nil
        let missing = (0..<first.table.points).filter { owner[$0] == nil }.map { index -> MissingPoint in
            let shard = shardCount.map { SweepTable.Shard(index: index % $0, count: $0) }
            let folder = shard.flatMap { s in tables.first { $0.table.shard == s }?.folder }
            return MissingPoint(index: index, name: first.grid.points[index].name, shard: shard, folder: folder)
        }
        var table = first.table
        table.shard = nil
        // A shard stopped before its end is not complete even when each of
        // its points has a row: those it was solving are what the stop left.
        table.complete = missing.isEmpty && tables.allSatisfy(\.table.complete)
        table.rows = rows.sorted { $0.index < $1.index }
        var points: [PointFiles] = []
        for row in table.rows where row.hasPlan {
            points.append(PointFiles(name: row.point, files: try pointFiles(row, folder: owner[row.index]!)))
        }
        return Merged(files: Self.files(table, points: points), table: table,
                      folders: tables.map { ($0.folder, $0.table.shard, $0.table.complete) }, missing: missing)
    }

    /// The merge's output folder is none of the shards, holds none and lies
    /// in none: writing it would replace a shard.
    public static func checkOutput(_ out: String, against folders: [String]) throws(MergeError) {
        // A folder still to be made is where its nearest existing folder is.
        var existing = out.isEmpty ? "." : out, rest: [String] = []
        var resolved = OutputFolder.realPath(existing)
        while resolved == nil && !existing.isEmpty && existing != "/" {
            rest.insert(FilePath.name(of: existing), at: 0)
            existing = FilePath.folder(of: existing)
            resolved = OutputFolder.realPath(existing.isEmpty ? "." : existing)
        }
        guard let base = resolved else { return }
        let output = rest.reduce(base) { $0 == "/" ? "/" + $1 : $0 + "/" + $1 }
        for folder in folders {
            guard let shard = OutputFolder.realPath(folder) else { continue }
            if output == shard || shard.hasPrefix(output + "/") || output.hasPrefix(shard + "/") {
                throw .outputIsAShard(folder: folder)
            }
        }
    }

    /// A shard's sweep.json, read within the size limit.
    static func readTable(_ folder: String) throws(MergeError) -> [UInt8] {
        do throws(RegularFile.Refusal) {
            return try readShardFile(folder, "sweep.json")
        } catch {
            throw .unreadable(folder: folder, reason: "cannot read its sweep.json: \(error.reason) (is it the --out folder of a sweep?)")
        }
    }

    /// A file inside a shard, by a path of plain names, none of them a
    /// symbolic link: a shard's files are read from the shard, never from
    /// wherever a link would lead (the folder itself may be a link: the user
    /// named it).
    static func readShardFile(_ folder: String, _ relative: String) throws(RegularFile.Refusal) -> [UInt8] {
        var path = folder
        let parts = relative.split(separator: "/").map(String.init)
        for part in parts.dropLast() {
            path = FilePath.join(path, part)
            var info = stat()
            guard lstat(path, &info) == 0 else { throw .noSuchFile }
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw .notRegular(kind: info.st_mode & S_IFMT == S_IFLNK ? "reached through a symbolic link" : "under a file, not a folder")
            }
        }
        return try RegularFile.read(path: FilePath.join(path, parts.last ?? ""), limit: maximumFileBytes, following: false).get()
    }

    /// The bytes of a shard's sweep.json, decoded and checked against the
    /// grid they claim (what a merge trusts of a shard, and what the
    /// `sweep-table` fuzzer feeds any bytes to).
    public static func checkedTable(_ bytes: [UInt8], folder: String) throws(MergeError) -> (SweepTable, SweepGrid) {
        let table = try decodeTable(bytes, folder: folder)
        return (table, try checkedGrid(table, folder: folder))
    }

    static func decodeTable(_ bytes: [UInt8], folder: String) throws(MergeError) -> SweepTable {
        do {
            return try SweepTable.decode(Data(bytes))
        } catch let error as DecodingError {
            throw .unreadable(folder: folder, reason: "sweep.json is not a sweep's table: " + describe(error))
        } catch {
            throw .unreadable(folder: folder, reason: "sweep.json is not a sweep's table")
        }
    }

    /// The grid a shard's table claims, checked against the table: counts,
    /// the shard, every row's name and values.
    static func checkedGrid(_ table: SweepTable, folder: String) throws(MergeError) -> SweepGrid {
        func invalid(_ what: String) -> MergeError { .invalid(folder: folder, what: what) }
        guard table.scenarios.count == table.scenarioDigests.count, !table.scenarios.isEmpty,
              table.scenarioDigests.allSatisfy({ $0.count == 64 && $0.allSatisfy(\.isHexDigit) }) else {
            throw invalid("its scenarios and their digests do not match")
        }
        var axes: [SweepAxis] = []
        for info in table.axes {
            guard let kind = SweepAxis.Kind(name: info.name) else { throw invalid("unknown axis '\(info.name.truncatedForMessage)'") }
            guard !info.values.isEmpty, Set(info.values).count == info.values.count else {
                throw invalid("the axis \(info.name.truncatedForMessage) has no values or a value twice")
            }
            axes.append(SweepAxis(kind: kind, labels: info.values, values: info.values.indices.map(Double.init)))
        }
        guard let count = SweepGrid.pointCount(axes.map(\.labels.count)) else {
            throw invalid("its axes make more than \(SweepGrid.maximumPoints) points")
        }
        guard count == table.points else { throw invalid("it claims \(table.points) points, but its axes make \(count)") }
        if let shard = table.shard, !(shard.count >= 1 && shard.count <= SweepGrid.maximumPoints && shard.index >= 0 && shard.index < shard.count) {
            throw invalid("it claims to be shard \(shard.index) of \(shard.count)")
        }
        guard table.rows.count <= count else { throw invalid("it has more rows than points") }
        let grid = SweepGrid(axes: axes)
        for row in table.rows {
            guard row.index >= 0, row.index < count else { throw invalid("a row has point number \(row.index), outside 0…\(count - 1)") }
            let point = grid.points[row.index]
            guard row.point == point.name, OutputFolder.isCheckedName(point.name) else {
                throw invalid("point \(row.index) is named '\(row.point.truncatedForMessage)', not '\(point.name.truncatedForMessage)'")
            }
            guard row.values == zip(axes, point.coordinates).map({ $0.labels[$1] }) else {
                throw invalid("point \(point.name) has values that are not its axes' values")
            }
            if let shard = table.shard, row.index % shard.count != shard.index {
                throw invalid("point \(point.name) does not belong to shard \(shard.index) of \(shard.count)")
            }
        }
        return grid
    }

    /// A solved point's plan.json and summary.txt, the plan read by the plan
    /// reader and agreeing with the row.
    static func pointFiles(_ row: SweepRow, folder: String) throws(MergeError) -> [(String, Data)] {
        let pointFolder = FilePath.join(FilePath.join(folder, "points"), row.point)
        var files: [(String, Data)] = []
        for name in ["plan.json", "summary.txt"] {
            do throws(RegularFile.Refusal) {
                files.append((name, Data(try readShardFile(folder, "points/\(row.point)/\(name)"))))
            } catch {
                throw .unreadable(folder: folder, reason: "point \(row.point): cannot read its \(name): \(error.reason)")
            }
        }
        let (plan, problems) = PlanFile.decode(Array(files[0].1), file: FilePath.join(pointFolder, "plan.json"))
        guard let plan, !problems.hasErrors else {
            let first = problems.errors.first.map { ": " + $0.description } ?? ""
            throw .invalid(folder: folder, what: "point \(row.point)'s plan.json is not a plan teamplan can read\(first)")
        }
        guard plan.status.rawValue == row.status.rawValue, let objective = row.objective, let stated = plan.objective,
              abs(stated - objective) <= 1e-6 * max(1, abs(objective)) else {
            throw .invalid(folder: folder, what: "point \(row.point)'s plan.json does not state the status and objective of its row in sweep.json")
        }
        guard String(validating: files[1].1, as: UTF8.self) != nil else {
            throw .invalid(folder: folder, what: "point \(row.point)'s summary.txt is not text")
        }
        return files
    }

    /// A decoding error as a sentence: what is missing or wrong, and where.
    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [CodingKey], _ key: CodingKey? = nil) -> String {
            let parts = (codingPath + (key.map { [$0] } ?? [])).map { key in
                key.intValue.map { "[\($0)]" } ?? snakeCase(key.stringValue)
            }
            let text = parts.reduce("") { $0.isEmpty || $1.hasPrefix("[") ? $0 + $1 : $0 + "." + $1 }
            return text.isEmpty ? "the top level" : "'\(text)'"
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath, key)) is missing"
        case .valueNotFound(_, let context): return "\(path(context.codingPath)) has no value"
        case .typeMismatch(_, let context): return "\(path(context.codingPath)) has the wrong type"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "it is not valid JSON" : "\(path(context.codingPath)) is not valid"
        @unknown default: return "it cannot be read"
        }
    }

    private static func snakeCase(_ name: String) -> String {
        var out = ""
        for c in name {
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
        return out
    }
}
