import Foundation

/// Large-neighbourhood search around the best plan so far: the sessions and
/// backups of a few practices are set free, every other session and backup
/// is held as the plan has it, and the backend solves that small MIP for a
/// plan better by at least one step of the objective's lattice. A better
/// plan, checked by `Evaluation` as every solver plan is, becomes the new
/// best; the neighbourhoods go round the practices that still have a gap or
/// miss a backup, the most weighted first, and grow when a round of them
/// finds nothing.
struct NeighbourhoodSearch {
    typealias Incumbent = (plan: Plan, evaluation: Evaluation)

    let formulation: Formulation
    let step: Double?
    let options: SolveOptions
    let control: SolveControl?
    /// Seconds one small MIP may take.
    var roundSeconds = 2.0

    /// Better plans until `deadline`, a stop, a plan `enough` says is
    /// proven, or a whole round of neighbourhoods at the largest size finds
    /// nothing; each better plan is passed to `improved`.
    func improve(_ start: Incumbent, until deadline: Date, enough: (Double) -> Bool = { _ in false },
                 improved: (Incumbent) -> Void) throws -> Incumbent {
        var best = start
        var size = 4
        var failures = 0
        var round = 0
        while Date() < deadline, control?.isStopped != true, !enough(best.evaluation.terms.objective) {
            let seeds = Self.seeds(best.evaluation)
            guard !seeds.isEmpty else { break }
            // Every other neighbourhood is the seed's money: the practices
            // its streams pay for (a tight budget is shared by them).
            let seed = seeds[(round / 2) % seeds.count]
            let free = round % 2 == 0 ? neighbourhood(around: seed, size: size, plan: best.plan)
                : sharingMoney(with: seed, size: size, plan: best.plan)
            round += 1
            if let better = try solve(freeing: free, best, until: deadline) {
                best = better
                improved(better)
                failures = 0
            } else {
                failures += 1
                if failures >= 2 * seeds.count {
                    guard size < 16 else { break }
                    size *= 2
                    failures = 0
                }
            }
        }
        return best
    }

    /// The practices that still have something to gain, the most weighted gap first.
    static func seeds(_ e: Evaluation) -> [String] {
        e.practices.filter { $0.gapHours > 0 || $0.missingBackups > 0 }
            .sorted { ($0.priority * $0.gapHours, $0.missingBackups, $1.id) > ($1.priority * $1.gapHours, $1.missingBackups, $0.id) }
            .map(\.id)
    }

    /// The seed practice and, up to `size` in all, the practices of the
    /// workers who could hold a session there (in the scenario's order).
    func neighbourhood(around seed: String, size: Int, plan: Plan) -> Set<String> {
        var free: Set<String> = [seed]
        let workers = formulation.sessions.filter { $0.practice == seed }.map(\.worker)
        var seen = Set<String>()
        for worker in workers where seen.insert(worker).inserted {
            for session in plan.sessions where session.worker == worker && free.count < size {
                free.insert(session.practice)
            }
            if free.count >= size { break }
        }
        return free
    }

    /// The seed practice and, up to `size` in all, the practices paid by
    /// the streams that pay the seed's contact hours, served ones first
    /// (they hold the money the seed could use), in the scenario's order.
    func sharingMoney(with seed: String, size: Int, plan: Plan) -> Set<String> {
        let scenario = formulation.scenario
        guard let practice = scenario.practice(seed) else { return [seed] }
        let streams = scenario.funding.filter { $0.pays(for: .contact) && $0.covers(practice) }
        let served = Set(plan.sessions.map(\.practice))
        let sharing = scenario.practices.filter { other in other.id != seed && streams.contains { $0.covers(other) } }
        var free: Set<String> = [seed]
        for other in sharing.filter({ served.contains($0.id) }) + sharing.filter({ !served.contains($0.id) })
        where free.count < size {
            free.insert(other.id)
        }
        return free
    }

    /// The best plan with only `free`'s sessions and backups changed, if it
    /// beats `best` by a step.
    func solve(freeing free: Set<String>, _ best: Incumbent, until deadline: Date) throws -> Incumbent? {
        var model = formulation.holding(best.plan, except: free)
        model.objectiveAtMost(Planner.cutoff(below: best.evaluation.terms.objective, step: step))
        var sub = options
        sub.verbose = false
        sub.timeLimit = min(roundSeconds, max(0.01, deadline.timeIntervalSinceNow))
        let raw = try options.backend.solve(model, options: sub, objectiveStep: step, control: control, progress: nil)
        guard raw.status == .optimal || raw.status == .feasible else { return nil }
        guard let plan = try Planner.checkedPlan(formulation, raw: raw, status: .feasible, backend: options.backend) else { return nil }
        let evaluation = Evaluation(scenario: formulation.scenario, plan: plan)
        return evaluation.terms.objective < best.evaluation.terms.objective ? (plan, evaluation) : nil
    }
}

extension Formulation {
    /// The model with every session and backup column outside `free`'s
    /// practices held at its value in `plan`.
    func holding(_ plan: Plan, except free: Set<String>) -> LinearModel {
        var model = self.model
        let sessions = Set(plan.sessions)
        let backups = Set(plan.backups)
        for v in self.sessions where !free.contains(v.practice) {
            let on = sessions.contains(Plan.Session(worker: v.worker, practice: v.practice, slot: v.slot.name))
            model.fix(v.index, to: on ? 1 : 0)
        }
        for v in self.backups where !free.contains(v.practice) {
            model.fix(v.index, to: backups.contains(WorkerPractice(worker: v.worker, practice: v.practice)) ? 1 : 0)
        }
        return model
    }
}
