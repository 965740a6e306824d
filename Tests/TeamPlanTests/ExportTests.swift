import Foundation
import Testing
@testable import TeamPlan

/// `teamplan export` writes the model `plan` solves: other solvers reading
/// the file find the same optimum (objective constant and sense included).
@Suite(.serialized) struct ExportTests {
    static let scenarios = [
        Executable.packageRoot + "/inputs/baandert.yaml",
        Executable.packageRoot + "/Tests/Scenarios/small-team.yaml",
        Executable.packageRoot + "/inputs/westelijke-mijnstreek.yaml",
    ]

    func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let result = try Executable.run(arguments, program: program)
        return (result.status, result.stdout + result.stderr)
    }

    func planned(_ file: String) throws -> Double {
        let loaded = ScenarioLoader.load(path: file)
        let result = try Planner.solve(try #require(loaded.scenario))
        #expect(result.status == .optimal)
        return try #require(result.objective)
    }

    /// glpsol's report: `Objective:  obj = 2105 (MINimum)`.
    func glpsolObjective(_ arguments: [String], folder: TemporaryFolder) throws -> Double? {
        let report = folder.path + "/glpsol.txt"
        let result = try run("glpsol", arguments + ["-o", report])
        #expect(result.status == 0, "\(result.output)")
        let text = try String(contentsOfFile: report, encoding: .utf8)
        #expect(text.contains("INTEGER OPTIMAL"), "\(text.prefix(400))")
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Objective:") }),
              let value = line.split(separator: "=").last?.split(separator: " ").first else { return nil }
        return Double(value)
    }

    /// The two small ones: glpsol's default search takes 80 s on the main example.
    @Test(arguments: scenarios.prefix(2))
    func glpsolFindsTheSameOptimumInTheExportedLPAndMPS(file: String) throws {
        let folder = TemporaryFolder()
        let objective = try planned(file)
        let lp = try Executable.run(["export", file, "--lp", folder.path + "/model.lp"])
        let mps = try Executable.run(["export", file, "--mps", folder.path + "/model.mps"])
        #expect(lp.status == 0 && mps.status == 0, "\(lp.stderr)\(mps.stderr)")
        #expect(try glpsolObjective(["--lp", folder.path + "/model.lp"], folder: folder) == objective)
        #expect(try glpsolObjective(["--freemps", folder.path + "/model.mps"], folder: folder) == objective)
    }

    /// HiGHS through its Python module (make test installs highspy).
    @Test(arguments: scenarios)
    func highsFindsTheSameOptimumInTheExportedMPSAndLP(file: String) throws {
        let folder = TemporaryFolder()
        let objective = try planned(file)
        for (option, name) in [("--mps", "model.mps"), ("--lp", "model.lp")] {
            let export = try Executable.run(["export", file, option, folder.path + "/" + name])
            #expect(export.status == 0)
            let script = """
                import sys, highspy
                h = highspy.Highs(); h.setOptionValue("output_flag", False)
                h.readModel(sys.argv[1]); h.run()
                print(h.modelStatusToString(h.getModelStatus()), repr(h.getInfo().objective_function_value))
                """
            let result = try run("python3", ["-c", script, folder.path + "/" + name])
            #expect(result.status == 0, "highspy must be installed (make test does): \(result.output)")
            let words = result.output.split(separator: " ")
            #expect(words.first == "Optimal", "\(result.output)")
            let value = try #require(words.last.flatMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
            #expect(abs(value - objective) < 1e-6 * max(1, abs(objective)), "\(name): HiGHS \(value), teamplan \(objective)")
        }
    }
}
