import Foundation
import TeamPlan

extension Workspace {
    /// Why an edit from the page was not saved, in the manager's words.
    public enum EditFailure: Error, Sendable, Equatable {
        /// The file changed on disk since the page was loaded: nothing overwritten.
        case changedOnDisk(Said)
        /// The edit cannot be made by line; the manager edits the file.
        case refused(Said)
        /// Saved, the scenario no longer read: the previous version is back.
        case broke(Said)
        case cannotWrite(Said)

        public var message: String { message(.en) }

        public func message(_ language: Language) -> String {
            switch self {
            case .changedOnDisk(let t), .refused(let t), .broke(let t), .cannotWrite(let t): t(language)
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
        try Workspace.editing.withLock { _ throws(EditFailure) in try applying(edit, to: file, version: version, at: date) }
    }

    func applying(_ edit: ScenarioEdit, to file: ScenarioFile, version: String, at date: Date) throws(EditFailure) -> String {
        guard !file.name.lowercased().hasSuffix(".xlsx") else {
            throw .refused(Said("this scenario is a workbook: make the change in the workbook (Excel or LibreOffice)", "dit scenario is een werkmap: maak de wijziging in de werkmap (Excel of LibreOffice)"))
        }
        guard let data = FileManager.default.contents(atPath: file.path) else { throw .cannotWrite(Said("cannot read \(file.name)", "\(file.name) kan niet gelezen worden")) }
        guard SHA256.hex([UInt8](data)) == version else {
            throw .changedOnDisk(Said("\(file.name) was changed on disk after this page was opened; nothing was saved. Reload the page and make the change again.",
                                      "\(file.name) is op schijf gewijzigd nadat deze pagina werd geopend; er is niets bewaard. Laad de pagina opnieuw en maak de wijziging nog eens."))
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
                        throw ScenarioEdit.Refusal(description: "the workers table \(table) cannot be read inside the folder",
                                                               dutch: "de tabel met medewerkers \(table) kan in de map niet gelezen worden")
                    }
                    target = path
                    bytes = try ScenarioEdit.addingLeave(edit, toCSV: [UInt8](old))
                } else {
                    bytes = Array(try ScenarioEdit.addingLeave(edit, toYAML: text).utf8)
                }
            }
        } catch {
            throw .refused(Said(error.description, error.dutch))
        }
        let before = (try? CheckWorkflow(file: file.path, confinedTo: confinement)) != nil
        guard let previous = FileManager.default.contents(atPath: target) else { throw .cannotWrite(Said("cannot read \(target)", "\(target) kan niet gelezen worden")) }
        try keep(previous, of: target, at: date)
        try Workspace.replace(target, with: bytes)
        if before {
            do throws(Failure) {
                _ = try CheckWorkflow(file: file.path, confinedTo: confinement)
            } catch {
                try? Workspace.replace(target, with: [UInt8](previous))
                throw .broke(Said("the change would make the scenario unreadable, so it was not kept:\n" + Workspace.shownRelative(error.text(.en), root: root),
                                  "de wijziging zou het scenario onleesbaar maken, dus is ze niet bewaard:\n" + Workspace.shownRelative(error.text(.nl), root: root)))
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
        var n = 1
        while FileManager.default.fileExists(atPath: root + "/.teamplan/history/" + stamp + "/" + name) {
            n += 1
            stamp = Workspace.stamp(date) + "-\(n)"
        }
        let copy = root + "/.teamplan/history/" + stamp + "/" + name
        guard confinement.contains(copy) else { throw .cannotWrite(Said("the history folder would be outside the folder", "de map met eerdere versies zou buiten de map liggen")) }
        do {
            try FileManager.default.createDirectory(atPath: FilePath.folder(of: copy), withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(Said("the previous version could not be kept in .teamplan/history; nothing was saved",
                                     "de vorige versie kon niet bewaard worden in .teamplan/history; er is niets bewaard"))
        }
        // The folder made may have been a link planted there: checked again once it exists.
        guard confinement.contains(FilePath.folder(of: copy)) else { throw .cannotWrite(Said("the history folder would be outside the folder", "de map met eerdere versies zou buiten de map liggen")) }
        let temporary = try Workspace.written([UInt8](bytes), beside: copy)
        // link() never replaces: a name taken meanwhile is an error, not an overwrite.
        defer { unlink(temporary) }
        guard link(temporary, copy) == 0 else {
            throw .cannotWrite(Said("the previous version could not be kept in .teamplan/history; nothing was saved",
                                     "de vorige versie kon niet bewaard worden in .teamplan/history; er is niets bewaard"))
        }
    }

    /// Written to a temporary file beside it and renamed over it: a reader
    /// sees the old file or the new one, never half.
    static func replace(_ path: String, with bytes: [UInt8]) throws(EditFailure) {
        let temporary = try written(bytes, beside: path)
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw .cannotWrite(Said("\(FilePath.name(of: path)) could not be saved; it is as it was", "\(FilePath.name(of: path)) kon niet bewaard worden; het is zoals het was"))
        }
    }

    /// `bytes` in a new file of a name no one else has, beside `path`: made
    /// with O_EXCL and O_NOFOLLOW, so a link or file planted at a name
    /// guessed beforehand is never written through or over. Its path.
    static func written(_ bytes: [UInt8], beside path: String) throws(EditFailure) -> String {
        for _ in 0..<20 {
            let temporary = FilePath.folder(of: path) + "/." + FilePath.name(of: path).prefix(100) + ".tmp-"
                + String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if descriptor < 0 {
                if errno == EEXIST { continue }
                break
            }
            var done = 0
            let ok = bytes.withUnsafeBytes { raw -> Bool in
                while done < raw.count {
                    let n = write(descriptor, raw.baseAddress! + done, raw.count - done)
                    if n <= 0 { return false }
                    done += n
                }
                return fsync(descriptor) == 0
            }
            close(descriptor)
            if ok { return temporary }
            unlink(temporary)
            break
        }
        throw .cannotWrite(Said("\(FilePath.name(of: path)) could not be saved (the disk is full or the folder cannot be written); it is as it was",
                                 "\(FilePath.name(of: path)) kon niet bewaard worden (de schijf is vol of de map is niet schrijfbaar); het is zoals het was"))
    }

    /// One edit or save at a time: the version check and the write are one
    /// step, so two pages saving at once never lose one of the two.
    static let editing = Locked(())
}

extension ScenarioEdit {
    static func isKeyLine(_ line: String, _ key: String) -> Bool { isKey(line, key, indent: 0) }
    static func value(_ line: String, _ key: String) -> String { plainValue(String(line.dropFirst(key.count + 1))) }
}

extension Workspace {
    /// A kept version of one of a scenario's files: `.teamplan/history/STAMP/NAME`.
    public struct Kept: Sendable, Equatable {
        public var stamp: String
        /// The file's name relative to the folder.
        public var name: String
    }

