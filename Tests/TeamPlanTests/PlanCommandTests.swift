import Foundation
import Testing
@testable import TeamPlan

@Suite(.serialized) struct PlanCommandTests {
    let root = Executable.packageRoot
    /// Quick to plan, slow to prove: the search is still running when stopped.
    static let slowToProve = Executable.packageRoot + "/Tests/Scenarios/symmetric-knapsack.yaml"

    @Test func planWritesAPlanThatVerifyAccepts() throws {
        let folder = TemporaryFolder()
        let out = folder.path + "/baandert"
        let result = try Executable.run(["plan", root + "/inputs/baandert.yaml", "--out", out], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("optimal plan (proven)"))
        #expect(result.stdout.contains("Who goes where and when"))
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: out))
                == [".teamplan-output", "plan.json", "summary.txt", "report.html", "plan.xlsx", "schedule.csv", "weeks.csv", "funding.csv", "workers.csv", "calendars"])
        let summary = try String(contentsOfFile: out + "/summary.txt", encoding: .utf8)
        #expect(result.stdout.hasPrefix(summary), "summary.txt is what was printed")
        let verify = try Executable.run(["verify", root + "/inputs/baandert.yaml", out + "/plan.json"], in: folder.path)
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(folder.files.allSatisfy { !$0.contains(".tmp-") && !$0.contains(".old-") }, "\(folder.files)")
    }

    @Test func theDefaultOutputFolderIsOutSlashTheScenarioStem() throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        let result = try Executable.run(["plan", "q1.yaml", "--quiet"], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/out/q1/plan.json"))
        #expect(result.stdout.hasPrefix("q1.yaml: optimal, objective"))
    }

    @Test func aRerunReplacesThePreviousOutputWhole() throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        #expect(try Executable.run(["plan", "q1.yaml", "--quiet"], in: folder.path).status == 0)
        // A file an older run wrote and this one does not (a worker who has
        // no duties any more): listed in the manifest, so teamplan's to remove.
        folder.write("out/q1/calendars/anja.ics", "from an older run")
        let manifest = try String(contentsOfFile: folder.path + "/out/q1/.teamplan-output", encoding: .utf8)
        folder.write("out/q1/.teamplan-output", manifest + SHA256.hex(Array("from an older run".utf8)) + "  calendars/anja.ics\n")
        let result = try Executable.run(["plan", "q1.yaml", "--quiet"], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(folder.files.filter { $0.hasPrefix("out/q1/") }.sorted()
                == [".teamplan-output", "calendars", "calendars/ben.ics", "funding.csv", "plan.json", "plan.xlsx", "report.html", "schedule.csv", "summary.txt",
                    "weeks.csv", "workers.csv"].map { "out/q1/" + $0 })
    }

    @Test func anUnwritableOutputFolderIsExitSeventyThreeAndLeavesThePreviousOutput() throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        folder.write("blocked", "a file where the output folder should go")
        let result = try Executable.run(["plan", "q1.yaml", "--out", "blocked/q1"], in: folder.path)
        #expect(result.status == 73, "\(result.stderr)")
        #expect(result.stderr.contains("cannot write"))
        #expect(try String(contentsOfFile: folder.path + "/blocked", encoding: .utf8) == "a file where the output folder should go")
    }

    @Test func aFullDiskIsExitSeventyThreeAndLeavesThePreviousOutputWhole() throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        let first = try Executable.run(["plan", "q1.yaml", "--quiet"], in: folder.path)
        #expect(first.status == 0)
        let before = try String(contentsOfFile: folder.path + "/out/q1/report.html", encoding: .utf8)
        // A file-size limit of 4 blocks: report.html cannot be written whole.
        let limited = try Executable.run(["-c", "ulimit -f 4; exec \"$0\" plan q1.yaml --quiet", Executable.url.path],
                                         in: folder.path, program: "sh")
        #expect(limited.status == 73, "\(limited.stderr)")
        #expect(limited.stderr.contains("cannot write") && limited.stderr.contains("file too large"), "\(limited.stderr)")
        #expect(try String(contentsOfFile: folder.path + "/out/q1/report.html", encoding: .utf8) == before)
        #expect(folder.files.allSatisfy { !$0.contains(".tmp-") && !$0.contains(".old-") }, "\(folder.files)")
    }

    /// Every file under `path` with its bytes.
    static func contents(of path: String) -> [String: Data] {
        let files = FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? []
        var result: [String: Data] = [:]
        for file in files { result[file] = FileManager.default.contents(atPath: path + "/" + file) }
        return result
    }

    @Test func aKillWhileTheOutputIsWrittenLeavesThePreviousOutputWholeAndTheNextRunCleansUp() throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        #expect(try Executable.run(["plan", "q1.yaml", "--quiet", "--out", "o"], in: folder.path).status == 0)
        let before = Self.contents(of: folder.path + "/o")
        #expect(before.count >= 8)
        // Killed once the new output is half written (debug builds pause after each file).
        let killed = try Executable.runAndSignal(
            ["plan", "q1.yaml", "--quiet", "--out", "o"], in: folder.path, signal: SIGKILL,
            environment: ["TEAMPLAN_TEST_PAUSE_WRITING": "0.5"],
            when: { folder.files.contains { $0.hasPrefix(".o.tmp-") && $0.hasSuffix("/plan.json") } })
        #expect(killed.terminationReason == .uncaughtSignal)
        #expect(Self.contents(of: folder.path + "/o") == before, "the previous output, byte for byte")
        #expect(folder.files.contains { $0.hasPrefix(".o.tmp-") }, "the half-written folder is left")
        // The next run cleans up what the killed one left.
        #expect(try Executable.run(["plan", "q1.yaml", "--quiet", "--out", "o"], in: folder.path).status == 0)
        #expect(folder.files.allSatisfy { !$0.hasPrefix(".o.") }, "\(folder.files)")
        #expect(Self.contents(of: folder.path + "/o").count == before.count)
    }

    /// A run killed while it wrote the manifest (the first file of a new
    /// output) leaves a folder holding only that half file: the next run
    /// removes it too (CI caught such a kill under load, and the folder stayed).
    @Test func aLeftoverHoldingOnlyAHalfWrittenManifestIsCleanedUp() throws {
        let folder = TemporaryFolder()
        folder.write(".o.tmp-999999/" + OutputFolder.manifestName, "")
        #expect(OutputFolder.isTeamplansLeftover(folder.path + "/.o.tmp-999999"))
        folder.write(".p.tmp-999999/" + OutputFolder.manifestName, "")
        folder.write(".p.tmp-999999/notes.txt", "mine")
        #expect(!OutputFolder.isTeamplansLeftover(folder.path + "/.p.tmp-999999"), "a file the manifest does not list is not ours")
        folder.write("q1.yaml", Fixture.scenario)
        #expect(try Executable.run(["plan", "q1.yaml", "--quiet", "--out", "o"], in: folder.path).status == 0)
        #expect(!folder.files.contains { $0.hasPrefix(".o.tmp-") }, "\(folder.files)")
    }

    /// The plan built before the search (GreedyPlan) is written when the
    /// search has no time at all: a scenario that reads always gets a plan.
    @Test func aTimeLimitTooShortForTheSearchStillWritesAValidPlan() throws {
        let folder = TemporaryFolder()
        let scenario = root + "/bench/region-40x60.yaml"
        let result = try Executable.run(["plan", scenario, "--time-limit", "0.001", "--out", "o"], in: folder.path)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("feasible plan, not proven optimal"), "\(result.stdout)")
        let plan = try String(contentsOfFile: folder.path + "/o/plan.json", encoding: .utf8)
        #expect(plan.contains("\"status\": \"feasible\""))
        let verify = try Executable.run(["verify", scenario, "o/plan.json"], in: folder.path)
        #expect(verify.status == 0, "\(verify.stdout)")
    }

    @Test func aTimeLimitThatInterruptsKeepsTheBestPlanAsFeasible() throws {
        let folder = TemporaryFolder()
        let result = try Executable.run(["plan", Self.slowToProve, "--time-limit", "3", "--out", "o"], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("feasible plan, not proven optimal"))
        try expectValidFeasiblePlan(in: folder)
    }

    /// `o/plan.json` in the folder says feasible, and verify accepts it.
    func expectValidFeasiblePlan(in folder: TemporaryFolder) throws {
        let plan = try String(contentsOfFile: folder.path + "/o/plan.json", encoding: .utf8)
        #expect(plan.contains("\"status\": \"feasible\""))
        let verify = try Executable.run(["verify", Self.slowToProve, "o/plan.json"], in: folder.path)
        #expect(verify.status == 0, "\(verify.stdout)")
    }

    /// SIGINT (Ctrl-C) and SIGTERM (a scheduler, a shutdown) alike.
    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalStopsTheSearchAndKeepsTheBestPlan(signal: Int32) throws {
        let folder = TemporaryFolder()
        // The first plan comes within a second; the proof would take minutes.
        let process = try Executable.runAndSignal(["plan", Self.slowToProve, "--out", "o"], in: folder.path, signal: signal)
        #expect(process.terminationReason == .exit, "stopped by teamplan, not by the signal")
        #expect(process.terminationStatus == 0)
        try expectValidFeasiblePlan(in: folder)
    }

    /// A tariff of € 10,000 an hour beside one of € 0.000001: the solver's
    /// integer columns a tolerance off their values made the funding pay a
    /// micro-hour that no one worked (exit 70, an H8 "violation"). The
    /// funding is solved again with the integers fixed: a plan, and valid.
    @Test func extremeTariffsStillGiveAValidPlan() throws {
        let folder = TemporaryFolder()
        let inputs = Executable.packageRoot + "/inputs"
        try FileManager.default.copyItem(atPath: inputs + "/westelijke-mijnstreek", toPath: folder.path + "/westelijke-mijnstreek")
        var yaml = try String(contentsOfFile: inputs + "/westelijke-mijnstreek.yaml", encoding: .utf8)
        for (old, new) in [("budget_eur: 38000\n    rate_eur_per_hour: 82.5", "budget_eur: 3487500.01\n    rate_eur_per_hour: 10000"),
                           ("rate_eur_per_hour: 79.75", "rate_eur_per_hour: 0.000001")] {
            #expect(yaml.contains(old), "the example changed: \(old)")
            yaml = yaml.replacingOccurrences(of: old, with: new)
        }
        folder.write("extreme.yaml", yaml)
        let plan = try Executable.run(["plan", "extreme.yaml", "--out", "o", "--lang", "en"], in: folder.path)
        #expect(plan.status == 0, "\(plan.stderr)")
        let verify = try Executable.run(["verify", "extreme.yaml", "o/plan.json"], in: folder.path)
        #expect(verify.status == 0, "\(verify.stdout)")
    }

    /// A second Ctrl-C means now: GLPK's simplex does not look at a stop
    /// request until its LP is solved. The process ends at once (130) and
    /// writes nothing half. The process is
    /// frozen (SIGSTOP) between the two, so that the second comes while it
    /// still has the plan to write, whatever the machine's speed.
    @Test func aSecondCtrlCEndsTheProcessAtOnceAndWritesNothingHalf() throws {
        let folder = TemporaryFolder()
        let (process, err) = try Executable.start(["plan", Self.slowToProve, "--out", "o"], in: folder.path)
        let deadline = Date().addingTimeInterval(60)
        while Executable.cpuSeconds(process.processIdentifier) < 2 && process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        let pid = process.processIdentifier
        kill(pid, SIGINT)
        Thread.sleep(forTimeInterval: 0.03)
        kill(pid, SIGSTOP)
        Thread.sleep(forTimeInterval: 2 * StopRequests.sameKeypress)
        kill(pid, SIGCONT)
        kill(pid, SIGINT)
        let end = Executable.finish(process, err)
        #expect(end.exited && end.status == 130, "\(end.stderr)")
        #expect(end.stderr.contains("teamplan: stopped at once (a second Ctrl-C): nothing more is written"), "\(end.stderr)")
        // Nothing half: the output folder is not there, or (when the plan was
        // renamed into place just before the second came, as under
        // ThreadSanitizer) it is there whole.
        if FileManager.default.fileExists(atPath: folder.path + "/o") {
            let verify = try Executable.run(["verify", Self.slowToProve, "o/plan.json"], in: folder.path)
            #expect(verify.status == 0, "\(verify.stdout)")
        }
    }

    /// Ctrl-C before the least-money tie-break could run: the plan says so
    /// (and what it spends), rather than nothing.
    @Test func aStopBeforeTheTieBreakIsSaid() throws {
        let folder = TemporaryFolder()
        let process = try Executable.runAndSignal(["plan", Self.slowToProve, "--least-money", "--out", "o"], in: folder.path, signal: SIGINT)
        #expect(process.terminationStatus == 0)
        let summary = try String(contentsOfFile: folder.path + "/o/summary.txt", encoding: .utf8)
        #expect(summary.contains("not proven the least (the second search was stopped)"), "\(summary)")
        let plan = try String(contentsOfFile: folder.path + "/o/plan.json", encoding: .utf8)
        #expect(plan.contains("\"ending\": \"stopped\""), "\(plan)")
        let verify = try Executable.run(["verify", Self.slowToProve, "o/plan.json"], in: folder.path)
        #expect(verify.status == 0, "\(verify.stdout)")
    }

    /// GNU `timeout` signals the process and then its group: two signals at
    /// once are one request, and the best plan is written (they were taken
    /// for a second Ctrl-C, and nothing was written).
    @Test(arguments: ["TERM", "INT"])
    func aStopFromTimeoutWritesTheBestPlan(signal: String) throws {
        let folder = TemporaryFolder()
        let run = try Executable.run(["--preserve-status", "-s", signal, "3", Executable.url.path, "plan", Self.slowToProve, "--out", "o"],
                                     in: folder.path, program: "timeout")
        #expect(run.status == 0, "\(run.stderr)")
        try expectValidFeasiblePlan(in: folder)
    }

    /// What each signal means, in order and in time.
    @Test func aSecondCtrlCMeansNowButNotTheSameOneTwiceNorATerminate() {
        let t0 = Date()
        var a = StopRequests()
        #expect(a.received(SIGINT, at: t0) == .stop)
        #expect(a.received(SIGINT, at: t0.addingTimeInterval(0.001)) == .ignore, "the same request delivered twice")
        #expect(a.received(SIGINT, at: t0.addingTimeInterval(0.5)) == .stopNow)
        var b = StopRequests()
        #expect(b.received(SIGTERM, at: t0) == .stop)
        #expect(b.received(SIGTERM, at: t0.addingTimeInterval(5)) == .ignore, "a scheduler that means now sends SIGKILL")
        #expect(b.received(SIGHUP, at: t0.addingTimeInterval(6)) == .ignore)
        #expect(b.received(SIGINT, at: t0.addingTimeInterval(7)) == .ignore, "the first Ctrl-C after a stop: the search is already stopping")
        #expect(b.received(SIGINT, at: t0.addingTimeInterval(8)) == .stopNow)
    }

    @Test func aGLPKFatalErrorIsExitSixtyNineNotACoreDump() throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        let (process, err) = try Executable.start(["plan", "q1.yaml"], in: folder.path, environment: ["TEAMPLAN_TEST_GLPK_FATAL": "1"])
        let end = Executable.finish(process, err)
        #expect(end.exited && end.status == 69, "\(end.stderr)")
        #expect(end.stderr.contains("GLPK stopped with a fatal error (glp_set_obj_coef: j = 5; column number out of range)"), "GLPK's own words")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
    }

    @Test func aSearchPastItsMemoryLimitIsExitSixtyNineSayingSo() throws {
        let folder = TemporaryFolder()
        let result = try Executable.run(["plan", root + "/bench/region-25x40.yaml", "--memory-limit", "20", "--out", "o"],
                                        in: folder.path)
        #expect(result.status == 69, "\(result.stderr)")
        #expect(result.stderr.contains("teamplan: the search needed more than its memory limit of 20 MiB; no plan was made"),
                "\(result.stderr)")
        #expect(folder.files.isEmpty)
    }

    @Test func aBadTimeLimitIsAWrongCommandLine() throws {
        #expect(try Executable.run(["plan", "x.yaml", "--time-limit", "-1"], in: root).status == 64)
        #expect(try Executable.run(["plan", "x.yaml", "--mip-gap", "2"], in: root).status == 64)
    }
}

@Suite struct SolveControlTests {
    @Test func stoppingAtTheFirstPlanKeepsAValidFeasiblePlan() throws {
        let s = try #require(ScenarioLoader.load(path: PlanCommandTests.slowToProve).scenario)
        let control = SolveControl()
        let result = try Planner.solve(s, control: control, progress: { p in
            if p.incumbent != nil { control.stop() }
        })
        #expect(result.status == .feasible)
        let plan = try #require(result.plan)
        #expect(Evaluation(scenario: s, plan: plan).isValid)
        // The first report is the plan built at once, before any LP: stopped
        // there, the answer has no bound at all; any bound it has holds.
        #expect(result.bound.map { $0 <= (result.objective ?? 0) } ?? true)
    }
}
