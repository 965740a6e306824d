import Foundation
import SystemShim
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A folder of outputs that teamplan owns. It writes only into a folder that
/// is new, empty, or one it wrote before (marked by `.teamplan-output`, the
/// list of what it wrote with each file's SHA-256), and never deletes a file
/// it did not write or one changed since it wrote it.
///
/// A run first *claims* the folder (before any long work, so that a refusal
/// comes at once): the path is checked and a lock beside the folder keeps
/// other teamplan runs out until the claim is released. Then it writes: the
/// files go into a temporary folder beside the target, which replaces the
/// target only when complete (the previous output stays as it was until
/// then). Leftovers of runs that died are cleaned up by the next run that
/// holds the lock, and only those: their pid is gone.
public struct OutputFolder: Sendable {
    /// Why a folder cannot be written, in the user's words.
    public enum Failure: Error, CustomStringConvertible, Sendable, Equatable {
        case emptyName
        /// A part of the path is a file (`afile/sub`).
        case notAFolder(path: String, part: String)
        /// A symbolic link that points nowhere.
        case danglingLink(path: String)
        case notOwned(path: String, foreign: [String])
        /// Files teamplan wrote and someone changed since.
        case changed(path: String, files: [String])
        case containsWorkingFolder(path: String)
        /// The folder holds a file this run reads.
        case holdsAnInput(path: String, input: String, what: String)
        case cannotList(path: String, reason: String)
        case locked(path: String, pid: Int32?)
        /// Something that is not teamplan's lock file stands where it goes.
        case foreignLock(path: String, lock: String)
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
                return "will not write into '\(path)': it holds files teamplan did not write (\(Self.list(foreign))). teamplan writes only into a new or empty folder, or one it wrote before, because it replaces the folder whole; move those files, or choose another output folder (e.g. '\(FilePath.join(path, "plan"))')"
            case .changed(let path, let files):
                return "will not write into '\(path)': \(Self.list(files)) changed since teamplan wrote \(files.count == 1 ? "it" : "them"), and teamplan replaces the folder whole; save \(files.count == 1 ? "it" : "them") elsewhere, or choose another output folder"
            case .containsWorkingFolder(let path):
                return "will not write into '\(path)': it is the folder you are working in (or holds it), and teamplan replaces its output folder whole; name a folder inside it, e.g. '\(FilePath.join(path, "plan"))'"
            case .holdsAnInput(let path, let input, let what):
                return "will not write into '\(path)': it holds \(what) '\(input)', which this run reads, and teamplan replaces the folder whole; choose another output folder"
            case .cannotList(let path, let reason):
                return "will not write into '\(path)': its files cannot be listed (\(reason)), so teamplan cannot tell whether they are its own"
            case .locked(let path, let pid):
                return "another teamplan is writing '\(path)'" + (pid.map { " (pid \($0))" } ?? "") + "; wait until it has finished, or choose another output folder"
            case .foreignLock(let path, let lock):
                return "will not write into '\(path)': '\(lock)' beside it is not a lock file of teamplan's; remove it, or choose another output folder"
            case .cannotWrite(let path, let reason):
                return "cannot write '\(path)': \(reason); the previous output, if any, is left as it was"
            }
        }

        static func list(_ names: [String]) -> String {
            names.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (names.count > 3 ? " and \(names.count - 3) more" : "")
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
    /// is released when the returned value goes. `inputs` are the files the
    /// run reads, each with what it is ("the scenario"): a folder that holds
    /// one is refused, since it is replaced whole.
    public func claim(inputs: [InputFile] = []) throws(Failure) -> Claim {
        guard !path.isEmpty else { throw .emptyName }
        let target = try resolve()
        // Folders made for the claim go again if nothing is written into them.
        var made: [String] = []
        do throws(Failure) {
            try Self.makeFolders(target.parent, shown: FilePath.folder(of: path).isEmpty ? "." : FilePath.folder(of: path),
                                 path: path, made: &made)
            if let real = Self.realPath(target.parent) {
                let inside = FilePath.join(real, target.name) + "/"
                for input in inputs {
                    if let file = Self.realPath(input.path), file.hasPrefix(inside) {
                        throw .holdsAnInput(path: path, input: input.path, what: input.what)
                    }
                }
            }
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

    /// What keeps a folder from being teamplan's to replace, if anything:
    /// an entry its manifest does not list, or a listed file that is not as
    /// teamplan wrote it. Names are compared byte for byte.
    static func ownershipProblem(of folder: String, shown: String) -> Failure? {
        let entries: [String]
        switch OutputFolder.entries(below: folder) {
        case .failure(let error): return .cannotList(path: shown, reason: reason(error.code.rawValue))
        case .success(let found): entries = found
        }
        if entries.isEmpty { return nil }
        let owned = manifest(in: folder)
        let foreign = foreignEntries(entries, owned: owned)
        if !foreign.isEmpty { return .notOwned(path: shown, foreign: foreign) }
        // A file teamplan wrote and someone changed (a table edited in Excel).
        let changed = owned.keys.sorted().filter { file in
            guard entries.contains(where: { Array($0.utf8) == Array(file.utf8) }) else { return false }
            guard case .success(let bytes) = RegularFile.read(path: FilePath.join(folder, file), limit: 1 << 34, following: false)
            else { return true }
            return SHA256.hex(bytes) != owned[file]
        }
        return changed.isEmpty ? nil : .changed(path: shown, files: changed)
    }

    /// Whether a leftover folder (`.NAME.tmp-PID`, `.NAME.old-PID`) is one
    /// teamplan made: it carries a manifest (written first into every new
    /// folder) and nothing the manifest does not list; a file cut short by
    /// a kill may differ from its hash.
    static func isTeamplansLeftover(_ folder: String) -> Bool {
        guard case .success(let entries) = OutputFolder.entries(below: folder) else { return false }
        // Killed while the manifest itself was being written: nothing else
        // is in the folder, so nothing but our own half file is removed.
        if entries == [manifestName] { return true }
        let owned = manifest(in: folder)
        return !owned.isEmpty && foreignEntries(entries, owned: owned).isEmpty
    }

    /// The entries a manifest does not list (nor the folders above what it
    /// lists), compared byte for byte.
    private static func foreignEntries(_ entries: [String], owned: [String: String]) -> [String] {
        var allowed = Set(owned.keys.map { Array($0.utf8) })
        allowed.insert(Array(manifestName.utf8))
        for file in owned.keys {
            var above = FilePath.folder(of: file)
            while !above.isEmpty && above != "/" {
                allowed.insert(Array((above + "/").utf8))
                above = FilePath.folder(of: above)
            }
        }
        return entries.filter { !allowed.contains(Array($0.utf8)) }
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
        /// teamplan wrote as it is now (its manifest lists it).
        fileprivate func checkOwnership() throws(Failure) {
            var info = stat()
            guard lstat(target, &info) == 0 else { return }
            guard info.st_mode & S_IFMT == S_IFDIR else { throw .notAFolder(path: folder.path, part: folder.path) }
            if let problem = OutputFolder.ownershipProblem(of: target, shown: folder.path) { throw problem }
        }

        /// Writes `files` (relative path → bytes) as the folder's whole
        /// content, with the manifest that marks it as teamplan's.
        public func write(_ files: [(String, Data)]) throws(Failure) {
            let folderPath = folder.path
            guard lock != nil else { throw .cannotWrite(path: folderPath, reason: "the folder's claim was released") }
            var names = Set<[UInt8]>()
            for (relative, _) in files {
                guard OutputFolder.isCheckedRelativePath(relative), relative != OutputFolder.manifestName,
                      names.insert(Array(relative.utf8)).inserted else {
                    throw .cannotWrite(path: folderPath, reason: "'\(relative.truncatedForMessage)' is not a name teamplan writes inside a folder")
                }
            }
            try checkOwnership()
            try cleanUpLeftovers()
            let manager = FileManager.default
            let temporary = sibling("tmp")
            let manifest = OutputFolder.manifestText(files.map { ($0.0, SHA256.hex($0.1)) })
            do throws(Failure) {
                if mkdir(temporary, 0o755) != 0 { throw .cannotWrite(path: folderPath, reason: reason(errno)) }
                // The manifest first: a folder left by a kill is known as teamplan's.
                for (relative, data) in [(OutputFolder.manifestName, Data(manifest.utf8))] + files {
                    let file = FilePath.join(temporary, relative)
                    try makeParents(of: relative, in: temporary)
                    let code = OutputFolder.writeFile(data, to: file)
                    if code != 0 { throw .cannotWrite(path: folderPath, reason: reason(code)) }
                    OutputFolder.pauseForTests()
                }
                // What a teamplan run cannot exclude (a person, another
                // program) may have put a file there while this run wrote.
                try checkOwnership()
            } catch {
                try? manager.removeItem(atPath: temporary)
                throw error
            }
            try swap(temporary)
        }

        /// The new folder takes the old one's place; the old one goes, unless
        /// a file appeared in it at the last moment: then they swap back.
        private func swap(_ temporary: String) throws(Failure) {
            let manager = FileManager.default
            let folderPath = folder.path
            var info = stat()
            let exists = lstat(target, &info) == 0
            madeFolders = []
            // One step where the system can: the old folder and the new swap
            // places, so that a kill at any moment leaves one of them in place.
            if exists, tp_exchange_paths(temporary, target) == 0 {
                if let problem = OutputFolder.ownershipProblem(of: temporary, shown: folderPath) {
                    _ = tp_exchange_paths(temporary, target)
                    try? manager.removeItem(atPath: temporary)
                    throw problem
                }
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
        /// names teamplan gives them (`.NAME.tmp-PID`, `.NAME.old-PID`),
        /// only when that pid is gone, and only under the lock.
        private func cleanUpLeftovers() throws(Failure) {
            let manager = FileManager.default
            guard let entries = try? manager.contentsOfDirectory(atPath: parent) else { return }
            func deadRun(_ entry: String, _ kind: String) -> Bool {
                let prefix = Array(".\(name).\(kind)-".utf8), bytes = Array(entry.utf8)
                guard bytes.count > prefix.count, bytes.starts(with: prefix) else { return false }
                let digits = bytes[prefix.count...]
                guard digits.count <= 10, digits.allSatisfy({ (0x30...0x39).contains($0) }),
                      let pid = Int32(String(decoding: digits, as: UTF8.self)), pid > 0 else { return false }
                return pid != getpid() && !OutputFolder.isRunning(pid)
            }
            func leftover(_ entry: String, _ kind: String) -> Bool {
                deadRun(entry, kind) && OutputFolder.isTeamplansLeftover(FilePath.join(parent, entry))
            }
            var info = stat()
            let old = entries.filter { leftover($0, "old") }.sorted()
            if lstat(target, &info) != 0, let newest = old.last {
                _ = rename(FilePath.join(parent, newest), target)
            }
            for entry in entries where leftover(entry, "tmp") || leftover(entry, "old") {
                let full = FilePath.join(parent, entry)
                if lstat(full, &info) == 0 { try? manager.removeItem(atPath: full) }
            }
            // A folder put back must be teamplan's too.
            try checkOwnership()
        }
    }

    /// Whether process `pid` still runs: it exists and is no zombie (a run
    /// killed a moment ago whose parent has not yet collected it is over).
    static func isRunning(_ pid: Int32) -> Bool {
        if kill(pid, 0) != 0 && errno == ESRCH { return false }
        guard case .success(let bytes) = RegularFile.read(path: "/proc/\(pid)/stat", limit: 4096),
              let close = bytes.lastIndex(of: UInt8(ascii: ")")), close + 2 < bytes.count else { return true }
        return bytes[close + 2] != UInt8(ascii: "Z") && bytes[close + 2] != UInt8(ascii: "X")
    }

    /// Every entry below `folder`, relative to it, folders with a trailing
    /// `/`; symbolic links are not followed. A folder that cannot be listed
    /// is an error (errno), never "empty".
    static func entries(below folder: String) -> Result<[String], POSIXError> {
        var result: [String] = []
        var failure: Int32?
        func walk(_ relative: String) {
            let full = relative.isEmpty ? folder : FilePath.join(folder, relative)
            guard let directory = opendir(full) else {
                failure = failure ?? errno
                return
            }
            defer { closedir(directory) }
            var names: [String] = []
            while let entry = readdir(directory) {
                let name = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name != "." && name != ".." { names.append(name) }
            }
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
        if let failure { return .failure(POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO)) }
        return .success(result)
    }

    /// The files a folder's manifest lists, each with its SHA-256; none when
    /// it has no manifest or the manifest is not one.
    static func manifest(in folder: String) -> [String: String] {
        guard case .success(let bytes) = RegularFile.read(path: FilePath.join(folder, manifestName), limit: 64 << 20, following: false),
              let text = String(validating: bytes, as: UTF8.self) else { return [:] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard lines.first == manifestHeading else { return [:] }
        lines.removeFirst()
        var files: [String: String] = [:]
        for line in lines where !line.hasPrefix("#") {
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, parts[1].isEmpty, parts[0].count == 64, parts[0].allSatisfy(\.isHexDigit),
                  isCheckedRelativePath(String(parts[2])) else { continue }
            files[String(parts[2])] = String(parts[0])
        }
        return files
    }

    static let manifestHeading = "# teamplan output folder: teamplan wrote the files below (SHA-256, name) and replaces them whole on its next run."

    static func manifestText(_ files: [(String, String)]) -> String {
        ([manifestHeading, "# Put no files of your own here, and save an edited file elsewhere: teamplan will not replace a folder that holds them."]
            + files.sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }.map { "\($0.1)  \($0.0)" })
            .joined(separator: "\n") + "\n"
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

    /// Why a single output file cannot be written, in the user's words.
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
    public func check(inputs: [InputFile]) throws(Failure) {
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
        // A symbolic link to a file keeps pointing at it: the file it names is written.
        var link = stat()
        let target = lstat(path, &link) == 0 && link.st_mode & S_IFMT == S_IFLNK ? OutputFolder.realPath(path) ?? path : path
        let temporary = FilePath.join(FilePath.folder(of: target), ".\(FilePath.name(of: target)).tmp-\(getpid())")
        unlink(temporary)
        let code = OutputFolder.writeFile(data, to: temporary)
        if code != 0 {
            unlink(temporary)
            throw .cannotWrite(path: path, reason: OutputFolder.reason(code))
        }
        if rename(temporary, target) != 0 {
            let code = errno
            unlink(temporary)
            throw .cannotWrite(path: path, reason: OutputFolder.reason(code))
        }
    }
}

/// An exclusive lock on an output folder, held in a file beside it
/// (`.NAME.lock`, holding the pid): the system releases it when the process
/// ends however it ends, so a dead run never blocks the next. A file of
/// that name that is not such a lock (a link, a pipe, a file with other
/// content or more names) is never written or removed: the run is refused.
final class OutputLock: @unchecked Sendable {
    private var fd: Int32
    private let path: String

    init(path: String, folder: String) throws(OutputFolder.Failure) {
        self.path = path
        let shown = FilePath.name(of: path)
        // The file is removed on release: a run that opened it just before
        // must notice that it locked a file no longer there, and try again.
        for _ in 0..<100 {
            let fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                if errno == ELOOP || errno == ENXIO || errno == EISDIR { throw .foreignLock(path: folder, lock: shown) }
                throw .cannotWrite(path: folder, reason: OutputFolder.reason(errno))
            }
            var held = stat()
            guard fstat(fd, &held) == 0, held.st_mode & S_IFMT == S_IFREG, held.st_nlink == 1, held.st_size <= 32,
                  Self.holdsAPid(fd) else {
                close(fd)
                throw .foreignLock(path: folder, lock: shown)
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                defer { close(fd) }
                guard code == EWOULDBLOCK else { throw .cannotWrite(path: folder, reason: OutputFolder.reason(code)) }
                // The holder writes its pid just after it locks: give it a moment.
                var pid: Int32?
                for _ in 0..<50 {
                    pid = Self.pid(in: fd)
                    if pid != nil { break }
                    usleep(10_000)
                }
                throw .locked(path: folder, pid: pid)
            }
            var named = stat()
            if lstat(path, &named) == 0, held.st_dev == named.st_dev, held.st_ino == named.st_ino {
                let text = "\(getpid())\n"
                _ = ftruncate(fd, 0)
                _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
                self.fd = fd
                return
            }
            close(fd)
        }
        throw .cannotWrite(path: folder, reason: "its lock file '\(shown)' keeps changing")
    }

    /// The pid a lock file holds, if it holds one yet.
    private static func pid(in fd: Int32) -> Int32? {
        var bytes = [UInt8](repeating: 0, count: 33)
        let n = pread(fd, &bytes, 32, 0)
        guard n > 0 else { return nil }
        return Int32(String(decoding: bytes[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Empty (just made) or a pid and a line end: what teamplan writes.
    private static func holdsAPid(_ fd: Int32) -> Bool {
        var bytes = [UInt8](repeating: 0, count: 33)
        let n = pread(fd, &bytes, 32, 0)
        guard n > 0 else { return n == 0 }
        return bytes[0..<n].allSatisfy { (0x30...0x39).contains($0) || $0 == 0x0A }
    }

    func release() {
        guard fd >= 0 else { return }
        // Only the file this run locked, should the name have changed since.
        var held = stat(), named = stat()
        if fstat(fd, &held) == 0, lstat(path, &named) == 0, held.st_dev == named.st_dev, held.st_ino == named.st_ino {
            unlink(path)
        }
        close(fd)
        fd = -1
    }

    deinit { release() }
}
