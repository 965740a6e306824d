import Foundation
import Testing
@testable import TeamPlan

/// Nothing outside its folder, nothing lost: every command that writes a
/// folder writes only one teamplan owns, runs exclude each other, and every
/// refusal says what the user did, in the user's words. End to end, on the
/// real binary.
@Suite(.serialized) struct OutputSafetyTests {
    /// What no message to a planner may contain: a library's words.
    static let libraryWords = ["NSCocoaErrorDomain", "Foundation", "DecodingError", "The operation could not be completed",
                               "Error Domain", "CodingKeys", "Fatal error"]

    func expectPlannersWords(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for words in Self.libraryWords {
            #expect(!text.contains(words), "'\(words)' in: \(text)", sourceLocation: sourceLocation)
        }
    }

    /// The regular files below a folder, relative to it, sorted.
    func regularFiles(_ folder: TemporaryFolder) -> [String] {
        folder.files.filter {
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.path + "/" + $0, isDirectory: &isFolder) && !isFolder.boolValue
        }.sorted()
    }

    /// A folder with a scenario, and a folder of the user's own beside it.
    func userFolder() -> TemporaryFolder {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        folder.write("planning/notes.txt", "my own notes")
        folder.write("planning/budget/2027.xlsx", "not teamplan's")
        return folder
    }

    // MARK: An output folder teamplan owns

    @Test(arguments: [
        ["plan", "q1.yaml", "--out", "planning"],
        ["report", "q1.yaml", "plan.json", "--out", "planning"],
        ["explain", "q1.yaml", "--out", "planning", "--time-limit", "5"],
        ["sweep", "q1.yaml", "--team-size", "1...2", "--out", "planning"],
    ])
    func everyCommandRefusesAFolderHoldingTheUsersFiles(arguments: [String]) throws {
        let folder = userFolder()
        if arguments[0] == "report" {
            #expect(try Executable.run(["plan", "q1.yaml", "--out", "first", "--quiet"], in: folder.path).status == 0)
            try FileManager.default.copyItem(atPath: folder.path + "/first/plan.json", toPath: folder.path + "/plan.json")
        }
        let before = folder.files
        let run = try Executable.run(arguments, in: folder.path)
        #expect(run.status == 73, "\(run.stderr)")
        #expect(run.stderr.contains("will not write into 'planning': it holds files teamplan did not write ('budget/', 'budget/2027.xlsx', 'notes.txt')"),
                "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        expectPlannersWords(run.stderr)
        #expect(folder.files == before, "nothing written, nothing removed")
        #expect(try String(contentsOfFile: folder.path + "/planning/notes.txt", encoding: .utf8) == "my own notes")
    }

    @Test func theRefusalComesBeforeTheSearch() throws {
        let folder = userFolder()
        let started = Date()
        let run = try Executable.run(["plan", PlanCommandTests.slowToProve, "--out", "planning"], in: folder.path)
        #expect(run.status == 73)
        #expect(Date().timeIntervalSince(started) < 20, "refused at once, not after a search of minutes")
    }

    @Test func anOutputFolderAboveTheScenarioIsRefusedAndTheScenarioStays() throws {
        let folder = TemporaryFolder()
        folder.write("self/q1.yaml", Fixture.scenario)
        folder.write("self/work/.keep", "")
        let run = try Executable.run(["plan", "../q1.yaml", "--out", "../../self"], in: folder.path + "/self/work")
        #expect(run.status == 73)
        #expect(run.stderr.contains("it is the folder you are working in (or holds it)"), "\(run.stderr)")
        let up = try Executable.run(["plan", "self/q1.yaml", "--out", "self"], in: folder.path)
        #expect(up.status == 73)
        #expect(up.stderr == "teamplan: will not write into 'self': it holds the scenario 'self/q1.yaml', which this run reads, and teamplan replaces the folder whole; choose another output folder\n")
        #expect(try String(contentsOfFile: folder.path + "/self/q1.yaml", encoding: .utf8) == Fixture.scenario)
    }

    @Test func theCurrentFolderIsRefusedWithASuggestion() throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        let run = try Executable.run(["plan", "q1.yaml", "--out", "."], in: folder.path)
        #expect(run.status == 73)
        #expect(run.stderr == "teamplan: will not write into '.': it is the folder you are working in (or holds it), and teamplan replaces its output folder whole; name a folder inside it, e.g. 'plan'\n")
        #expect(folder.files == ["q1.yaml"])
    }

    @Test(arguments: [
        ("", "teamplan: the output folder has an empty name; name a folder, e.g. out/plan\n"),
        ("afile/sub", "teamplan: cannot write the output folder 'afile/sub': 'afile' is a file, not a folder\n"),
        ("afile/deeper/sub", "teamplan: cannot write the output folder 'afile/deeper/sub': 'afile' is a file, not a folder\n"),
        ("afile", "teamplan: cannot write the output folder 'afile': it is a file, not a folder; choose another name\n"),
        ("dangling", "teamplan: cannot write the output folder 'dangling': it is a symbolic link to something that does not exist; remove the link or choose another folder\n"),
    ])
    func aPathThatCannotBeAFolderIsSaidInTheUsersWords(out: String, message: String) throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        folder.write("afile", "a file")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/dangling", withDestinationPath: "nowhere")
        let run = try Executable.run(["plan", "q1.yaml", "--out", out], in: folder.path)
        #expect(run.status == 73)
        #expect(run.stderr == message)
        #expect(try String(contentsOfFile: folder.path + "/afile", encoding: .utf8) == "a file")
    }

    @Test func aFolderTeamplanWroteIsReplacedAndAFileAddedToItIsNot() throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        folder.write("empty/.gitkeep-not", "")
        try FileManager.default.removeItem(atPath: folder.path + "/empty/.gitkeep-not")
        #expect(try Executable.run(["plan", "q1.yaml", "--out", "empty", "--quiet"], in: folder.path).status == 0,
                "an empty folder is fine")
        #expect(try Executable.run(["plan", "q1.yaml", "--out", "empty", "--quiet"], in: folder.path).status == 0,
                "a folder teamplan wrote is replaced")
        let manifest = try String(contentsOfFile: folder.path + "/empty/.teamplan-output", encoding: .utf8)
        #expect(manifest.contains("  plan.json\n") && manifest.contains("  calendars/ben.ics\n"), "\(manifest)")
        folder.write("empty/calendars/mine.ics", "BEGIN:VCALENDAR")
        let run = try Executable.run(["plan", "q1.yaml", "--out", "empty"], in: folder.path)
        #expect(run.status == 73)
        #expect(run.stderr.contains("('calendars/mine.ics')"), "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/empty/calendars/mine.ics"))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/empty/plan.json"), "the previous output stays")
    }

    @Test func aLinkToAFolderWritesTheFolderAndKeepsTheLink() throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        folder.write("share/.placeholder", "")
        try FileManager.default.removeItem(atPath: folder.path + "/share/.placeholder")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link", withDestinationPath: "share")
        #expect(try Executable.run(["plan", "q1.yaml", "--out", "link", "--quiet"], in: folder.path).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.path + "/link") == "share")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/share/plan.json"))
    }

    @Test func twoScenariosWithOneFileNameStayInsideTheSweepsFolder() throws {
        let folder = TemporaryFolder()
        folder.write("a/sc.yaml", Fixture.scenario)
        folder.write("b/sc.yaml", Fixture.replacing("hours_per_week: 32", with: "hours_per_week: 30"))
        folder.write("work/runs/.keep", "")
        let run = try Executable.run(["sweep", "../../a/sc.yaml", "../../b/sc.yaml", "--out", "s", "--quiet"],
                                     in: folder.path + "/work/runs")
        #expect(run.status == 0, "\(run.stderr)")
        let outside = regularFiles(folder).filter { !$0.hasPrefix("work/runs/s/") }
        #expect(outside.sorted() == ["a/sc.yaml", "b/sc.yaml", "work/runs/.keep"], "nothing outside s/: \(outside)")
        #expect(folder.files.contains("work/runs/s/points/0_sc-1/plan.json"))
        #expect(folder.files.contains("work/runs/s/points/1_sc-2/plan.json"))
    }

    @Test func aHostileScenarioFileNameIsAPlainPointName() throws {
        let folder = TemporaryFolder()
        folder.write("=HYPERLINK(\"x\")..yaml", Fixture.scenario)
        folder.write("b.yaml", Fixture.scenario)
        let run = try Executable.run(["sweep", "=HYPERLINK(\"x\")..yaml", "b.yaml", "--out", "s", "--quiet"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let points = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/s/points").sorted()
        #expect(points == ["0_-HYPERLINK--x--.", "1_b"], "\(points)")
    }

    // MARK: Single files

    @Test func exportNeverOverwritesAnInput() throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        let run = try Executable.run(["export", "q1.yaml", "--lp", "q1.yaml"], in: folder.path)
        #expect(run.status == 73)
        #expect(run.stderr == "teamplan: will not write 'q1.yaml': it is the scenario, which this run reads; choose another file name\n")
        #expect(try String(contentsOfFile: folder.path + "/q1.yaml", encoding: .utf8) == Fixture.scenario)
        // A CSV table the scenario names is an input too.
        let main = Executable.packageRoot + "/inputs/westelijke-mijnstreek.yaml"
        let table = Executable.packageRoot + "/inputs/westelijke-mijnstreek/workers.csv"
        let before = try Data(contentsOf: URL(fileURLWithPath: table))
        let csv = try Executable.run(["export", main, "--mps", table], in: folder.path)
        #expect(csv.status == 73)
        #expect(csv.stderr.contains("it is the workers table, which this run reads"), "\(csv.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: table)) == before)
    }

    @Test(arguments: [
        ("afolder", "teamplan: cannot write 'afolder': it is a folder; name a file in it, e.g. 'afolder/model.lp'\n"),
        ("missing/model.lp", "teamplan: cannot write 'missing/model.lp': the folder 'missing' does not exist\n"),
        ("", "teamplan: the output file has an empty name; name a file, e.g. model.lp\n"),
    ])
    func exportToAPathThatCannotBeAFileSaysSo(path: String, message: String) throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        folder.write("afolder/keep.txt", "kept")
        let run = try Executable.run(["export", "q1.yaml", "--lp", path], in: folder.path)
        #expect(run.status == 73)
        #expect(run.stderr == message)
        #expect(regularFiles(folder) == ["afolder/keep.txt", "q1.yaml"], "\(folder.files)")
    }

    @Test func exportUnderAFullDiskLeavesThePreviousFileWhole() throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        let first = try Executable.run(["export", "q1.yaml", "--lp", "model.lp"], in: folder.path)
        #expect(first.status == 0, "\(first.stderr)")
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/model.lp"))
        #expect(before.count > 2048)
        let limited = try Executable.run(["-c", "ulimit -f 1; exec \"$0\" export q1.yaml --lp model.lp", Executable.url.path],
                                         in: folder.path, program: "sh")
        #expect(limited.status == 73, "\(limited.stderr)")
        #expect(limited.stderr.contains("cannot write 'model.lp'"), "\(limited.stderr)")
        expectPlannersWords(limited.stderr)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/model.lp")) == before)
        #expect(regularFiles(folder) == ["model.lp", "q1.yaml"], "no temporary file left: \(folder.files)")
    }

    // MARK: Runs that share a folder

    @Test func runsToOneFolderExcludeEachOtherAndTheLastWholeOutputStays() throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        for round in 0..<4 {
            let runs = try (0..<3).map { _ in
                let process = Process()
                process.executableURL = Executable.url
                process.arguments = ["plan", "q1.yaml", "--out", "o", "--quiet"]
                process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
                let err = Pipe()
                process.standardOutput = FileHandle.nullDevice
                process.standardError = err
                try process.run()
                return (process, err)
            }
            var written = 0
            for (process, err) in runs {
                let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                if process.terminationStatus == 0 {
                    written += 1
                } else {
                    #expect(process.terminationStatus == 73, "round \(round): \(message)")
                    #expect(message.contains("another teamplan is writing 'o' (pid "), "round \(round): \(message)")
                }
            }
            #expect(written >= 1, "round \(round)")
            let verify = try Executable.run(["verify", "q1.yaml", "o/plan.json"], in: folder.path)
            #expect(verify.status == 0, "round \(round): a whole plan is there: \(verify.stderr)")
            #expect(folder.files.allSatisfy { !$0.contains(".tmp-") && !$0.contains(".old-") && !$0.hasSuffix(".lock") },
                    "round \(round): \(folder.files)")
        }
    }

    @Test func aRunWritingTheFolderIsNamedWithItsPid() throws {
        let folder = TemporaryFolder()
        let first = Process()
        first.executableURL = Executable.url
        first.arguments = ["plan", PlanCommandTests.slowToProve, "--out", "o", "--time-limit", "20"]
        first.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: folder.path + "/.o.lock") && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let second = try Executable.run(["plan", PlanCommandTests.slowToProve, "--out", "o"], in: folder.path)
        // The first run has a plan once it has searched for 3 s of CPU time.
        let searched = Date().addingTimeInterval(120)
        while Executable.cpuSeconds(first.processIdentifier) < 3 && first.isRunning && Date() < searched { Thread.sleep(forTimeInterval: 0.02) }
        #expect(second.status == 73)
        #expect(second.stderr == "teamplan: another teamplan is writing 'o' (pid \(first.processIdentifier)); wait until it has finished, or choose another output folder\n")
        kill(first.processIdentifier, SIGINT)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0, "the first run keeps its best plan")
        #expect(folder.files.contains("o/plan.json"))
        #expect(!folder.files.contains(".o.lock"), "the lock goes with its run")
    }

    @Test func onlyLeftoversOfDeadRunsAreCleaned() throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        // What a killed run leaves: its temporary folder (its pid is gone),
        // the manifest written first, the last file cut short.
        let manifest = OutputFolder.manifestHeading + "\n" + SHA256.hex(Array("whole".utf8)) + "  plan.json\n"
        folder.write(".o.tmp-999999/.teamplan-output", manifest)
        folder.write(".o.tmp-999999/plan.json", "half")
        #expect(try Executable.run(["plan", "q1.yaml", "--out", "o", "--quiet"], in: folder.path).status == 0)
        #expect(!folder.files.contains { $0.hasPrefix(".o.tmp-") }, "\(folder.files)")
    }

    @Test func filesNamedLikeLeftoversAreNotTouched() throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        folder.write(".out.tmp-notes", "precious")
        folder.write(".out.old-backup/important.txt", "mine")
        folder.write(".out.old-2020/keep.txt", "mine")
        // A live run's leftover-looking folder (this test's own pid is alive).
        folder.write(".out.tmp-\(getpid())/x", "a live run's")
        #expect(try Executable.run(["plan", "q1.yaml", "--out", "out", "--quiet"], in: folder.path).status == 0)
        for file in [".out.tmp-notes", ".out.old-backup/important.txt", ".out.old-2020/keep.txt", ".out.tmp-\(getpid())/x"] {
            #expect(FileManager.default.fileExists(atPath: folder.path + "/" + file), "\(file) kept")
        }
    }

    @Test func aRunIntoAFolderWhoseNameExtendsAnotherLeavesTheOtherRunAlone() throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        let first = Process()
        first.executableURL = Executable.url
        first.arguments = ["plan", "q1.yaml", "--out", "o.old-1", "--quiet"]
        first.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        first.environment = ProcessInfo.processInfo.environment.merging(["TEAMPLAN_TEST_PAUSE_WRITING": "0.3"]) { $1 }
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        let deadline = Date().addingTimeInterval(30)
        while !folder.files.contains(where: { $0.hasPrefix(".o.old-1.tmp-") }) && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        let second = try Executable.run(["plan", "q1.yaml", "--out", "o", "--quiet"], in: folder.path)
        #expect(second.status == 0, "\(second.stderr)")
        first.waitUntilExit()
        #expect(first.terminationStatus == 0, "the first run's temporary folder and lock were its own to keep")
        #expect(try Executable.run(["verify", "q1.yaml", "o.old-1/plan.json"], in: folder.path).status == 0)
        #expect(try Executable.run(["verify", "q1.yaml", "o/plan.json"], in: folder.path).status == 0)
    }

    @Test(arguments: ["hard link to the scenario", "symbolic link", "FIFO", "a file of the user's"])
    func aLockFileThatIsNotTeamplansIsNeitherWrittenNorRemoved(kind: String) throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        let lock = folder.path + "/.out.lock"
        switch kind {
        case "hard link to the scenario": #expect(link(folder.path + "/q1.yaml", lock) == 0)
        case "symbolic link": try FileManager.default.createSymbolicLink(atPath: lock, withDestinationPath: "q1.yaml")
        case "FIFO": #expect(mkfifo(lock, 0o644) == 0)
        default: folder.write(".out.lock", "my notes")
        }
        let run = try Executable.run(["plan", "q1.yaml", "--out", "out"], in: folder.path)
        #expect(run.status == 73, "\(run.stderr)")
        #expect(run.stderr == "teamplan: will not write into 'out': '.out.lock' beside it is not a lock file of teamplan's; remove it, or choose another output folder\n")
        var info = stat()
        #expect(lstat(lock, &info) == 0, "still there")
        #expect(try String(contentsOfFile: folder.path + "/q1.yaml", encoding: .utf8) == Fixture.scenario)
    }

    @Test func aFileAddedWhileTheOutputIsWrittenIsKept() throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        #expect(try Executable.run(["plan", "q1.yaml", "--out", "out", "--quiet"], in: folder.path).status == 0)
        let process = Process()
        process.executableURL = Executable.url
        process.arguments = ["plan", "q1.yaml", "--out", "out"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        process.environment = ProcessInfo.processInfo.environment.merging(["TEAMPLAN_TEST_PAUSE_WRITING": "0.3"]) { $1 }
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while !folder.files.contains(where: { $0.hasPrefix(".out.tmp-") }) && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        folder.write("out/notes.txt", "written while teamplan wrote")
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 73, "\(message)")
        #expect(message.contains("it holds files teamplan did not write ('notes.txt')"), "\(message)")
        #expect(try String(contentsOfFile: folder.path + "/out/notes.txt", encoding: .utf8) == "written while teamplan wrote")
        #expect(try Executable.run(["verify", "q1.yaml", "out/plan.json"], in: folder.path).status == 0, "the previous output stays")
    }

    // MARK: Closed and broken standard streams

    @Test(arguments: [">&-", "2>&-", ">&- 2>&-"])
    func aClosedStandardStreamEndsQuietlyAfterTheFilesAreWritten(redirection: String) throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        let run = try Executable.run(["-c", "\"$0\" plan q1.yaml --out o \(redirection)", Executable.url.path], in: folder.path, program: "sh")
        #expect(run.status == 74, "no trap (132), a status that says output was lost: \(run.stderr)")
        let verify = try Executable.run(["verify", "q1.yaml", "o/plan.json"], in: folder.path)
        #expect(verify.status == 0, "the files are written whole")
        let check = try Executable.run(["-c", "\"$0\" check q1.yaml \(redirection)", Executable.url.path], in: folder.path, program: "sh")
        #expect(check.status == 74)
        let fine = try Executable.run(["-c", "\"$0\" check q1.yaml >/dev/null 2>&1", Executable.url.path], in: folder.path, program: "sh")
        #expect(fine.status == 0)
    }

    @Test func aNameFromAFileCannotDriveTheTerminal() throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario.replacingOccurrences(of: "workers:\n", with: "workers: \"\\e]0;PWNED\\a\\e[2J.csv\"\nx:\n"))
        let run = try Executable.run(["check", "q1.yaml"], in: folder.path)
        #expect(run.status == 65)
        #expect(!run.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(run.stderr)")
        #expect(run.stderr.contains("\\u{1B}]0;PWNED\\u{7}\\u{1B}[2J.csv"), "\(run.stderr)")
    }

    @Test func anOutputFolderNamedLikeAnOptionIsAFolder() throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        let run = try Executable.run(["plan", "q1.yaml", "--out", "-x", "--quiet"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/-x/plan.json"))
    }

    @Test func aBrokenPipeEndsQuietlyAfterTheFilesAreWritten() throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        let process = Process()
        process.executableURL = Executable.url
        process.arguments = ["plan", "q1.yaml", "--out", "o"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // The reader goes away before teamplan writes its summary.
        try out.fileHandleForReading.close()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "not killed by SIGPIPE")
        #expect(process.terminationStatus == 74, "\(message)")
        #expect(try Executable.run(["verify", "q1.yaml", "o/plan.json"], in: folder.path).status == 0)
    }

    // MARK: The command line in the user's words

    @Test(arguments: [
        (["plan", "q1.yaml", "--time-limit", "-1"], "--time-limit must be a number of seconds above 0, e.g. 60"),
        (["plan", "q1.yaml", "--time-limit", "0x10"], "The value '0x10' is invalid for '--time-limit <seconds>'"),
        (["plan", "q1.yaml", "--time-limit", "1e3"], "The value '1e3' is invalid for '--time-limit <seconds>'"),
        (["plan", "q1.yaml", "--time-limit", "nan"], "The value 'nan' is invalid for '--time-limit <seconds>'"),
        (["plan", "q1.yaml", "--mip-gap", "-0.5"], "--mip-gap must be a fraction from 0 to below 1, e.g. 0.01"),
        (["plan", "q1.yaml", "--memory-limit", "-5"], "--memory-limit must be a whole number of MiB from 1 to 1048576"),
        (["sweep", "q1.yaml", "--team-size", "1...2", "--jobs", "-2"], "--jobs must be a whole number from 1 to 1024"),
        (["sweep", "q1.yaml", "--team-size", "1...2", "--time-limit", "-1"], "--time-limit must be a number of seconds above 0, e.g. 60"),
        (["explain", "q1.yaml", "--time-limit", "-3"], "--time-limit must be a number of seconds above 0, e.g. 60"),
        (["sweep", "q1.yaml", "--team-size", "0...99999999999999", "--hours-scale", "0.9...1.1:0.0001"], "more than"),
        (["sweep", "q1.yaml", "--hours-scale", "99999999999999...1.0000000000001:1"], "too large or have too many decimals"),
        // Counted after team sizes above the team are left out: axes that stay that large.
        (["sweep", "q1.yaml", "--hours-scale", "0.0001...1:0.0001", "--budget-scale", "*=0.01...1:0.01"], "the sweep would have more than 100000 points"),
        (["sweep", "q1.yaml", "--team-size", "1...2", "--shard", "-1/3"], "--shard '-1/3': write K/N, e.g. 0/3"),
        (["sweep", "merge", "", "a", "b"], "OUT is empty; name the folder to write the merged sweep into"),
    ])
    func aWrongCommandLineIsSaidInTheUsersWords(arguments: [String], message: String) throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        let run = try Executable.run(arguments, in: folder.path)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        expectPlannersWords(run.stderr)
        #expect(folder.files == ["q1.yaml"])
    }

    @Test(arguments: [
        (["SLURM_ARRAY_TASK_ID": "-9223372036854775808", "SLURM_ARRAY_TASK_COUNT": "3"], "not a whole number from 0 to 100000"),
        (["SLURM_ARRAY_TASK_ID": "9223372036854775807", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "-9223372036854775808"],
         "SLURM_ARRAY_TASK_ID=9223372036854775807: not a whole number from 0 to 100000"),
        (["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "-9223372036854775808"],
         "SLURM_ARRAY_TASK_MIN=-9223372036854775808: not a whole number from 0 to 100000"),
        (["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "5"], "SLURM_ARRAY_TASK_ID=1 is below SLURM_ARRAY_TASK_MIN=5"),
        (["SLURM_ARRAY_TASK_ID": "7"], "SLURM_ARRAY_TASK_ID=7 with 3 shards: shard 7 does not exist"),
        (["SLURM_ARRAY_TASK_COUNT": "99999999999999999999"], "needs the shard's index"),
        (["JOB_COMPLETION_INDEX": "99999999999999999999"], "not a whole number from 0 to 100000"),
    ])
    func hostileShardEnvironmentIsAMessageNotATrap(environment: [String: String], message: String) throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        let assignments = environment.map { "\($0.key)=\($0.value)" }
        let run = try Executable.run(assignments + [Executable.url.path, "sweep", "q1.yaml", "--team-size", "1...2", "--shards", "3"],
                                     in: folder.path, program: "env")
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }
}

/// A folder without the manifest is not teamplan's, however much it looks
/// like an output: a manager's folder with a hand-made plan.json, calendars
/// and notes stays whole. (An earlier teamplan's output folder is refused
/// too, once, with a message that says why.)
@Suite struct LookAlikeFolderTests {
    @Test(arguments: [
        ["plan.json"],
        ["plan.json", "summary.txt", "calendars/my-outlook-export.ics"],
        ["sweep.json", "points/0_a/summary.txt"],
    ])
    func aFolderThatLooksLikeAnOutputButHasNoManifestIsNotReplaced(files: [String]) throws {
        let folder = TemporaryFolder()
        try FileManager.default.copyItem(atPath: Executable.packageRoot + "/inputs/baandert.yaml", toPath: folder.path + "/q1.yaml")
        let plan = try String(contentsOfFile: Executable.packageRoot + "/inputs/plans/baandert-by-hand.json", encoding: .utf8)
        for file in files { folder.write("mine/" + file, file.hasSuffix(".json") ? plan : "mine") }
        folder.write("mine.json", plan)
        for arguments in [["plan", "q1.yaml", "--out", "mine"], ["report", "q1.yaml", "mine.json", "--out", "mine"]] {
            let run = try Executable.run(arguments, in: folder.path)
            #expect(run.status == 73, "\(arguments): \(run.stderr)")
        }
        for file in files {
            #expect(try String(contentsOfFile: folder.path + "/mine/" + file, encoding: .utf8) == (file.hasSuffix(".json") ? plan : "mine"))
        }
    }

    @Test func aFileTeamplanWroteAndSomeoneChangedIsNotReplaced() throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        #expect(try Executable.run(["plan", "q1.yaml", "--out", "o", "--quiet"], in: folder.path).status == 0)
        // A manager fixes a table in Excel and saves it over teamplan's.
        folder.write("o/schedule.csv", "worker,practice\r\nanja,baandert (edited)\r\n")
        let run = try Executable.run(["plan", "q1.yaml", "--out", "o"], in: folder.path)
        #expect(run.status == 73)
        #expect(run.stderr == "teamplan: will not write into 'o': 'schedule.csv' changed since teamplan wrote it, and teamplan replaces the folder whole; save it elsewhere, or choose another output folder\n")
        #expect(try String(contentsOfFile: folder.path + "/o/schedule.csv", encoding: .utf8).contains("(edited)"))
    }

    @Test func aManifestListingAFileWithAnotherHashDoesNotMakeItTeamplans() throws {
        let folder = TemporaryFolder()
        folder.write("s.yaml", Fixture.scenario)
        folder.write("proj/notes.txt", "mine")
        folder.write("proj/.teamplan-output", OutputFolder.manifestHeading + "\n" + String(repeating: "0", count: 64) + "  notes.txt\n")
        let run = try Executable.run(["plan", "s.yaml", "--out", "proj"], in: folder.path)
        #expect(run.status == 73, "\(run.stderr)")
        #expect(run.stderr.contains("'notes.txt' changed since teamplan wrote it"), "\(run.stderr)")
        #expect(try String(contentsOfFile: folder.path + "/proj/notes.txt", encoding: .utf8) == "mine")
    }

    @Test func aFolderHoldingLastQuartersPlanIsNotReplaced() throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        #expect(try Executable.run(["plan", "q1.yaml", "--quiet"], in: folder.path).status == 0)
        // The manager edits q1.yaml into next quarter in place: out/q1 is both
        // last quarter's plan (previous:) and this run's output folder.
        folder.write("q1.yaml", Fixture.scenario + "previous: out/q1/plan.json\n")
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/out/q1/plan.json"))
        let run = try Executable.run(["plan", "q1.yaml"], in: folder.path)
        #expect(run.status == 73)
        #expect(run.stderr == "teamplan: will not write into 'out/q1': it holds the previous plan 'out/q1/plan.json', which this run reads, and teamplan replaces the folder whole; choose another output folder\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/out/q1/plan.json")) == before)
        let export = try Executable.run(["export", "q1.yaml", "--lp", "out/q1/plan.json"], in: folder.path)
        #expect(export.status == 73)
        #expect(export.stderr.contains("it is the previous plan, which this run reads"), "\(export.stderr)")
        let report = try Executable.run(["report", "q1.yaml", "out/q1/plan.json"], in: folder.path)
        #expect(report.status == 73)
        #expect(report.stderr.contains("it holds the previous plan 'out/q1/plan.json'") || report.stderr.contains("it holds the plan"), "\(report.stderr)")
    }
}
