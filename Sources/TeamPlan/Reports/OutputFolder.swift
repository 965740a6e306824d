import Foundation
import SystemShim
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A folder of outputs that teamplan owns. It writes only into a folder that
/// is new, empty, or one it wrote before (marked by `.teamplan-output`, the
/// list of what it wrote), and never deletes a file it did not write.
///
/// A run first *claims* the folder (before any long work, so that a refusal
/// comes at once): the path is checked and a lock beside the folder keeps
/// other teamplan runs out until the claim is released. Then it writes: the
/// files go into a temporary folder beside the target, which replaces the
/// target only when complete (the previous output stays as it was until
/// then). Leftovers of runs that died are cleaned up by the next run that
/// holds the lock: only a dead run can have left them.
public struct OutputFolder: Sendable {
    /// Why a folder cannot be written, in the user's words.
    public enum Failure: Error, CustomStringConvertible, Sendable, Equatable {
        case emptyName
        /// A part of the path is a file (`afile/sub`).
        case notAFolder(path: String, part: String)
        /// A symbolic link that points nowhere.
        case danglingLink(path: String)
        case notOwned(path: String, foreign: [String])
        case containsWorkingFolder(path: String)
        case locked(path: String, pid: Int32?)
        case cannotWrite(path: String, reason: String)

        public var description: String {
            switch self {
            case .emptyName:
                return "the output folder has an empty name; name a folder, e.g. out/plan"
            case .notAFolder(let path, let part):
                return part == path
                    ? "cannot write the output folder '\(path)': it is a file, not a folder; choose another name"
                    : "cannot write the output folder '\(path)': '\(part)' is a file, not a folder"
            case .danglingLink(let path):
                return "cannot write the output folder '\(path)': it is a symbolic link to something that does not exist; remove the link or choose another folder"
            case .notOwned(let path, let foreign):
                let shown = foreign.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
                    + (foreign.count > 3 ? " and \(foreign.count - 3) more" : "")
                return "will not write into '\(path)': it holds files teamplan did not write (\(shown)). teamplan writes only into a new or empty folder, or one it wrote before, because it replaces the folder whole; move those files, or choose another output folder (e.g. '\(FilePath.join(path, "plan"))')"
            case .containsWorkingFolder(let path):
                return "will not write into '\(path)': it is the folder you are working in (or holds it), and teamplan replaces its output folder whole; name a folder inside it, e.g. '\(FilePath.join(path, "plan"))'"
            case .locked(let path, let pid):
                return "another teamplan is writing '\(path)'" + (pid.map { " (pid \($0))" } ?? "") + "; wait until it has finished, or choose another output folder"
            case .cannotWrite(let path, let reason):
                return "cannot write '\(path)': \(reason); the previous output, if any, is left as it was"
            }
        }
    }

    /// The file inside an output folder that lists what teamplan wrote there.
    public static let manifestName = ".teamplan-output"

    /// The folder as the user named it (for messages).
    public let path: String

    public init(path: String) {
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.path = trimmed
    }

    /// Checks that the folder may be written and takes the lock; the claim
    /// is released when the returned value goes.
    public func claim() throws(Failure) -> Claim {
        guard !path.isEmpty else { throw .emptyName }
        let target = try resolve()
        // Folders made for the claim go again if nothing is written into them.
        var made: [String] = []
        do throws(Failure) {
            try Self.makeFolders(target.parent, shown: FilePath.folder(of: path).isEmpty ? "." : FilePath.folder(of: path),
                                 path: path, made: &made)
            let lock = try OutputLock(path: FilePath.join(target.parent, ".\(target.name).lock"), folder: path)
            let claim = Claim(folder: self, parent: target.parent, name: target.name, lock: lock, madeFolders: made)
            try claim.checkOwnership()
            return claim
        } catch {
            for folder in made.reversed() { rmdir(folder) }
            throw error
        }
    }

