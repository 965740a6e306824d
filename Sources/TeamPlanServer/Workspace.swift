import Foundation
import TeamPlan

/// The folder `teamplan serve` works in: its scenarios, and the plans made
/// of them, each kept in `plans/STEM/STAMP/` as `teamplan plan --out` writes
/// it. Every name a browser sends is checked here (FolderConfinement)
/// before anything reads or writes: nothing outside the folder is touched.
public struct Workspace: Sendable {
    public let confinement: FolderConfinement
    /// The folder as the user named it, for messages.
    public let shown: String

    /// The folder the plans are kept in, below the root.
    public static let plansFolder = "plans"
    /// The folder the sweeps are kept in, below the root.
    public static let sweepsFolder = "sweeps"
    static let scenarioExtensions: Set<String> = ["yaml", "yml", "xlsx"]

    public init?(folder: String) {
        guard let confinement = FolderConfinement(folder: folder) else { return nil }
        self.confinement = confinement
        shown = folder
    }

    public var root: String { confinement.root }

    /// A scenario in the folder: its name (relative to the root) and path.
    public struct ScenarioFile: Sendable, Equatable {
        public var name: String
        public var path: String
        /// The plans' folder name: the file's stem.
        public var stem: String { FilePath.stem(of: name) }
    }

    /// The scenario files at the top of the folder and one folder down
    /// (not plans/, out/ or hidden ones), by name.
    public func scenarios() -> [ScenarioFile] {
        var names: [String] = []
        let manager = FileManager.default
        for entry in (try? manager.contentsOfDirectory(atPath: root)) ?? [] where !entry.hasPrefix(".") {
            if Workspace.isScenarioName(entry) {
                names.append(entry)
            } else if entry != Workspace.plansFolder && entry != Workspace.sweepsFolder && entry != "out" {
                for inner in (try? manager.contentsOfDirectory(atPath: root + "/" + entry)) ?? []
                where !inner.hasPrefix(".") && Workspace.isScenarioName(inner) {
                    names.append(entry + "/" + inner)
                }
            }
        }
        return names.sorted().compactMap { scenario($0) }
    }

    /// The scenario a browser names, or nil: not a plain name inside the
    /// folder, not a scenario's extension, or not a regular file.
    public func scenario(_ name: String) -> ScenarioFile? {
        guard Workspace.isScenarioName(name), let path = confinement.path(of: name) else { return nil }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { return nil }
        return ScenarioFile(name: name, path: path)
    }

    /// The scenario whose plans are kept under `stem` (`plans/STEM/…`): nil
    /// when no scenario, or more than one (`a.yaml`, `sub/a.yaml`), has it.
    public func owner(ofStem stem: String) -> ScenarioFile? {
        let matching = scenarios().filter { $0.stem == stem }
        return matching.count == 1 ? matching[0] : nil
    }

    /// The other scenarios whose plans would be kept in the same folder as `file`'s.
    public func sharingStem(with file: ScenarioFile) -> [String] {
        scenarios().filter { $0.stem == file.stem && $0.name != file.name }.map(\.name)
    }

