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
        let folder = TemporaryFolder()
        let process = Process()
        let url: String
        let token: String
        let stderr = Pipe()

        init(jobs: Int? = nil) throws {
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

    struct Answer: Decodable {
        struct Check: Decodable {
            var name: String
            var ok: Bool
            var detail: String?
        }

        var checks: [Check]
    }

    /// Runs `script` against `server` with `arguments`; every check must pass.
    func expectChecks(_ script: String, _ arguments: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let path = Executable.packageRoot + "/Tests/Serve/" + script
        let code = "import runpy, sys; sys.argv = [\(pythonString(path))] + sys.argv[1:]; runpy.run_path(\(pythonString(path)), run_name='__main__')"
        let (result, data) = try Python.run(code, arguments)
        let answer = try #require(data.flatMap { try? JSONDecoder().decode(Answer.self, from: $0) },
                                  "\(script) wrote no answer: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(!answer.checks.isEmpty, sourceLocation: sourceLocation)
        for check in answer.checks {
            #expect(check.ok, "\(script): \(check.name): \(check.detail ?? "")", sourceLocation: sourceLocation)
        }
    }

    func pythonString(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "\\'") + "'" }

    @Test func aManagerEditsPinsAvoidsMarksAWorkerAwayAndComparesInTheBrowser() throws {
        let server = try Server()
        let shots = TemporaryFolder()
        try expectChecks("serve_flows.py", ["--url", server.url, "--folder", server.folder.path, "--shots", shots.path])
        let (status, stderr) = server.stop()
        #expect(status == 0, "\(stderr)")
    }
}
#endif
