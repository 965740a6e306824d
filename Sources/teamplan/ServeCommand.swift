#if Serve
import ArgumentParser
import Dispatch
import Foundation
import TeamPlan
import TeamPlanServer

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Plan in a browser: a local web page over a folder of scenarios.",
        discussion: """
            Serves the scenarios in FOLDER (default: the current folder) as a web page on this \
            machine: check a scenario, plan it with live progress and a Stop button, read the \
            report, download the plan folder as a zip. Each plan is kept in FOLDER/plans/. \
            Nothing outside FOLDER is read or written, and nothing is fetched from the internet.

            The page needs the secret address printed at the start (with ?token=…); other \
            programs and other sites cannot use it. Ctrl-C stops the server: plans being made \
            stop with their best plan written whole.

            Examples:
              teamplan serve inputs
              teamplan serve ~/planning --port 8090 --open
              teamplan serve . --port 0 --jobs 1
            """)

    @Argument(help: "The folder of scenarios (default: the current folder).")
    var folder: String = "."

    @Option(help: "The address to listen on: 127.0.0.1 (this machine only) or 0.0.0.0 (every network; the token still needed).")
    var host: String = "127.0.0.1"

    @Option(help: "The port (0: any free one).")
    var port: Int = 8080

    @Option(help: "How many plans are solved at once; the rest wait in a queue (default: one per core).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Open the page in the browser (xdg-open).")
    var open = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be a whole number from 0 to 65535 (0: any free port)") }
        guard (1...256).contains(jobs) else { throw ValidationError("--jobs must be a whole number from 1 to 256") }
        guard ["127.0.0.1", "localhost", "::1", "0.0.0.0", "::"].contains(host) else {
            throw ValidationError("--host must be 127.0.0.1 (this machine only), ::1, or 0.0.0.0 / :: (every network, with the token)")
        }
    }

    func run() throws {
        guard let workspace = Workspace(folder: folder) else {
            throw Failure(.wrongRequest, "teamplan serve: '\(folder)' is not a folder")
        }
        let server = LocalServer(workspace: workspace, host: host == "localhost" ? "127.0.0.1" : host, port: port, slots: jobs)
        let signals = Terminal.stopOnSignals(SolveControl()) { _ in
            Terminal.err(Terminal.language(nil) == .nl
                ? "teamplan serve: stopt; plannen die lopen, stoppen met hun beste plan (nog een Ctrl-C: meteen)"
                : "teamplan serve: stopping; plans being made stop with their best plan (Ctrl-C again: at once)")
            server.stop()
        }
        defer { signals.forEach { $0.cancel() } }
        let open = self.open
        let folder = self.folder
        let ended = DispatchSemaphore(value: 0)
        let failure = Locked<(any Error)?>(nil)
        Task.detached {
            do {
                try await server.run { url in
                    Terminal.out("teamplan serve: the scenarios in \(folder), on\n  \(url)\n"
                                 + "Open this address in a browser (it holds the page's secret token). Ctrl-C stops the server.")
                    if open { ServeCommand.openInBrowser(url) }
                }
            } catch {
                failure.withLock { $0 = error }
            }
            ended.signal()
        }
        ended.wait()
        if let error = failure.withLock({ $0 }) {
            throw Failure(.wrongRequest, "teamplan serve: cannot listen on \(host):\(port): \(error); choose another port with --port (0: any free one)")
        }
    }

    static func openInBrowser(_ url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", url]
        do { try process.run() } catch { Terminal.err("teamplan serve: could not open a browser (\(error)); open the address above by hand") }
    }
}
#endif
