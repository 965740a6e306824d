import Foundation
import Testing
import TeamPlanFuzzing

/// Every input the fuzzers kept (Tests/Fuzz/TARGET/corpus: each reaches code
/// the others do not) and every crash they found (…/crashes, kept once
/// fixed), run again through the same checks: what once crashed stays fixed.
@Suite struct FuzzReplayTests {
    static func inputs(_ target: FuzzTarget, _ folder: String) -> [String] {
        let path = Executable.packageRoot + "/Tests/Fuzz/\(target.rawValue)/\(folder)"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { path + "/" + $0 }
    }

    @Test(arguments: FuzzTarget.allCases)
    func everyKeptInputAndEveryCrashFoundRunsCleanly(_ target: FuzzTarget) throws {
        let corpus = Self.inputs(target, "corpus")
        #expect(corpus.count >= 1, "Tests/Fuzz/\(target.rawValue)/corpus is empty")
        for file in corpus + Self.inputs(target, "crashes") {
            let data = try #require(FileManager.default.contents(atPath: file))
            target.run([UInt8](data))  // a broken promise stops the process
        }
    }
}
