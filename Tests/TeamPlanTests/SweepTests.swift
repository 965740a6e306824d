import Foundation
import Testing
@testable import TeamPlan

/// The small scenario the sweep tests change: 4 workers, 3 practices, 2 streams.
let smallTeamFile = Executable.packageRoot + "/Tests/Scenarios/small-team.yaml"

func smallTeam() throws -> Scenario {
    let loaded = ScenarioLoader.load(path: smallTeamFile)
    return try #require(loaded.scenario, "\(loaded.diagnostics)")
}

@Suite struct SweepValuesTests {
    @Test func decimalRangesCountInWholeUnitsOfTheLastDecimal() throws {
        let values = try SweepValues.parse("0.8...1.2:0.1")
        #expect(values.map(\.label) == ["0.8", "0.9", "1.0", "1.1", "1.2"])
        #expect(values.map(\.value) == [0.8, 0.9, 1.0, 1.1, 1.2])
        #expect(try SweepValues.parse("0.9...1.1:0.05").map(\.label) == ["0.90", "0.95", "1.00", "1.05", "1.10"])
        #expect(try SweepValues.parse("3...8", integers: true).map(\.value) == [3, 4, 5, 6, 7, 8])
        #expect(try SweepValues.parse("0.9,1,1.25").map(\.value) == [0.9, 1, 1.25])
        #expect(try SweepValues.parse("1...2:0.3").map(\.label) == ["1.0", "1.3", "1.6", "1.9"], "TO is a bound, not a value that must be hit")
    }

    /// A Dutch list: semicolons between the values, decimal commas in them.
    @Test func aListWithSemicolonsTakesDecimalCommas() throws {
        #expect(try SweepValues.parse("0,9;1;1,1").map(\.value) == [0.9, 1, 1.1])
        #expect(try SweepValues.parse("1;10").map(\.value) == [1, 10])
        #expect(try SweepValues.parse("0.9;1.25").map(\.value) == [0.9, 1.25])
        #expect(try SweepValues.parse("3,5,8", integers: true).map(\.value) == [3, 5, 8], "whole numbers have no Dutch reading")
        #expect(try SweepValues.parse("1,10", integers: true).map(\.value) == [1, 10])
    }

    @Test(arguments: [
        ("1.2...0.8:0.1", false, "FROM must not be above TO"),
        ("0.8...1.2", false, "give a step for decimal values"),
        ("a...b", false, "write FROM...TO"),
        ("1...2:0", false, "must be a number above 0"),
        ("3.5", true, "not a whole number"),
        ("1,1,2", false, "given twice"),
        // Read differently in Dutch and in English: said, with both readings.
        ("1,10", false, "'1,10' reads as the two values 1 and 10 in English but as the one value 1.1 in Dutch (a decimal comma); write 1;10 for the two, or 1.1 for the one"),
        ("0,9", false, "the one value 0.9 in Dutch"),
        ("1.000", false, "'1.000' reads as 1 in English but as 1000 in Dutch"),
        ("0.8...1.000:0.1", false, "'1.000' reads as 1 in English but as 1000 in Dutch"),
        ("0,8;1.000", false, "'0,8;1.000': '1.000' reads as 1 in English but as 1000 in Dutch"),
        ("-0.5", false, "below 0"),
        ("0...1:0.0001", false, "more than 10000 values"),
    ])
    func badValuesAreRefusedSayingWhy(text: String, integers: Bool, message: String) {
        #expect {
            _ = try SweepValues.parse(text, integers: integers)
        } throws: { error in
            (error as? SweepValues.Invalid)?.description.contains(message) == true
        }
    }
}

