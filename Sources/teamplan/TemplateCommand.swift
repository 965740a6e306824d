import ArgumentParser
import Foundation
import TeamPlan

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Write a scenario workbook (.xlsx) to fill in, or a scenario as a workbook.",
        discussion: """
            The workbook has the sheets Scenario (key–value rows), Workers, Practices, Funding, Leave, \
            Closures, Pins, Avoid and Preferences (in Dutch: Scenario, Medewerkers, Praktijken, \
            Financiering, Verlof, Sluitingen, Vastgezet, Vermijden, Voorkeuren). Each column's header \
            has a comment with its unit, default and an example; slots, skills, municipalities, days \
            and booleans have dropdowns; ids, slots and the MDO rhythm are text cells, so that no \
            spreadsheet turns them into dates or times. `teamplan plan team.xlsx` reads it \
            (docs/scenario.md, "A workbook"). With --from, the workbook holds that scenario and reads \
            back to the same scenario. An existing file is not replaced without --force.

            Examples:
              teamplan template team.xlsx
              teamplan template team.xlsx --lang en
              teamplan template baandert.xlsx --from inputs/baandert.yaml
            """)

    @Argument(help: "The workbook to write (FILE.xlsx).")
    var workbook: String

    @Option(help: ArgumentHelp("The sheets' and columns' language: nl or en.", valueName: "nl|en"))
    var lang: String = "nl"

    @Option(name: .customLong("from"), help: ArgumentHelp("Fill the workbook with this scenario (YAML or workbook).", valueName: "scenario"))
    var scenario: String?

    @Flag(help: "Replace the workbook if it exists.")
    var force = false

    func validate() throws {
        if WorkbookLayout.SheetLanguage(rawValue: lang) == nil { throw ValidationError("--lang takes nl or en, not '\(lang)'") }
    }

    func run() throws {
        let outcome = try TemplateWorkflow.run(to: workbook, language: WorkbookLayout.SheetLanguage(rawValue: lang) ?? .nl,
                                               from: scenario, force: force, events: Terminal.events(quiet: false))
        for note in outcome.notes { Terminal.err("\(workbook): note: \(note)") }
        Terminal.out("Wrote \(outcome.path)" + (scenario.map { " holding \($0)" } ?? " to fill in"))
    }
}