    /// The target's real parent folder and name: `.`, `..` and a symbolic
    /// link to a folder become the folder they stand for.
    private func resolve() throws(Failure) -> (parent: String, name: String) {
        var info = stat()
        if lstat(path, &info) == 0 {
            let isLink = info.st_mode & S_IFMT == S_IFLNK
            if isLink && stat(path, &info) != 0 { throw .danglingLink(path: path) }
            if info.st_mode & S_IFMT != S_IFDIR { throw .notAFolder(path: path, part: path) }
            guard let real = Self.realPath(path) else { throw .cannotWrite(path: path, reason: Self.reason(errno)) }
            if let cwd = Self.realPath("."), cwd == real || cwd.hasPrefix(real == "/" ? "/" : real + "/") {
                throw .containsWorkingFolder(path: path)
            }
            return (FilePath.folder(of: real), FilePath.name(of: real))
        }
        let name = FilePath.name(of: path)
        if name == "." || name == ".." { throw .cannotWrite(path: path, reason: Self.reason(errno)) }
        let parent = FilePath.folder(of: path)
        return (parent.isEmpty ? "." : parent, name)
    }

    /// `mkdir -p` with the system's calls, so that each failure says which
    /// part of the path is in the way.
    private static func makeFolders(_ folder: String, shown: String, path: String, made: inout [String]) throws(Failure) {
        var info = stat()
        if stat(folder, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw .notAFolder(path: path, part: shown) }
            return
        }
        if errno == ENOTDIR {
            // Some part above is a file: name the first one.
            var part = ""
            for component in shown.split(separator: "/", omittingEmptySubsequences: false) {
                part = part.isEmpty && component.isEmpty ? "/" : FilePath.join(part, String(component))
                if stat(part, &info) == 0, info.st_mode & S_IFMT != S_IFDIR { throw .notAFolder(path: path, part: part) }
            }
            throw .notAFolder(path: path, part: shown)
        }
        let above = FilePath.folder(of: folder)
        if !above.isEmpty && above != folder { try makeFolders(above, shown: FilePath.folder(of: shown), path: path, made: &made) }
        if mkdir(folder, 0o755) == 0 {
            made.append(folder)
        } else if errno != EEXIST {
            if errno == ENOTDIR { throw .notAFolder(path: path, part: shown) }
            throw .cannotWrite(path: path, reason: reason(errno))
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A system error as a planner reads it.
    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOSPC: return "the disk is full"
        case EFBIG: return "file too large (a file-size limit)"
        case EROFS: return "the disk is read-only"
        case EACCES, EPERM: return "permission denied"
        case ENAMETOOLONG: return "the name is too long"
        case ELOOP: return "a symbolic link loop"
        default: return String(cString: strerror(code)).lowercased()
        }
    }

    /// A claimed output folder: checked, locked, ready to be written.
    public final class Claim: @unchecked Sendable {
        public let folder: OutputFolder
        private let parent: String
        private let name: String
        private var lock: OutputLock?
        /// Folders the claim made, while nothing is written into them.
        private var madeFolders: [String]

        fileprivate init(folder: OutputFolder, parent: String, name: String, lock: OutputLock, madeFolders: [String]) {
            self.folder = folder
            self.parent = parent
            self.name = name
            self.lock = lock
            self.madeFolders = madeFolders
        }

        deinit { release() }

        /// Lets go of the folder (also when the value goes); a run that
        /// wrote nothing leaves no folder behind.
        public func release() {
            lock?.release()
            lock = nil
            for folder in madeFolders.reversed() { rmdir(folder) }
            madeFolders = []
        }

        private var target: String { FilePath.join(parent, name) }

        private func sibling(_ kind: String) -> String {
            FilePath.join(parent, ".\(name).\(kind)-\(getpid())")
        }

        /// The target is new, an empty folder, or a folder whose every entry
        /// teamplan wrote (its manifest lists it).
        fileprivate func checkOwnership() throws(Failure) {
            let target = self.target
            var info = stat()
            guard lstat(target, &info) == 0 else { return }
            guard info.st_mode & S_IFMT == S_IFDIR else { throw .notAFolder(path: folder.path, part: folder.path) }
            let entries = OutputFolder.entries(below: target)
            if entries.isEmpty || OutputFolder.isEarlierOutput(target, entries: entries) { return }
            let owned = OutputFolder.manifest(in: target)
            var allowed = Set(owned)
            allowed.insert(OutputFolder.manifestName)
            for file in owned {
                var folder = FilePath.folder(of: file)
                while !folder.isEmpty && folder != "/" {
                    allowed.insert(folder + "/")
                    folder = FilePath.folder(of: folder)
                }
            }
            let foreign = entries.filter { !allowed.contains($0) }
            if !foreign.isEmpty { throw .notOwned(path: folder.path, foreign: foreign) }
        }

        /// Writes `files` (relative path → bytes) as the folder's whole
        /// content, with the manifest that marks it as teamplan's.
        public func write(_ files: [(String, Data)]) throws(Failure) {
            let folderPath = folder.path
            guard lock != nil else { throw .cannotWrite(path: folderPath, reason: "the folder's claim was released") }
            var names = Set<String>()
            for (relative, _) in files {
                guard OutputFolder.isCheckedRelativePath(relative), relative != OutputFolder.manifestName,
                      names.insert(relative).inserted else {
                    throw .cannotWrite(path: folderPath, reason: "'\(relative.truncatedForMessage)' is not a name teamplan writes inside a folder")
                }
            }
            cleanUpLeftovers()
            // What a teamplan run cannot exclude (a person, another program)
            // may have put a file there while this run worked.
            try checkOwnership()
            let manager = FileManager.default
            let temporary = sibling("tmp")
            let manifest = OutputFolder.manifestText(files.map(\.0))
            do throws(Failure) {
                if mkdir(temporary, 0o755) != 0 { throw .cannotWrite(path: folderPath, reason: reason(errno)) }
                for (relative, data) in files + [(OutputFolder.manifestName, Data(manifest.utf8))] {
                    let file = FilePath.join(temporary, relative)
                    try makeParents(of: relative, in: temporary)
                    let code = OutputFolder.writeFile(data, to: file)
                    if code != 0 { throw .cannotWrite(path: folderPath, reason: reason(code)) }
                    OutputFolder.pauseForTests()
                }
            } catch {
                try? manager.removeItem(atPath: temporary)
                throw error
            }
            // Swap: the old output moves aside, the new one in, the old one goes.
            var info = stat()
            let exists = lstat(target, &info) == 0
            // One step where the system can: the old folder and the new swap
            // places, so that a kill at any moment leaves one of them in
            // place; the old one (now the temporary) then goes.
            madeFolders = []
            if exists, tp_exchange_paths(temporary, target) == 0 {
                try? manager.removeItem(atPath: temporary)
                return
            }
            let old = sibling("old")
            if exists, rename(target, old) != 0 {
                let code = errno
                try? manager.removeItem(atPath: temporary)
                throw .cannotWrite(path: folderPath, reason: reason(code))
            }
            if rename(temporary, target) != 0 {
                let code = errno
                if exists { _ = rename(old, target) }
                try? manager.removeItem(atPath: temporary)
                throw .cannotWrite(path: folderPath, reason: reason(code))
            }
            if exists { try? manager.removeItem(atPath: old) }
        }

        private func makeParents(of relative: String, in root: String) throws(Failure) {
            var folder = root
            for part in relative.split(separator: "/").dropLast() {
                folder = FilePath.join(folder, String(part))
                if mkdir(folder, 0o755) != 0 && errno != EEXIST {
                    throw .cannotWrite(path: self.folder.path, reason: reason(errno))
                }
            }
        }

        private func reason(_ code: Int32) -> String { OutputFolder.reason(code) }

        /// Removes the temporary folders of runs that died, and puts back a
        /// previous output that an interrupted swap had moved aside. Only
        /// called under the lock: no live run has such leftovers then.
        private func cleanUpLeftovers() {
            let manager = FileManager.default
            guard let entries = try? manager.contentsOfDirectory(atPath: parent) else { return }
            let old = entries.filter { $0.hasPrefix(".\(name).old-") }.sorted()
            var info = stat()
            if lstat(target, &info) != 0, let newest = old.last {
                _ = rename(FilePath.join(parent, newest), target)
            }
            for entry in entries where entry.hasPrefix(".\(name).tmp-") || entry.hasPrefix(".\(name).old-") {
                let full = FilePath.join(parent, entry)
                if lstat(full, &info) == 0 { try? manager.removeItem(atPath: full) }
            }
        }
    }

    /// Every entry below `folder`, relative to it, folders with a trailing
    /// `/`; symbolic links are not followed.
    static func entries(below folder: String) -> [String] {
        var result: [String] = []
        func walk(_ relative: String) {
            let full = relative.isEmpty ? folder : FilePath.join(folder, relative)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: full) else { return }
            for name in names.sorted() {
                let path = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                if lstat(FilePath.join(folder, path), &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
                    result.append(path + "/")
                    walk(path)
                } else {
                    result.append(path)
                }
            }
        }
        walk("")
        return result
    }

    /// A folder an earlier teamplan wrote, before output folders had a
    /// manifest: a plan's or a sweep's table at the top, as teamplan writes
    /// it, and nothing but the names teamplan writes.
    static func isEarlierOutput(_ folder: String, entries: [String]) -> Bool {
        guard !entries.contains(manifestName) else { return false }
        let top: Set<String> = ["plan.json", "summary.txt", "schedule.csv", "weeks.csv", "funding.csv", "workers.csv",
                                "report.html", "explain.json", "sweep.json", "sweep.csv", "sweep.svg", "sweep.html",
                                "calendars/", "points/"]
        let ours = entries.allSatisfy { entry in
            let isFolder = entry.hasSuffix("/")
            let parts = (isFolder ? String(entry.dropLast()) : entry).split(separator: "/", omittingEmptySubsequences: false)
            switch (parts.count, isFolder) {
            case (1, _): return top.contains(entry)
            case (2, true): return parts[0] == "points"
            case (2, false): return parts[0] == "calendars" && parts[1].hasSuffix(".ics")
            case (3, false): return parts[0] == "points" && (parts[2] == "plan.json" || parts[2] == "summary.txt")
            default: return false
            }
        }
        guard ours else { return false }
        // The table at the top begins as teamplan writes it.
        for (name, opening) in [("plan.json", "{\n  \"scenario\": "), ("sweep.json", "{\n  \"axes\" : ")] where entries.contains(name) {
            if case .success(let bytes) = RegularFile.read(path: FilePath.join(folder, name), limit: 20 << 20),
               bytes.starts(with: Array(opening.utf8)) { return true }
        }
        return false
    }

    /// The files a folder's manifest lists; none when it has no manifest or
    /// the manifest is not one.
    static func manifest(in folder: String) -> [String] {
        guard case .success(let bytes) = RegularFile.read(path: FilePath.join(folder, manifestName), limit: 4 << 20),
              let text = String(validating: bytes, as: UTF8.self) else { return [] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard lines.first == manifestHeading else { return [] }
        lines.removeFirst()
        return lines.filter { !$0.hasPrefix("#") && isCheckedRelativePath($0) }
    }

    static let manifestHeading = "# teamplan output folder: teamplan wrote the files below and replaces them whole on its next run."

    static func manifestText(_ files: [String]) -> String {
        ([manifestHeading, "# Put no files of your own here: teamplan will not write into a folder that holds them."]
            + files.sorted()).joined(separator: "\n") + "\n"
    }

    /// A relative path made only of plain names: no `..`, `.`, empty part,
    /// leading `/`, NUL or line break, and not too long. Every file a point,
    /// a shard or a worker names is written under such a path.
    public static func isCheckedRelativePath(_ relative: String) -> Bool {
        guard !relative.isEmpty, relative.utf8.count <= 1024, !relative.hasPrefix("/") else { return false }
        return relative.split(separator: "/", omittingEmptySubsequences: false).allSatisfy(isCheckedName)
    }

    /// One plain file or folder name.
    public static func isCheckedName<S: StringProtocol>(_ name: S) -> Bool {
        !name.isEmpty && name != "." && name != ".." && name.utf8.count <= 255
            && !name.unicodeScalars.contains { $0 == "/" || $0.value < 0x20 || $0.value == 0x7F }
    }

    /// Tests kill a run while it writes: in debug builds,
    /// TEAMPLAN_TEST_PAUSE_WRITING=SECONDS waits after each file.
    private static func pauseForTests() {
        #if DEBUG
        if let text = ProcessInfo.processInfo.environment["TEAMPLAN_TEST_PAUSE_WRITING"], let seconds = Double(text) {
            usleep(UInt32(seconds * 1_000_000))
        }
        #endif
    }

    /// Writes and syncs one new file with the system's calls, so that a full
    /// disk or a file-size limit comes back as its own error. 0, or errno.
    static func writeFile(_ data: Data, to path: String) -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return errno }
        var failure: Int32 = 0
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                #if canImport(Glibc)
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                let n = Darwin.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        return failure
    }
}