    /// The scenario's files (its YAML and the CSV tables it names), relative to the folder.
    func ownFiles(of file: ScenarioFile) -> [String] {
        [file.name] + (EditorFiles(file, in: self)?.tables.map { Workspace.shownRelative($0.path, root: root) } ?? [])
    }

    /// The versions kept of the scenario's files, the newest first.
    public func history(of file: ScenarioFile) -> [Kept] {
        let folder = root + "/.teamplan/history"
        let names = ownFiles(of: file)
        let stamps = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { FolderConfinement.isPlainName($0) }
        return stamps.sorted { Workspace.stampsInOrder($1, $0) }.flatMap { stamp in
            names.filter { FileManager.default.fileExists(atPath: folder + "/" + stamp + "/" + $0) }.map { Kept(stamp: stamp, name: $0) }
        }
    }

    /// Puts a kept version back, keeping the current one in the history first.
    public func restore(_ kept: Kept, of file: ScenarioFile, at date: Date = Date()) throws(EditFailure) {
        try Workspace.editing.withLock { _ throws(EditFailure) in try restoring(kept, of: file, at: date) }
    }

    func restoring(_ kept: Kept, of file: ScenarioFile, at date: Date) throws(EditFailure) {
        guard FolderConfinement.isPlainName(kept.stamp), !kept.stamp.contains("/"), ownFiles(of: file).contains(kept.name),
              let target = confinement.path(of: kept.name) else {
            throw .refused(Said("there is no such kept version of this scenario's files", "zo'n eerdere versie van de bestanden van dit scenario is er niet"))
        }
        let source = root + "/.teamplan/history/" + kept.stamp + "/" + kept.name
        guard confinement.contains(source), let old = FileManager.default.contents(atPath: source) else {
            throw .refused(Said("there is no such kept version of this scenario's files", "zo'n eerdere versie van de bestanden van dit scenario is er niet"))
        }
        if let current = FileManager.default.contents(atPath: target) { try keep(current, of: target, at: date) }
        try Workspace.replace(target, with: [UInt8](old))
    }

