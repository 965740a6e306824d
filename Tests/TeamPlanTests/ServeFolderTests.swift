import Dispatch
import Foundation
import Testing
@testable import TeamPlan
@testable import TeamPlanServer

/// `teamplan serve` touches nothing outside its folder: every name a
/// browser sends is checked before the disk is looked at, links that lead
/// out are refused, and a scenario's tables outside the folder are never read.
struct ServeFolderTests {
    @Test(arguments: ["../x.yaml", "a/../../x.yaml", "/etc/passwd", "..", ".", "", "a//b.yaml", ".hidden.yaml",
                      "a/.git/config", "x.yaml\u{0}", "%2e%2e/x.yaml", "a\\..\\b.yaml", "a/./b.yaml"])
    func aNameThatCouldLeadOutIsNoName(_ name: String) throws {
        let folder = TemporaryFolder()
        folder.write("a/b.yaml", Fixture.scenario)
        let confinement = try #require(FolderConfinement(folder: folder.path))
        #expect(confinement.path(of: name) == nil)
        let workspace = try #require(Workspace(folder: folder.path))
        #expect(workspace.scenario(name) == nil)
    }

    @Test func aLinkLeadingOutOfTheFolderIsRefusedOneInsideIsNot() throws {
        let outside = TemporaryFolder()
        outside.write("secret.yaml", Fixture.scenario)
        let folder = TemporaryFolder()
        folder.write("inner/q1.yaml", Fixture.scenario)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/out.yaml", withDestinationPath: outside.path + "/secret.yaml")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/away", withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/same.yaml", withDestinationPath: folder.path + "/inner/q1.yaml")
        let workspace = try #require(Workspace(folder: folder.path))
        #expect(workspace.scenario("out.yaml") == nil)
        #expect(workspace.scenario("away/secret.yaml") == nil)
        #expect(workspace.scenario("same.yaml") != nil)
        #expect(workspace.scenario("inner/q1.yaml") != nil)
        #expect(workspace.scenarios().map(\.name) == ["inner/q1.yaml", "same.yaml"])
        // A folder not yet made is judged by the nearest one that is.
        #expect(workspace.confinement.contains(folder.path + "/plans/q1/2027"))
        #expect(!workspace.confinement.contains(folder.path + "/away/new"))
        #expect(!workspace.confinement.contains(folder.path + "/plans/../../x"))
    }

    @Test func aScenarioNamingATableOutsideTheFolderIsAnErrorAndTheTableIsNotRead() throws {
        let outside = TemporaryFolder()
        let table = outside.write("workers.csv", "id,hours_per_week,available\nsecretname,24,mon-am\n")
        let folder = TemporaryFolder()
        let scenario = Fixture.scenario.replacingOccurrences(of: "workers:\n", with: "workers: \(table)\nunused_workers:\n")
        folder.write("q1.yaml", scenario)
        let loaded = ScenarioLoader.load(path: folder.path + "/q1.yaml", confinedTo: FolderConfinement(folder: folder.path))
        let messages = loaded.diagnostics.map(\.message).joined(separator: "\n")
        #expect(messages.contains("outside the folder teamplan serve was given"), "\(messages)")
        #expect(!messages.contains("secretname"))
        #expect(loaded.inputFiles.allSatisfy { !$0.path.hasPrefix(outside.path) })
        // Without the confinement (the command line) the same file is read.
        let free = ScenarioLoader.load(path: folder.path + "/q1.yaml")
        #expect(!free.diagnostics.map(\.message).joined().contains("outside the folder"))
    }

