import Foundation

/// A CSV table a scenario named, as it was found.
public struct TableSource: Sendable, Hashable, Codable {
    /// `workers` or `practices`.
    public var key: String
    /// The file as shown in diagnostics (relative to where the user stood).
    public var file: String
    /// `comma`, `semicolon` or `tab`.
    public var separator: String
    /// `utf8`, `utf8-bom` or `windows1252`.
    public var encoding: String
    public var rows: Int
}

/// The outcome of reading a scenario: the scenario when it has no errors,
/// and every diagnostic (errors, warnings, notices) in file order.
public struct LoadedScenario: Sendable {
    public var file: String
    public var scenario: Scenario?
    public var diagnostics: [Diagnostic]
    public var tables: [TableSource]
    /// SHA-256 of every byte read: the YAML and each file it names, with
    /// their names. Two runs that read the same scenario have the same one.
    public var contentDigest: String = ""
    /// Every file read from disk: the YAML and each file it names.
    public var inputFiles: [InputFile] = []
}

/// A file a run reads, and what it is ("the scenario"): no output may
/// replace it.
public struct InputFile: Sendable, Equatable {
    public var path: String
    public var what: String

    public init(path: String, what: String) {
        self.path = path
        self.what = what
    }
}

/// Reads scenario files (scenario.md) from disk: the YAML, the CSV tables it
/// names and the previous plan, within the size limits.
public enum ScenarioLoader {
    /// Reads the scenario at `path` (as the user wrote it: diagnostics name
    /// files the way the user named them).
    /// With `confinement`, a table or previous plan the scenario names
    /// outside that folder is an error, never read (`teamplan serve`).
    public static func load(path: String, confinedTo confinement: FolderConfinement? = nil) -> LoadedScenario {
        if let confinement, !confinement.contains(path) {
            return LoadedScenario(file: path, scenario: nil,
                                  diagnostics: [.error(at: SourceLocation(file: path), path: "", outside("scenario", path))], tables: [])
        }
        switch readBytes(path, display: path, location: nil, what: "scenario") {
        case .failure(let diagnostic):
            return LoadedScenario(file: path, scenario: nil, diagnostics: [diagnostic], tables: [])
        case .success(let bytes):
            let directory = FilePath.folder(of: path)
            var loaded: LoadedScenario
            if isWorkbookName(path) {
                loaded = load(workbook: bytes, file: path, directory: directory, confinedTo: confinement)
            } else if let refusal = notText(bytes, file: path) {
                return LoadedScenario(file: path, scenario: nil, diagnostics: [refusal], tables: [])
            } else {
                loaded = load(yaml: bytes, file: path, directory: directory, confinedTo: confinement)
            }
            loaded.inputFiles.insert(InputFile(path: path, what: "the scenario"), at: 0)
            return loaded
        }
    }

    /// Reads a scenario from YAML bytes; relative table paths are taken
    /// from `directory`, and named in diagnostics relative to `file`'s folder.
    /// With `files`, the files the scenario names (CSV tables, the previous
    /// plan) are looked up there by the name the scenario gives them, not on
    /// disk: for a program that holds them in memory, and for the fuzzers.
    public static func load(yaml bytes: [UInt8], file: String, directory: String,
                            files: [String: [UInt8]]? = nil, confinedTo confinement: FolderConfinement? = nil) -> LoadedScenario {
        let text: String
        switch decodeUTF8(bytes, file: file) {
        case .failure(let diagnostic):
            return LoadedScenario(file: file, scenario: nil, diagnostics: [diagnostic], tables: [])
        case .success(let decoded):
            text = decoded
        }
        let (root, yamlProblems) = YAMLLoader.load(text, file: file)
        guard let root else {
            return LoadedScenario(file: file, scenario: nil, diagnostics: yamlProblems.sortedByLocation(), tables: [])
        }
        let named = NamedFiles(shownDirectory: FilePath.folder(of: file), directory: directory, files: files,
                               digested: digestPart(file: "", bytes), confinement: confinement)
        var reader = ScenarioReader(loadTable: named.table, loadPrevious: named.previous)
        let scenario = reader.read(root)
        let diagnostics = (reader.reader.diagnostics + named.diagnostics).sortedByLocation()
        return LoadedScenario(file: file, scenario: diagnostics.hasErrors ? nil : scenario,
                              diagnostics: diagnostics, tables: named.tables, contentDigest: SHA256.hex(named.digested),
                              inputFiles: named.inputFiles)
    }

    /// The files a scenario names (CSV tables, the previous plan), read
    /// relative to it from disk or from `files`, and what reading them found.
    final class NamedFiles {
        let shownDirectory: String
        let directory: String
        let files: [String: [UInt8]]?
        /// The diagnostics of the files themselves, beside the YAML's.
        var diagnostics: [Diagnostic] = []
        /// Every byte read, with the names, for the content digest.
        var digested: [UInt8]
        var inputFiles: [InputFile] = []
        var tables: [TableSource] = []
        let confinement: FolderConfinement?