    static func isScenarioName(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: ".") else { return false }
        return scenarioExtensions.contains(name[name.index(after: dot)...].lowercased())
    }

    /// A kept plan: `STEM/STAMP`.
    public struct PlanID: Sendable, Hashable, Comparable, CustomStringConvertible {
        public var stem: String
        public var stamp: String
        public var description: String { stem + "/" + stamp }
        public static func < (a: PlanID, b: PlanID) -> Bool {
            a.stem != b.stem ? a.stem < b.stem : Workspace.stampsInOrder(a.stamp, b.stamp)
        }

        /// `STEM/STAMP` as a browser sends it, or nil.
        public init?(_ text: String) {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ FolderConfinement.isPlainNamePart($0) }) else { return nil }
            stem = String(parts[0])
            stamp = String(parts[1])
        }

        init(stem: String, stamp: String) {
            self.stem = stem
            self.stamp = stamp
        }
    }

    /// Whether stamp `a` (`2026-12-06T101919`, or `…-2` for the second of
    /// that second) comes before `b`: by time, then by number, so `-10` comes
    /// after `-9`, as a string sort would not have it.
    static func stampsInOrder(_ a: String, _ b: String) -> Bool {
        func order(_ stamp: String) -> (String, Int) {
            guard let t = stamp.firstIndex(of: "T"), let dash = stamp[t...].firstIndex(of: "-"),
                  let n = Int(stamp[stamp.index(after: dash)...]) else { return (stamp, 1) }
            return (String(stamp[..<dash]), n)
        }
        let (x, y) = (order(a), order(b))
        return x.0 != y.0 ? x.0 < y.0 : (x.1 != y.1 ? x.1 < y.1 : a < b)
    }

    /// The folder of a kept plan, or nil when it is not one (no plan.json)
    /// or not inside.
    public func planFolder(_ id: PlanID) -> String? { keptFolder(id, in: Workspace.plansFolder) }

    /// The folder of a kept sweep (it has sweep.json), or nil.
    public func sweepFolder(_ id: PlanID) -> String? { keptFolder(id, in: Workspace.sweepsFolder) }

    func keptFolder(_ id: PlanID, in kind: String) -> String? {
        let marker = kind == Workspace.sweepsFolder ? "/sweep.json" : "/plan.json"
        guard let path = confinement.path(of: kind + "/" + id.description),
              FileManager.default.fileExists(atPath: path + marker) else { return nil }
        return path
    }

    /// A file of a kept plan (`report.html`, `calendars/NAME.ics`) or sweep, or nil.
    public func planFile(_ id: PlanID, _ name: String, in kind: String = Workspace.plansFolder) -> String? {
        guard keptFolder(id, in: kind) != nil,
              let path = confinement.path(of: kind + "/" + id.description + "/" + name) else { return nil }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { return nil }
        return path
    }

    /// A kept plan's files, relative to its folder: report.html and
    /// summary.txt first, then the rest by name (hidden files left out).
    public func files(of id: PlanID, in kind: String = Workspace.plansFolder) -> [String] {
        guard let folder = keptFolder(id, in: kind), let walk = FileManager.default.enumerator(atPath: folder) else { return [] }
        var names: [String] = []
        while let name = walk.nextObject() as? String {
            guard !name.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder), !isFolder.boolValue {
                names.append(name)
            }
        }
        let first = ["report.html", "sweep.html", "summary.txt"]
        return names.sorted { a, b in
            let (i, j) = (first.firstIndex(of: a) ?? first.count, first.firstIndex(of: b) ?? first.count)
            return i != j ? i < j : a < b
        }
    }

    /// The plans kept of a scenario, newest first.
    public func plans(of scenario: ScenarioFile, in kind: String = Workspace.plansFolder) -> [PlanID] {
        guard let folder = confinement.path(of: kind + "/" + scenario.stem) else { return [] }
        let stamps = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return stamps.compactMap { PlanID(scenario.stem + "/" + $0) }.filter { keptFolder($0, in: kind) != nil }.sorted(by: >)
    }

    /// Where a new plan of `scenario` goes: `plans/STEM/STAMP` (a second in
    /// the same second gets `-2`, …), checked inside the folder.
    /// `taken` holds the folders of plans being made (written only at their
    /// end), so two plans started in one second never get the same folder.
    public func newPlanFolder(for scenario: ScenarioFile, at date: Date, taken: TakenFolders) -> (PlanID, String)? {
        newFolder(Workspace.plansFolder, for: scenario, at: date, taken: taken)
    }

    /// `newPlanFolder` for plans or sweeps (`kind`).
    public func newFolder(_ kind: String, for scenario: ScenarioFile, at date: Date, taken: TakenFolders) -> (PlanID, String)? {
        let stamp = Workspace.stamp(date)
        return taken.folders.withLock { taken -> (PlanID, String)? in
            for n in 1...1000 {
                let id = PlanID(stem: scenario.stem, stamp: n == 1 ? stamp : "\(stamp)-\(n)")
                let name = kind + "/" + id.description
                guard let path = confinement.path(of: name) else { return nil }
                if !taken.contains(path) && !FileManager.default.fileExists(atPath: path) {
                    taken.insert(path)
                    return (id, path)
                }
            }
            return nil
        }
    }

    /// A message with the folder's absolute path taken out: the page names
    /// files as the folder's own (`team.csv`, not `/home/…/team.csv`).
    static func shownRelative(_ text: String, root: String) -> String {
        text.replacingOccurrences(of: root + "/", with: "")
    }

    /// `2026-12-06T054012`, local time: sorts as it happened, a valid file name everywhere.
    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd'T'HHmmss"
        return formatter.string(from: date)
    }
}

extension FolderConfinement {
    static func isPlainNamePart(_ part: Substring) -> Bool {
        !part.contains("/") && isPlainName(String(part))
    }
}

/// The folders of plans being made in this process (see `newPlanFolder`).
public final class TakenFolders: Sendable {
    let folders = Locked<Set<String>>([])
    public init() {}
}