    @Test func twoPlansStartedInOneSecondGetTwoFolders() throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        let workspace = try #require(Workspace(folder: folder.path))
        let file = try #require(workspace.scenario("q1.yaml"))
        let taken = TakenFolders()
        let now = Date()
        let a = try #require(workspace.newPlanFolder(for: file, at: now, taken: taken))
        let b = try #require(workspace.newPlanFolder(for: file, at: now, taken: taken))
        #expect(a.0 != b.0)
        #expect(a.1 != b.1)
        #expect(b.0.stamp.hasSuffix("-2"))
        #expect(a.1.hasPrefix(workspace.root + "/plans/q1/"))
    }

    @Test(arguments: ["q1/2027-01-04T101010", "q1/x"])
    func aPlanIDIsTwoPlainNames(_ text: String) {
        #expect(Workspace.PlanID(text)?.description == text)
    }

    @Test(arguments: ["q1", "q1/../x", "../q1/x", "q1/x/y", "/q1/x", "q1/.x", "q1/"])
    func anythingElseIsNoPlanID(_ text: String) {
        #expect(Workspace.PlanID(text) == nil)
    }

    @Test func theTenthPlanOfOneSecondComesAfterTheNinth() {
        let stamps = ["2027-01-04T101010-10", "2027-01-04T101010", "2027-01-04T101011", "2027-01-04T101010-9", "2027-01-04T101010-2"]
        let ids = stamps.compactMap { Workspace.PlanID("q1/" + $0) }.sorted()
        #expect(ids.map(\.stamp) == ["2027-01-04T101010", "2027-01-04T101010-2", "2027-01-04T101010-9", "2027-01-04T101010-10", "2027-01-04T101011"])
        #expect(!Workspace.stampsInOrder("2027-01-04T101010-10", "2027-01-04T101010-9"))
    }

    @Test func pagesEscapeWhatTheyShow() {
        let pages = Pages(language: .en)
        let html = pages.problem("<script>x</script>", "a & \"b\" 'c'")
        #expect(!html.contains("<script>x"))
        #expect(html.contains("&lt;script&gt;x&lt;/script&gt;"))
        #expect(html.contains("a &amp; &quot;b&quot; &#39;c&#39;"))
        #expect(Pages(language: .nl).problem("t", "x").contains("<html lang=\"nl\">"))
    }
}

/// The web page's plans: at most one per slot at a time, the rest queued
/// in order with their places, a stop keeps the plan found, an unwatched
/// plan is stopped, and shutting down waits for every plan to be written.
struct JobBoardTests {
    /// A runner that plays a solve: reports progress until stopped or `seconds` pass.
    final class Played: Sendable {
        let running = Locked(0)
        let most = Locked(0)
        let order = Locked<[String]>([])
        let seconds: Double

        init(seconds: Double) { self.seconds = seconds }

        var runner: JobBoard.Runner {
            { request, control, progress in
                let now = self.running.withLock { $0 += 1; return $0 }
                self.most.withLock { $0 = max($0, now) }
                self.order.withLock { $0.append(request.scenario.name) }
                let start = Date()
                var stopped = false
                while Date().timeIntervalSince(start) < self.seconds {
                    if control.isStopped { stopped = true; break }
                    progress.solving(SolveProgress(seconds: Date().timeIntervalSince(start), incumbent: 10, bound: 5, mipGap: 0.5))
                    Thread.sleep(forTimeInterval: 0.01)
                }
                self.running.withLock { $0 -= 1 }
                return .plan(Workspace.PlanID("s/\(request.scenario.name)")!, status: stopped ? "feasible" : "optimal")
            }
        }
    }

    func request(_ name: String) -> JobBoard.Request {
        JobBoard.Request(scenario: Workspace.ScenarioFile(name: name, path: "/nonexistent/" + name), timeLimit: nil, language: .en)
    }

