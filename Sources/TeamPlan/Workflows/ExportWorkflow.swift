import Foundation

/// `teamplan export`: the scenario's MIP as text for another solver.
public enum ExportWorkflow {
    public static func run(scenario path: String, to file: String, format: ModelFormat,
                           backend: any SolverBackend = GLPKBackend(),
                           events: WorkflowEvents = WorkflowEvents()) throws(Failure) {
        let (loaded, scenario) = try Inputs.scenario(path)
        events.read(loaded)
        let output = OutputFile(path: file)
        // Checked before the model is built: never over an input, never a folder.
        do { try output.check(inputs: loaded.inputFiles) } catch { throw .cannotWrite(error) }
        let text: String
        do { text = try Planner.export(scenario, format: format, backend: backend) } catch { throw .solving(error) }
        do { try output.write(Data(text.utf8)) } catch { throw .cannotWrite(error) }
    }
}
