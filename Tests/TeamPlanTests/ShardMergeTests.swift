import Foundation
import Testing
@testable import TeamPlan

/// `sweep merge` trusts nothing in a shard: each is checked against the grid
/// it claims, the shards must have read the same scenario (by content), and
/// every plan is read by the plan reader before anything is written.
@Suite(.serialized) struct ShardMergeTests {
    /// Two shards of a two-point sweep of small-team.yaml, made once.
    static let shards: TemporaryFolder = {
        let folder = TemporaryFolder()
        for k in 0..<2 {
            let run = try! Executable.run(["sweep", smallTeamFile, "--team-size", "1...2", "--shard", "\(k)/2", "--out", "shard-\(k)", "--quiet"],
                                          in: folder.path)
            precondition(run.status == 0, run.stderr)
        }
        return folder
    }()

    /// A copy of the two shards, changed by `tamper` (given the copy's path).
    func tampered(_ tamper: (String) throws -> Void) throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        for k in 0..<2 {
            try FileManager.default.copyItem(atPath: Self.shards.path + "/shard-\(k)", toPath: folder.path + "/shard-\(k)")
        }
        try tamper(folder.path)
        return folder
    }

    func edit(_ path: String, _ change: (String) -> String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let changed = change(text)
        guard changed != text else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: "the tamper must change \(path)"]) }
        try changed.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func merge(_ folder: TemporaryFolder, out: String = "merged") throws -> Executable.Result {
        try Executable.run(["sweep", "merge", out, "shard-0", "shard-1"], in: folder.path)
    }

    @Test func untouchedShardsMerge() throws {
        let folder = try tampered { _ in }
        let run = try merge(folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/merged/points/1_team-size-2/plan.json"))
    }

    /// A shard stopped by Ctrl-C or scancel after it had started its last
    /// point has a row for each point — but the one it was solving is what
    /// the stop left: the merge is not complete, says the point cut short
    /// and the shard to run again, and exits 75.
    @Test func aShardStoppedBeforeItsEndLeavesTheMergeIncompleteAndNamesTheShard() throws {
        let folder = try tampered { path in
            try edit(path + "/shard-1/sweep.json") {
                $0.replacingOccurrences(of: "\"complete\" : true", with: "\"complete\" : false")
                    .replacingOccurrences(of: "\"index\" : 1,", with: "\"index\" : 1,\n      \"interrupted\" : true,")
            }
        }
        let run = try merge(folder)
        #expect(run.status == 75, "\(run.stderr)")
        #expect(run.stdout.contains("shard-1 (shard 1/2, stopped before its end)"), "\(run.stdout)")
        #expect(run.stdout.contains("1 cut short when their shard was stopped"), "\(run.stdout)")
        #expect(run.stdout.contains("  cut short: 1_team-size-2 ("), "\(run.stdout)")
        #expect(run.stdout.contains("  shard-1 was stopped before its end (shard 1/2); rerun it with --shard 1/2 (in a Slurm array: sbatch --array=1 with --shards 2) and merge again"), "\(run.stdout)")
        #expect(run.stderr.contains("the sweep is not complete: a shard was stopped before the end (shard-1) (the 2 points merged are written)"), "\(run.stderr)")
        let table = try SweepTable.decode(Data(contentsOf: URL(fileURLWithPath: folder.path + "/merged/sweep.json")))
        #expect(table.rows.count == 2 && !table.complete)
        #expect(table.rows[1].interrupted == true && table.rows[0].interrupted == nil)
    }

    @Test(arguments: [
        ("\"point\" : \"0_team-size-1\"", "\"point\" : \"../../evil\"", "shard-0 is not a shard teamplan can merge: point 0 is named '../../evil', not '0_team-size-1'"),
        ("\"point\" : \"0_team-size-1\"", "\"point\" : \"/tmp/evil\"", "point 0 is named '/tmp/evil', not '0_team-size-1'"),
        ("\"values\" : [\n        \"1\"\n      ]", "\"values\" : [\n        \"7\"\n      ]", "point 0_team-size-1 has values that are not its axes' values"),
        ("\"points\" : 2", "\"points\" : 100000000000", "it claims 100000000000 points, but its axes make 2"),
        ("\"index\" : 0,", "\"index\" : 1,", "point 1 is named '0_team-size-1', not '1_team-size-2'"),
        ("\"name\" : \"team_size\"", "\"name\" : \"team size; rm -rf\"", "unknown axis 'team size; rm -rf'"),
        ("\"rows\"", "\"rowz\"", "shard-0: sweep.json is not a sweep's table: 'rows' is missing"),
        ("\"complete\" : true", "\"complete\" : \"yes\"", "shard-0: sweep.json is not a sweep's table: 'complete' has the wrong type"),
        ("{", "[", "shard-0: sweep.json is not a sweep's table: it is not valid JSON"),
    ])
    func aTamperedTableIsRefusedNamingTheShard(old: String, new: String, message: String) throws {
        let folder = try tampered { path in
            try edit(path + "/shard-0/sweep.json") { $0.replacingOccurrences(of: old, with: new) }
        }
        let run = try merge(folder)
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stderr.hasSuffix("; nothing was written\n"), "\(run.stderr)")
        #expect(!run.stderr.contains("DecodingError") && !run.stderr.contains("CodingKeys"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/merged"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/evil"))
    }

    @Test func aShardClaimingAHugeGridIsRefusedBeforeAnythingIsMade() throws {
        let folder = try tampered { path in
            try edit(path + "/shard-0/sweep.json") {
                $0.replacingOccurrences(of: "\"values\" : [\n        \"1\",\n        \"2\"\n      ]",
                                        with: "\"values\" : [" + (0..<400_000).map { "\"\($0)\"" }.joined(separator: ",") + "]")
            }
        }
        let run = try merge(folder)
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains("its axes make more than 100000 points"), "\(run.stderr)")
    }

    @Test(arguments: [
        ("junk", "point 0_team-size-1's plan.json is not a plan teamplan can read"),
        ("{\"scenario\": \"x\", \"status\": \"optimal\", \"sessions\": []}", "point 0_team-size-1's plan.json does not state the status and objective of its row"),
    ])
    func aShardWhosePlanIsNotItsRowsIsRefused(plan: String, message: String) throws {
        let folder = try tampered { path in
            try plan.write(toFile: path + "/shard-0/points/0_team-size-1/plan.json", atomically: true, encoding: .utf8)
        }
        let run = try merge(folder)
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains("shard-0"), "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/merged"))
    }

    @Test func aShardWithAnotherObjectiveInItsPlanIsRefused() throws {
        let folder = try tampered { path in
            try edit(path + "/shard-1/points/1_team-size-2/plan.json") {
                $0.replacingOccurrences(of: #""objective": [0-9.e+]+"#, with: "\"objective\": 12345.0", options: .regularExpression)
            }
        }
        let run = try merge(folder)
        #expect(run.status == 65)
        #expect(run.stderr.contains("shard-1 is not a shard teamplan can merge: point 1_team-size-2's plan.json does not state"), "\(run.stderr)")
    }

    @Test func aShardOfAnEditedScenarioWithTheSameFileNameIsRefused() throws {
        let folder = try tampered { path in
            try FileManager.default.removeItem(atPath: path + "/shard-1")
        }
        let edited = try String(contentsOfFile: smallTeamFile, encoding: .utf8) + "\n# edited: one comment more\n"
        folder.write("elsewhere/small-team.yaml", edited)
        let shard = try Executable.run(["sweep", "elsewhere/small-team.yaml", "--team-size", "1...2", "--shard", "1/2", "--out", "shard-1", "--quiet"],
                                       in: folder.path)
        #expect(shard.status == 0, "\(shard.stderr)")
        let run = try merge(folder)
        #expect(run.status == 65)
        #expect(run.stderr.contains("shard-1 is not a shard of the same sweep as the first folder: the scenarios (their contents) differ"),
                "\(run.stderr)")
    }

    @Test func theSameScenarioUnderAnotherNameMerges() throws {
        let folder = try tampered { path in
            try FileManager.default.removeItem(atPath: path + "/shard-1")
        }
        folder.write("copy/renamed.yaml", try String(contentsOfFile: smallTeamFile, encoding: .utf8))
        let shard = try Executable.run(["sweep", "copy/renamed.yaml", "--team-size", "1...2", "--shard", "1/2", "--out", "shard-1", "--quiet"],
                                       in: folder.path)
        #expect(shard.status == 0, "\(shard.stderr)")
        let run = try merge(folder)
        #expect(run.status == 0, "content decides, not the file name: \(run.stderr)")
    }

    @Test(arguments: [
        ("points/0_team-size-1/summary.txt", "/etc/passwd", "point 0_team-size-1: cannot read its summary.txt: it is a symbolic link, not a regular file"),
        ("points/0_team-size-1", "/etc", "point 0_team-size-1: cannot read its plan.json: it is reached through a symbolic link, not a regular file"),
        ("points", "/tmp", "point 0_team-size-1: cannot read its plan.json: it is reached through a symbolic link, not a regular file"),
        ("sweep.json", "/etc/passwd", "cannot read its sweep.json: it is a symbolic link, not a regular file"),
    ])
    func nothingInAShardIsReadThroughASymbolicLink(inside: String, target: String, message: String) throws {
        let folder = try tampered { path in
            let link = path + "/shard-0/" + inside
            try FileManager.default.removeItem(atPath: link)
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        }
        let run = try merge(folder)
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains("shard-0"), "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/merged"))
    }

    @Test func aSweepWithMoreShardsThanPointsIsRunAndMerged() throws {
        let folder = TemporaryFolder()
        for k in 0..<4 {
            let run = try Executable.run(["sweep", smallTeamFile, "--team-size", "1...3", "--shard", "\(k)/4", "--out", "s\(k)", "--quiet"],
                                         in: folder.path)
            #expect(run.status == 0, "shard \(k) of a 3-point sweep: \(run.stderr)")
        }
        let merge = try Executable.run(["sweep", "merge", "m", "s0", "s1", "s2", "s3"], in: folder.path)
        #expect(merge.status == 0, "\(merge.stderr)")
        let table = try SweepTable.decode(Data(contentsOf: URL(fileURLWithPath: folder.path + "/m/sweep.json")))
        #expect(table.rows.map(\.index) == [0, 1, 2] && table.complete)
    }

    @Test func aKubernetesIndexWithoutTheNumberOfShardsIsAWrongCommandLine() throws {
        let run = try Executable.run(["JOB_COMPLETION_INDEX=1", Executable.url.path, "sweep", smallTeamFile, "--team-size", "1...3"],
                                     program: "env")
        #expect(run.status == 64)
        #expect(run.stderr.contains("JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job): give the number of shards with --shards N"),
                "\(run.stderr)")
    }

    @Test(arguments: ["shard-0", ".", "shard-1/merged", "shard-1/a/b"])
    func aMergeIntoOneOfItsShardsIsRefused(out: String) throws {
        let folder = try tampered { _ in }
        let before = folder.files
        let run = try merge(folder, out: out)
        #expect(run.status == 73, "\(run.stderr)")
        #expect(run.stderr.contains("the output folder is the shard"), "\(run.stderr)")
        #expect(folder.files == before)
    }
}