    @Test func atMostOnePlanPerSlotTheRestInOrderWithTheirPlaces() async throws {
        let played = Played(seconds: 0.3)
        let board = JobBoard(slots: 2, runner: played.runner)
        let ids = (1...6).map { board.submit(request("p\($0)"))! }
        let places = ids.map { board.snapshot($0)?.place }
        #expect(places == [nil, nil, 1, 2, 3, 4])
        await board.untilIdle()
        #expect(played.most.withLock { $0 } == 2)
        // Taken from the queue in order; two threads may enter their runners the other way round.
        let order = played.order.withLock { $0 }
        #expect(Set(order) == Set((1...6).map { "p\($0)" }))
        for i in 1...6 { #expect(abs((order.firstIndex(of: "p\(i)") ?? 99) - (i - 1)) <= 1, "\(order)") }
        for id in ids {
            let s = try #require(board.snapshot(id))
            #expect(s.state == .done)
            #expect(s.plan != nil)
            #expect(s.place == nil)
        }
    }

    /// No sleeps: the tests run on a pool other tests may keep busy for
    /// minutes (CI), so nothing here waits for a time to pass.
    @Test func aStopKeepsTheBestPlanAndAQueuedPlanIsTakenOut() async throws {
        let board = JobBoard(slots: 1, runner: Played(seconds: 600).runner)
        let first = board.submit(request("a"))!
        let second = board.submit(request("b"))!
        #expect(board.snapshot(second)?.state == .queued)
        board.stop(second)
        #expect(board.snapshot(second)?.state == .cancelled)
        board.stop(first)
        await board.untilIdle()
        let s = try #require(board.snapshot(first))
        #expect(s.state == .done)
        #expect(s.status == "feasible")
        #expect(s.stopAsked)
    }

    @Test func aWatcherSeesProgressAndTheEnd() async throws {
        let board = JobBoard(slots: 1, runner: Played(seconds: 0.3).runner)
        let id = board.submit(request("a"))!
        var states: [JobBoard.State] = []
        var sawProgress = false
        for await s in board.watch(id) {
            states.append(s.state)
            if s.objective != nil { sawProgress = true }
        }
        #expect(states.last == .done)
        #expect(sawProgress)
        // Once over, a new watcher gets the end at once.
        var after: [JobBoard.State] = []
        for await s in board.watch(id) { after.append(s.state) }
        #expect(after == [.done])
    }

    @Test func aPlanNobodyWatchesIsStoppedWithItsBestPlanAWatchedOneIsNot() async throws {
        let board = JobBoard(slots: 2, grace: .milliseconds(200), runner: Played(seconds: 600).runner)
        let unwatched = board.submit(request("a"))!
        let watched = board.submit(request("b"))!
        // Watching from the call on: the stream is kept, not read.
        let stream = board.watch(watched)
        // The unwatched one ends on its own (its best plan kept), however long the pool takes to run the check.
        while board.snapshot(unwatched, touch: false)?.state == .running { try await Task.sleep(for: .milliseconds(50)) }
        #expect(board.snapshot(unwatched)?.status == "feasible")
        #expect(board.snapshot(watched, touch: false)?.state == .running)
        board.stop(watched)
        await board.untilIdle()
        withExtendedLifetime(stream) {}
    }

    @Test func shuttingDownStopsEveryPlanWaitsForItAndTakesNoNewOne() async throws {
        let played = Played(seconds: 600)
        let board = JobBoard(slots: 2, runner: played.runner)
        let ids = (1...4).map { board.submit(request("p\($0)"))! }
        await board.shutDown()
        #expect(played.running.withLock { $0 } == 0)
        #expect(ids.map { board.snapshot($0)?.state } == [.done, .done, .cancelled, .cancelled])
        #expect(board.submit(request("late")) == nil)
    }
}

/// A scenario's history and copies, from the page: nothing is ever lost,
/// nothing is written over.
struct ServeHistoryTests {
    func exampleFolder() throws -> (TemporaryFolder, Workspace, Workspace.ScenarioFile) {
        let folder = TemporaryFolder()
        let root = Executable.packageRoot + "/inputs"
        for name in ["westelijke-mijnstreek.yaml", "westelijke-mijnstreek/workers.csv", "westelijke-mijnstreek/practices.csv"] {
            folder.write(name, try [UInt8](Data(contentsOf: URL(fileURLWithPath: root + "/" + name))))
        }
        let workspace = try #require(Workspace(folder: folder.path))
        return (folder, workspace, try #require(workspace.scenario("westelijke-mijnstreek.yaml")))
    }

    @Test func aCopyGetsTablesOfItsOwnAndReadsAsTheOriginal() throws {
        let (folder, workspace, original) = try exampleFolder()
        let before = try Data(contentsOf: URL(fileURLWithPath: original.path))
        let copy = try workspace.copy(original, as: "q2 2027")
        #expect(copy.name == "q2 2027.yaml")
        let text = try String(contentsOfFile: copy.path, encoding: .utf8)
        #expect(text.contains("\nworkers: q2 2027/workers.csv"))
        #expect(text.contains("\npractices: q2 2027/practices.csv"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/q2 2027/workers.csv"))
                == Data(contentsOf: URL(fileURLWithPath: folder.path + "/westelijke-mijnstreek/workers.csv")))
        #expect(try Data(contentsOf: URL(fileURLWithPath: original.path)) == before)
        let a = try CheckWorkflow(file: original.path), b = try CheckWorkflow(file: copy.path)
        #expect(a.scenario == b.scenario)
        #expect(throws: Workspace.EditFailure.self) { try workspace.copy(original, as: "q2 2027.yaml") }
        #expect(throws: Workspace.EditFailure.self) { try workspace.copy(original, as: "../out") }
    }

