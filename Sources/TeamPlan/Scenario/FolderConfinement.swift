import Foundation

/// A folder no file outside of may be read or written: what `teamplan
/// serve` gives every path it is asked for, and the scenario reader every
/// table and previous plan a scenario names. A path is inside when the
/// folder it names, with every symbolic link resolved, is the root or
/// below it; `..` and absolute names are refused before any look at the
/// disk, so a name from a browser never reaches the file system unchecked.
public struct FolderConfinement: Sendable, Equatable {
    /// The folder, absolute, with its links resolved.
    public let root: String

    /// nil when `folder` is not an existing folder.
    public init?(folder: String) {
        guard let real = FolderConfinement.realPath(folder) else { return nil }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isFolder), isFolder.boolValue else { return nil }
        root = real
    }

    /// A name relative to the root, as a browser sends it: parts of letters,
    /// digits, space and `._-+,()'&`, none empty or starting with a dot
    /// (so no `..`, no hidden file), separated by `/`. The path it names, or
    /// nil when it is not such a name or leads outside (a link).
    public func path(of name: String) -> String? {
        guard FolderConfinement.isPlainName(name) else { return nil }
        let path = root == "/" ? "/" + name : root + "/" + name
        return contains(path) ? path : nil
    }

    /// Whether `path` (absolute, or relative to the current folder) is the
    /// root or inside it once its links are resolved. A path that does not
    /// exist (yet) is judged by the nearest folder above it that does,
    /// and by its own parts: a `..` among them is never inside.
    public func contains(_ path: String) -> Bool {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var existing = absolute
        var rest: [Substring] = []
        while FolderConfinement.realPath(existing) == nil {
            let parent = FilePath.folder(of: existing)
            guard parent != existing, !parent.isEmpty else { return false }
            rest.append(Substring(FilePath.name(of: existing)))
            existing = parent
        }
        guard !rest.contains(where: { $0 == ".." || $0 == "." }), let real = FolderConfinement.realPath(existing) else { return false }
        return real == root || real.hasPrefix(root == "/" ? "/" : root + "/")
    }

    public static func isPlainName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 1024 else { return false }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        return parts.allSatisfy { part in
            guard let first = part.first, first != ".", part.utf8.count <= 255 else { return false }
            return part.unicodeScalars.allSatisfy { s in
                CharacterSet.alphanumerics.contains(s) || " ._-+,()'&".unicodeScalars.contains(s)
            }
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
