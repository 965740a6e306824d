import Foundation
import Testing
@testable import TeamPlan

/// `cover` on a case counted by hand: anja is ill on Tuesday 12 January
/// 2027 (week 2); who can hold her Baandert session (2 h, 3.25 h with
/// admin and travel), in the documented order.
@Suite struct CoverTests {
    static let scenario = """
        name: Cover
        quarter: {start: 2027-01-04, weeks: 4}
        holidays: none
        overhead: {admin_per_contact_hour: 0.5, travel_hours_per_visit: 0.25}
        previous: q4.json
        pins:
          - {worker: anja, practice: baandert, slot: tue-am}
          - {worker: gijs, practice: stein, slot: tue-am}
          - {worker: ben, practice: baandert, role: backup}
        workers:
          - {id: anja, hours_per_week: 24, available: [tue-am], skills: [debts]}
          - {id: ben, hours_per_week: 32, available: [tue-am], skills: [debts]}
          - {id: carla, hours_per_week: 24, available: [tue-am], skills: [debts], can_substitute: false}
          - {id: dirk, hours_per_week: 24, available: [tue-am], skills: [debts], leave: [{from: 2027-01-11, to: 2027-01-15}]}
          - {id: eva, hours_per_week: 24, available: [tue-am]}
          - {id: femke, hours_per_week: 24, available: [tue-pm], skills: [debts]}
          - {id: gijs, hours_per_week: 24, available: [tue-am], skills: [debts]}
          - {id: hanna, hours_per_week: 20, available: [tue-am], skills: [debts]}
          - {id: ilse, hours_per_week: 10, available: [tue-am], skills: [debts]}
        practices:
          - {id: baandert, municipality: sittard-geleen, sessions_per_week: 1, session_hours: 2, open: [tue-am], requires_skills: [debts], mdo: false}
          - {id: stein, municipality: stein, sessions_per_week: 1, session_hours: 2, open: [tue-am], mdo: false, backups: 0}
        avoid:
          - {worker: carla, practice: stein}
        funding:
          - {id: wmo, budget_hours: 1000, pays_for: [contact, admin, travel, mdo]}
        """
    static let lastQuarter = #"{"scenario": "Q4", "status": "optimal", "sessions": [{"worker": "ilse", "practice": "baandert", "slot": "tue-am"}], "backups": [], "mdo": [], "funding": []}"#

    static func solved() throws -> (folder: TemporaryFolder, evaluation: Evaluation) {
        let folder = TemporaryFolder()
        folder.write("team.yaml", scenario)
        folder.write("q4.json", lastQuarter)
        let s = try #require(ScenarioLoader.load(path: folder.path + "/team.yaml").scenario)
        let plan = try #require(try Planner.solve(s).plan)
        folder.write("plan.json", PlanFile.encode(plan, timing: false))
        return (folder, Evaluation(scenario: s, plan: plan))
    }