    @Test func ofFourEditsMadeAtOnceFromTheSameVersionOneIsSavedAndThreeAreRefusedNoneLost() throws {
        let (folder, workspace, file) = try exampleFolder()
        defer { withExtendedLifetime(folder) {} }
        let version = try #require(workspace.version(of: file))
        let practices = ["nuth", "elsloo", "urmond", "born"]
        let outcomes = Locked<[String: Bool]>([:])
        DispatchQueue.concurrentPerform(iterations: practices.count) { i in
            let saved = (try? workspace.apply(.avoid(worker: "anja", practice: practices[i]), to: file, version: version)) != nil
            outcomes.withLock { $0[practices[i]] = saved }
        }
        let saved = outcomes.withLock { $0 }.filter(\.value).map(\.key)
        #expect(saved.count == 1)
        let text = try String(contentsOfFile: file.path, encoding: .utf8)
        for practice in practices {
            #expect(text.contains("{worker: anja, practice: \(practice)}") == saved.contains(practice))
        }
    }

    @Test func theEditorSavesOnlyWhatChangedAndACRLFFileUntouchedStaysByteForByte() throws {
        let (folder, workspace, _) = try exampleFolder()
        let yaml = try String(contentsOfFile: folder.path + "/westelijke-mijnstreek.yaml", encoding: .utf8)
        folder.write("crlf.yaml", yaml.replacingOccurrences(of: "\n", with: "\r\n").replacingOccurrences(of: "westelijke-mijnstreek/", with: "westelijke-mijnstreek/"))
        let file = try #require(workspace.scenario("crlf.yaml"))
        let files = try #require(EditorFiles(file, in: workspace))
        let before = try Data(contentsOf: URL(fileURLWithPath: file.path))
        // What a browser's text area gives back: \n line breaks.
        let draft = EditorDraft(yaml: files.yaml.replacingOccurrences(of: "\r\n", with: "\n"), yamlVersion: files.yamlVersion, tables: [])
        let (answer, conflict) = workspace.save(draft, of: file, language: .en)
        #expect(!conflict)
        #expect(answer.refusal == nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)) == before)
        #expect(workspace.history(of: file).isEmpty)
        // A table named twice is refused, nothing written.
        let table = try #require(files.tables.first)
        let twice = EditorDraft(yaml: draft.yaml, yamlVersion: files.yamlVersion, tables: [
            .init(name: table.name, text: "id;hours_per_week\n", version: table.version),
            .init(name: table.name, text: "not;a;table\n", version: table.version)])
        let refused = workspace.save(twice, of: file, language: .en).0
        #expect(refused.refusal != nil || refused.errors > 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: table.path)) == Data(contentsOf: URL(fileURLWithPath: Executable.packageRoot + "/inputs/" + table.name)))
    }

    @Test func aRestoredVersionComesBackAndTheOneItReplacesIsKept() throws {
        let (folder, workspace, file) = try exampleFolder()
        defer { withExtendedLifetime(folder) {} }
        let original = try Data(contentsOf: URL(fileURLWithPath: file.path))
        let version = try #require(workspace.version(of: file))
        try workspace.apply(.avoid(worker: "anja", practice: "nuth"), to: file, version: version,
                            at: Date(timeIntervalSince1970: 1_800_000_000))
        let edited = try Data(contentsOf: URL(fileURLWithPath: file.path))
        #expect(edited != original)
        let kept = workspace.history(of: file)
        #expect(kept.map(\.name) == ["westelijke-mijnstreek.yaml"])
        try workspace.restore(kept[0], of: file, at: Date(timeIntervalSince1970: 1_800_000_100))
        #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)) == original)
        #expect(workspace.history(of: file).count == 2)
        #expect(throws: Workspace.EditFailure.self) {
            try workspace.restore(Workspace.Kept(stamp: kept[0].stamp, name: "../../etc/passwd"), of: file)
        }
    }

