import Foundation

/// What a workflow tells its front end while it runs, before its result:
/// each a no-op unless set.
public struct WorkflowEvents: Sendable {
    /// The scenario was read: its warnings and notices, to show before the long work.
    public var read: @Sendable (LoadedScenario) -> Void
    /// The search's progress (about once a second).
    public var solving: (@Sendable (SolveProgress) -> Void)?
    /// One of explain's re-solves ended: it, how many have, of how many.
    public var reSolved: @Sendable (ChangeOutcome, Int, Int) -> Void
    /// A sweep is about to solve so many points (of this shard).
    public var sweepStarts: @Sendable (_ points: Int, _ shard: SweepTable.Shard?) -> Void
    /// A sweep's point started or ended.
    public var sweep: @Sendable (SweepEvent) -> Void

    public init(read: @escaping @Sendable (LoadedScenario) -> Void = { _ in },
                solving: (@Sendable (SolveProgress) -> Void)? = nil,
                reSolved: @escaping @Sendable (ChangeOutcome, Int, Int) -> Void = { _, _, _ in },
                sweepStarts: @escaping @Sendable (Int, SweepTable.Shard?) -> Void = { _, _ in },
                sweep: @escaping @Sendable (SweepEvent) -> Void = { _ in }) {
        self.read = read
        self.solving = solving
        self.reSolved = reSolved
        self.sweepStarts = sweepStarts
        self.sweep = sweep
    }
}

/// Where and how a plan's outputs are written (`plan`, `report`, `explain`).
public struct OutputRequest: Sendable {
    /// The output folder; nil: out/<scenario file stem>.
    public var folder: String?
    public var dialect: CSVDialect
    public var language: Language
    /// The calendars' DTSTAMP.
    public var stamp: Date

    public init(folder: String? = nil, dialect: CSVDialect = .rfc4180, language: Language = .en, stamp: Date = Date()) {
        self.folder = folder
        self.dialect = dialect
        self.language = language
        self.stamp = stamp
    }

    /// The folder checked and locked before any long work; `.cannotWrite` saying why not.
    func claim(scenario path: String, inputs: [InputFile]) throws(Failure) -> OutputFolder.Claim {
        do {
            return try OutputFolder(path: folder ?? "out/" + FilePath.stem(of: path)).claim(inputs: inputs)
        } catch {
            throw .cannotWrite(error)
        }
    }
}

/// A plan's outputs, written whole into their folder.
public struct WrittenPlan: Sendable {
    public var result: SolveResult
    /// What keeping last quarter's dropped pairs would cost, when measured.
    public var price: ContinuityPrice?
    /// The folder written.
    public var folder: String
    /// summary.txt.
    public var summary: String
    /// The files written, as a list for people.
    public var names: String
    public var language: Language

    /// The summary (or `shown`) and where the files went: what `plan` prints.
    public func text(shown: String? = nil) -> String {
        let l = language.labels
        return (shown ?? summary) + l.writtenTo(folder, names) + "\n" + l.theReport(FilePath.join(folder, "report.html"))
    }

    /// Writes every output of `result` into `claim`, whole or not at all.
    static func write(_ result: SolveResult, scenario: Scenario, into claim: OutputFolder.Claim, output: OutputRequest,
                      price: ContinuityPrice? = nil, explanation: Explanation? = nil,
                      replan: ReplanChanges? = nil) throws(Failure) -> WrittenPlan {
        let summary = PlanSummary.text(result, scenario: scenario, language: output.language, price: price, replan: replan)
        var files = PlanOutputs.files(result, summary: summary, dialect: output.dialect, stamp: output.stamp,
                                      language: output.language, price: price, explanation: explanation, replan: replan)
        if let explanation {
            do { files.append(("explain.json", Data(try explanation.json().utf8))) } catch { throw .cannotWrite(error) }
        }
        do { try claim.write(files) } catch { throw .cannotWrite(error) }
        return WrittenPlan(result: result, price: price, folder: claim.folder.path, summary: summary,
                           names: PlanOutputs.names + (explanation == nil ? "" : ", explain.json"), language: output.language)
    }
}

/// `teamplan plan`: the best plan, what keeping last quarter's dropped pairs
/// would cost, and every output.
public enum PlanWorkflow {
    /// A plan found and written. The price is measured unless the search was
    /// stopped; `priceProblem` says why it could not be.
    public struct Done: Sendable {
        public var written: WrittenPlan
        public var priceProblem: String?
        /// The one line `--quiet` prints.
        public var quietLine: String
    }

