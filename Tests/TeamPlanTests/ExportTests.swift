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

    /// The value of `key:` in glpsol's report (`-o FILE`), on whichever line
    /// it stands: `Status:     INTEGER OPTIMAL`, `Objective:  obj = 2105 (MINimum)`.
    func reportValue(_ key: String, in text: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(key + ":") {
                return trimmed.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// glpsol's objective, once its report says the optimum was found.
    func glpsolObjective(_ arguments: [String], folder: TemporaryFolder) throws -> Double? {
        let report = folder.path + "/glpsol.txt"
        let result = try run("glpsol", arguments + ["-o", report])
        #expect(result.status == 0, "\(result.output)")
        let text = try String(contentsOfFile: report, encoding: .utf8)
        #expect(reportValue("Status", in: text) == "INTEGER OPTIMAL", "\(text.prefix(400))")
        // "obj = 2105 (MINimum)": the number after the objective's name and "=".
        guard let objective = reportValue("Objective", in: text), let equals = objective.firstIndex(of: "=") else { return nil }
        let value = objective[objective.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            .prefix { !$0.isWhitespace && $0 != "(" }
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
            // The answer as JSON in a file of its own: HiGHS 1.16 prints its banner
            // on standard output even with output_flag off.
            let script = """
                import sys, json, highspy
                h = highspy.Highs(); h.setOptionValue("output_flag", False)
                read = h.readModel(sys.argv[2]); h.run()
                json.dump({"read": read == highspy.HighsStatus.kOk, "status": h.modelStatusToString(h.getModelStatus()),
                           "objective": h.getInfo().objective_function_value}, open(sys.argv[1], "w"))
                """
            struct Answer: Decodable { var read: Bool; var status: String; var objective: Double }
            let (result, answer) = try Python.run(script, [folder.path + "/" + name])
            #expect(result.status == 0, "highspy must be installed (make test does): \(result.stdout)\(result.stderr)")
            let highs = try JSONDecoder().decode(Answer.self, from: try #require(answer, "no answer: \(result.stderr)"))
            #expect(highs.read, "HiGHS read \(name)")
            #expect(highs.status == "Optimal", "\(name): \(highs.status)")
            #expect(abs(highs.objective - objective) < 1e-6 * max(1, abs(objective)), "\(name): HiGHS \(highs.objective), teamplan \(objective)")
        }
    }
}