@Suite struct SweepGridTests {
    @Test func thePointsAreTheProductWithTheFirstAxisSlowest() throws {
        let scenario = try smallTeam()
        let axes = try SweepSetup.axes(files: [smallTeamFile], scenarios: [scenario], teamSize: "2...3",
                                       budgetScales: ["wmo-stein=0.5,1"], hoursScale: nil)
        let grid = SweepGrid(axes: axes)
        #expect(grid.points.map(\.coordinates) == [[0, 0], [0, 1], [1, 0], [1, 1]])
        #expect(grid.points.map(\.name) == ["0_team-size-2_budget-wmo-stein-0.5", "1_team-size-2_budget-wmo-stein-1",
                                            "2_team-size-3_budget-wmo-stein-0.5", "3_team-size-3_budget-wmo-stein-1"])
    }

    @Test func shardsPartitionThePointsByIndex() throws {
        let grid = SweepGrid(axes: [SweepAxis(kind: .teamSize, labels: (1...10).map(String.init), values: (1...10).map(Double.init))])
        let shards = (0..<3).map { grid.shard($0, of: 3).map(\.index) }
        #expect(shards == [[0, 3, 6, 9], [1, 4, 7], [2, 5, 8]])
    }

    @Test func aPointChangesTheScenarioAsItsValuesSay() throws {
        let scenario = try smallTeam()
        let axes = try SweepSetup.axes(files: [smallTeamFile], scenarios: [scenario], teamSize: "2",
                                       budgetScales: ["*=0.5"], hoursScale: "1.5")
        let grid = SweepGrid(axes: axes)
        let changed = grid.scenario(for: grid.points[0], from: [scenario])
        #expect(changed.teamSize == 2)
        #expect(changed.funding.map(\.budgetHours) == [75, 45])
        #expect(changed.workers.map(\.hoursPerWeek) == [24, 18, 15, 12])
        #expect(changed.workers.map(\.reservedHours) == scenario.workers.map(\.reservedHours))
    }

    @Test func contractHoursScaledBelowTheReservedHoursLeaveNoPlannableHours() throws {
        let scenario = try smallTeam()
        let grid = SweepGrid(axes: try SweepSetup.axes(files: [smallTeamFile], scenarios: [scenario], teamSize: nil,
                                                       budgetScales: [], hoursScale: "0.25"))
        let changed = grid.scenario(for: grid.points[0], from: [scenario])
        #expect(changed.workers[0].hoursPerWeek == 4)
        #expect(changed.workers[0].reservedHours == 4)
        let result = try Planner.solve(changed)
        #expect(result.status == .optimal)
        #expect(result.plan?.sessions.contains { $0.worker == "anja" } == false)
    }

    @Test func anUnknownStreamIsRefusedWithASuggestion() throws {
        let scenario = try smallTeam()
        #expect {
            _ = try SweepSetup.axes(files: [smallTeamFile], scenarios: [scenario], teamSize: nil,
                                    budgetScales: ["wmo-stien=0.5,1"], hoursScale: nil)
        } throws: { error in
            "\(error)".contains("no funding stream 'wmo-stien'; did you mean 'wmo-stein'?")
        }
    }

    /// anja's 16 hours a week reach the 60 a scenario may state at × 3.75.
    @Test func contractHourFactorsPastTheMostHoursAWeekAreLeftOut() throws {
        let scenario = try smallTeam()
        let (axes, notices) = try SweepSetup.checkedAxes(files: [smallTeamFile], scenarios: [scenario], teamSize: nil, budgetScales: [],
                                                         hoursScale: "1,3.75,3.8,4")
        #expect(axes.map(\.labels) == [["1", "3.75"]])
        #expect(notices == [SweepNotice(axis: "hours_scale", reason: .contractHoursAboveMaximum, leftOut: ["3.8", "4"], limit: 60, reachedBy: "anja")])
        let grid = SweepGrid(axes: axes)
        #expect(grid.scenario(for: grid.points[1], from: [scenario]).workers[0].hoursPerWeek == 60)
        #expect {
            _ = try SweepSetup.checkedAxes(files: [smallTeamFile], scenarios: [scenario], teamSize: nil, budgetScales: [], hoursScale: "4;5")
        } throws: { error in
            "\(error)".contains("every factor gives anja more than 60 contract hours a week, more than a scenario may state; the largest factor is 3.75")
        }
    }

    /// wmo-stein's 90 hours reach the 10,000,000 a scenario may state at × 111,111.1.
    @Test func budgetFactorsPastTheLargestBudgetAreLeftOut() throws {
        let scenario = try smallTeam()
        let (axes, notices) = try SweepSetup.checkedAxes(files: [smallTeamFile], scenarios: [scenario], teamSize: nil,
                                                         budgetScales: ["*=1,100000,200000"], hoursScale: nil)
        #expect(axes.map(\.labels) == [["1", "100000"]])
        #expect(notices.map(\.leftOut) == [["200000"]])
        #expect(notices.first?.reason == .budgetAboveMaximum && notices.first?.axis == "budget_scale:*")
        let only = try SweepSetup.checkedAxes(files: [smallTeamFile], scenarios: [scenario], teamSize: nil,
                                              budgetScales: ["wmo-sittard-geleen=1;200000"], hoursScale: nil)
        #expect(only.notices == [], "€ 12,000 × 200,000 is within what a scenario may state")
    }

    /// The refusal is in the language asked for.
    @Test func anAxisWithNothingLeftIsRefusedInTheUsersLanguage() throws {
        let scenario = try smallTeam()
        #expect {
            _ = try SweepSetup.checkedAxes(files: [smallTeamFile], scenarios: [scenario], teamSize: "5...7", budgetScales: [], hoursScale: nil,
                                           language: .nl)
        } throws: { error in
            "\(error)" == "--team-size 5...7: het scenario heeft 4 medewerkers, dus elke teamgrootte vanaf 4 geeft hetzelfde plan als 4; geef teamgroottes tot en met 4, bijv. 1...4"
        }
    }

    /// A whole Slurm array `--array=0-(n−1)` as sbatch sets it for task `id`.
    static func slurm(_ id: Int, _ min: Int, _ max: Int, _ count: Int) -> [String: String] {
        ["SLURM_ARRAY_TASK_ID": "\(id)", "SLURM_ARRAY_TASK_MIN": "\(min)", "SLURM_ARRAY_TASK_MAX": "\(max)",
         "SLURM_ARRAY_TASK_COUNT": "\(count)"]
    }

    @Test func theShardComesFromTheOptionOrTheBatchSystemWhenTheyAgree() throws {
        #expect(try SweepSetup.shard(option: "1/3", shards: nil, environment: [:]) == .init(index: 1, count: 3))
        // In a whole array 0-2 the task id is the shard, with the count said on the command line.
        #expect(try SweepSetup.shard(option: nil, shards: 3, environment: Self.slurm(1, 0, 2, 3)) == .init(index: 1, count: 3))
        #expect(try SweepSetup.shard(option: "1/3", shards: nil, environment: Self.slurm(1, 0, 2, 3)) == .init(index: 1, count: 3))
        // The rerun of one task (sbatch --array=2): shard 2 of the --shards given, not a one-task sweep.
        #expect(try SweepSetup.shard(option: nil, shards: 3, environment: Self.slurm(2, 2, 2, 1)) == .init(index: 2, count: 3))
        // …and of shard 0 (--array=0 looks like a whole array of one task), or shards 0 and 1 of 4.
        #expect(try SweepSetup.shard(option: nil, shards: 4, environment: Self.slurm(0, 0, 0, 1)) == .init(index: 0, count: 4))
        #expect(try SweepSetup.shard(option: nil, shards: 4, environment: Self.slurm(1, 0, 1, 2)) == .init(index: 1, count: 4))
        #expect(try SweepSetup.shard(option: "0/4", shards: nil, environment: Self.slurm(0, 0, 0, 1)) == .init(index: 0, count: 4))
        #expect(try SweepSetup.shard(option: nil, shards: 4, environment: ["JOB_COMPLETION_INDEX": "3"]) == .init(index: 3, count: 4))
        #expect(try SweepSetup.shard(option: nil, shards: nil, environment: [:]) == nil)
        #expect(try SweepSetup.shard(option: nil, shards: 1, environment: [:]) == nil)
        // One shard is the whole sweep, also in a task of an array that runs a sweep of its own.
        #expect(try SweepSetup.shard(option: nil, shards: 1, environment: Self.slurm(2, 0, 2, 3)) == nil)
        #expect(try SweepSetup.shard(option: "0/1", shards: nil, environment: Self.slurm(2, 0, 2, 3)) == nil)
        #expect(try SweepSetup.shard(option: "0/1", shards: 1, environment: ["JOB_COMPLETION_INDEX": "5"]) == nil)
    }

    /// Each way a shard could silently be the wrong points is an error that says the fix.
    @Test(arguments: [
        (nil, nil, ["JOB_COMPLETION_INDEX": "1"], "give the number of shards with --shards N"),
        (nil, nil, SweepGridTests.slurm(2, 2, 2, 1), "SLURM_ARRAY_TASK_ID=2 is set (a task of a Slurm array, --array=2-2, 1 task): give the number of shards with --shards N"),
        (nil, nil, SweepGridTests.slurm(5, 1, 10, 10), "give the number of shards with --shards N"),
        // A whole array without --shards: not quietly cut to a slice (an array whose tasks each sweep a scenario of their own).
        (nil, nil, SweepGridTests.slurm(2, 0, 2, 3), "give the number of shards with --shards N to run shard 2 of N (this array's 3 tasks: --shards 3)"),
        (nil, nil, SweepGridTests.slurm(2, 0, 2, 3), "or --shards 1 to run the whole sweep in this task"),
        (nil, nil, SweepGridTests.slurm(2, 0, 4, 3).merging(["SLURM_ARRAY_TASK_STEP": "2"]) { $1 }, "(a task of a Slurm array, --array=0-4:2, 3 tasks)"),
        (nil, 4, SweepGridTests.slurm(5, 0, 9, 10), "SLURM_ARRAY_TASK_ID=5 with 4 shards: shard 5 does not exist"),
        ("0/3", nil, SweepGridTests.slurm(1, 0, 2, 3), "--shard 0/3 but SLURM_ARRAY_TASK_ID=1"),
        ("1/4", 3, [:], "--shard 1/4 and --shards 3 disagree"),
        ("1/3", nil, ["JOB_COMPLETION_INDEX": "2"], "--shard 1/3 but JOB_COMPLETION_INDEX=2"),
        (nil, 3, ["JOB_COMPLETION_INDEX": "3"], "JOB_COMPLETION_INDEX=3 with 3 shards: shard 3 does not exist"),
        (nil, 10, SweepGridTests.slurm(10, 1, 10, 10), "SLURM_ARRAY_TASK_ID=10 with 10 shards: shard 10 does not exist; the index is the shard, from 0 to 9 (submit the array as --array=0-9)"),
        (nil, 2, [:], "--shards 2 needs the shard's index"),
        (nil, 4, ["SLURM_ARRAY_TASK_ID": "1", "JOB_COMPLETION_INDEX": "2"], "are both set and disagree on the shard"),
        ("3/3", nil, [:], "shard 3 of 3 does not exist"),
    ] as [(String?, Int?, [String: String], String)])
    func aShardThatCouldBeTheWrongPointsIsRefused(option: String?, shards: Int?, environment: [String: String], message: String) {
        #expect {
            _ = try SweepSetup.shard(option: option, shards: shards, environment: environment)
        } throws: { error in
            "\(error)".contains(message)
        }
    }
}

