import Foundation
import Testing

/// One file of the bad-input corpus in Tests/BadInput: a scenario
/// (`NAME.yaml`, with the tables `NAME.*.csv` or previous plan
/// `NAME.prev.json` it names) or a plan file (`NAME.plan.json`, verified
/// against the pilot scenario), and `NAME.expected`: everything teamplan
/// must say on standard error, every problem at its file, line, column and key.
struct BadInputCase: CustomTestStringConvertible, Sendable {
    var name: String
    var isPlan: Bool
    var testDescription: String { name }

    static let folder = Executable.packageRoot + "/Tests/BadInput"

    static let all: [BadInputCase] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".expected") }.sorted().map { file in
            let name = String(file.dropLast(".expected".count))
            return BadInputCase(name: name, isPlan: names.contains(name + ".plan.json"))
        }
    }()

    /// Every file of the corpus but the expectations.
    static var inputFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { !$0.hasSuffix(".expected") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".csv") || $0.hasSuffix(".json")) }
    }
}

@Suite struct BadInputCorpusTests {
    @Test func theCorpusAndTheInlineCasesAreAtLeastAHundred() {
        #expect(BadInputCase.all.count >= 80)
        #expect(BadInputCase.all.count + BadScenarios.all.count >= 100)
        #expect(BadInputCase.all.filter(\.isPlan).count >= 20, "plan files too")
    }

    /// The real executable: exit 65, exactly the expected diagnostics (all of
    /// them, each where it is), nothing on standard output, no file written.
    @Test(arguments: BadInputCase.all)
    func eachBadInputGetsExactlyItsDiagnosticsAndExitSixtyFive(_ bad: BadInputCase) throws {
        let folder = TemporaryFolder()
        for file in BadInputCase.inputFiles {
            try FileManager.default.copyItem(atPath: BadInputCase.folder + "/" + file, toPath: folder.path + "/" + file)
        }
        try FileManager.default.copyItem(atPath: Executable.packageRoot + "/inputs/baandert.yaml",
                                         toPath: folder.path + "/scenario.yaml")
        let before = folder.files
        let arguments = bad.isPlan ? ["verify", "scenario.yaml", bad.name + ".plan.json"] : ["check", bad.name + ".yaml"]
        let result = try Executable.run(arguments, in: folder.path)
        let expected = try String(contentsOfFile: BadInputCase.folder + "/" + bad.name + ".expected", encoding: .utf8)
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty, "stdout: \(result.stdout)")
        #expect(result.stderr == expected)
        #expect(folder.files == before, "nothing written")
    }
}

