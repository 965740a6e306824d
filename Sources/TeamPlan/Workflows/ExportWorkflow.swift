import Foundation

/// `teamplan export`: the scenario's MIP as text for another solver.
public enum ExportWorkflow {
    public static func run(scenario path: String, to file: String, format: GLPKBackend.ExportFormat,
                           events: WorkflowEvents = WorkflowEvents()) throws(Failure) {
        let (loaded, scenario) = try Inputs.scenario(path)
        events.read(loaded)
        let output = OutputFile(path: file)
        // Checked before the model is built: never over an input, never a folder.
        do { try output.check(inputs: loaded.inputFiles) } catch { throw .cannotWrite(error) }
        let text: Data
        do { text = try Planner.export(scenario, format: format) } catch { throw .solving(error) }
        do { try output.write(text) } catch { throw .cannotWrite(error) }
    }
}