@Suite struct SweepRunnerTests {
    @Test func everyPointsObjectiveEqualsPlanningItsEditedScenario() throws {
        let scenario = try smallTeam()
        let grid = SweepGrid(axes: try SweepSetup.axes(files: [smallTeamFile], scenarios: [scenario], teamSize: "1...3",
                                                       budgetScales: ["wmo-sittard-geleen=0.25,1"], hoursScale: nil))
        let outcomes = SweepRunner.run(grid.points, scenario: { grid.scenario(for: $0, from: [scenario]) }, jobs: 2,
                                       options: SolveOptions(), control: SolveControl())
        #expect(outcomes.map(\.point.index) == Array(0..<6))
        for outcome in outcomes {
            var edited = scenario
            edited.teamSize = Int(grid.axes[0].values[outcome.point.coordinates[0]])
            if case .euros(let euros, let rate) = edited.funding[0].budget {
                edited.funding[0].budget = .euros(euros * grid.axes[1].values[outcome.point.coordinates[1]], ratePerHour: rate)
            }
            let alone = try Planner.solve(edited)
            #expect(outcome.result?.status == .optimal)
            #expect(outcome.result?.objective == alone.objective, "\(outcome.point.name)")
            let row = SweepRow(outcome, scenario: edited, grid: grid)
            #expect(row.objective == alone.objective)
            #expect(row.workersUsed! <= edited.teamSize!)
        }
    }

