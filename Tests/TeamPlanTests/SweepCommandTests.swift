import Foundation
import Testing
@testable import TeamPlan

@Suite(.serialized) struct SweepCommandTests {
    let axes = ["--team-size", "1...3", "--budget-scale", "wmo-stein=0.5,1"]

    /// A folder's files with every timing taken out: the solve seconds in
    /// JSON, CSV, HTML and the summaries.
    func contents(_ path: String) throws -> [String: String] {
        var result: [String: String] = [:]
        let files = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
        // The manifest holds each file's hash, timings and all: the files themselves are compared.
        for file in files where !file.hasSuffix("/") && file != ".teamplan-output" {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path + "/" + file, isDirectory: &isFolder)
            guard !isFolder.boolValue else { continue }
            var text = try String(contentsOfFile: path + "/" + file, encoding: .utf8)
            text = text.replacingOccurrences(of: #""solve_seconds" ?: [0-9.e+-]+"#, with: "\"solve_seconds\": T", options: .regularExpression)
            text = text.replacingOccurrences(of: #"[0-9]+\.[0-9]+ s\b"#, with: "T s", options: .regularExpression)
            text = text.replacingOccurrences(of: #"<td>[0-9]+[.,][0-9]{2}</td></tr>"#, with: "<td>T</td></tr>", options: .regularExpression)
            if file == "sweep.csv" {
                // (Foundation reads the byte-order mark of excel-nl away.)
                let separator = text.prefix { $0 != "\r\n" }.contains(";") ? ";" : ","
                let lines = text.components(separatedBy: "\r\n")
                // The seconds column, found by its header (English or Dutch).
                let seconds = lines.first.flatMap { $0.components(separatedBy: separator).firstIndex { $0 == "solve_seconds" || $0 == "rekentijd (s)" } }
                text = (lines.prefix(1) + lines.dropFirst().map { line in
                    var cells = line.components(separatedBy: separator)
                    if let seconds, cells.count > seconds { cells[seconds] = "T" }
                    return cells.joined(separator: separator)
                }).joined(separator: "\r\n")
                #expect(seconds != nil, "sweep.csv has a seconds column")
            }
            result[file] = text
        }
        return result
    }

    /// In English, and in Dutch (sweep.csv for Dutch Excel): the merge
    /// writes what the unsharded run wrote, in the language sweep.json records.
    @Test(arguments: [[String](), ["--lang", "nl"]])
    func threeShardsRunAsProcessesAndMergedEqualTheUnshardedRun(_ language: [String]) throws {
        let folder = TemporaryFolder()
        let axes = axes + language
        let whole = try Executable.run(["sweep", smallTeamFile] + axes + ["--out", "whole", "--jobs", "2"], in: folder.path)
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(whole.stdout.contains(language.isEmpty ? "6 of 6 points planned (6 proven optimal)" : "6 van de 6 punten gepland (6 bewezen optimaal)"),
                "\(whole.stdout)")
        // The three shards run at the same time, as a batch scheduler would.
        let shards = try (0..<3).map { k in
            let process = Process()
            process.executableURL = Executable.url
            process.arguments = ["sweep", smallTeamFile] + axes + ["--shard", "\(k)/3", "--out", "shard-\(k)", "--quiet"]
            process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in shards {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let shard1 = try SweepTable.decode(Data(contentsOf: URL(fileURLWithPath: folder.path + "/shard-1/sweep.json")))
        #expect(shard1.rows.map(\.index) == [1, 4])
        #expect(shard1.shard == SweepTable.Shard(index: 1, count: 3))
        let merge = try Executable.run(["sweep", "merge", "merged", "shard-2", "shard-0", "shard-1"], in: folder.path)
        #expect(merge.status == 0, "\(merge.stderr)")
        let expected = try contents(folder.path + "/whole"), merged = try contents(folder.path + "/merged")
        #expect(merged.keys.sorted() == expected.keys.sorted())
        for (file, text) in expected { #expect(merged[file] == text, "\(file) differs") }
        #expect(expected.keys.contains("points/5_team-size-3_budget-wmo-stein-1/plan.json"))
        #expect(expected["sweep.csv"]?.hasPrefix(language.isEmpty ? "index,point," : "nummer;punt;") == true)
        let bytes = try #require(FileManager.default.contents(atPath: folder.path + "/merged/sweep.csv"))
        #expect((Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF]) == !language.isEmpty, "a byte-order mark for Dutch Excel")
        #expect(expected["sweep.html"]?.contains(language.isEmpty ? "<html lang=\"en\">" : "<html lang=\"nl\">") == true)
    }

    /// small-team.yaml has 4 workers: `--team-size 3...6` would give three
    /// rows of the whole team's plan and say nothing.
    @Test func aTeamSizeRangePastTheTeamIsSaidOnceNotAsRowsThatRepeat() throws {
        let folder = TemporaryFolder()
        let run = try Executable.run(["sweep", smallTeamFile, "--team-size", "3...6", "--out", "s"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let notice = "--team-size: the scenario has 4 workers, so a larger team size plans as 4 does; left out: 5, 6"
        #expect(run.stderr.components(separatedBy: notice).count == 2, "said once: \(run.stderr)")
        #expect(run.stdout.contains("2 of 2 points planned"), "\(run.stdout)")
        let table = try SweepTable.decode(Data(contentsOf: URL(fileURLWithPath: folder.path + "/s/sweep.json")))
        #expect(table.rows.map(\.values) == [["3"], ["4"]])
        #expect(table.notices == [SweepNotice(axis: "team_size", reason: .teamSizeAboveWorkers, leftOut: ["5", "6"], limit: 4)])
        let html = try String(contentsOfFile: folder.path + "/s/sweep.html", encoding: .utf8)
        #expect(html.components(separatedBy: notice).count == 2, "said once on the page")
        // Nothing left: refused, nothing written.
        let none = try Executable.run(["sweep", smallTeamFile, "--team-size", "5...7", "--out", "t"], in: folder.path)
        #expect(none.status == 64)
        #expect(none.stderr.contains("--team-size 5...7: the scenario has 4 workers, so every team size from 4 up plans as 4 does"), "\(none.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/t"))
    }

    @Test func aMergeWithAShardMissingWritesWhatItHasNamesTheShardToRerunAndIsNotComplete() throws {
        let folder = TemporaryFolder()
        for k in 0..<2 {
            let run = try Executable.run(["sweep", smallTeamFile] + axes + ["--shard", "\(k)/3", "--out", "shard-\(k)", "--quiet"],
                                         in: folder.path)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let merge = try Executable.run(["sweep", "merge", "merged", "shard-0", "shard-1"], in: folder.path)
        #expect(merge.status == 75, "\(merge.stderr)")
        #expect(merge.stdout.contains("merged 2 folders: shard-0 (shard 0/3), shard-1 (shard 1/3)"), "\(merge.stdout)")
        #expect(merge.stdout.contains("4 of 6 points: 4 proven optimal"), "\(merge.stdout)")
        #expect(merge.stdout.contains("missing 2 points:\n  shard 2/3 (its folder was not given): 2_team-size-2_budget-wmo-stein-0.5, 5_team-size-3_budget-wmo-stein-1; rerun it with --shard 2/3 (in a Slurm array: sbatch --array=2 with --shards 3) and merge again"), "\(merge.stdout)")
        #expect(merge.stderr.contains("the sweep is not complete: 2 of 6 points are missing (the 4 points merged are written)"), "\(merge.stderr)")
        let partial = try SweepTable.decode(Data(contentsOf: URL(fileURLWithPath: folder.path + "/merged/sweep.json")))
        #expect(partial.rows.map(\.index) == [0, 1, 3, 4] && !partial.complete)
        // The missing shard run, the merge again: complete.
        let rerun = try Executable.run(["sweep", smallTeamFile] + axes + ["--shard", "2/3", "--out", "shard-2", "--quiet"], in: folder.path)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let again = try Executable.run(["sweep", "merge", "merged", "shard-0", "shard-1", "shard-2"], in: folder.path)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!again.stdout.contains("missing"), "\(again.stdout)")
        let whole = try SweepTable.decode(Data(contentsOf: URL(fileURLWithPath: folder.path + "/merged/sweep.json")))
        #expect(whole.rows.map(\.index) == Array(0..<6) && whole.complete)
        let twice = try Executable.run(["sweep", "merge", "merged", "shard-0", "shard-0"], in: folder.path)
        #expect(twice.status == 65)
        #expect(twice.stderr.contains("is in more than one folder"), "\(twice.stderr)")
    }

    @Test func mergingShardsOfDifferentSweepsIsRefused() throws {
        let folder = TemporaryFolder()
        let a = try Executable.run(["sweep", smallTeamFile, "--team-size", "1...2", "--shard", "0/2", "--out", "a", "--quiet"], in: folder.path)
        let b = try Executable.run(["sweep", smallTeamFile, "--team-size", "1...3", "--shard", "1/2", "--out", "b", "--quiet"], in: folder.path)
        #expect(a.status == 0 && b.status == 0)
        let merge = try Executable.run(["sweep", "merge", "merged", "a", "b"], in: folder.path)
        #expect(merge.status == 65)
        #expect(merge.stderr.contains("not a shard of the same sweep"), "\(merge.stderr)")
        // Shards in two languages would leave points' summaries in both.
        let nl = try Executable.run(["sweep", smallTeamFile, "--team-size", "1...2", "--shard", "1/2", "--out", "c", "--quiet", "--lang", "nl"],
                                    in: folder.path)
        #expect(nl.status == 0, "\(nl.stderr)")
        let languages = try Executable.run(["sweep", "merge", "merged", "a", "c"], in: folder.path)
        #expect(languages.status == 65)
        #expect(languages.stderr.contains("the languages (--lang) differ"), "\(languages.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/merged"))
    }

    @Test func theSweepFolderHoldsTheTablesTheChartAndEachPointsPlan() throws {
        let folder = TemporaryFolder()
        let run = try Executable.run(["sweep", smallTeamFile, "--team-size", "1...3", "--out", "s"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("sweep: 3/3"), "plain progress lines when standard error is no terminal: \(run.stderr)")
        let files = Set(try contents(folder.path + "/s").keys)
        #expect(files.isSuperset(of: ["sweep.csv", "sweep.json", "sweep.svg", "sweep.html", "points/0_team-size-1/plan.json",
                                      "points/2_team-size-3/summary.txt"]))
        let html = try String(contentsOfFile: folder.path + "/s/sweep.html", encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("<table>"))
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href="), "self-contained")
        let csv = try String(contentsOfFile: folder.path + "/s/sweep.csv", encoding: .utf8)
        #expect(csv.hasPrefix("index,point,team_size,status,objective,"))
        #expect(csv.components(separatedBy: "\r\n").count == 5, "header, three points, end")
        let verify = try Executable.run(["verify", smallTeamFile, folder.path + "/s/points/2_team-size-3/plan.json"])
        #expect(verify.status == 0, "a point without a team size change verifies against the scenario itself: \(verify.stdout)")
    }

    @Test func sigintStopsTheSweepAndKeepsTheFinishedPoints() throws {
        let folder = TemporaryFolder()
        // Quick to plan, slow to prove: the first point is still searching.
        let process = try Executable.runAndSignal(
            ["sweep", PlanCommandTests.slowToProve, "--hours-scale", "1,1.1,1.2", "--jobs", "1", "--out", "s"],
            in: folder.path, signal: SIGINT)
        #expect(process.terminationReason == .exit, "stopped by teamplan, not by the signal")
        #expect(process.terminationStatus == 75, "written, but not every point was solved")
        let table = try SweepTable.decode(Data(contentsOf: URL(fileURLWithPath: folder.path + "/s/sweep.json")))
        #expect(table.complete == false)
        #expect(table.rows.map(\.index) == [0], "the point being solved is kept; none after it starts")
        #expect(table.rows.first?.status == .feasible)
        #expect(table.rows.first?.interrupted == true, "cut short by the stop, not by its time limit")
        let html = try String(contentsOfFile: folder.path + "/s/sweep.html", encoding: .utf8)
        #expect(html.contains("not every point has been solved (the sweep was stopped, or a shard is missing from the merge)"))
        #expect(html.contains("the sweep was stopped (Ctrl-C or a signal) while this point was solved"))
    }

    @Test func aBadAxisIsAWrongCommandLine() throws {
        let run = try Executable.run(["sweep", smallTeamFile, "--budget-scale", "wmo=0.5"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("no funding stream 'wmo'"), "\(run.stderr)")
    }
}