/// One file written whole or not at all (`teamplan export`): written to a
/// temporary file beside it and renamed over it when complete; never one
/// of the run's inputs.
public struct OutputFile: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public enum Failure: Error, CustomStringConvertible, Sendable, Equatable {
        case emptyName
        case isAFolder(path: String)
        case isAnInput(path: String, what: String)
        case notAFile(path: String)
        case noFolder(path: String, folder: String)
        case cannotWrite(path: String, reason: String)

        public var description: String {
            switch self {
            case .emptyName: return "the output file has an empty name; name a file, e.g. model.lp"
            case .isAFolder(let path): return "cannot write '\(path)': it is a folder; name a file in it, e.g. '\(FilePath.join(path, "model.lp"))'"
            case .isAnInput(let path, let what): return "will not write '\(path)': it is \(what), which this run reads; choose another file name"
            case .notAFile(let path): return "will not write '\(path)': it is not a regular file (a device, a pipe or a socket)"
            case .noFolder(let path, let folder): return "cannot write '\(path)': the folder '\(folder)' does not exist"
            case .cannotWrite(let path, let reason): return "cannot write '\(path)': \(reason); nothing was changed"
            }
        }
    }

    /// Checks the path before any work: `inputs` maps each file this run
    /// reads to what it is ("the scenario").
    public func check(inputs: [(path: String, what: String)]) throws(Failure) {
        guard !path.isEmpty else { throw .emptyName }
        var info = stat()
        if stat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFDIR { throw .isAFolder(path: path) }
            if info.st_mode & S_IFMT != S_IFREG { throw .notAFile(path: path) }
            for input in inputs {
                var other = stat()
                if stat(input.path, &other) == 0, other.st_dev == info.st_dev, other.st_ino == info.st_ino {
                    throw .isAnInput(path: path, what: input.what)
                }
            }
        }
        let folder = FilePath.folder(of: path)
        if !folder.isEmpty {
            if stat(folder, &info) != 0 || info.st_mode & S_IFMT != S_IFDIR { throw .noFolder(path: path, folder: folder) }
        }
    }

    /// Writes `data` to a temporary file beside `path` (synced), then
    /// renames it over `path`: a reader sees the old file or the new one.
    public func write(_ data: Data) throws(Failure) {
        let temporary = FilePath.join(FilePath.folder(of: path), ".\(FilePath.name(of: path)).tmp-\(getpid())")
        unlink(temporary)
        let code = OutputFolder.writeFile(data, to: temporary)
        if code != 0 {
            unlink(temporary)
            throw .cannotWrite(path: path, reason: OutputFolder.reason(code))
        }
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw .cannotWrite(path: path, reason: OutputFolder.reason(code))
        }
    }
}