        init(shownDirectory: String, directory: String, files: [String: [UInt8]]?, digested: [UInt8],
             confinement: FolderConfinement? = nil) {
            self.shownDirectory = shownDirectory
            self.directory = directory
            self.files = files
            self.digested = digested
            self.confinement = confinement
        }

        /// A file the scenario names, relative to it: its name as shown, and
        /// its bytes unless it could not be read (then a diagnostic says why).
        func read(_ path: String, _ location: SourceLocation, _ what: String) -> (String, [UInt8]?) {
            let display = FilePath.join(shownDirectory, path)
            if files == nil, let confinement, !confinement.contains(FilePath.join(directory, path)) {
                diagnostics.append(.error(at: location, path: "", outside(what, display)))
                return (display, nil)
            }
            let read = files.map { files in
                files[path].map { Result.success($0) }
                    ?? .failure(.error(at: location, path: "", "cannot read the \(what) '\(display)': no such file"))
            } ?? readBytes(FilePath.join(directory, path), display: display, location: location, what: what)
            switch read {
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                return (display, nil)
            case .success(let bytes):
                digested += digestPart(file: path, bytes)
                if files == nil { inputFiles.append(InputFile(path: FilePath.join(directory, path), what: "the \(what)")) }
                return (display, bytes)
            }
        }

        /// `workers:` or `practices:` as a CSV file: its rows as nodes.
        func table(_ path: String, _ key: String, _ location: SourceLocation, _ allowed: [String]) -> SourceNode? {
            let (display, bytes) = read(path, location, "\(key) table")
            guard let bytes else { return nil }
            let limit = ScenarioKeys.rowLimit(key)
            let (table, problems) = CSVReader.read(bytes, file: display, path: key, maxRows: limit)
            diagnostics += problems
            guard let table, !problems.hasErrors else { return nil }
            tables.append(TableSource(key: key, file: display, separator: table.separator.name,
                                      encoding: table.encoding.rawValue, rows: table.rows.count))
            return tableNode(table, file: display, key: key, allowed: allowed, diagnostics: &diagnostics)
        }

        /// `previous:`: the pairs of last quarter's plan.
        func previous(_ path: String, _ location: SourceLocation) -> PreviousPlan? {
            let (display, bytes) = read(path, location, "previous plan")
            guard let bytes else { return nil }
            return previousPlan(bytes, path: path, file: display, location: location, diagnostics: &diagnostics)
        }
    }

    static func outside(_ what: String, _ display: String) -> String {
        "cannot read the \(what) '\(display)': it is outside the folder teamplan serve was given"
    }

    /// A named file's bytes, length-prefixed so that no two sets of files
    /// give the same input to the digest.
    static func digestPart(file: String, _ bytes: [UInt8]) -> [UInt8] {
        let name = Array(file.utf8)
        return Array("\(name.count):".utf8) + name + Array("\(bytes.count):".utf8) + bytes
    }

    /// The file's bytes, refusing what is not a readable regular file or is
    /// larger than the limit before reading it (RegularFile: a FIFO, a
    /// device, a folder or a symlink loop is never read).
    static func readBytes(_ path: String, display: String, location: SourceLocation?, what: String)
        -> Result<[UInt8], Diagnostic>
    {
        let at = location ?? SourceLocation(file: display)
        switch RegularFile.read(path: path, limit: ScenarioLimits.maxFileBytes) {
        case .success(let bytes):
            return .success(bytes)
        case .failure(.tooLarge(let size)):
            let mib = Double(size) / 1_048_576
            return .failure(.error(at: at, path: "",
                "the \(what) '\(display)' is \(String(format: "%.1f", mib)) MiB; teamplan reads files of at most 20 MiB"))
        case .failure(.grewPastLimit):
            return .failure(.error(at: at, path: "", "the \(what) '\(display)' is larger than 20 MiB; teamplan reads files of at most 20 MiB"))
        case .failure(let refusal):
            return .failure(.error(at: at, path: "", "cannot read the \(what) '\(display)': \(refusal.reason)"))
        }
    }

