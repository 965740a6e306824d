import ArgumentParser
import Foundation
import TeamPlan

/// What `plan` and `report` share: where and how a plan's outputs are written.
struct ReportOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("The output folder (default out/<scenario file stem>).", valueName: "dir"))
    var out: String?

    @OptionGroup var format: OutputFormat

    @Flag(help: "Print only the outcome line.")
    var quiet = false

    /// Where and how the library writes the outputs.
    var request: OutputRequest {
        OutputRequest(folder: out, dialect: format.dialect, language: format.language)
    }
}

/// `--csv` and `--lang`: the CSVs' dialect and the outputs' language, the
/// same for `plan`, `report`, `explain` and `sweep`.
struct OutputFormat: ParsableArguments {
    @Option(help: ArgumentHelp("The CSV tables' format: rfc4180 (',', decimal point) or excel-nl (';', decimal comma, byte-order mark: opens in Dutch Excel with a double-click). Default: excel-nl when the language is nl, else rfc4180.", valueName: "format"))
    var csv: CSVDialect?

    @Option(help: ArgumentHelp("The language of what people read: the summary, the pages, the charts, the calendars, the tables' headers: nl or en (default: from LANG, else en).", valueName: "language"))
    var lang: Language?

    /// The language asked for, else LANG's.
    var language: Language { Terminal.language(lang) }
    /// The dialect asked for, else the language's.
    var dialect: CSVDialect { csv ?? CSVDialect.default(for: language) }
}

extension CSVDialect: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}