/// An exclusive lock on an output folder, held in a file beside it
/// (`.NAME.lock`, holding the pid): the system releases it when the process
/// ends however it ends, so a dead run never blocks the next.
final class OutputLock: @unchecked Sendable {
    private var fd: Int32
    private let path: String

    init(path: String, folder: String) throws(OutputFolder.Failure) {
        self.path = path
        // The file is removed on release: a run that opened it just before
        // must notice that it locked a file no longer there, and try again.
        for _ in 0..<100 {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard fd >= 0 else { throw .cannotWrite(path: folder, reason: OutputFolder.reason(errno)) }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                defer { close(fd) }
                guard code == EWOULDBLOCK else { throw .cannotWrite(path: folder, reason: OutputFolder.reason(code)) }
                // The holder writes its pid just after it locks: give it a moment.
                var pid: Int32?
                for _ in 0..<50 {
                    var bytes = [UInt8](repeating: 0, count: 32)
                    let n = pread(fd, &bytes, 31, 0)
                    if n > 0, let number = Int32(String(decoding: bytes[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) {
                        pid = number
                        break
                    }
                    usleep(10_000)
                }
                throw .locked(path: folder, pid: pid)
            }
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0, stat(path, &named) == 0, held.st_dev == named.st_dev, held.st_ino == named.st_ino {
                let text = "\(getpid())\n"
                _ = ftruncate(fd, 0)
                _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
                self.fd = fd
                return
            }
            close(fd)
        }
        throw .cannotWrite(path: folder, reason: "its lock file '\(path)' keeps changing")
    }

    func release() {
        guard fd >= 0 else { return }
        unlink(path)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