    /// UTF-8 text without its byte-order mark; invalid UTF-8 and NUL bytes
    /// are errors at their position.
    static func decodeUTF8(_ bytes: [UInt8], file: String, kind: YAMLLoader.Kind = .scenario) -> Result<String, Diagnostic> {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let text = Array(body)
        if let nul = text.firstIndex(of: 0) {
            let (line, column) = textPosition(of: nul, in: text, from: 0)
            return .failure(.error(at: SourceLocation(file: file, line: line, column: column), path: "",
                                   "a NUL byte: this is not a text file"))
        }
        if let text = String(validating: body, as: UTF8.self) { return .success(text) }
        // Find the first byte that does not decode.
        var decoder = UTF8()
        var iterator = body.makeIterator()
        var offset = body.startIndex
        var scalarStart = offset
        loop: while true {
            scalarStart = offset
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                break loop
            case .error:
                break loop
            }
        }
        let (line, column) = textPosition(of: scalarStart - body.startIndex, in: text, from: 0)
        return .failure(.error(at: SourceLocation(file: file, line: line, column: column), path: "",
                               "not valid UTF-8 text; save the \(kind.noun) as UTF-8"))
    }

    /// A CSV table as the node tree the YAML form would give: a list of
    /// mappings, list cells split at `|`, leave `FROM..TO`, mdo `EVERY:HOURS`.
    static func tableNode(_ table: CSVTable, file: String, key: String, allowed: [String],
                          diagnostics: inout [Diagnostic]) -> SourceNode?
    {
        var columns: [(index: Int, key: String)] = []
        for (index, cell) in table.header.enumerated() {
            let name = cell.value.trimmingCharacters(in: .whitespaces)
            if allowed.contains(name) {
                columns.append((index, name))
            } else {
                diagnostics.append(.error(at: SourceLocation(file: file, line: cell.line, column: cell.column),
                                          path: key, "unknown column '\(name.truncatedForMessage)'" + Suggestions.didYouMean(name, in: allowed)))
            }
        }
        let required = ScenarioKeys.required(key)
        var missingColumn = false
        for name in required where !columns.contains(where: { $0.key == name }) {
            diagnostics.append(.error(at: SourceLocation(file: file, line: 1, column: 1), path: key,
                                      "the table has no column '\(name)', which is required"))
            missingColumn = true
        }
        if missingColumn { return nil }
        let separator = table.separator
        var rows: [SourceNode] = []
        for row in table.rows {
            var entries: [SourceNode.Entry] = []
            for (index, name) in columns {
                let cell = row.cells[index]
                let value = cell.value.trimmingCharacters(in: .whitespaces)
                if value.isEmpty { continue }
                let at = SourceLocation(file: file, line: cell.line, column: cell.column)
                entries.append(SourceNode.Entry(key: name, keyLocation: at,
                                                value: cellNode(value, key: name, at: at, separator: separator)))
            }
            rows.append(SourceNode(.mapping(entries), at: SourceLocation(file: file, line: row.line, column: 1)))
        }
        return SourceNode(.sequence(rows), at: SourceLocation(file: file, line: 1, column: 1))
    }

    private static func cellNode(_ value: String, key: String, at: SourceLocation, separator: CSVSeparator) -> SourceNode {
        func scalar(_ text: String, _ location: SourceLocation) -> SourceNode {
            SourceNode(.scalar(text, quoted: false), at: location, csvSeparator: separator)
        }
        if ScenarioKeys.listValued.contains(key) {
            var items: [SourceNode] = []
            var offset = 0
            for part in value.split(separator: "|", omittingEmptySubsequences: false) {
                var location = at
                location.column = at.column.map { $0 + offset }
                offset += part.count + 1
                let item = part.trimmingCharacters(in: .whitespaces)
                if item.isEmpty { continue }
                if key == "leave" {
                    let ends = item.components(separatedBy: "..")
                    let from = ends[0], to = ends.count == 2 ? ends[1] : ends[0]
                    if ends.count > 2 {
                        items.append(scalar(item, location))
                        continue
                    }
                    items.append(SourceNode(.mapping([
                        SourceNode.Entry(key: "from", keyLocation: location, value: scalar(from, location)),
                        SourceNode.Entry(key: "to", keyLocation: location, value: scalar(to, location)),
                    ]), at: location))
                } else {
                    items.append(scalar(item, location))
                }
            }
            return SourceNode(.sequence(items), at: at)
        }
        if key == "mdo", let parts = MDOText.parts(value) {
            return SourceNode(.mapping([
                SourceNode.Entry(key: "every_weeks", keyLocation: at, value: scalar(parts.every, at)),
                SourceNode.Entry(key: "hours", keyLocation: at, value: scalar(parts.hours, at)),
            ]), at: at)
        }
        return scalar(value, at)
    }

    /// The regular (worker, practice) pairs and the sessions of a plan.json.
    static func previousPlan(_ bytes: [UInt8], path: String, file: String, location: SourceLocation,
                             diagnostics: inout [Diagnostic]) -> PreviousPlan?
    {
        let (plan, problems) = PlanFile.decode(bytes, file: file)
        diagnostics += problems
        guard let plan else {
            diagnostics.append(.error(at: location, path: "previous", "cannot use '\(file)' as the previous plan: it is not a valid plan.json"))
            return nil
        }
        return PreviousPlan(path: path, pairs: plan.regularPairs.sorted(), sessions: Array(Set(plan.sessions)).sorted())
    }
}