    @Test func theColleaguesWhoCouldStandInAreListedBestFirstWithWhyTheOthersCannot() throws {
        let (_, e) = try Self.solved()
        let day = LocalDate(iso: "2027-01-12")!
        let cover = try StandIns(e, worker: "anja", from: day, to: day)
        #expect(cover.needs.count == 1)
        let need = try #require(cover.needs.first)
        #expect(need.practice == "baandert" && need.kind == .session && need.week == 2 && need.hours == 3.25)
        // ben: the designated backup; ilse: Baandert's regular last quarter; hanna: free, no tie to it.
        #expect(need.candidates.map(\.worker) == ["ben", "ilse", "hanna"])
        #expect(need.candidates.map(\.hoursLeft) == [32, 10, 20])
        #expect(need.candidates[0].reasons == ["designated backup of baandert", "free in tue-am on 2027-01-12"])
        #expect(need.candidates[1].reasons == ["a regular of baandert last quarter", "free in tue-am on 2027-01-12"])
        #expect(need.unable.map(\.worker) == ["carla", "dirk", "eva", "femke", "gijs"])
        #expect(need.unable.map(\.why) == ["may not substitute", "on leave on 2027-01-12", "lacks debts", "not available in tue-am",
                                           "holds a session at stein then"])
        // The same in Dutch, practices by name where they have one.
        let stein = e.scenario.practice("stein")!.name
        #expect(need.unable.map(\.dutchWhy) == ["mag niet invallen", "met verlof op 2027-01-12", "mist debts", "niet beschikbaar op di-ochtend",
                                                "heeft dan een spreekuur bij \(stein)"])
        #expect(need.candidates[0].dutchReasons == ["aangewezen vervanger bij \(e.scenario.practice("baandert")!.name)", "vrij op di-ochtend 2027-01-12"])
    }

    @Test func aBackupWhoIsAwayLeavesTheDutyTheyWouldHaveHadToOthers() throws {
        let (_, e) = try Self.solved()
        // anja's leave in week 3 is in the scenario: ben, her backup, would stand in. Now ben is ill too.
        var s = e.scenario
        let anja = s.workers.firstIndex { $0.id == "anja" }!
        s.workers[anja].leave = [DateRange(from: LocalDate(iso: "2027-01-18")!, to: LocalDate(iso: "2027-01-22")!)]
        let withLeave = Evaluation(scenario: s, plan: e.plan)
        let day = LocalDate(iso: "2027-01-19")!
        let cover = try StandIns(withLeave, worker: "ben", from: day, to: day)
        let need = try #require(cover.needs.first)
        #expect(need.kind == .backupDuty && need.covering == "anja" && need.practice == "baandert")
        // ilse was Baandert's regular last quarter; then by hours left: dirk 24, hanna 20.
        #expect(need.candidates.map(\.worker) == ["ilse", "dirk", "hanna"])
        #expect(!need.unable.contains { $0.worker == "anja" }, "the regular who is away is not asked")
    }

    /// The first plan keeps the team size and the pinned backup free (review
    /// finding: it filled the team before the pinned backup had a place).
    @Test func theFirstPlanLeavesThePinnedBackupAPlaceInTheTeamAndFree() throws {
        let folder = TemporaryFolder()
        folder.write("team.yaml", Self.scenario.replacingOccurrences(of: "holidays: none\n", with: "holidays: none\nteam_size: 3\n"))
        folder.write("q4.json", Self.lastQuarter)
        let s = try #require(ScenarioLoader.load(path: folder.path + "/team.yaml").scenario)
        let first = try #require(GreedyPlan.plan(s), "a first plan exists: anja, gijs and ben")
        #expect(first.evaluation.isValid, "\(first.evaluation.violations)")
        #expect(first.plan.backups.contains(WorkerPractice(worker: "ben", practice: "baandert")))
    }

    @Test func theCommandPrintsTheListAndItsJSONAndRefusesAnUnknownWorker() throws {
        let (folder, _) = try Self.solved()
        let run = try Executable.run(["cover", "team.yaml", "plan.json", "--worker", "anja", "--from", "2027-01-12"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Tue 2027-01-12 tue-am (week 2), baandert: anja's session, 3.25 h with admin and travel"), "\(run.stdout)")
        #expect(run.stdout.contains("1.  ben                   32  designated backup of baandert; free in tue-am on 2027-01-12"), "\(run.stdout)")
        #expect(run.stdout.contains("cannot: carla (may not substitute), dirk (on leave on 2027-01-12), eva (lacks debts)"))
        let json = try Executable.run(["cover", "team.yaml", "plan.json", "--worker", "anja", "--from", "2027-01-12", "--json"], in: folder.path)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let need = try #require((object["needs"] as? [[String: Any]])?.first)
        #expect((need["candidates"] as? [[String: Any]])?.compactMap { $0["worker"] as? String } == ["ben", "ilse", "hanna"])
        let unknown = try Executable.run(["cover", "team.yaml", "plan.json", "--worker", "anya", "--from", "2027-01-12"], in: folder.path)
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no worker has the id 'anya'; did you mean 'anja'?"), "\(unknown.stderr)")
    }
}
