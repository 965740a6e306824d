import ArgumentParser
import Foundation
import TeamPlan

/// What `plan` and `report` share: where and how a plan's outputs are written.
struct ReportOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("The output folder (default out/<scenario file stem>).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("The CSV tables' format: rfc4180 (',', decimal point) or excel-nl (';', decimal comma, byte-order mark: opens in Dutch Excel with a double-click).", valueName: "format"))
    var csv: CSVDialect = .rfc4180

    @Option(help: ArgumentHelp("The language of the summary, report.html and the calendars: nl or en (default: from LANG, else en).", valueName: "language"))
    var lang: Language?

    @Flag(help: "Print only the outcome line.")
    var quiet = false

    /// The output folder, checked and locked before any long work (exit 73
    /// when it may not be written).
    func claim(scenarioPath: String, inputs: [InputFile]) throws -> OutputFolder.Claim {
        try Terminal.claim(OutputFolder(path: out ?? "out/" + FilePath.stem(of: scenarioPath)), inputs: inputs)
    }

    /// Writes every output of `result` into the claimed folder, whole or not
    /// at all (exit 73 when it cannot be written); prints the summary unless
    /// quiet, else `quietLine(folder)`.
    func write(_ result: SolveResult, scenario: Scenario, into claim: OutputFolder.Claim, price: ContinuityPrice? = nil,
               explanation: Explanation? = nil, shown: String? = nil, quietLine: (String) -> String) throws {
        let language = lang ?? Language.from(environment: ProcessInfo.processInfo.environment)
        let summary = PlanSummary.text(result, scenario: scenario, language: language, price: price)
        let folder = claim.folder
        var files = PlanOutputs.files(result, summary: summary, dialect: csv, stamp: Date(), language: language,
                                      price: price, explanation: explanation)
        if let explanation { files.append(("explain.json", Data(try explanation.json().utf8))) }
        try Terminal.write(files, into: claim)
        let l = language.labels
        Terminal.out(quiet ? quietLine(folder.path) : (shown ?? summary)
                     + l.writtenTo(folder.path, PlanOutputs.names + (explanation == nil ? "" : ", explain.json")) + "\n"
                     + l.theReport(FilePath.join(folder.path, "report.html")))
    }
}

extension CSVDialect: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}
