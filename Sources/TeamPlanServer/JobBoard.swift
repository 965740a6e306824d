import Foundation
import TeamPlan

/// The plans asked for from the web page: at most `slots` solving at once
/// (one per core), each on a thread of its own off the server's event loop
/// (GLPK keeps its state per thread), the rest queued in order. A solve
/// nobody watches any more is stopped after a grace period and keeps its
/// best plan, so a closed tab does not leave it running.
public final class JobBoard: Sendable {
    public enum State: String, Sendable, Codable, CaseIterable {
        case queued, running, done, failed
        /// Stopped before any plan was found; nothing written.
        case stopped
        /// Taken out of the queue before it started.
        case cancelled

        public var isOver: Bool { self != .queued && self != .running }
    }

    /// How a job ended, from the runner.
    public enum Outcome: Sendable, Equatable {
        case plan(Workspace.PlanID, status: String)
        /// A sweep written into `sweeps/STEM/STAMP`.
        case sweep(Workspace.PlanID, status: String)
        case failed(String)
        case stoppedBeforePlan(String)
    }

    public struct Request: Sendable {
        public var scenario: Workspace.ScenarioFile
        public var timeLimit: Double?
        public var language: Language
        public var kind: Kind

        /// What is asked: the command line's `plan`, `replan`, `explain` or `sweep`.
        public enum Kind: Sendable {
            case plan
            /// A kept plan replanned from a date.
            case replan(Workspace.PlanID, from: LocalDate)
            /// A kept plan explained (with the marginals or not).
            case explain(Workspace.PlanID, marginals: Bool)
            case sweep(teamSize: String?, budgetScales: [String], hoursScale: String?)
        }

        public init(scenario: Workspace.ScenarioFile, timeLimit: Double?, language: Language, kind: Kind = .plan) {
            self.scenario = scenario
            self.timeLimit = timeLimit
            self.language = language
            self.kind = kind
        }
    }

    /// What a page shows of a job.
    public struct Snapshot: Sendable, Codable, Equatable {
        public var id: String
        public var scenario: String
        public var state: State
        /// 1 for the next to start, while queued.
        public var place: Int?
        public var seconds: Double
        public var objective: Double?
        public var bound: Double?
        public var mipGap: Double?
        /// `/plan/STEM/STAMP` once written.
        public var plan: String?
        /// The plan's status (optimal, feasible) once written.
        public var status: String?
        public var message: String?
        public var stopAsked: Bool
        /// A sweep's points or explain's re-solves: how many have ended, of how many.
        public var steps: Int?
        public var stepsDone: Int?

        enum CodingKeys: String, CodingKey {
            case id, scenario, state, place, seconds, objective, bound, mipGap, plan, status, message, stopAsked, steps, stepsDone
        }