    @Test func moreWorkersNeverMeanMoreGap() throws {
        let scenario = try smallTeam()
        let grid = SweepGrid(axes: try SweepSetup.axes(files: [smallTeamFile], scenarios: [scenario], teamSize: "0...4",
                                                       budgetScales: [], hoursScale: nil))
        let outcomes = SweepRunner.run(grid.points, scenario: { grid.scenario(for: $0, from: [scenario]) }, jobs: 2,
                                       options: SolveOptions(), control: SolveControl())
        let gaps = outcomes.map { $0.result!.evaluation!.terms.gapHours }
        let objectives = outcomes.map { $0.result!.objective! }
        #expect(zip(gaps, gaps.dropFirst()).allSatisfy { $0 >= $1 }, "\(gaps)")
        #expect(zip(objectives, objectives.dropFirst()).allSatisfy { $0 >= $1 }, "\(objectives)")
        #expect(gaps.first! > gaps.last!, "the sweep must show a difference to be a test")
    }

    @Test func aStoppedSweepStartsNoFurtherPoint() throws {
        let scenario = try smallTeam()
        let grid = SweepGrid(axes: [SweepAxis(kind: .teamSize, labels: ["1", "2", "3"], values: [1, 2, 3])])
        let control = SolveControl()
        let outcomes = SweepRunner.run(grid.points, scenario: { grid.scenario(for: $0, from: [scenario]) }, jobs: 1,
                                       options: SolveOptions(), control: control,
                                       events: { if case .finished = $0 { control.stop() } })
        #expect(outcomes.count == 1)
    }
}
