import Foundation
import Testing
@testable import TeamPlan

/// A solver's plan states its funding as the MIP's F columns say it, so that
/// `Evaluation`'s H8 check ("worked = paid") compares the encoding's funding
/// with hours it counts itself (docs/solver.md, "From a solution to a plan").
@Suite(.serialized) struct FundingLineTests {
    /// The main example: some practice's hours are split between two streams.
    static let mainExample = Executable.packageRoot + "/inputs/westelijke-mijnstreek.yaml"

    struct Line: Hashable { var stream: String; var practice: String; var activity: Activity }

    @Test func aSolversFundingLinesAreTheFValuesRoundedToAMicroHour() throws {
        let scenario = try #require(ScenarioLoader.load(path: Self.mainExample).scenario)
        let backend = RecordingBackend()
        let plan = try #require(try Planner.solve(scenario, options: SolveOptions(backend: backend)).plan)
        let values = try #require(backend.calls.first?.solution?.values)
        let formulation = Formulation(scenario)
        var solved: [Line: Double] = [:]
        for f in formulation.funding { solved[Line(stream: f.stream, practice: f.practice, activity: f.activity)] = values[f.index] }
        let planned = Dictionary(uniqueKeysWithValues: plan.funding.map {
            (Line(stream: $0.stream, practice: $0.practice, activity: $0.activity), $0.hours)
        })
        #expect(Set(planned.keys) == Set(solved.filter { $0.value >= 1e-6 }.keys), "a line for every F above a micro-hour")
        for (line, hours) in planned {
            let value = try #require(solved[line])
            #expect(abs(hours - value) < 1e-6, "\(line): plan \(hours), F \(value)")
            #expect(abs((hours * 1e6).rounded() - hours * 1e6) < 1e-3, "\(line): \(hours) is whole micro-hours")
        }
        // The lines of one practice and activity sum to their F total, rounded.
        let groups = Dictionary(grouping: formulation.funding) { "\($0.practice) \($0.activity)" }
        for (key, group) in groups {
            let total = group.reduce(0.0) { $0 + max(0, values[$1.index]) }
            let lines = plan.funding.filter { "\($0.practice) \($0.activity)" == key }.reduce(0.0) { $0 + $1.hours }
            #expect(abs((lines * 1e6).rounded() - (total * 1e6).rounded()) < 0.5, "\(key): lines \(lines), F \(total)")
        }
        // Some practice's activity is split between two streams, or the sums above prove little.
        let split = Dictionary(grouping: plan.funding) { "\($0.practice) \($0.activity)" }.filter { $0.value.count > 1 }
        #expect(!split.isEmpty, "a practice's activity paid by two streams: \(plan.funding)")
    }

    @Test func evaluationRejectsASolversPlanWhoseFundingLineWasAltered() throws {
        let scenario = try #require(ScenarioLoader.load(path: Self.mainExample).scenario)
        let plan = try #require(try Planner.solve(scenario).plan)
        #expect(Evaluation(scenario: scenario, plan: plan).isValid)
        let index = try #require(plan.funding.firstIndex { $0.practice == "kollenberg" && $0.activity == .contact })
        var more = plan
        more.funding[index].hours += 1
        #expect(Evaluation(scenario: scenario, plan: more).violations.contains { $0.rule == .h8 }, "one hour paid twice")
        var less = plan
        less.funding[index].hours -= 0.01
        #expect(Evaluation(scenario: scenario, plan: less).violations.contains { $0.rule == .h8 }, "0.01 h worked and not paid")
        var gone = plan
        gone.funding.remove(at: index)
        #expect(Evaluation(scenario: scenario, plan: gone).violations.contains { $0.rule == .h8 }, "a line left out")
    }

    @Test func largestRemainderRoundingKeepsTheSumAndGoesToTheLargestRemainders() {
        let thirds = Formulation.roundedToMicroHours([1.0 / 3, 1.0 / 3, 1.0 / 3])
        #expect(thirds == [0.333334, 0.333333, 0.333333], "the one micro-hour left goes to the first of equals")
        #expect(Formulation.roundedToMicroHours([25.999999999999996, 12.999999999999998]) == [26, 13])
        #expect(Formulation.roundedToMicroHours([-1e-12, 3.2499999999999996, 0]) == [0, 3.25, 0])
        // 0.4 + 0.4 + 0.2 micro-hours: one micro-hour in all, to the largest remainder.
        #expect(Formulation.roundedToMicroHours([4e-7, 4e-7, 2e-7]) == [1e-6, 0, 0])
        let split = Formulation.roundedToMicroHours([20.143939393937686, 47.85606060606238])
        #expect(split == [20.143939, 47.856061])
        #expect((split[0] * 1e6 + split[1] * 1e6).rounded() == 68_000_000)
    }
}
