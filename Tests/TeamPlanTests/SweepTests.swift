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

    /// small-team.yaml has 4 workers: a team size of 5 or 6 plans as 4 does.
    @Test func teamSizesAboveTheTeamAreLeftOutAndSaidOnce() throws {
        let scenario = try smallTeam()
        let (axes, notices) = try SweepSetup.clippedAxes(files: [smallTeamFile], scenarios: [scenario], teamSize: "3...6",
                                                         budgetScales: [], hoursScale: nil)
        #expect(axes.map(\.labels) == [["3", "4"]])
        #expect(notices == [SweepNotice(axis: "team_size", reason: .teamSizeAboveWorkers, leftOut: ["5", "6"], limit: 4)])
        // Said once, in the user's language.
        let table = SweepTable(title: "t", scenarios: [smallTeamFile], scenarioDigests: [], grid: SweepGrid(axes: axes), timeLimit: nil,
                               shard: nil, complete: true, rows: [], language: .nl, notices: notices)
        #expect(SweepReport.notices(table) == ["--team-size: het scenario heeft 4 medewerkers, dus een grotere teamgrootte geeft hetzelfde plan als 4; weggelaten: 5; 6"])
        #expect(try SweepSetup.clippedAxes(files: [smallTeamFile], scenarios: [scenario], teamSize: "0...4", budgetScales: [],
                                           hoursScale: nil).notices == [], "every size up to the team's differs: nothing left out")
    }

    @Test func teamSizesAllAboveTheTeamAreRefused() throws {
        let scenario = try smallTeam()
        #expect {
            _ = try SweepSetup.clippedAxes(files: [smallTeamFile], scenarios: [scenario], teamSize: "5...7", budgetScales: [], hoursScale: nil)
        } throws: { error in
            "\(error)" == "--team-size 5...7: the scenario has 4 workers, so every team size from 4 up plans as 4 does; give team sizes up to 4, e.g. 1...4"
        }
    }

    /// anja's 16 hours a week reach the 60 a scenario may state at × 3.75.
    @Test func contractHourFactorsPastTheMostHoursAWeekAreLeftOut() throws {
        let scenario = try smallTeam()
        let (axes, notices) = try SweepSetup.clippedAxes(files: [smallTeamFile], scenarios: [scenario], teamSize: nil, budgetScales: [],
                                                         hoursScale: "1,3.75,3.8,4")
        #expect(axes.map(\.labels) == [["1", "3.75"]])
        #expect(notices == [SweepNotice(axis: "hours_scale", reason: .contractHoursAboveMaximum, leftOut: ["3.8", "4"], limit: 60, reachedBy: "anja")])
        let grid = SweepGrid(axes: axes)
        #expect(grid.scenario(for: grid.points[1], from: [scenario]).workers[0].hoursPerWeek == 60)
        #expect {
            _ = try SweepSetup.clippedAxes(files: [smallTeamFile], scenarios: [scenario], teamSize: nil, budgetScales: [], hoursScale: "4;5")
        } throws: { error in
            "\(error)".contains("every factor gives anja more than 60 contract hours a week, more than a scenario may state; the largest factor is 3.75")
        }
    }

    /// wmo-stein's 90 hours reach the 10,000,000 a scenario may state at × 111,111.1.
    @Test func budgetFactorsPastTheLargestBudgetAreLeftOut() throws {
        let scenario = try smallTeam()
        let (axes, notices) = try SweepSetup.clippedAxes(files: [smallTeamFile], scenarios: [scenario], teamSize: nil,
                                                         budgetScales: ["*=1,100000,200000"], hoursScale: nil)
        #expect(axes.map(\.labels) == [["1", "100000"]])
        #expect(notices.map(\.leftOut) == [["200000"]])
        #expect(notices.first?.reason == .budgetAboveMaximum && notices.first?.axis == "budget_scale:*")
        let only = try SweepSetup.clippedAxes(files: [smallTeamFile], scenarios: [scenario], teamSize: nil,
                                              budgetScales: ["wmo-sittard-geleen=1;200000"], hoursScale: nil)
        #expect(only.notices == [], "€ 12,000 × 200,000 is within what a scenario may state")
    }

    @Test func theShardComesFromTheOptionThenSlurmThenKubernetes() throws {
        #expect(try SweepSetup.shard(option: "1/3", shards: nil, environment: ["SLURM_ARRAY_TASK_ID": "0"]) == .init(index: 1, count: 3))
        #expect(try SweepSetup.shard(option: nil, shards: nil,
                                     environment: ["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "4", "SLURM_ARRAY_TASK_COUNT": "3"])
                == .init(index: 1, count: 3))
        #expect(try SweepSetup.shard(option: nil, shards: 4, environment: ["JOB_COMPLETION_INDEX": "3"]) == .init(index: 3, count: 4))
        #expect(try SweepSetup.shard(option: nil, shards: nil, environment: [:]) == nil)
        #expect(throws: SweepValues.Invalid.self) { try SweepSetup.shard(option: "3/3", shards: nil, environment: [:]) }
        #expect(throws: SweepValues.Invalid.self) { try SweepSetup.shard(option: nil, shards: 2, environment: [:]) }
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
