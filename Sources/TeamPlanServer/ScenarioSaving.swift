import Foundation
import TeamPlan

extension Workspace {
    /// Why an edit from the page was not saved, in the manager's words.
    public enum EditFailure: Error, Sendable, Equatable {
        /// The file changed on disk since the page was loaded: nothing overwritten.
        case changedOnDisk(String)
        /// The edit cannot be made by line; the manager edits the file.
        case refused(String)
        /// Saved, the scenario no longer read: the previous version is back.
        case broke(String)
        case cannotWrite(String)

        public var message: String {
            switch self {
            case .changedOnDisk(let t), .refused(let t), .broke(let t), .cannotWrite(let t): t
            }
        }
    }

    /// The scenario file's version: a digest of its bytes, which a page
    /// sends back with an edit so that a file changed meanwhile is never
    /// overwritten silently.
    public func version(of file: ScenarioFile) -> String? {
        FileManager.default.contents(atPath: file.path).map { SHA256.hex([UInt8]($0)) }
    }

    /// Makes `edit` in the scenario's YAML, or for a worker's leave in its
    /// workers CSV table when that is where the workers are, keeping the
    /// file's previous version in `.teamplan/history/`. Written atomically
    /// (a temporary file renamed over it); when the scenario no longer
    /// reads after it, the previous version is put back. The file saved.
    @discardableResult
    public func apply(_ edit: ScenarioEdit, to file: ScenarioFile, version: String, at date: Date = Date()) throws(EditFailure) -> String {
        guard !file.name.lowercased().hasSuffix(".xlsx") else {
            throw .refused("this scenario is a workbook: make the change in the workbook (Excel or LibreOffice)")
        }
        guard let data = FileManager.default.contents(atPath: file.path) else { throw .cannotWrite("cannot read \(file.name)") }
        guard SHA256.hex([UInt8](data)) == version else {
            throw .changedOnDisk("\(file.name) was changed on disk after this page was opened; nothing was saved. Reload the page and make the change again.")
        }
        let text = String(decoding: data, as: UTF8.self)
        var target = file.path
        var bytes: [UInt8]
        do throws(ScenarioEdit.Refusal) {
            switch edit {
            case .pin, .avoid:
                bytes = Array(try ScenarioEdit.adding(edit, toYAML: text).utf8)
            case .leave:
                if let table = Workspace.workersTable(in: text) {
                    guard let path = confinement.path(of: FilePath.join(FilePath.folder(of: file.name), table)),
                          let old = FileManager.default.contents(atPath: path) else {
                        throw ScenarioEdit.Refusal(description: "the workers table \(table) cannot be read inside the folder")
                    }
                    target = path
                    bytes = try ScenarioEdit.addingLeave(edit, toCSV: [UInt8](old))
                } else {
                    bytes = Array(try ScenarioEdit.addingLeave(edit, toYAML: text).utf8)
                }
            }
        } catch {
            throw .refused(error.description)
        }
        let before = (try? CheckWorkflow(file: file.path, confinedTo: confinement)) != nil
        guard let previous = FileManager.default.contents(atPath: target) else { throw .cannotWrite("cannot read \(target)") }
        try keep(previous, of: target, at: date)
        try Workspace.replace(target, with: bytes)
        if before {
            do throws(Failure) {
                _ = try CheckWorkflow(file: file.path, confinedTo: confinement)
            } catch {
                try? Workspace.replace(target, with: [UInt8](previous))
                throw .broke("the change would make the scenario unreadable, so it was not kept:\n"
                             + Workspace.shownRelative(error.text(.en), root: root))
            }
        }
        return Workspace.shownRelative(target, root: root)
    }

    /// `workers: PATH.csv` in the YAML: the table's path as written.
    static func workersTable(in text: String) -> String? {
        for line in ScenarioEdit.lines(of: text).lines where ScenarioEdit.isKeyLine(line, "workers") {
            let value = ScenarioEdit.value(line, "workers")
            return value.isEmpty || value.hasPrefix("[") ? nil : value
        }
        return nil
    }

    /// The file's bytes as they were, in `.teamplan/history/STAMP/NAME`.
    func keep(_ bytes: Data, of path: String, at date: Date) throws(EditFailure) {
        let name = Workspace.shownRelative(path, root: root)
        var stamp = Workspace.stamp(date)
        var folder = root + "/.teamplan/history/" + stamp
        var n = 1
        while FileManager.default.fileExists(atPath: folder + "/" + name) {
            n += 1
            stamp = Workspace.stamp(date) + "-\(n)"
            folder = root + "/.teamplan/history/" + stamp
        }
        let copy = folder + "/" + name
        guard confinement.contains(copy) else { throw .cannotWrite("the history folder would be outside the folder") }
        do {
            try FileManager.default.createDirectory(atPath: FilePath.folder(of: copy), withIntermediateDirectories: true)
            try bytes.write(to: URL(fileURLWithPath: copy))
        } catch {
            throw .cannotWrite("the previous version could not be kept in .teamplan/history (\(error.localizedDescription)); nothing was saved")
        }
    }

    /// Written to a temporary file beside it and renamed over it: a reader
    /// sees the old file or the new one, never half.
    static func replace(_ path: String, with bytes: [UInt8]) throws(EditFailure) {
        let temporary = FilePath.folder(of: path) + "/." + FilePath.name(of: path) + ".tmp-\(getpid())"
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, path) == 0 else {
                try? FileManager.default.removeItem(atPath: temporary)
                throw CocoaError(.fileWriteUnknown)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw .cannotWrite("\(FilePath.name(of: path)) could not be saved (\(error.localizedDescription)); it is as it was")
        }
    }
}

extension ScenarioEdit {
    static func isKeyLine(_ line: String, _ key: String) -> Bool { isKey(line, key, indent: 0) }
    static func value(_ line: String, _ key: String) -> String { plainValue(String(line.dropFirst(key.count + 1))) }
}