    public static func run(scenario path: String, options: SolveOptions, output: OutputRequest,
                           control: SolveControl = SolveControl(), events: WorkflowEvents = WorkflowEvents(),
                           confinedTo confinement: FolderConfinement? = nil) throws(Failure) -> Done {
        let (loaded, scenario) = try Inputs.scenario(path, confinedTo: confinement)
        events.read(loaded)
        let claim = try output.claim(scenario: path, inputs: loaded.inputFiles)
        let result = try solve(scenario, path: path, options: options, control: control, progress: events.solving)
        var price: ContinuityPrice?
        var priceProblem: String?
        // Pairs of last quarter dropped: measure what keeping them would cost
        // (the same search again with them required; GLPK's log once is enough).
        if let plan = result.plan, !control.isStopped {
            var again = options
            again.verbose = false
            do {
                price = try ContinuityPrice.measure(scenario, plan: plan, options: again, control: control)
            } catch {
                priceProblem = "teamplan: what keeping last quarter's dropped pairs would cost could not be measured: \(error)"
            }
        }
        let written = try WrittenPlan.write(result, scenario: scenario, into: claim, output: output, price: price)
        let line = "\(path): \(result.status.rawValue), objective \(Format.exact(result.objective ?? 0)), gap \(Format.hours(result.evaluation?.terms.gapHours ?? 0)) h → \(written.folder)/"
        return Done(written: written, priceProblem: priceProblem, quietLine: line)
    }

    /// The best plan, or the failure: the solver's, the model check's, or
    /// stopped before any plan was found.
    public static func solve(_ scenario: Scenario, path: String, options: SolveOptions, control: SolveControl,
                             startingFrom start: Plan? = nil,
                             progress: (@Sendable (SolveProgress) -> Void)? = nil) throws(Failure) -> SolveResult {
        let result: SolveResult
        do {
            result = try Planner.solve(scenario, options: options, control: control, startingFrom: start, progress: progress)
        } catch let conflict as PinConflict {
            throw .pinsCannotHold(conflict, path: path)
        } catch {
            throw .solving(error)
        }
        guard result.plan != nil, result.status == .optimal || result.status == .feasible else {
            throw .stoppedBeforeAnyPlan(path, seconds: result.seconds)
        }
        return result
    }
}

/// `teamplan report`: the outputs of a plan file, checked as `verify` checks it.
public enum ReportWorkflow {
    public static func run(scenario path: String, plan: String, output: OutputRequest,
                           events: WorkflowEvents = WorkflowEvents()) throws(Failure) -> (written: WrittenPlan, quietLine: String) {
        let (loaded, scenario) = try Inputs.scenario(path)
        events.read(loaded)
        let result = try Inputs.checkedPlan(plan, scenario: scenario)
        let claim = try output.claim(scenario: path, inputs: Inputs.files(loaded, plan: plan))
        // A replan's plan is reported over the weeks it holds.
        let written = try WrittenPlan.write(result, scenario: result.evaluation?.scenario ?? scenario, into: claim, output: output)
        return (written, "\(plan): reported → \(written.folder)/")
    }
}

/// `teamplan replan`: the rest of the quarter from a date, planned so that
/// the current plan changes only where that pays (model.md, "Replanning
/// from a date"), with what changes on top of the summary and report.
public enum ReplanWorkflow {
    public static func run(scenario path: String, plan planPath: String, from: String, options: SolveOptions,
                           output: OutputRequest, control: SolveControl = SolveControl(),
                           events: WorkflowEvents = WorkflowEvents(),
                           confinedTo confinement: FolderConfinement? = nil) throws(Failure) -> PlanWorkflow.Done {
        guard let date = LocalDate(iso: from) else {
            throw Failure(.wrongRequest, "teamplan replan: --from '\(from)' is not a date; write YYYY-MM-DD, e.g. 2027-02-15")
        }
        let (loaded, scenario) = try Inputs.scenario(path, confinedTo: confinement)
        events.read(loaded)
        let current = try Inputs.plan(planPath, writes: true)
        if let earlier = current.from {
            // Its weeks before `earlier` were held by the plan it replaced, which is not given.
            throw Failure(.wrongRequest, "teamplan replan: \(planPath) is itself a replan from \(earlier); replanning a replan is not supported yet "
                          + "(the weeks before \(earlier) were held by the plan it replaced). Replan from the whole quarter's plan, with every change in the scenario")
        }
        let replanning: Replanning
        do {
            replanning = try Replanning(scenario: scenario, current: current, currentPath: planPath, from: date)
        } catch {
            throw Failure(.wrongRequest, "teamplan replan: \(error)")
        }
        let claim = try output.claim(scenario: path, inputs: Inputs.files(loaded, plan: planPath))
        var result = try PlanWorkflow.solve(replanning.rest, path: path, options: options, control: control,
                                            startingFrom: current, progress: events.solving)
        result.plan?.from = date
        let changes = result.plan.map { ReplanChanges(replanning, plan: $0) }
        let written = try WrittenPlan.write(result, scenario: replanning.rest, into: claim, output: output, replan: changes)
        let line = "\(path): replanned from \(date), \(result.status.rawValue), objective \(Format.exact(result.objective ?? 0)), gap \(Format.hours(result.evaluation?.terms.gapHours ?? 0)) h → \(written.folder)/"
        return PlanWorkflow.Done(written: written, priceProblem: nil, quietLine: line)
    }
}
