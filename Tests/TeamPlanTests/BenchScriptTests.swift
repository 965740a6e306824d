import Foundation
import Testing

/// `make bench` reads teamplan's own summary and judges the targets: its
/// reading must follow what `plan` prints, and its verdicts the rules of
/// issue 16 (bench/run, loaded as a module; nothing here is timed).
@Suite struct BenchScriptTests {
    static let load = """
        import importlib.machinery, importlib.util, json, sys
        loader = importlib.machinery.SourceFileLoader("bench_run", sys.argv[2])
        spec = importlib.util.spec_from_loader("bench_run", loader)
        bench = importlib.util.module_from_spec(spec)
        loader.exec_module(bench)

        """

    /// The summary of a real `plan` run, read the way the bench reads it.
    @Test func theBenchReadsWhereTheTimeWentFromAPlansSummary() throws {
        let folder = TemporaryFolder()
        let plan = try Executable.run(["plan", Executable.packageRoot + "/inputs/westelijke-mijnstreek.yaml", "--lang", "en",
                                       "--quiet", "--out", "o"], in: folder.path)
        #expect(plan.status == 0, "\(plan.stderr)")
        let script = Self.load + """
            json.dump(bench.timeline(open(sys.argv[3]).read()), open(sys.argv[1], "w"))
            """
        let (result, answer) = try Python.run(script, [Executable.packageRoot + "/bench/run", folder.path + "/o/summary.txt"])
        #expect(result.status == 0, "\(result.stderr)")
        let read = try #require(answer.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] })
        for key in ["first", "within", "half", "last", "proof"] {
            #expect(read[key] is Double, "\(key) not read: \(read)")
        }
        #expect((read["first"] as? Double ?? 99) <= (read["proof"] as? Double ?? -1))
    }

    /// Behind HiGHS is proven later, only HiGHS proven, or a larger final gap;
    /// ahead is proven sooner, only ours proven, or a gap as small.
    @Test func behindHiGHSIsJudgedByProofFirstThenTheFinalGap() throws {
        let script = Self.load + """
            def row(status, proof, gap, h_status, h_seconds, h_gap):
                return {"status": status, "proof": proof, "solve_seconds": proof or 20, "mip_gap": gap,
                        "highs": {"status": h_status, "seconds": h_seconds, "gap": h_gap}}
            cases = [row("optimal", 1.0, 0, "optimal", 3.0, 0), row("optimal", 3.0, 0, "optimal", 1.0, 0),
                     row("feasible", None, 0.02, "optimal", 5.0, 0), row("optimal", 2.0, 0, "stopped", 20, 0.5),
                     row("feasible", None, 0.02, "stopped", 20, 0.03), row("feasible", None, 0.04, "stopped", 20, 0.03)]
            json.dump([bench.versus_highs(c).startswith("BEHIND") for c in cases], open(sys.argv[1], "w"))
            """
        let (result, answer) = try Python.run(script, [Executable.packageRoot + "/bench/run"])
        #expect(result.status == 0, "\(result.stderr)")
        let behind = try #require(answer.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [Bool] })
        #expect(behind == [false, true, true, false, false, true])
    }
}