        /// Every key, `null` where there is no value: a script reads the same shape in every state.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(scenario, forKey: .scenario)
            try c.encode(state, forKey: .state)
            try c.encode(place, forKey: .place)
            try c.encode(seconds, forKey: .seconds)
            try c.encode(objective, forKey: .objective)
            try c.encode(bound, forKey: .bound)
            try c.encode(mipGap, forKey: .mipGap)
            try c.encode(plan, forKey: .plan)
            try c.encode(status, forKey: .status)
            try c.encode(message, forKey: .message)
            try c.encode(stopAsked, forKey: .stopAsked)
            try c.encode(steps, forKey: .steps)
            try c.encode(stepsDone, forKey: .stepsDone)
        }
    }

    /// What a running job tells: the search's progress, and steps (points, re-solves).
    public struct Reporter: Sendable {
        public var solving: @Sendable (SolveProgress) -> Void
        public var steps: @Sendable (_ done: Int, _ of: Int) -> Void
    }

    /// Runs one plan: `progress` about once a second; the outcome at the end.
    public typealias Runner = @Sendable (Request, SolveControl, Reporter) -> Outcome

    private struct Job {
        var request: Request
        var control = SolveControl()
        var state: State = .queued
        var progress: SolveProgress?
        var steps: (done: Int, of: Int)?
        var started: Date?
        var ended: Double?
        var outcome: Outcome?
        var stopAsked = false
        var watchers: [UUID: AsyncStream<Snapshot>.Continuation] = [:]
        /// The last time a page or a script asked about it.
        var seen: Date
    }

    private struct Board {
        var jobs: [String: Job] = [:]
        var order: [String] = []
        var queue: [String] = []
        var running = 0
        var closed = false
    }

    private let board = Locked(Board())
    private let idle = Locked<[CheckedContinuation<Void, Never>]>([])
    public let slots: Int
    /// How long a job may go unwatched before it is stopped.
    public let grace: Duration
    private let runner: Runner

    public init(slots: Int, grace: Duration = .seconds(30), runner: @escaping Runner) {
        self.slots = max(1, slots)
        self.grace = grace
        self.runner = runner
    }

    /// Queues a plan and starts it when a slot is free; nil once the board is closed (shutting down).
    public func submit(_ request: Request) -> String? {
        let id = String(UUID().uuidString.prefix(8)).lowercased()
        let accepted = board.withLock { b -> Bool in
            guard !b.closed else { return false }
            b.jobs[id] = Job(request: request, seen: Date())
            b.order.append(id)
            b.queue.append(id)
            return true
        }
        guard accepted else { return nil }
        startWhatFits()
        watchForAbandonment(id)
        return id
    }

    public func snapshot(_ id: String, touch: Bool = true) -> Snapshot? {
        board.withLock { b in
            if touch { b.jobs[id]?.seen = Date() }
            return Self.snapshot(id, in: b)
        }
    }

    /// Every job of this run, the newest first.
    public func all() -> [Snapshot] {
        board.withLock { b in b.order.reversed().compactMap { Self.snapshot($0, in: b) } }
    }

    /// A running job stops and keeps its best plan; a queued one leaves the queue.
    public func stop(_ id: String) {
        let changed = board.withLock { b -> Bool in
            guard var job = b.jobs[id], !job.state.isOver else { return false }
            job.stopAsked = true
            job.control.stop()
            if job.state == .queued {
                job.state = .cancelled
                job.ended = 0
                b.queue.removeAll { $0 == id }
            }
            b.jobs[id] = job
            return true
        }
        if changed {
            publish(id)
            // The places behind it moved up.
            publishQueue()
        }
        notifyIfIdle()
    }

    /// Changes of a job as they happen, its current state first; ends with the job.
    public func watch(_ id: String) -> AsyncStream<Snapshot> {
        let key = UUID()
        let (stream, continuation) = AsyncStream<Snapshot>.makeStream(bufferingPolicy: .bufferingNewest(4))
        let current = board.withLock { b -> Snapshot? in
            guard let snapshot = Self.snapshot(id, in: b) else { return nil }
            if !snapshot.state.isOver { b.jobs[id]?.watchers[key] = continuation }
            b.jobs[id]?.seen = Date()
            return snapshot
        }
        guard let current else {
            continuation.finish()
            return stream
        }
        continuation.yield(current)
        if current.state.isOver {
            continuation.finish()
        } else {
            continuation.onTermination = { [weak self] _ in self?.left(id, key) }
        }
        return stream
    }

    /// No new job is taken; every queued one is cancelled and every running
    /// one stopped (keeping its best plan). Returns when all have ended,
    /// their plans written.
    public func shutDown() async {
        let ids = board.withLock { b -> [String] in
            b.closed = true
            return b.order
        }
        for id in ids { stop(id) }
        await untilIdle()
    }

    /// Returns when no job is queued or running.
    public func untilIdle() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now = board.withLock { b in b.running == 0 && b.queue.isEmpty }
            if now { c.resume() } else { idle.withLock { $0.append(c) } }
            // A job may have ended between the two locks.
            notifyIfIdle()
        }
    }

    // MARK: -

    private static func snapshot(_ id: String, in b: Board) -> Snapshot? {
        guard let job = b.jobs[id] else { return nil }
        var plan: String?, status: String?, message: String?
        switch job.outcome {
        case .plan(let planID, let s): plan = "/plan/" + Pages.link(planID.description); status = s
        case .sweep(let sweepID, let s): plan = "/sweep/" + Pages.link(sweepID.description); status = s
        case .failed(let text), .stoppedBeforePlan(let text): message = text
        case nil: break
        }
        let seconds = job.ended ?? job.started.map { Date().timeIntervalSince($0) } ?? 0
        return Snapshot(id: id, scenario: job.request.scenario.name, state: job.state,
                        place: job.state == .queued ? (b.queue.firstIndex(of: id) ?? 0) + 1 : nil,
                        seconds: seconds, objective: job.progress?.incumbent, bound: job.progress?.bound,
                        mipGap: job.progress?.incumbent == nil ? nil : job.progress?.mipGap,
                        plan: plan, status: status, message: message, stopAsked: job.stopAsked,
                        steps: job.steps?.of, stepsDone: job.steps?.done)
    }

    private func startWhatFits() {
        let starting = board.withLock { b -> [(String, Request, SolveControl)] in
            var starting: [(String, Request, SolveControl)] = []
            while b.running < slots, !b.queue.isEmpty {
                let id = b.queue.removeFirst()
                guard var job = b.jobs[id] else { continue }
                job.state = .running
                job.started = Date()
                b.jobs[id] = job
                b.running += 1
                starting.append((id, job.request, job.control))
            }
            return starting
        }
        for (id, request, control) in starting {
            // Every queued job's place moved up.
            publishQueue()
            let thread = Thread { [self] in
                JobBoard.yieldToPages()
                let reporter = Reporter(solving: { [weak self] progress in self?.progressed(id, progress) },
                                        steps: { [weak self] done, of in self?.stepped(id, done, of) })
                let outcome = runner(request, control, reporter)
                finished(id, outcome)
            }
            // GLPK's search and the reader's recursion get more than a secondary thread's 512 KiB.
            thread.stackSize = 16 << 20
            thread.start()
        }
    }

    /// A solve's thread (and the threads it starts) runs at a lower priority
    /// (nice 10) than the server's: with a solve on every core, pages still
    /// answer at once (under `make load-serve` the slowest twentieth of page
    /// requests took 2 s at equal priority). The solve loses nothing when
    /// no page is asked for.
    static func yieldToPages() {
        #if os(Linux)
        // On Linux the nice value is the calling thread's own (0: this thread), and threads it starts inherit it.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }

    private func progressed(_ id: String, _ progress: SolveProgress) {
        board.withLock { $0.jobs[id]?.progress = progress }
        publish(id)
    }

    private func stepped(_ id: String, _ done: Int, _ of: Int) {
        // A total below 0: the same total as before.
        board.withLock { b in
            let total = of >= 0 ? of : (b.jobs[id]?.steps?.of ?? 0)
            b.jobs[id]?.steps = (done, total)
        }
        publish(id)
    }

    private func finished(_ id: String, _ outcome: Outcome) {
        board.withLock { b in
            guard var job = b.jobs[id] else { return }
            job.outcome = outcome
            job.ended = job.started.map { Date().timeIntervalSince($0) } ?? 0
            switch outcome {
            case .plan, .sweep: job.state = .done
            case .failed: job.state = .failed
            case .stoppedBeforePlan: job.state = .stopped
            }
            b.jobs[id] = job
            b.running -= 1
        }
        publish(id)
        startWhatFits()
        notifyIfIdle()
    }

    /// Sends the job's state to its watchers; ends their streams once it is over.
    private func publish(_ id: String) {
        let (snapshot, watchers) = board.withLock { b -> (Snapshot?, [AsyncStream<Snapshot>.Continuation]) in
            guard let snapshot = Self.snapshot(id, in: b) else { return (nil, []) }
            let watchers = Array(b.jobs[id]?.watchers.values ?? [:].values)
            if snapshot.state.isOver { b.jobs[id]?.watchers = [:] }
            return (snapshot, watchers)
        }
        guard let snapshot else { return }
        for w in watchers {
            w.yield(snapshot)
            if snapshot.state.isOver { w.finish() }
        }
    }

    private func publishQueue() {
        for id in board.withLock({ $0.queue }) { publish(id) }
    }

    private func left(_ id: String, _ key: UUID) {
        board.withLock { b in
            b.jobs[id]?.watchers[key] = nil
            b.jobs[id]?.seen = Date()
        }
    }

    /// Stops the job once nobody has watched it or asked about it for `grace`.
    private func watchForAbandonment(_ id: String) {
        let grace = self.grace
        Task.detached { [weak self] in
            while true {
                try? await Task.sleep(for: grace / 4)
                guard let self else { return }
                let abandoned = self.board.withLock { b -> Bool? in
                    guard let job = b.jobs[id], !job.state.isOver else { return nil }
                    return job.watchers.isEmpty && Date().timeIntervalSince(job.seen) > Self.seconds(grace)
                }
                guard let abandoned else { return }
                if abandoned {
                    self.stop(id)
                    return
                }
            }
        }
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    private func notifyIfIdle() {
        let now = board.withLock { b in b.running == 0 && b.queue.isEmpty }
        guard now else { return }
        let waiting = idle.withLock { w -> [CheckedContinuation<Void, Never>] in
            defer { w = [] }
            return w
        }
        waiting.forEach { $0.resume() }
    }
}