/// Inputs too big to keep in the repository, made for the test: each is
/// refused with its exact diagnostic by the real executable, whose peak
/// memory (resident, measured by the parent) stays under 512 MiB. (Not
/// `ulimit -v`: AddressSanitizer's shadow memory needs terabytes of address
/// space, and `make test-sanitize` runs these too.) A run that hangs fails
/// at the suite's time limit.
@Suite(.serialized, .timeLimit(.minutes(2))) struct HugeInputTests {
    static let base = Fixture.scenario

    static let memoryBound = 512 * 1024  // KiB

    /// Runs teamplan with `arguments`, its peak resident memory measured.
    func measured(_ arguments: [String], in folder: TemporaryFolder) throws -> (Executable.Result, peakKiB: Int) {
        // The peak goes to the answer file (sys.argv[1], kept outside the
        // folder); teamplan's output passes through untouched.
        let script = """
            import json, resource, subprocess, sys
            status = subprocess.run(sys.argv[2:]).returncode
            json.dump(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, open(sys.argv[1], "w"))
            sys.exit(status)
            """
        let (result, answer) = try Python.run(script, [Executable.url.path] + arguments, in: folder.path)
        let peak = answer.flatMap { try? JSONDecoder().decode(Int.self, from: $0) } ?? .max
        return (result, peak)
    }

    /// Runs teamplan on what `folder` holds and expects exit 65 with exactly
    /// `lines` on standard error, no file written, and the memory bound kept.
    func expectRefused(_ arguments: [String], in folder: TemporaryFolder, _ lines: [String]) throws {
        let before = folder.files
        let (result, peak) = try measured(arguments, in: folder)
        #expect(peak < Self.memoryBound, "peak \(peak / 1024) MiB")
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").map(String.init) == lines)
        #expect(folder.files == before)
    }

    @Test func aMillionLineCSVTableStopsAtTheRowPastTheLimit() throws {
        let folder = TemporaryFolder()
        let workers = Self.base.range(of: "workers:\n")!, practices = Self.base.range(of: "practices:\n")!
        folder.write("big.yaml", Self.base.replacingCharacters(in: workers.lowerBound..<practices.lowerBound,
                                                               with: "workers: workers.csv\n"))
        var csv = "id,hours_per_week,available\n"
        csv.reserveCapacity(20_000_000)
        for index in 0..<1_000_000 { csv += "w\(index),24,tue-am\n" }
        folder.write("workers.csv", csv)
        try expectRefused(["check", "big.yaml"], in: folder, [
            "workers.csv:2002:1: workers: more than 2000 rows; teamplan plans at most 2000 workers (the rest of the file is not read)",
            "big.yaml: 1 error; nothing was written",
        ])
    }

    @Test func aFileOfTwentyFiveMebibytesIsRefusedUnread() throws {
        let folder = TemporaryFolder()
        var text = Self.base
        let comment = "# " + String(repeating: "y", count: 78) + "\n"
        while text.utf8.count < 25 * 1024 * 1024 { text += comment }
        folder.write("big.yaml", text)
        try expectRefused(["check", "big.yaml"], in: folder, [
            "big.yaml: the scenario 'big.yaml' is 25.0 MiB; teamplan reads files of at most 20 MiB",
            "big.yaml: 1 error; nothing was written",
        ])
    }

    @Test func aHundredMegabyteSingleLineIsRefusedUnread() throws {
        let folder = TemporaryFolder()
        folder.write("line.yaml", Array("name: \"".utf8) + [UInt8](repeating: 0x78, count: 100_000_000) + Array("\"\n".utf8))
        try expectRefused(["check", "line.yaml"], in: folder, [
            "line.yaml: the scenario 'line.yaml' is 95.4 MiB; teamplan reads files of at most 20 MiB",
            "line.yaml: 1 error; nothing was written",
        ])
    }

    @Test func aHundredThousandLevelsOfNestingAreRefused() throws {
        let folder = TemporaryFolder()
        folder.write("deep.yaml", "name: x\nquarter: " + String(repeating: "[", count: 100_000)
                     + String(repeating: "]", count: 100_000) + "\n")
        try expectRefused(["check", "deep.yaml"], in: folder, [
            "deep.yaml:2:11: nested more than 64 levels deep; a scenario needs 5 at most",
            "deep.yaml: 1 error; nothing was written",
        ])
    }

    @Test func aBillionLaughsAliasBombIsRefusedUnexpanded() throws {
        let folder = TemporaryFolder()
        var text = "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for level in 1...9 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",") + "]\n"
        }
        folder.write("bomb.yaml", text)
        // Every alias named where it stands, none expanded.
        var lines: [String] = []
        for level in 1...9 {
            for index in 0..<10 {
                lines.append("bomb.yaml:\(level + 1):\(10 + 4 * index): YAML aliases ('*a\(level - 1)') are not allowed; write the value out in full")
            }
        }
        try expectRefused(["check", "bomb.yaml"], in: folder, lines + ["bomb.yaml: 90 errors; nothing was written"])
    }

    @Test func aScenarioTooLargeToModelIsRefusedBeforeAModelIsBuilt() throws {
        let folder = TemporaryFolder()
        let slots = "[mon-am, mon-pm, tue-am, tue-pm, wed-am, wed-pm, thu-am, thu-pm, fri-am, fri-pm]"
        var text = "name: big\nquarter: {start: 2027-04-05, weeks: 13}\nworkers:\n"
        for index in 0..<101 { text += "  - {id: w\(index), hours_per_week: 36}\n" }
        text += "practices:\n"
        for index in 0..<100 {
            text += "  - {id: p\(index), municipality: m, sessions_per_week: 1, session_hours: 2, open: \(slots)}\n"
        }
        text += "funding: []\n"
        folder.write("big.yaml", text)
        try expectRefused(["plan", "big.yaml"], in: folder, [
            "big.yaml:106:3: practices: more than 100,000 possible sessions (worker, practice and slot where the worker "
                + "is eligible and both have the slot); teamplan plans at most that many: split the region, e.g. by "
                + "municipality, or narrow skills and availability",
            "big.yaml: 1 error; nothing was written",
        ])
    }
}