    @Test func theGridOffersTheScenariosSlotsSkillsIdsAndLeaveDatesToPickFrom() throws {
        let (folder, workspace, file) = try exampleFolder()
        let scenario = try #require(try CheckWorkflow(file: file.path).scenario)
        let files = try #require(EditorFiles(file, in: workspace))
        #expect(files.picks.slots == scenario.slots.map(\.name))
        #expect(files.picks.workers == scenario.workers.map(\.id))
        #expect(Set(files.picks.skills) == Set(scenario.workers.flatMap(\.skills) + scenario.practices.flatMap(\.requiresSkills)))
        #expect(files.picks.first == "2027-01-04" && files.picks.last == scenario.quarter.end.description)
        let html = Pages(language: .nl).editor(file, files)
        let workers = try #require(files.tables.first { $0.name.hasSuffix("workers.csv") })
        let practices = try #require(files.tables.first { $0.name.hasSuffix("practices.csv") })
        // One slot picker per worker (available) and per practice (open); skills on both; leave on workers.
        #expect(html.components(separatedBy: "data-pick=\"slots\"").count - 1 == workers.rows.count - 1 + practices.rows.count - 1)
        #expect(html.components(separatedBy: "data-pick=\"skills\"").count - 1 == workers.rows.count - 1 + practices.rows.count - 1)
        #expect(html.components(separatedBy: "data-pick=\"dates\"").count - 1 == workers.rows.count - 1)
        #expect(html.contains("list=\"pick-municipalities\"") && html.contains("<option value=\"sittard-geleen\">"))
        #expect(html.contains("aria-label=\"Kiezen: "))
        // A scenario that does not read still gets its pickers, from what its tables hold.
        let table = folder.path + "/westelijke-mijnstreek/workers.csv"
        let text = try String(contentsOfFile: table, encoding: .utf8)
        folder.write("westelijke-mijnstreek/workers.csv", text.replacingOccurrences(of: ";24;15;", with: ";lots;15;"))
        let broken = try #require(EditorFiles(file, in: workspace))
        #expect(broken.picks.first == nil)
        let used: [String] = scenario.workers.flatMap { $0.available.map(\.name) } + scenario.practices.flatMap { $0.open.map(\.name) }
        #expect(Set(broken.picks.slots) == Set(used))
        #expect(Set(broken.picks.skills) == Set(files.picks.skills))
    }

    @Test func aRefusedEditIsSaidInTheLanguageOfThePage() throws {
        let (folder, workspace, file) = try exampleFolder()
        defer { withExtendedLifetime(folder) {} }
        do throws(Workspace.EditFailure) {
            _ = try workspace.copy(file, as: "../out")
            Issue.record("a name with ../ was taken")
        } catch {
            #expect(error.message(.nl).hasPrefix("'../out' is geen bestandsnaam"))
            #expect(error.message(.en).hasPrefix("'../out' is not a file name"))
        }
        let files = try #require(EditorFiles(file, in: workspace))
        let stale = EditorDraft(yaml: files.yaml + "\n", yamlVersion: "0", tables: [])
        let (answer, conflict) = workspace.save(stale, of: file, language: .nl)
        #expect(conflict)
        #expect(answer.refusal?.contains("is op schijf gewijzigd") == true, "\(answer.refusal ?? "")")
        #expect(Pages(language: .nl).readOnly(.ragged).hasPrefix("Een rij heeft meer of minder cellen"))
        let leave = ScenarioEdit.leave(worker: "nobody", from: try #require(LocalDate(iso: "2027-01-04")), to: try #require(LocalDate(iso: "2027-01-08")))
        let version = try #require(workspace.version(of: file))
        do throws(Workspace.EditFailure) {
            try workspace.apply(leave, to: file, version: version)
            Issue.record("leave for a worker who is not there was saved")
        } catch {
            #expect(error.message(.nl) == "medewerker 'nobody' staat niet in de tabel met medewerkers", "\(error.message(.nl))")
        }
    }
}
