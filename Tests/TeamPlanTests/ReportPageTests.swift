import Foundation
import Testing
@testable import TeamPlan

/// report.html in a real browser: headless Chromium renders it to a PNG and
/// to its DOM (make test installs Debian's chromium).
@Suite(.serialized) struct ReportPageTests {
    /// Chromium's standard output is only the DOM (its logging goes to
    /// standard error), and the DOM is searched, not read by position.
    func chromium(_ arguments: [String]) throws -> Executable.Result {
        try Executable.run(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
                           + arguments, program: "chromium")
    }

    @Test func theBrowserShowsTheFourChartsAndTheScheduleFromOneSelfContainedFile() throws {
        let folder = TemporaryFolder()
        let run = try Executable.run(["plan", Executable.packageRoot + "/inputs/westelijke-mijnstreek.yaml", "--quiet", "--lang", "en", "--out", "o"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let page = folder.path + "/o/report.html"
        let html = try String(contentsOfFile: page, encoding: .utf8)
        // Nothing to load: no script, no stylesheet or image by reference, no web address but SVG's namespace.
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("<link"))
        #expect(html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").range(of: "https?://", options: .regularExpression) == nil)
        #expect(html.contains("<html lang=\"en\">"))

        let dom = try chromium(["--dump-dom", "file://" + page])
        #expect(dom.status == 0, "chromium must be installed (make test does): \(dom.stderr.suffix(2000))")
        for id in ["chart-practices", "chart-workers", "chart-funding", "chart-weeks", "schedule"] {
            #expect(dom.stdout.contains("id=\"\(id)\""), "\(id) is on the rendered page")
        }
        #expect(dom.stdout.contains("Anja de Vries @ Gezondheidscentrum Lindenheuvel"), "the week template names who is where, by name")
        let png = folder.path + "/report.png"
        let shot = try chromium(["--screenshot=" + png, "--window-size=1000,2400", "file://" + page])
        #expect(shot.status == 0, "\(shot.stderr.suffix(2000))")
        let bytes = try #require(FileManager.default.contents(atPath: png))
        #expect(Array(bytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47], "a PNG")
        #expect(bytes.count > 50_000, "a page with charts, not a blank one: \(bytes.count) bytes")
    }

    /// sweep.html with a plan not proven (hollow, its band, its gap in the
    /// tooltip) and a point without a plan, as the browser builds it.
    @Test func theBrowserShowsAnUnprovenSweepPointHollowWithItsBand() throws {
        let folder = TemporaryFolder()
        let table = try SweepReportTests.table()
        let page = folder.path + "/sweep.html"
        try SweepReport.html(table, title: table.title).write(toFile: page, atomically: true, encoding: .utf8)
        let dom = try chromium(["--dump-dom", "file://" + page])
        #expect(dom.status == 0, "chromium must be installed (make test does): \(dom.stderr.suffix(2000))")
        for part in ["<g class=\"hollow\">", "<rect class=\"band\"", "<g class=\"absent\">", "<g class=\"filled\">",
                     "not proven best: MIP gap 20 %", "<tr class=\"unproven\">"] {
            #expect(dom.stdout.contains(part), "\(part) is on the rendered page")
        }
        let png = folder.path + "/sweep.png"
        let shot = try chromium(["--screenshot=" + png, "--window-size=1200,900", "file://" + page])
        #expect(shot.status == 0, "\(shot.stderr.suffix(2000))")
        let bytes = try #require(FileManager.default.contents(atPath: png))
        #expect(Array(bytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47] && bytes.count > 30_000, "a page with charts, not a blank one: \(bytes.count) bytes")
    }
}
