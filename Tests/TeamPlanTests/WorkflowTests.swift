import Foundation
import Testing
@testable import TeamPlan

/// The workflows as plain library calls, as a web page would make them: no
/// process, the same answers and the same failures as the command line.
@Suite struct WorkflowTests {
    static let baandert = Executable.packageRoot + "/inputs/baandert.yaml"
    static let knownCauses = Executable.packageRoot + "/Tests/Scenarios/known-causes.yaml"

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The failure a throwing call ends with, or nil.
    static func failure<T>(_ body: () throws(Failure) -> T) -> Failure? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    @Test func checkJSONHoldsTheEstimateAndEveryWarning() throws {
        let check = try CheckWorkflow(file: Self.baandert)
        let json = try Self.json(try check.json())
        #expect(json["file"] as? String == Self.baandert)
        let estimate = try #require(json["estimate"] as? [String: Any])
        let totals = try #require(estimate["totals"] as? [String: Any])
        #expect((totals["asked_hours"] as? Double ?? 0) > 0)
        #expect((estimate["practices"] as? [Any])?.count == check.scenario.practices.count)
        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == check.diagnostics.count + check.estimate.warnings.count)
        #expect(check.text.hasPrefix("\(check.scenario.name) — \(Self.baandert)\nQuarter: "))
    }

    @Test func checkJSONNamesAWorkbookWarningsSheetAndCell() throws {
        let folder = TemporaryFolder()
        let sheets = RawWorkbook.with("Funding", [["id", "budget_eur", "rate_eur_per_hour", "pays_for"],
                                                  ["f", "#42", "#80", "contact|admin|travel|mdo"]])
        let path = folder.write("team.xlsx", RawWorkbook.bytes(sheets))
        let json = try Self.json(try CheckWorkflow(file: path).json())
        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
        let budget = try #require(diagnostics.first { $0["path"] as? String == "funding[0].budget_eur" })
        #expect(budget["sheet"] as? String == "Funding" && budget["cell"] as? String == "B2")
        #expect(budget["line"] as? Int == 2 && budget["column"] as? Int == 2)
        let total = try #require(diagnostics.first { ($0["path"] as? String) == "" })
        #expect(total["sheet"] == nil && total["cell"] == nil)
    }

    @Test func anInvalidScenarioIsAnInvalidInputWithEveryProblem() throws {
        let folder = TemporaryFolder()
        let path = folder.write("bad.yaml", Fixture.scenario.replacingOccurrences(of: "weeks: 13", with: "weeks: thirteen"))
        let failure = try #require(Self.failure { () throws(Failure) in try CheckWorkflow(file: path) })
        #expect(failure.kind == .invalidInput)
        #expect(failure.diagnostics.errors.count == 1)
        #expect(failure.description.hasSuffix("bad.yaml: 1 error; nothing was written"), "\(failure)")
    }

    @Test func verifyJSONOfASolvedPlanIsValidAndRecountsTheObjective() throws {
        let scenario = try #require(ScenarioLoader.load(path: Self.baandert).scenario)
        let plan = try #require(try Planner.solve(scenario).plan)
        let folder = TemporaryFolder()
        let file = folder.write("plan.json", PlanFile.encode(plan))
        let verify = try VerifyWorkflow(scenario: Self.baandert, plan: file)
        #expect(verify.isValid && verify.failure == nil)
        let json = try Self.json(try verify.json())
        #expect(json["valid"] as? Bool == true)
        #expect(json["objective"] as? Double == plan.objective)
        #expect((json["violations"] as? [Any])?.isEmpty == true)
    }

    @Test func verifyOfAPlanThatBreaksARuleListsItAndFailsAsBrokenRules() throws {
        let scenario = try #require(ScenarioLoader.load(path: Self.baandert).scenario)
        var plan = try #require(try Planner.solve(scenario).plan)
        let session = try #require(plan.sessions.first)
        // A session for somebody who is not in the team.
        plan.sessions.append(Plan.Session(worker: "nobody-of-this-team", practice: session.practice, slot: session.slot))
        let folder = TemporaryFolder()
        let verify = try VerifyWorkflow(scenario: Self.baandert, plan: folder.write("plan.json", PlanFile.encode(plan)))
        #expect(!verify.isValid)
        #expect(verify.failure?.kind == .planBreaksRules)
        let json = try Self.json(try verify.json())
        #expect(json["valid"] as? Bool == false)
        let rules = (json["violations"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        #expect(!rules.isEmpty, "\(json)")
        #expect(verify.text.contains("INVALID"))
    }

    @Test func aPlanFileThatIsNotAPlanIsAnInvalidInput() throws {
        let folder = TemporaryFolder()
        let failure = try #require(Self.failure { () throws(Failure) in
            try VerifyWorkflow(scenario: Self.baandert, plan: folder.write("plan.json", "{\"sessions\": 3}"))
        })
        #expect(failure.kind == .invalidInput)
        #expect(failure.message.hasSuffix("; not a plan teamplan can read"), "\(failure)")
    }

    /// A time limit of 0: no re-solve can search, so each is measured by
    /// the plan built at once of its changed scenario (a valid plan), and a
    /// family counts only when that plan beats this one.
    @Test func reSolvesWithNoTimeToSearchAreMeasuredByTheFirstPlan() throws {
        let scenario = try #require(ScenarioLoader.load(path: Self.knownCauses).scenario)
        let evaluation = try #require(try Planner.solve(scenario).evaluation)
        let changes = ScenarioChange.families(of: scenario)
        let outcomes = ExplainWorkflow.measure(changes, in: scenario, options: SolveOptions(timeLimit: 0), jobs: 2,
                                               control: SolveControl())
        #expect(outcomes.map(\.change) == changes)
        #expect(outcomes.allSatisfy { $0.measurement != nil && $0.notMeasured == nil }, "\(outcomes)")
        let explanation = Explanation(scenario: scenario, plan: evaluation, outcomes: outcomes)
        #expect(explanation.incomplete == nil)
        for practice in explanation.practices {
            for reason in practice.reasons {
                let outcome = try #require(outcomes.first { $0.change.id == reason.change })
                #expect(try #require(outcome.measurement).objective < evaluation.terms.objective,
                        "\(reason.change) counts at \(practice.practice) only with a better plan than this one")
            }
        }
        #expect(!ExplainText.text(explanation).contains("Not measured"))
    }

    @Test func aReSolveTheSolverFailsIsNotMeasuredAndTheAnswerIsIncompleteByTheSolver() throws {
        // The main example's model does not fit in 1 MiB.
        let scenario = try #require(ScenarioLoader.load(path: Executable.packageRoot + "/inputs/westelijke-mijnstreek.yaml").scenario)
        let outcomes = ExplainWorkflow.measure([.skills], in: scenario, options: SolveOptions(memoryLimitMiB: 1), jobs: 1,
                                               control: SolveControl())
        guard case .failed(let failure) = outcomes.first?.notMeasured else {
            Issue.record("expected a failed re-solve: \(outcomes)")
            return
        }
        #expect(failure.kind == .solverFailed)
        #expect(failure.message.contains("memory limit of 1 MiB"), "\(failure)")
        let evaluation = try #require(try Planner.solve(scenario).evaluation)
        #expect(Explanation(scenario: scenario, plan: evaluation, outcomes: outcomes).incomplete?.kind == .solverFailed)
    }

    @Test func aStoppedExplainRunsNoFurtherReSolves() throws {
        let scenario = try #require(ScenarioLoader.load(path: Self.knownCauses).scenario)
        let control = SolveControl()
        control.stop()
        let outcomes = ExplainWorkflow.measure(ScenarioChange.families(of: scenario), in: scenario, options: SolveOptions(),
                                               jobs: 2, control: control)
        #expect(outcomes.allSatisfy { $0.notMeasured == .notRun })
    }

    @Test func explainWritesThePlanWithExplainJSONAndFindsEachKnownCause() throws {
        let folder = TemporaryFolder()
        let request = ExplainWorkflow.Request(scenario: Self.knownCauses, options: SolveOptions(timeLimit: 20), jobs: 2,
                                              output: OutputRequest(folder: folder.path + "/o"))
        let done = try ExplainWorkflow.run(request)
        #expect(done.incomplete == nil)
        let reasons = Dictionary(uniqueKeysWithValues: done.explanation.practices.map { ($0.practice, $0.reasons.map(\.change)) })
        #expect(reasons["de-kern"] == ["skills"])
        #expect(reasons["het-anker"] == ["availability"])
        let explainJSON = try Self.json(try String(contentsOfFile: folder.path + "/o/explain.json", encoding: .utf8))
        #expect((explainJSON["outcomes"] as? [Any])?.count == done.explanation.outcomes.count)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/o/plan.json"))
        #expect(done.text.contains("de-kern: 26 gap h. With one limit lifted at a time:"))
    }

    @Test func aSweepWritesItsTableChartsAndEveryPointsFiles() throws {
        let folder = TemporaryFolder()
        let request = SweepWorkflow.Request(scenarios: [smallTeamFile], teamSize: "1...3", jobs: 2, folder: folder.path + "/s")
        let done = try SweepWorkflow.run(request)
        #expect(done.incomplete == nil)
        #expect(done.table.rows.map(\.status) == [.optimal, .optimal, .optimal])
        let files = Set(FileManager.default.enumerator(atPath: done.folder)?.allObjects as? [String] ?? [])
        for file in ["sweep.json", "sweep.csv", "sweep.svg", "sweep.html"] { #expect(files.contains(file), "\(file)") }
        for row in done.table.rows {
            #expect(files.contains("points/\(row.point)/plan.json") && files.contains("points/\(row.point)/summary.txt"), "\(row.point)")
        }
        let written = try SweepTable.decode(Data(contentsOf: URL(fileURLWithPath: done.folder + "/sweep.json")))
        #expect(written.rows.map(\.objective) == done.table.rows.map(\.objective))
        #expect(SweepWorkflow.outcomeLine(done).contains("3 of 3 points planned (3 proven optimal)"))
    }

    @Test func aSweepAxisThatCannotBeIsAWrongRequestAndWritesNothing() throws {
        let folder = TemporaryFolder()
        let request = SweepWorkflow.Request(scenarios: [smallTeamFile], budgetScales: ["no-such-stream=0.5"], folder: folder.path + "/s")
        let failure = try #require(Self.failure { () throws(Failure) in try SweepWorkflow.run(request) })
        #expect(failure.kind == .wrongRequest)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/s"))
    }

    @Test func shardsMergedByTheLibraryEqualTheWholeSweepsRows() throws {
        let folder = TemporaryFolder()
        func run(_ shard: String?, _ name: String) throws -> SweepWorkflow.Done {
            try SweepWorkflow.run(SweepWorkflow.Request(scenarios: [smallTeamFile], teamSize: "1...3", jobs: 1, shard: shard,
                                                        folder: folder.path + "/" + name))
        }
        let whole = try run(nil, "whole")
        _ = try run("0/2", "a")
        _ = try run("1/2", "b")
        let merged = try SweepWorkflow.merge(into: folder.path + "/m", shards: [folder.path + "/a", folder.path + "/b"])
        let table = try SweepTable.decode(Data(contentsOf: URL(fileURLWithPath: merged.folder + "/sweep.json")))
        #expect(table.rows.map(\.objective) == whole.table.rows.map(\.objective))
        #expect(table.shard == nil && table.complete && merged.incomplete == nil && merged.merged.missing.isEmpty)
        #expect(merged.lines.first == "merged 2 folders: \(folder.path)/a (shard 0/2), \(folder.path)/b (shard 1/2)")
    }

    /// A sweep over budgets compares the least money of each point's best
    /// plans (on by default), so that money at equal objective never rises
    /// with the budget; a sweep over team sizes does not take the tie-break.
    @Test func aSweepOverBudgetsTakesTheLeastMoneyAndItNeverRisesAtEqualObjective() throws {
        let folder = TemporaryFolder()
        let example = Executable.packageRoot + "/inputs/westelijke-mijnstreek.yaml"
        let budgets = try SweepWorkflow.run(SweepWorkflow.Request(scenarios: [example], budgetScales: ["wmo-sittard-geleen=1,1.1,1.2"],
                                                                  jobs: 2, folder: folder.path + "/b"))
        #expect(budgets.table.leastMoney == true)
        let rows = budgets.table.rows
        #expect(rows.count == 3 && rows.allSatisfy { $0.leastMoneyProven == true && $0.status == .optimal })
        for (a, b) in zip(rows, rows.dropFirst()) where abs((a.objective ?? 0) - (b.objective ?? 1)) < 1e-6 {
            #expect((b.eurosUsed ?? .infinity) <= (a.eurosUsed ?? 0) + 1e-6, "\(a.point) \(a.eurosUsed ?? -1) → \(b.point) \(b.eurosUsed ?? -1)")
        }
        let teams = try SweepWorkflow.run(SweepWorkflow.Request(scenarios: [smallTeamFile], teamSize: "2...3", jobs: 2,
                                                                folder: folder.path + "/t"))
        #expect(teams.table.leastMoney == false && teams.table.rows.allSatisfy { $0.leastMoneyProven == nil })
    }

    /// What a merge says of points the time limit stopped, of points with no
    /// plan and of a shard stopped before its end.
    @Test func aMergeSaysWhichPointsWereStoppedAndWhichShardToRerun() throws {
        var table = try SweepTable.decode(Data(#"""
            {"title": "Sweep: t", "scenarios": ["a.yaml"], "scenario_digests": ["\#(String(repeating: "0", count: 64))"],
             "axes": [{"name": "team_size", "title": "team size", "values": ["1", "2", "3", "4"]}], "points": 4,
             "complete": false, "shard": {"index": 0, "count": 2}, "rows": []}
            """#.utf8))
        func row(_ index: Int, _ status: SweepRow.Status, gap: Double?) throws -> SweepRow {
            try JSONDecoder().decode(SweepRow.self, from: Data(#"""
                {"index": \#(index), "point": "\#(index)_team-size-\#(index + 1)", "values": ["\#(index + 1)"],
                 "status": "\#(status.rawValue)", \#(status == .feasible ? #""objective": 5, "mipGap": \#(gap!),"# : "")
                 "streams": [], "solveSeconds": 1}
                """#.utf8))
        }
        table.rows = [try row(0, .feasible, gap: 0.042), try row(1, .noPlan, gap: nil)]
        let merged = SweepOutput.Merged(files: [], table: table, folders: [("s0", .init(index: 0, count: 2), false), ("s1", .init(index: 1, count: 2), true)],
                                        missing: [.init(index: 2, name: "2_team-size-3", shard: .init(index: 0, count: 2), folder: "s0"),
                                                  .init(index: 3, name: "3_team-size-4", shard: .init(index: 1, count: 2), folder: "s1")])
        let lines = SweepWorkflow.Merged(folder: "m", merged: merged, incomplete: nil).lines
        #expect(lines == [
            "merged 2 folders: s0 (shard 0/2, stopped before its end), s1 (shard 1/2)",
            "2 of 4 points: 0 proven optimal, 1 with a plan not proven best (their time limit or --mip-gap ended the search), 1 stopped before any plan → m/",
            "  not proven best: 0_team-size-1 (MIP gap 4.2 %)",
            "  no plan: 1_team-size-2 (no_plan)",
            "missing 2 points:",
            "  shard 0/2 (s0 was stopped before them): 2_team-size-3; rerun it with --shard 0/2 (in a Slurm array: sbatch --array=0 with --shards 2) and merge again",
            "  shard 1/2 (s1 was stopped before them): 3_team-size-4; rerun it with --shard 1/2 (in a Slurm array: sbatch --array=1 with --shards 2) and merge again",
        ])
    }

    @Test func anOutputFolderHoldingTheScenarioCannotBeWritten() throws {
        let folder = TemporaryFolder()
        let path = folder.write("s.yaml", Fixture.scenario)
        let failure = try #require(Self.failure { () throws(Failure) in
            try PlanWorkflow.run(scenario: path, options: SolveOptions(), output: OutputRequest(folder: folder.path))
        })
        #expect(failure.kind == .cannotWrite, "\(failure)")
    }

    @Test func planWritesEveryOutputAndSaysWhere() throws {
        let folder = TemporaryFolder()
        let done = try PlanWorkflow.run(scenario: Self.baandert, options: SolveOptions(),
                                        output: OutputRequest(folder: folder.path + "/o", language: .nl))
        #expect(done.written.result.status == .optimal)
        for file in ["plan.json", "summary.txt", "report.html", "schedule.csv", "weeks.csv", "funding.csv", "workers.csv"] {
            #expect(FileManager.default.fileExists(atPath: folder.path + "/o/" + file), "\(file)")
        }
        #expect(done.written.text().contains("Geschreven naar \(folder.path)/o/"))
        #expect(done.quietLine.hasPrefix(Self.baandert + ": optimal, objective "))
    }
}
