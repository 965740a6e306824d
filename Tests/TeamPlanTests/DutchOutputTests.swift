import Foundation
import Testing
@testable import TeamPlan

/// A Dutch run's outputs hold no English word of ours and no number written
/// the English way; an English run's hold no Dutch. Run as a manager runs
/// them: the executable, `--lang nl`, on the steered example (pins,
/// preferences, a previous plan: every section of the summary and report).
@Suite(.serialized) struct DutchOutputTests {
    static let root = Executable.packageRoot + "/inputs"
    static let steered = root + "/westelijke-mijnstreek-steered.yaml"

    /// English words of ours, as whole words (case-insensitive). Not in the
    /// list: words Dutch shares (week, plan, status, budget, team, in, is,
    /// of — Dutch "or" —, contract, MDO).
    static let englishWords = [
        "the", "and", "with", "to", "for", "at", "on", "not", "from", "by", "are", "no", "yes", "all", "none",
        "hours", "hour", "worker", "workers", "practice", "practices", "session", "sessions", "slot", "slots", "gap",
        "backup", "backups", "held", "covered", "lost", "closed", "warning", "warnings", "total", "totals", "stream",
        "streams", "used", "left", "regular", "solved", "variables", "integer", "rows", "subproblem", "subproblems",
        "objective", "pair", "pairs", "dropped", "missing", "priority", "reserved", "weeks", "asked",
        "funded", "available", "estimate", "quarter", "changes", "kept", "new", "stays", "leaves", "optimal", "proven",
        "feasible", "bound", "root", "after", "within", "first", "last", "better", "where", "who", "when", "every",
        "mon", "tue", "wed", "thu", "fri", "am", "pm", "admin", "travel", "contact", "load", "free", "utilisation",
        "share", "funder", "pays", "eligible", "municipality", "municipalities", "leave", "skills", "holiday",
        "holidays", "closure", "closures", "decisions", "pin", "avoid", "preference", "preferences", "weight",
        "unmet", "written", "report", "sessions/wk", "h", "valid", "against", "broken", "rules",
    ]

    /// Text of the scenario's own (ids, names, skills, files, keys) and
    /// technical terms Dutch planners use as they are: not words of ours.
    static func withoutTheScenariosOwnText(_ text: String, _ scenario: Scenario) -> String {
        var own = ["MIP-gap", "LP-grens", "westelijke-mijnstreek", "inputs/", ".yaml", "utf8-bom", "Tabel workers", "Tabel practices"]
        own += PlanOutputs.names.components(separatedBy: ", ")
        own += scenario.workers.flatMap { [$0.id, $0.name] + $0.skills } + scenario.practices.flatMap { [$0.id, $0.name, $0.municipality] + $0.requiresSkills }
        own += scenario.funding.flatMap { [$0.id, $0.funder] } + [scenario.name]
        var text = text
        for piece in own.filter({ !$0.isEmpty }).sorted(by: { $0.count > $1.count }) {
            text = text.replacingOccurrences(of: piece, with: " ")
        }
        return text
    }

