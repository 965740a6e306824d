/// Path text split and joined by hand: swift-corelibs-foundation's
/// `NSString.deletingLastPathComponent` traps on some short paths (seen
/// with "o"), so teamplan does not use it.
public enum FilePath {
    /// The folder part of `path`: "" for a bare file name, "/" for the root.
    public static func folder(of path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        guard let slash = path.lastIndex(of: "/") else { return "" }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// The last part of `path`, without trailing slashes.
    public static func name(of path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        if path == "/" { return path }
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// The file name without its extension: "westelijke-mijnstreek" for
    /// "inputs/westelijke-mijnstreek.yaml".
    public static func stem(of path: String) -> String {
        let name = name(of: path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// `folder/name`, or `name` when it is absolute or there is no folder.
    public static func join(_ folder: String, _ name: String) -> String {
        if name.hasPrefix("/") || folder.isEmpty || folder == "." { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
