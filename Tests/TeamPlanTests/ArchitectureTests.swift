import Foundation
import Testing

/// docs/architecture.md as checks on the source tree: what the picture
/// draws, a change cannot quietly undo.
@Suite struct ArchitectureTests {
    static let library = Executable.packageRoot + "/Sources/TeamPlan"

    @Test func theLibrarysFoldersDependOneWayAsThePictureDraws() throws {
        let run = try Executable.run([Executable.packageRoot + "/Tests/folder_deps.py", Self.library],
                                     program: Python.interpreter)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("No cycles."), "\(run.stdout)")
    }

    /// The library prints nothing, ends no process and reads no environment
    /// (but in debug builds, for tests): the executable does, in one place.
    @Test func theLibraryNeitherPrintsNorExitsNorReadsTheEnvironmentInReleaseBuilds() throws {
        let forbidden = try NSRegularExpression(pattern: #"\bprint\(|\bexit\(|FileHandle\.standard|fatalError\(|processInfo\.environment"#)
        var found: [String] = []
        let files = FileManager.default.enumerator(atPath: Self.library)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.count > 50)
        for file in files {
            let text = try String(contentsOfFile: Self.library + "/" + file, encoding: .utf8)
            var debugOnly = 0
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                if code.hasPrefix("#if DEBUG") { debugOnly += 1 } else if code.hasPrefix("#endif"), debugOnly > 0 { debugOnly -= 1 }
                if debugOnly == 0, !code.hasPrefix("//"),
                   forbidden.firstMatch(in: String(line), range: NSRange(line.startIndex..., in: line)) != nil {
                    found.append("\(file):\(number + 1): \(code)")
                }
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }
}
