import Foundation

/// `teamplan template`: a scenario workbook to fill in, or (`from`) a
/// scenario as a workbook that reads back to the same scenario.
public enum TemplateWorkflow {
    /// What was written, and what the scenario lost on the way (see `WorkbookTemplate.losses`).
    public struct Outcome: Sendable {
        public var path: String
        public var notes: [String]
    }

    public static func run(to path: String, language: WorkbookLayout.SheetLanguage, from scenarioPath: String?, force: Bool,
                           events: WorkflowEvents = WorkflowEvents()) throws(Failure) -> Outcome {
        guard ScenarioLoader.isWorkbookName(path) else {
            throw Failure(.wrongRequest, "teamplan: '\(path)' is no workbook name; name it FILE.xlsx (teamplan reads a workbook by that name)")
        }
        var scenario: Scenario?
        var inputs: [InputFile] = []
        var notes: [String] = []
        if let scenarioPath {
            let (loaded, read) = try Inputs.scenario(scenarioPath)
            events.read(loaded)
            scenario = read
            inputs = loaded.inputFiles
            notes = WorkbookTemplate.losses(read)
            // `previous` is relative to the file that names it: from another folder, the whole path.
            if let previous = read.previous, !previous.path.hasPrefix("/"),
               FilePath.folder(of: path) != FilePath.folder(of: scenarioPath) {
                let folder = FilePath.folder(of: scenarioPath)
                let joined = FilePath.join(folder.hasPrefix("/") ? folder : FilePath.join(FileManager.default.currentDirectoryPath, folder), previous.path)
                scenario?.previous?.path = joined
                notes.append("previous is written as '\(joined)': the workbook is in another folder than the scenario")
            }
        }
        let output = OutputFile(path: path)
        do { try output.check(inputs: inputs) } catch { throw .cannotWrite(error) }
        // A template is filled in by hand: never replaced by accident.
        if !force, FileManager.default.fileExists(atPath: path) {
            throw Failure(.cannotWrite, "teamplan: will not overwrite '\(path)': it exists, and may hold what someone typed; choose another name, or pass --force")
        }
        let bytes: [UInt8]
        do { bytes = try WorkbookTemplate.workbook(language: language, from: scenario) } catch {
            throw Failure(.internalError, "teamplan: \(error)")
        }
        do { try output.write(Data(bytes)) } catch { throw .cannotWrite(error) }
        return Outcome(path: path, notes: notes)
    }
}
