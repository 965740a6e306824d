import Foundation
import Testing

/// docs/architecture.md as checks on the source tree: what the picture
/// draws, a change cannot quietly undo.
@Suite struct ArchitectureTests {
    static let library = Executable.packageRoot + "/Sources/TeamPlan"
    static let server = Executable.packageRoot + "/Sources/TeamPlanServer"

    /// The web app holds no planning logic: it reaches the solver, the model
    /// and the readers only through the library's workflows, as the command line does.
    @Test func theWebAppPlansOnlyThroughTheLibrarysWorkflows() throws {
        let forbidden = try NSRegularExpression(pattern: #"import (CGLPK|GLPKShim)|\bPlanner\.|\bFormulation\b|GLPKBackend|Evaluation\(|ScenarioReader\("#)
        var found: [String] = []
        for file in FileManager.default.enumerator(atPath: Self.server)!.compactMap({ $0 as? String }) where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: Self.server + "/" + file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where forbidden.firstMatch(in: String(line), range: NSRange(line.startIndex..., in: line)) != nil {
                found.append("\(file):\(number + 1): \(line)")
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    /// The standard library's Mutex waits on a futex ThreadSanitizer does not
    /// see: two threads meeting under it are reported as a race, now and then
    /// (a CI run failed on one). `Locked` (an NSLock) is the lock everywhere.
    @Test func everyLockIsOneThreadSanitizerSees() throws {
        var found: [String] = []
        for folder in ["Sources", "Tests"] {
            let root = Executable.packageRoot + "/" + folder
            for file in FileManager.default.enumerator(atPath: root)!.compactMap({ $0 as? String }) where file.hasSuffix(".swift") {
                let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                where line.range(of: #"\bMutex\s*[<(]"#, options: .regularExpression) != nil && !line.contains("///") && !file.hasSuffix("ArchitectureTests.swift") {
                    found.append("\(folder)/\(file):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    @Test func theLibrarysFoldersDependOneWayAsThePictureDraws() throws {
        let run = try Executable.run([Executable.packageRoot + "/Tests/folder_deps.py", Self.library],
                                     program: Python.interpreter)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("No cycles."), "\(run.stdout)")
    }

    /// The library prints nothing, ends no process and reads no environment
    /// (but in debug builds, for tests): the executable does, in one place.
    @Test(arguments: [(library, 50), (server, 8)])
    func theLibraryNeitherPrintsNorExitsNorReadsTheEnvironmentInReleaseBuilds(_ folder: String, _ least: Int) throws {
        let forbidden = try NSRegularExpression(pattern: #"\bprint\(|\bexit\(|FileHandle\.standard|fatalError\(|processInfo\.environment"#)
        var found: [String] = []
        let files = FileManager.default.enumerator(atPath: folder)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.count > least)
        for file in files {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
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
