#if Serve
import Foundation
import Testing

/// `teamplan serve` as its users meet it: the real binary on a port of its
/// own, a real browser (Debian's Chromium driven by Playwright, pinned in
/// Tests/requirements.txt) and raw HTTP for what a browser would not send.
/// Each script (Tests/Serve/*.py) writes its checks as JSON; every check
/// must pass. Serialized: a browser and a plan at once already fill 2 cores.
@Suite(.serialized) struct ServeBrowserTests {
    /// A folder with the example (its tables too) and a long scenario, and
    /// `teamplan serve` on it on a free port.
    final class Server {
        /// FOLDER's parent, with nothing else in it but the server's own TMPDIR,
        /// so that a file written outside FOLDER shows.
        let parent = TemporaryFolder()
        let folder: TemporaryFolder
        var temporary: String { parent.path + "/tmp" }
        let process = Process()
        let url: String
        let token: String
        let stderr = Pipe()

        init(jobs: Int? = nil) throws {
            folder = TemporaryFolder(in: parent.path + "/scenarios")
            try FileManager.default.createDirectory(atPath: parent.path + "/tmp", withIntermediateDirectories: true)
            let root = Executable.packageRoot
            for name in ["inputs/westelijke-mijnstreek.yaml", "inputs/westelijke-mijnstreek/workers.csv",
                         "inputs/westelijke-mijnstreek/practices.csv"] {
                folder.write(String(name.dropFirst("inputs/".count)), try [UInt8](Data(contentsOf: URL(fileURLWithPath: root + "/" + name))))
            }
            folder.write("long.yaml", try [UInt8](Data(contentsOf: URL(fileURLWithPath: root + "/bench/region-40x60.yaml"))))
            process.executableURL = Executable.url
            process.arguments = ["serve", folder.path, "--port", "0"] + (jobs.map { ["--jobs", String($0)] } ?? [])
            let out = Pipe()
            process.standardOutput = out
            process.standardError = stderr
            process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": parent.path + "/tmp"]) { $1 }
            try process.run()
            // The first lines name the address; read until it comes.
            var seen = ""
            var found: String?
            let deadline = Date().addingTimeInterval(60)
            while found == nil && Date() < deadline {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                seen += String(decoding: chunk, as: UTF8.self)
                found = seen.range(of: #"http://[^\s]+/\?token=[0-9a-f]+"#, options: .regularExpression).map { String(seen[$0]) }
            }
            guard let found else { throw Failed(text: "no address printed: \(seen)") }
            url = found
            token = String(found.split(separator: "=").last ?? "")
        }

        struct Failed: Error { var text: String }

        /// Ctrl-C, and how it ended.
        func stop() -> (status: Int32, stderr: String) {
            kill(process.processIdentifier, SIGINT)
            let text = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
    }

    /// Runs `script` against the server with `arguments`; every check it wrote must pass.
    func expectChecks(_ script: String, _ arguments: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let path = Executable.packageRoot + "/Tests/Serve/" + script
        let code = "import runpy, sys; sys.argv = [\(pythonString(path))] + sys.argv[1:]; runpy.run_path(\(pythonString(path)), run_name='__main__')"
        let (result, data) = try Python.run(code, arguments)
        let answer = data.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        let checks = try #require(answer?["checks"] as? [[String: Any]], "\(script) wrote no answer: \(result.stderr)",
                                  sourceLocation: sourceLocation)
        #expect(!checks.isEmpty, sourceLocation: sourceLocation)
        for check in checks {
            #expect(check["ok"] as? Bool == true, "\(script): \(check["name"] ?? "?"): \(check["detail"] ?? "")", sourceLocation: sourceLocation)
        }
    }

    func pythonString(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "\\'") + "'" }

    @Test func aManagerPlansStopsALongPlanDownloadsTheZipAndReadsDutchInTheBrowser() throws {
        let server = try Server()
        let shots = TemporaryFolder()
        try expectChecks("serve_e2e.py", ["--url", server.url, "--folder", server.folder.path, "--shots", shots.path])
        let (status, stderr) = server.stop()
        #expect(status == 0, "\(stderr)")
    }

    @Test func noTokenForeignOriginsPathsOutOfTheFolderAndLargeBodiesAreRefusedAndNothingIsWrittenOutside() throws {
        let server = try Server()
        let base = String(server.url.split(separator: "/?").first ?? "")
        try expectChecks("serve_security.py", ["--url", base, "--token", server.token, "--folder", server.folder.path,
                                               "--tmp", server.temporary])
        let (status, stderr) = server.stop()
        #expect(status == 0, "\(stderr)")
    }

    /// Ctrl-C while a plan is being made: the server stops it, writes its
    /// best plan whole (verify passes) and ends with 0.
    @Test func ctrlCWhileAPlanRunsWritesItsBestPlanWholeAndEnds() throws {
        let server = try Server()
        let base = String(server.url.split(separator: "/?").first ?? "")
        let code = """
            import json, sys, time, urllib.request
            base, token = sys.argv[2], sys.argv[3]
            class Stay(urllib.request.HTTPRedirectHandler):
                def redirect_request(self, *a, **k): return None
            opener = urllib.request.build_opener(Stay)
            def ask(path, data=None):
                req = urllib.request.Request(base + path, data=data, headers={"Authorization": "Bearer " + token})
                try: return opener.open(req)
                except urllib.error.HTTPError as e: return e
            job = ask("/scenario/long.yaml/plan", b"").headers["Location"]
            deadline = time.time() + 300
            while time.time() < deadline:
                s = json.load(ask(job + "/status"))
                if s["objective"] is not None: break
                time.sleep(0.5)
            json.dump({"job": job, "objective": s["objective"]}, open(sys.argv[1], "w"))
            """
        let (result, data) = try Python.run(code, [base, server.token])
        let answer = try #require(data.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }, "\(result.stderr)")
        #expect(answer["objective"] is Double, "no plan found before the deadline: \(answer)")
        let (status, stderr) = server.stop()
        #expect(status == 0, "\(stderr)")
        let plans = server.folder.path + "/plans/long"
        let stamps = (try? FileManager.default.contentsOfDirectory(atPath: plans))?.filter { !$0.hasPrefix(".") } ?? []
        try #require(stamps.count == 1, "\(stamps)")
        let verify = try Executable.run(["verify", server.folder.path + "/long.yaml", plans + "/" + stamps[0] + "/plan.json"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(FileManager.default.fileExists(atPath: plans + "/" + stamps[0] + "/report.html"))
        // Nothing half: no temporary folder left beside it.
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: plans)) ?? []).filter { $0.contains("tmp") }.isEmpty)
    }

    @Test func aManagerEditsPinsAvoidsMarksAWorkerAwayAndComparesInTheBrowser() throws {
        let server = try Server()
        let shots = TemporaryFolder()
        try expectChecks("serve_flows.py", ["--url", server.url, "--folder", server.folder.path, "--shots", shots.path])
        let (status, stderr) = server.stop()
        #expect(status == 0, "\(stderr)")
    }
}
#endif