    /// A new scenario `name` (`.yaml` added when missing) beside `source`, a
    /// copy of it: its CSV tables copied into a folder of the new name and
    /// named so in the YAML; other files it names (a previous plan) shared.
    public func copy(_ source: ScenarioFile, as wanted: String) throws(EditFailure) -> ScenarioFile {
        try Workspace.editing.withLock { _ throws(EditFailure) in try copying(source, as: wanted) }
    }

    func copying(_ source: ScenarioFile, as wanted: String) throws(EditFailure) -> ScenarioFile {
        var name = wanted.trimmingCharacters(in: .whitespaces)
        let workbook = source.name.lowercased().hasSuffix(".xlsx")
        let ending = workbook ? ".xlsx" : ".yaml"
        if !Workspace.isScenarioName(name) { name += ending }
        let folder = FilePath.folder(of: source.name)
        let full = folder.isEmpty ? name : folder + "/" + name
        guard !name.contains("/"), FolderConfinement.isPlainName(name), let path = confinement.path(of: full) else {
            throw .refused(Said("'\(wanted)' is not a file name: letters, digits, spaces and - _ . only", "'\(wanted)' is geen bestandsnaam: alleen letters, cijfers, spaties en - _ ."))
        }
        guard !FileManager.default.fileExists(atPath: path) else { throw .refused(Said("\(full) exists already; choose another name", "\(full) bestaat al; kies een andere naam")) }
        guard let data = FileManager.default.contents(atPath: source.path) else { throw .cannotWrite(Said("cannot read \(source.name)", "\(source.name) kan niet gelezen worden")) }
        if workbook {
            try Workspace.create(path, with: [UInt8](data))
            return ScenarioFile(name: full, path: path)
        }
        var (lines, newline) = ScenarioEdit.lines(of: String(decoding: data, as: UTF8.self))
        let stem = FilePath.stem(of: name)
        var copies: [(String, [UInt8])] = []
        for key in ["workers", "practices"] {
            guard let at = lines.firstIndex(where: { ScenarioEdit.isKey($0, key, indent: 0) }) else { continue }
            let value = ScenarioEdit.value(lines[at], key)
            guard value.lowercased().hasSuffix(".csv"), let table = confinement.path(of: FilePath.join(folder, value)),
                  let bytes = FileManager.default.contents(atPath: table) else { continue }
            let copied = stem + "/" + FilePath.name(of: value)
            guard let target = confinement.path(of: FilePath.join(folder, copied)) else { throw .refused(Said("cannot copy \(value)", "\(value) kan niet gekopieerd worden")) }
            guard !FileManager.default.fileExists(atPath: target) else { throw .refused(Said("\(FilePath.join(folder, copied)) exists already; choose another name", "\(FilePath.join(folder, copied)) bestaat al; kies een andere naam")) }
            copies.append((target, [UInt8](bytes)))
            lines[at] = "\(key): \(copied)"
        }
        for (target, bytes) in copies {
            do {
                try FileManager.default.createDirectory(atPath: FilePath.folder(of: target), withIntermediateDirectories: true)
            } catch {
                throw .cannotWrite(Said("cannot make the folder for \(FilePath.name(of: target))", "de map voor \(FilePath.name(of: target)) kan niet gemaakt worden"))
            }
            try Workspace.create(target, with: bytes)
        }
        try Workspace.create(path, with: Array(lines.joined(separator: newline).utf8))
        return ScenarioFile(name: full, path: path)
    }

    /// A new file, never over one that is there (written beside it and linked into place).
    static func create(_ path: String, with bytes: [UInt8]) throws(EditFailure) {
        let temporary = try written(bytes, beside: path)
        defer { unlink(temporary) }
        // link() fails when the name is taken: a file made meanwhile is never replaced.
        guard link(temporary, path) == 0 else {
            throw errno == EEXIST ? .refused(Said("\(FilePath.name(of: path)) exists already; choose another name", "\(FilePath.name(of: path)) bestaat al; kies een andere naam"))
                                  : .cannotWrite(Said("\(FilePath.name(of: path)) could not be written", "\(FilePath.name(of: path)) kon niet geschreven worden"))
        }
    }
}

/// A message in the two languages the page speaks.
public struct Said: Sendable, Equatable {
    public var english: String
    public var dutch: String

    public init(_ english: String, _ dutch: String) {
        self.english = english
        self.dutch = dutch
    }

    public func callAsFunction(_ language: Language) -> String { language == .nl ? dutch : english }
}