    /// The English words of ours and the English-written numbers in `text`:
    /// a decimal point before one or two digits (`552.5`, `13.9 %`), or a
    /// comma before three (`38,000`).
    static func english(in text: String, _ scenario: Scenario) -> [String] {
        let text = withoutTheScenariosOwnText(text, scenario)
        var found: [String] = []
        let words = Set(englishWords)
        for token in text.components(separatedBy: CharacterSet.letters.union(CharacterSet(charactersIn: "/")).inverted)
        where words.contains(token.lowercased()) {
            found.append(token)
        }
        for pattern in [#"\d\.\d{1,2}(?!\d)"#, #"\d,\d{3}(?!\d)"#] {
            let regex = try! NSRegularExpression(pattern: pattern)
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let range = Range(match.range, in: text)!
                let start = text.index(range.lowerBound, offsetBy: -3, limitedBy: text.startIndex) ?? text.startIndex
                let end = text.index(range.upperBound, offsetBy: 3, limitedBy: text.endIndex) ?? text.endIndex
                found.append(String(text[start..<end]))
            }
        }
        return Array(Set(found)).sorted()
    }

    /// What a reader reads of report.html: the text between the tags, the
    /// style sheet left out.
    static func readableText(ofHTML html: String) -> String {
        var text = html.replacingOccurrences(of: #"<style[^>]*>[\s\S]*?</style>"#, with: " ", options: .regularExpression)
        text = text.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
        for (entity, character) in [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }

    static func scenario() throws -> Scenario { try #require(ScenarioLoader.load(path: steered).scenario) }

    @Test func aDutchPlansSummaryReportAndTablesHoldNoEnglishWordOrNumber() throws {
        let s = try Self.scenario()
        let folder = TemporaryFolder()
        let run = try Executable.run(["plan", Self.steered, "--lang", "nl", "--out", folder.path + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        let out = folder.path + "/out/"
        var texts = ["the printed summary": run.stdout, "the warnings printed": run.stderr]
        texts["summary.txt"] = try String(contentsOfFile: out + "summary.txt", encoding: .utf8)
        texts["report.html"] = Self.readableText(ofHTML: try String(contentsOfFile: out + "report.html", encoding: .utf8))
        for table in ["schedule.csv", "weeks.csv", "funding.csv", "workers.csv"] {
            texts[table] = try String(contentsOfFile: out + table, encoding: .utf8)
        }
        for (name, text) in texts {
            #expect(Self.english(in: text, s) == [], "\(name) in Dutch holds English: \(text.prefix(3000))")
        }
        // The summary says the things a Dutch manager looks for, in Dutch.
        let summary = texts["summary.txt"]!
        #expect(summary.contains("Capaciteitstekort:") && summary.contains(" u van de 552,5 gevraagde spreekuururen"))
        #expect(summary.contains("Gemeente Sittard-Geleen") && summary.contains("€ 38.000"), "streams by funder, euros grouped the Dutch way")
        // The CSVs are the Dutch Excel kind by default under Dutch.
        let workers = try #require(FileManager.default.contents(atPath: out + "workers.csv"))
        #expect(Array(workers.prefix(3)) == [0xEF, 0xBB, 0xBF], "a byte-order mark")
        #expect(texts["workers.csv"]!.contains("medewerker;contract (u/week);"))
    }

    @Test func aDutchCheckAndVerifyHoldNoEnglishWordOrNumber() throws {
        let s = try Self.scenario()
        let folder = TemporaryFolder()
        let check = try Executable.run(["check", Self.steered, "--lang", "nl"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(Self.english(in: check.stdout + check.stderr, s) == [], "check in Dutch holds English: \(check.stdout)")
        #expect(check.stdout.contains("Carnavalsdinsdag") && check.stdout.contains("€ 38.000 à € 82,50/u"))
        // A plan breaking no rule, verified in Dutch (under LANG, as a Dutch machine would have it).
        let plan = try Executable.run(["plan", Self.steered, "--quiet", "--out", folder.path + "/out"])
        #expect(plan.status == 0, "\(plan.stderr)")
        let verify = try Executable.run(["LANG=nl_NL.UTF-8", Executable.url.path, "verify", Self.steered, folder.path + "/out/plan.json"],
                                        program: "env")
        #expect(verify.status == 0, "\(verify.stderr)")
        let shown = verify.stdout.replacingOccurrences(of: folder.path + "/out/plan.json", with: "")
        #expect(Self.english(in: shown, s) == [], "verify in Dutch holds English: \(verify.stdout)")
    }

    @Test func anEnglishRunHoldsNoDutch() throws {
        let folder = TemporaryFolder()
        let run = try Executable.run(["LANG=C.UTF-8", "LC_ALL=", Executable.url.path, "plan", Self.steered, "--out", folder.path + "/out"],
                                     program: "env")
        #expect(run.status == 0, "\(run.stderr)")
        let s = try Self.scenario()
        let report = Self.withoutTheScenariosOwnText(
            Self.readableText(ofHTML: try String(contentsOfFile: folder.path + "/out/report.html", encoding: .utf8)), s)
        let csv = try String(contentsOfFile: folder.path + "/out/schedule.csv", encoding: .utf8)
        let printed = Self.withoutTheScenariosOwnText(run.stdout, s)
        for dutch in ["spreekuur", "medewerker", "praktijk", "tekort", "vervanger", "gewogen", "ochtend", " u ", "waarschuwing", "Opgelost"] {
            #expect(!printed.contains(dutch) && !report.contains(dutch) && !csv.contains(dutch), "English holds '\(dutch)'")
        }
        #expect(csv.hasPrefix("worker,practice,day,part"), "rfc4180 by default in English")
    }

    /// LibreOffice Calc with Dutch settings opens the default Dutch CSVs (a
    /// double-click: `;`, UTF-8) and takes every number for a number, not text.
    @Test func aDutchLibreOfficeReadsEveryNumberOfTheDutchTablesAsANumber() throws {
        let folder = TemporaryFolder()
        let run = try Executable.run(["plan", Self.steered, "--lang", "nl", "--quiet", "--out", folder.path + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        let tables = ["schedule.csv", "weeks.csv", "funding.csv", "workers.csv"].map { folder.path + "/out/" + $0 }
        let cells = try Self.cellsAsADutchLibreOfficeReadsThem(tables, in: folder)
        #expect(cells.count == 4, "\(cells.keys)")
        var numbers = 0
        for (file, list) in cells {
            for cell in list where cell[1].range(of: #"^-?\d+(,\d+)?$"#, options: .regularExpression) != nil {
                numbers += 1
                #expect(cell[0] == "float" || cell[0] == "percentage", "\(file): '\(cell[1])' was read as \(cell[0]), not a number")
            }
            #expect(!list.contains { $0[1].range(of: #"^\d+\.\d+$"#, options: .regularExpression) != nil }, "\(file): a number with a decimal point")
        }
        #expect(numbers > 200, "the tables hold numbers: \(numbers)")
    }

    /// Each cell of each CSV as LibreOffice Calc with Dutch settings reads
    /// it on a double-click (`;`, UTF-8): its type and its text, by file.
    static func cellsAsADutchLibreOfficeReadsThem(_ tables: [String], in folder: TemporaryFolder) throws -> [String: [[String]]] {
        let options = "59,34,76,1,,1043"
        let convert = try Executable.run(["LANG=nl_NL.UTF-8", "LC_ALL=nl_NL.UTF-8", "HOME=" + folder.path, "soffice", "--headless",
                                          "-env:UserInstallation=file://" + folder.path + "/profile",
                                          "--infilter=CSV:" + options, "--convert-to", "fods", "--outdir", folder.path + "/fods"] + tables,
                                         program: "env")
        #expect(convert.status == 0, "LibreOffice must be installed (make test does): \(convert.stderr)")
        // Each cell LibreOffice made: its type and its text.
        let script = """
            import json, sys, glob, os
            import xml.etree.ElementTree as ET
            ns = {'table': 'urn:oasis:names:tc:opendocument:xmlns:table:1.0', 'office': 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
                  'text': 'urn:oasis:names:tc:opendocument:xmlns:text:1.0'}
            out = {}
            for path in sorted(glob.glob(os.path.join(sys.argv[2], '*.fods'))):
                cells = []
                for row in ET.parse(path).getroot().iter('{%s}table-row' % ns['table']):
                    for cell in row.findall('table:table-cell', ns):
                        kind = cell.get('{%s}value-type' % ns['office'])
                        text = ''.join(cell.itertext()).strip()
                        if text:
                            cells.append([kind or '', text])
                out[os.path.basename(path)] = cells
            json.dump(out, open(sys.argv[1], 'w'))
            """
        let (result, answer) = try Python.run(script, [folder.path + "/fods"])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode([String: [[String]]].self, from: try #require(answer))
    }

    /// `sweep --lang nl`: sweep.csv for Dutch Excel (every number a number
    /// to a Dutch LibreOffice), and sweep.html and the lines printed without English.
    @Test func aDutchSweepWritesItsTableForADutchSpreadsheetAndItsPageInDutch() throws {
        let folder = TemporaryFolder()
        let run = try Executable.run(["sweep", smallTeamFile, "--team-size", "1...5", "--hours-scale", "0.5;1", "--lang", "nl",
                                      "--out", folder.path + "/s"])
        #expect(run.status == 0, "\(run.stderr)")
        let scenario = try smallTeam()
        let html = Self.readableText(ofHTML: try String(contentsOfFile: folder.path + "/s/sweep.html", encoding: .utf8))
        #expect(Self.english(in: html, scenario) == [], "\(html)")
        #expect(html.contains("weggelaten: 5") && html.contains("€ 11.180"), "\(html)")
        let printed = run.stdout.replacingOccurrences(of: #"\d_team-size-\d_hours-[0-9.]+"#, with: " ", options: .regularExpression)
        #expect(Self.english(in: printed.replacingOccurrences(of: folder.path, with: " "), scenario) == [], "\(run.stdout)")
        let bytes = try #require(FileManager.default.contents(atPath: folder.path + "/s/sweep.csv"))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "a byte-order mark")
        let cells = try #require(try Self.cellsAsADutchLibreOfficeReadsThem([folder.path + "/s/sweep.csv"], in: folder)["sweep.fods"])
        var numbers = 0
        for cell in cells where cell[1].range(of: #"^-?\d+(,\d+)?$"#, options: .regularExpression) != nil {
            numbers += 1
            #expect(cell[0] == "float", "'\(cell[1])' was read as \(cell[0]), not a number")
        }
        #expect(!cells.contains { $0[1].range(of: #"^\d+\.\d+$"#, options: .regularExpression) != nil }, "a number with a decimal point")
        #expect(cells.contains(["float", "0,5"]), "the axis's factor 0,5 is the number ½")
        #expect(numbers > 100, "the table holds numbers: \(numbers)")
    }
}
