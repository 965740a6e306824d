import Foundation
import Testing
@testable import TeamPlan

/// A pin, an avoid or a leave made from the web page changes the files by
/// line: every comment, blank line and quote stays, and the scenario reads
/// with the new item where scenario.md puts it.
struct ScenarioEditTests {
    let pin = ScenarioEdit.pin(worker: "ben", practice: "baandert", slot: "tue-am")

    func read(_ yaml: String) -> LoadedScenario {
        ScenarioLoader.load(yaml: Array(yaml.utf8), file: "q1.yaml", directory: "", files: [:])
    }

    @Test func aPinAddedWhereThereWereNoneReadsAndKeepsEveryComment() throws {
        let yaml = "# Q1, the pilot\n" + Fixture.scenario + "# the end\n"
        let edited = try ScenarioEdit.adding(pin, toYAML: yaml)
        #expect(edited.hasPrefix(yaml))
        #expect(edited.hasSuffix("pins:\n  - {worker: ben, practice: baandert, slot: tue-am}\n"))
        let loaded = read(edited)
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics)")
        #expect(loaded.scenario?.pins.map(\.worker) == ["ben"])
    }

    @Test func aPinGoesAfterTheLastOneAndBeforeTheNextKeysComment() throws {
        let yaml = Fixture.replacing("holidays: nl\n", with: """
            holidays: nl
            pins:    # the manager's decisions
              - {worker: anja, practice: baandert}   # since 2025
                # an indented comment
            # about overhead
            """ + "\n")
        let edited = try ScenarioEdit.adding(pin, toYAML: yaml)
        #expect(edited.contains("""
              - {worker: anja, practice: baandert}   # since 2025
                # an indented comment
              - {worker: ben, practice: baandert, slot: tue-am}
            # about overhead
            """))
        #expect(read(edited).scenario?.pins.map(\.worker) == ["anja", "ben"])
    }

    @Test(arguments: ["avoid: []", "avoid: [{worker: anja, practice: other}]"])
    func anAvoidGoesIntoAOneLineList(_ line: String) throws {
        let yaml = Fixture.replacing("holidays: nl\n", with: "holidays: nl\n\(line)   # kept\n")
        let edited = try ScenarioEdit.adding(.avoid(worker: "ben", practice: "baandert"), toYAML: yaml)
        #expect(edited.contains("{worker: ben, practice: baandert}]   # kept"))
    }

    @Test func aBracketInTheCommentAfterAOneLineListIsNotItsEnd() throws {
        let yaml = Fixture.replacing("holidays: nl\n", with: "holidays: nl\navoid: []   # e.g. [{worker: x, practice: y}]\n")
        let edited = try ScenarioEdit.adding(.avoid(worker: "ben", practice: "baandert"), toYAML: yaml)
        #expect(edited.contains("avoid: [{worker: ben, practice: baandert}]   # e.g. [{worker: x, practice: y}]\n"))
        #expect(read(edited).scenario?.avoid.count == 1)
    }

    @Test func aFileWithCRLFKeepsItsLineBreaks() throws {
        let yaml = Fixture.scenario.replacingOccurrences(of: "\n", with: "\r\n")
        let edited = try ScenarioEdit.adding(pin, toYAML: yaml)
        #expect(!edited.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(edited.hasPrefix(yaml))
    }

    @Test func aLeaveGoesToTheWorkersOwnList() throws {
        let from = try #require(LocalDate(iso: "2027-03-01")), to = try #require(LocalDate(iso: "2027-03-05"))
        let anja = try ScenarioEdit.addingLeave(.leave(worker: "anja", from: from, to: to), toYAML: Fixture.scenario)
        #expect(read(anja).scenario?.workers.first { $0.id == "anja" }?.leave.count == 2)
        // Ben has no leave: list is made under his keys.
        let ben = try ScenarioEdit.addingLeave(.leave(worker: "ben", from: from, to: to), toYAML: Fixture.scenario)
        let loaded = read(ben)
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics)")
        #expect(loaded.scenario?.workers.first { $0.id == "ben" }?.leave.count == 1)
        #expect(loaded.scenario?.workers.first { $0.id == "anja" }?.leave.count == 1)
        #expect(throws: ScenarioEdit.Refusal.self) {
            try ScenarioEdit.addingLeave(.leave(worker: "nobody", from: from, to: to), toYAML: Fixture.scenario)
        }
    }

    @Test func aLeaveInACSVTableKeepsItsBOMSeparatorAndLineBreaks() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let table = "id;hours_per_week;leave;available\r\nanja;24;2027-01-04..2027-01-08;mon-am\r\nben;32;;tue-am\r\n"
        let from = try #require(LocalDate(iso: "2027-03-01"))
        let edited = try ScenarioEdit.addingLeave(.leave(worker: "ben", from: from, to: from), toCSV: bom + Array(table.utf8))
        #expect(edited == bom + Array(table.replacingOccurrences(of: "ben;32;;", with: "ben;32;2027-03-01..2027-03-01;").utf8))
        let anja = try ScenarioEdit.addingLeave(.leave(worker: "anja", from: from, to: from), toCSV: Array(table.utf8))
        #expect(String(decoding: anja, as: UTF8.self).contains("anja;24;2027-01-04..2027-01-08|2027-03-01..2027-03-01;mon-am\r\n"))
        #expect(throws: ScenarioEdit.Refusal.self) {
            try ScenarioEdit.addingLeave(.leave(worker: "ben", from: from, to: from), toCSV: Array("id,hours_per_week\nben,3\n".utf8))
        }
    }
}
