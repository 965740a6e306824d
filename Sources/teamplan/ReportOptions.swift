import ArgumentParser
import Foundation
import TeamPlan

/// What `plan` and `report` share: where and how a plan's outputs are written.
struct ReportOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("The output folder (default out/<scenario file stem>).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("The CSV tables' format: rfc4180 (',', decimal point) or excel-nl (';', decimal comma, byte-order mark: opens in Dutch Excel with a double-click). Default: excel-nl when the language is nl, else rfc4180.", valueName: "format"))
    var csv: CSVDialect?

    @Option(help: ArgumentHelp("The language of the summary, report.html and the calendars: nl or en (default: from LANG, else en).", valueName: "language"))
    var lang: Language?

    @Flag(help: "Print only the outcome line.")
    var quiet = false

    /// Where and how the library writes the outputs.
    var request: OutputRequest {
        let language = Terminal.language(lang)
        return OutputRequest(folder: out, dialect: csv ?? CSVDialect.default(for: language), language: language)
    }
}

extension CSVDialect: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}
