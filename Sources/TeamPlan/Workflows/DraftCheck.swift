import Foundation

/// A scenario being edited, checked as `teamplan check` checks the files:
/// the YAML and its CSV tables as they stand in the editor, the other files
/// it names (a previous plan, tables not being edited) from disk. Nothing is
/// written. The same reader, so the same messages at the same positions.
public struct DraftCheck: Sendable {
    /// Every diagnostic, positions in the drafts' text; table files named
    /// as the scenario names them (relative to the scenario's folder).
    public var diagnostics: [Diagnostic]
    /// The capacity estimate, when the draft reads without errors.
    public var check: CheckWorkflow?

    /// `path`: the scenario file on disk (its folder is where its tables
    /// are); `yaml`: the draft's YAML (nil: the file's); `tables`: drafts
    /// of tables by the name the scenario gives them.
    public init(scenario path: String, shown name: String, yaml: String?, tables: [String: String],
                confinedTo confinement: FolderConfinement? = nil) {
        let directory = FilePath.folder(of: path)
        // The files the scenario on disk names, read as they are: a draft
        // that names the same files gets them, its edited tables replaced.
        let onDisk = ScenarioLoader.load(path: path, confinedTo: confinement)
        var files: [String: [UInt8]] = [:]
        for input in onDisk.inputFiles.dropFirst() {
            let name = directory.isEmpty ? input.path : String(input.path.dropFirst(directory.count + 1))
            guard confinement?.contains(input.path) ?? true, let data = FileManager.default.contents(atPath: input.path) else { continue }
            files[name] = [UInt8](data)
        }
        for (name, text) in tables { files[name] = Array(text.utf8) }
        let bytes: [UInt8]
        if let yaml {
            bytes = Array(yaml.utf8)
        } else {
            bytes = FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
        }
        let loaded = ScenarioLoader.load(yaml: bytes, file: name, directory: directory, files: files, confinedTo: confinement)
        diagnostics = loaded.diagnostics
        if let scenario = loaded.scenario, !loaded.diagnostics.hasErrors {
            check = CheckWorkflow(file: name, scenario: scenario, estimate: CapacityEstimate(scenario, tables: loaded.tables),
                                  diagnostics: loaded.diagnostics)
        }
    }
}
