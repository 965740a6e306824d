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

    public enum MergeError: Error, CustomStringConvertible, Sendable {
        case unreadable(folder: String, reason: String)
        case mismatch(folder: String, what: String)
        case duplicate(point: String, folders: [String])
        case missing(points: [String])

        public var description: String {
            switch self {
            case .unreadable(let folder, let reason): return "\(folder): \(reason)"
            case .mismatch(let folder, let what): return "\(folder) is not a shard of the same sweep as the first folder: \(what) differ"
            case .duplicate(let point, let folders): return "point \(point) is in more than one folder: \(folders.joined(separator: ", "))"
            case .missing(let points):
                let shown = points.prefix(5).joined(separator: ", ") + (points.count > 5 ? " and \(points.count - 5) more" : "")
                return "points missing from every folder (a shard not run or not given?): \(shown)"
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

    /// Reads the folders of a sharded sweep and returns the files of the
    /// unsharded sweep: the same table (rows in point order, no shard), the
    /// same charts and every point's files.
    public static func merge(_ folders: [String]) throws(MergeError) -> [(String, Data)] {
        var tables: [(String, SweepTable)] = []
        for folder in folders {
            let path = FilePath.join(folder, "sweep.json")
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .unreadable(folder: folder, reason: "no sweep.json (is it the --out folder of a sweep?)")
            }
            do {
                tables.append((folder, try SweepTable.decode(data)))
            } catch {
                throw .unreadable(folder: folder, reason: "sweep.json cannot be read: \(error)")
            }
        }
        guard let (_, first) = tables.first else { throw .unreadable(folder: "", reason: "no folder given") }
        var rows: [SweepRow] = []
        var owner: [Int: String] = [:]
        var complete = true
        for (folder, table) in tables {
            if table.scenarios != first.scenarios { throw .mismatch(folder: folder, what: "the scenario files") }
            if table.axes != first.axes { throw .mismatch(folder: folder, what: "the axes") }
            if table.timeLimitSeconds != first.timeLimitSeconds { throw .mismatch(folder: folder, what: "the time limits") }
            complete = complete && table.complete
            for row in table.rows {
                if let other = owner[row.index] { throw .duplicate(point: row.point, folders: [other, folder]) }
                owner[row.index] = folder
                rows.append(row)
            }
        }
        let names = Dictionary(uniqueKeysWithValues: rows.map { ($0.index, $0.point) })
        let missing = (0..<first.points).filter { names[$0] == nil }
        if !missing.isEmpty && complete {
            throw .missing(points: missing.map { "#\($0)" })
        }
        var table = first
        table.shard = nil
        table.complete = complete && missing.isEmpty
        table.rows = rows.sorted { $0.index < $1.index }
        var points: [PointFiles] = []
        for row in table.rows where row.hasPlan {
            let folder = FilePath.join(FilePath.join(owner[row.index]!, "points"), row.point)
            var files: [(String, Data)] = []
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for entry in entries.sorted() {
                guard let data = FileManager.default.contents(atPath: FilePath.join(folder, entry)) else {
                    throw .unreadable(folder: folder, reason: "\(entry) cannot be read")
                }
                files.append((entry, data))
            }
            if files.isEmpty { throw .unreadable(folder: folder, reason: "the point's files are missing") }
            points.append(PointFiles(name: row.point, files: files))
        }
        return Self.files(table, points: points)
    }
}
