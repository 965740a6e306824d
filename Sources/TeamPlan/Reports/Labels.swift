extension Language {
    public var labels: Labels { self == .nl ? .dutch : .english }
}

/// Every label a person reads in the summary, report.html and the
/// calendars, one table per language. (Rule messages and warnings come from
/// Evaluation and stay English.)
public struct Labels: Sendable {
    // Summary.
    var optimalIn: @Sendable (String, String) -> String
    var feasible: @Sendable (String, String, String, String) -> String
    /// A feasible plan without a bound: the search was stopped before its first LP.
    var feasibleNoBound: @Sendable (String, String) -> String
    var noPlan: @Sendable (String) -> String
    /// name, status, seconds.
    var noPlanAfter: @Sendable (String, String, String) -> String
    var solveLine: @Sendable (SolveLineParts) -> String
    var objective: String
    var weightedGap: String
    var missingBackup: (String, String)
    var pair: (String, String)
    var droppedPair: (String, String)
    var droppedSession: (String, String)
    var unmetPreference: String
    var capacityGap: @Sendable (String, String, String) -> String
    var gapByPractice: String
    var gapHeader: [String]
    var whoWhere: String
    var noSessions: String
    var scheduleHeader: [String]
    var backupsHeader: [String]
    var fundingUsed: String
    var fundingHeader: [String]
    var warnings: String
    var readFromFile: @Sendable (String) -> String
    /// Where the solve's time went: the line's start, then first plan,
    /// within 1 %, within 0.5 %, last better plan, proven (each followed by its seconds).
    var timeWent: (line: String, firstPlan: String, within: String, withinHalf: String, lastImprovement: String, proven: String)
    /// Where the outputs went: the folder and the files; the report's path.
    public var writtenTo: @Sendable (String, String) -> String
    public var theReport: @Sendable (String) -> String
    // Continuity.
    var changesHeading: @Sendable (String) -> String
    var changesHeader: [String]
    var stays: String, leaves: String, isNew: String
    /// A session against last quarter's: kept, moved (from, to), dropped, new.
    var sessionKept: @Sendable (String) -> String, sessionMoved: @Sendable (String, String) -> String
    var sessionDropped: @Sendable (String) -> String, sessionNew: @Sendable (String) -> String
    /// kept, moved, dropped, new.
    var sessionCounts: @Sendable (Int, Int, Int, Int) -> String
    // Replan: date, week k, weeks T.
    var replanHeading: @Sendable (String, Int, Int) -> String
    var replanHeader: [String]
    var replanNothing: String
    var replanEnds: @Sendable (String) -> String, replanStarts: @Sendable (String) -> String
    var replanBackupStarts: String, replanBackupEnds: String
    /// stream, spent, budget, left.
    var replanMoney: @Sendable (String, String, String, String) -> String
    var replanOverspent: String
    /// gap hours of the weeks before, their number.
    var replanWholeGap: @Sendable (String, Int) -> String
    /// The replan's week: what the report's charts and tables cover.
    var replanWholeQuarter: @Sendable (Int) -> String
    /// The line in the week grid: the replan's date.
    var replanFromMark: @Sendable (String) -> String
    var replanUncounted: @Sendable (String) -> String
    /// pairs kept, objective, extra objective, extra gap h, extra missing backups.
    var whyDropped: @Sendable (String, String, String, String, Int) -> String
    var noPlanKeeps: @Sendable (String) -> String
    var cannotStay: @Sendable (String) -> String
    var notProvenBest: String
    // Report.
    var quarterLine: @Sendable (String, String, Int, Int, Int) -> String
    var statusLabel: String, statusOptimal: String, statusFeasible: @Sendable (String) -> String, statusNoBound: String
    var gapLabel: String, gapSentence: @Sendable (String, String, String) -> String, noGap: String, andMore: @Sendable (Int) -> String
    var fundsLabel: String, of: String, hourUnit: String, none: String, alsoLabel: String
    var practicesHeading: String, practicesChart: String, hoursWord: String
    var heldByRegular: String, coveredByBackup: String, lostNoBackup: String, notPlanned: String, closedHoliday: String
    var priority: String
    var workersHeading: String, workersChart: String, hoursAWeek: String, reserved: String, contractHours: String
    var moneyHeading: String, moneyChart: String, hoursQuarter: String, used: String, left: String, budget: String
    var weeksHeading: String, practice: String, week: String, held: String, covered: String, lost: String, closed: String
    var sessionNotPlanned: String
    var weekHeading: String, day: String, from: String
    var backupsHeading: String, regulars: String, backups: String, mdoAttendee: String, missingBackups: String
    var gapTableHeading: String, sessionsAWeek: String
    public var gapH: String
    var workersTable: [String]
    var fundingHeading: String, fundingTable: [String]
    var footer: String
    // Explain.
    var whyGapHeading: String, whyGapIntro: String
    var explainPractice: @Sendable (String, String) -> String
    var explainHeader: [String], explainTableHeader: [String]
    var noSingleFamily: String, noGapToExplain: String
    /// Nothing measured removes any of the gap, but some families were not measured.
    var noneMeasuredRemoves: @Sendable (Int) -> String
    var moreWouldBuy: @Sendable (String) -> String, moreHeading: String, marginalsHeader: [String]
    var notProvenNote: String, notMeasured: @Sendable (Int, String) -> String, notRunInterrupted: String
    /// Re-solves stopped at their time limit with nothing better found: count, names.
    var notKnown: @Sendable (Int, String) -> String
    /// A change in words (ScenarioChange), given its parts.
    public var change: @Sendable (ScenarioChange) -> String
    // Calendars.
    var sessionSummary: @Sendable (String) -> String
    var sessionDescription: @Sendable (String, String, String, String) -> String
    /// A closed day's name in this language.
    var closedDayName: @Sendable (Holiday) -> String
    /// The quarter's closed days, named: `Closed: 2027-02-08 Carnival Monday, …`.
    var closedOn: @Sendable ([String]) -> String
    var coverSummary: @Sendable (String, String) -> String
    var coverDescription: @Sendable (String, String, String) -> String
    var dayName: @Sendable (Weekday) -> String
    /// How this language writes numbers.
    public var numbers: NumberStyle
    public var language: Language

    public static let english = Labels(
        optimalIn: { "\($0): optimal plan (proven) in \($1)" },
        feasible: { "\($0): feasible plan, not proven optimal: stopped at MIP gap \($1) (bound \($2)) after \($3)" },
        feasibleNoBound: { "\($0): feasible plan, not proven optimal: the plan built before the search, which was stopped after \($1) without a bound" },
        noPlan: { "\($0): no plan" },
        noPlanAfter: { "\($0): no plan (\($1)) after \($2)" },
        solveLine: { p in
            "Solved in \(p.seconds): \(p.variables) variables (\(p.integers) integer), \(p.rows) rows; "
                + (p.bound.map { "bound \($0), MIP gap \(p.mipGap)" } ?? "no bound yet (the search was stopped before its first LP)")
                + (p.rootBound.map { "; root LP bound \($0)" } ?? "") + (p.rootSeconds.map { " after \($0)" } ?? "")
                + ", \(Format.count(p.nodes, "subproblem"))"
        },
        objective: "Objective", weightedGap: "priority-weighted gap h",
        missingBackup: ("missing backup", "missing backups"), pair: ("pair", "pairs"), droppedPair: ("dropped pair", "dropped pairs"),
        droppedSession: ("dropped session", "dropped sessions"), unmetPreference: "unmet preference",
        capacityGap: { "Capacity gap: \($0) h of the \($1) session-hours asked (\($2))" },
        gapByPractice: "Gap by practice:", gapHeader: ["practice", "priority", "sessions/wk", "gap h", "not planned h", "lost h"],
        whoWhere: "Who goes where and when (every week):", noSessions: "no sessions",
        scheduleHeader: ["worker", "practice", "slot", "time", "hours"], backupsHeader: ["practice", "backups", "MDO attendee"],
        fundingUsed: "Funding used:", fundingHeader: ["stream", "used h", "budget h", "used", "budget", "share"],
        warnings: "Warnings:",
        readFromFile: { "Plan read from a file and checked against the scenario (status as the file states it: \($0))." },
        timeWent: ("Where the time went:", "first plan after", "within 1 % after", "within 0.5 % after", "last better plan after", "proven after"),
        writtenTo: { "Written to \($0)/ (\($1))" }, theReport: { "The report: \($0)" },
        changesHeading: { "Changes against last quarter (\($0)):" }, changesHeader: ["worker", "practice", "change", "sessions"],
        stays: "stays", leaves: "leaves", isNew: "new",
        sessionKept: { "\($0) kept" }, sessionMoved: { "\($0) → \($1)" }, sessionDropped: { "\($0) dropped" }, sessionNew: { "\($0) new" },
        sessionCounts: { "Sessions against last quarter: \($0) kept, \($1) moved to another slot, \($2) dropped, \($3) new." },
        replanHeading: { "What changes from \($0) (week \($1) of \($2); the weeks before are as the current plan made them):" },
        replanHeader: ["worker", "practice", "change"], replanNothing: "nothing: the current plan stays as it is.",
        replanEnds: { "\($0) ends" }, replanStarts: { "\($0) starts" }, replanBackupStarts: "becomes a backup", replanBackupEnds: "no longer a backup",
        replanMoney: { "\($0): history spent \($1) h of \($2) h; \($3) h left for the rest of the quarter" },
        replanOverspent: "(history already spent more than the budget: nothing is left)",
        replanWholeGap: { "weeks 1–\($1), as the current plan made them: \($0) gap h (weeks.csv and funding.csv cover the whole quarter)" },
        replanWholeQuarter: { "Below, the answer, the workers' week and the tables are the new plan's, from week \($0); the charts of practices and of money and the week grid cover the whole quarter: weeks 1–\($0 - 1) as the current plan held them, then the new plan." },
        replanFromMark: { "the new plan from \($0)" },
        replanUncounted: { "not counted in the weeks before (their worker or practice is no longer in the scenario, so their hours and money are not known): \($0)" },
        whyDropped: { "Why: the best plan that keeps \($0) has objective \($1), \($2) more: \($3) gap h and \($4) missing backups more." },
        noPlanKeeps: { "Why: no plan keeps \($0) (pins, team size, contract hours or practice limits rule it out)." },
        cannotStay: { "\($0): no plan can have this pair any more (skills, availability or hours changed)." },
        notProvenBest: " (that plan is not proven best: the time limit stopped it)",
        quarterLine: { "Quarter \($0) to \($1), \($2) weeks · \($3) workers · \($4) practices" },
        statusLabel: "Status", statusOptimal: "the best plan by the scenario's objective (proven optimal)",
        statusFeasible: { "a valid plan, not proven best: stopped at a MIP gap of \($0)" },
        statusNoBound: "a valid plan, not proven best: the plan built before the search, which was stopped without a bound",
        gapLabel: "Capacity gap", gapSentence: { "\($0) h of the \($1) consultation hours asked (\($2))" },
        noGap: "every practice gets what it asked", andMore: { "and \($0) more" },
        fundsLabel: "Funds used", of: "of", hourUnit: "h", none: "none", alsoLabel: "Also",
        practicesHeading: "Practices: hours asked and what happens to them",
        practicesChart: "Consultation hours per practice over the quarter", hoursWord: "hours",
        heldByRegular: "held by the regular", coveredByBackup: "covered by a backup", lostNoBackup: "lost (leave, no backup)",
        notPlanned: "not planned", closedHoliday: "closed (holiday)", priority: "priority",
        workersHeading: "Workers: a planned week against the contract", workersChart: "Weekly load per worker",
        hoursAWeek: "hours a week", reserved: "reserved", contractHours: "contract hours",
        moneyHeading: "Money: each stream's budget", moneyChart: "Budget used and left per funding stream",
        hoursQuarter: "hours over the quarter", used: "used", left: "left", budget: "budget",
        weeksHeading: "Every week at every practice", practice: "practice", week: "week", held: "held", covered: "covered",
        lost: "lost", closed: "closed", sessionNotPlanned: "a session not planned",
        weekHeading: "The week: who is where", day: "day", from: "from",
        backupsHeading: "Backups and MDO", regulars: "regulars", backups: "backups", mdoAttendee: "MDO attendee",
        missingBackups: "missing backups",
        gapTableHeading: "Gap by practice", sessionsAWeek: "sessions a week", gapH: "gap h",
        workersTable: ["worker", "contract h/wk", "reserved", "load", "free", "utilisation", "practices", "backup for"],
        fundingHeading: "Funding", fundingTable: ["stream", "used h", "budget h", "used", "budget"],
        footer: "Made by teamplan from the scenario and checked against its rules. Gap hours: consultation hours a practice asked for and does not get.",
        whyGapHeading: "Why the gap",
        whyGapIntro: "Each family of limits lifted alone, the scenario solved again: how much of each practice's gap goes away. * not proven (the re-solve stopped at its time limit).",
        explainPractice: { "\($0): \($1) gap h. With one limit lifted at a time:" },
        explainHeader: ["limit lifted", "gap h removed", "of the gap"],
        explainTableHeader: ["practice", "gap h", "limit lifted", "gap h removed", "of the gap"],
        noSingleFamily: "no single family of limits removes any of it (it takes several at once)",
        noGapToExplain: "No practice has a gap: nothing to explain.",
        noneMeasuredRemoves: { "none of the limits that were measured removes any of it; \($0 == 1 ? "1 family" : "\($0) families") could not be measured (see below), so nothing is known of those" },
        moreWouldBuy: { "What more would buy (gap \($0) h now):" }, moreHeading: "What more would buy",
        marginalsHeader: ["change", "gap h removed", "extra", "€ per gap h"],
        notProvenNote: "* not proven: the re-solve stopped at its time limit (the effect is at least what is shown)",
        notMeasured: { "Not measured (\($0)): \($1)" }, notRunInterrupted: "not run: interrupted",
        notKnown: { "Not known (\($0)): \($1) — stopped at the time limit with no plan better than this one; a longer --time-limit may tell" },
        change: { $0.description },
        sessionSummary: { "Consultation hours at \($0)" },
        sessionDescription: { "Weekly session of \($0) h at \($1) (\($2)), planned by teamplan for \($3). Not held on holidays, closures and your leave; those dates are left out." },
        closedDayName: { $0.name },
        closedOn: { "Closed: \($0.joined(separator: ", "))." },
        coverSummary: { "Standing in at \($0) for \($1)" },
        coverDescription: { "You are a backup of \($0); \($1) is on leave on \($2)." },
        dayName: { $0.englishName },
        numbers: .english, language: .en)

    public static let dutch = Labels(
        optimalIn: { "\($0): optimaal plan (bewezen) in \($1)" },
        feasible: { "\($0): geldig plan, niet bewezen optimaal: gestopt bij MIP-gap \($1) (grens \($2)) na \($3)" },
        feasibleNoBound: { "\($0): geldig plan, niet bewezen optimaal: het plan van vóór de zoektocht, die na \($1) stopte zonder ondergrens" },
        noPlan: { "\($0): geen plan" },
        noPlanAfter: { "\($0): geen plan (\($1)) na \($2)" },
        solveLine: { p in
            "Opgelost in \(p.seconds): \(p.variables) variabelen (\(p.integers) geheeltallig), \(p.rows) restricties; "
                + (p.bound.map { "ondergrens \($0), MIP-gap \(p.mipGap)" } ?? "nog geen ondergrens (de zoektocht stopte vóór de eerste LP)")
                + (p.rootBound.map { "; LP-grens van de wortel \($0)" } ?? "") + (p.rootSeconds.map { " na \($0)" } ?? "")
                + ", \(Format.count(p.nodes, "deelprobleem", "deelproblemen"))"
        },
        objective: "Doelwaarde", weightedGap: "gewogen tekorturen",
        missingBackup: ("ontbrekende vervanger", "ontbrekende vervangers"), pair: ("koppel", "koppels"),
        droppedPair: ("vervallen koppel", "vervallen koppels"),
        droppedSession: ("vervallen spreekuur", "vervallen spreekuren"), unmetPreference: "onvervulde voorkeur",
        capacityGap: { "Capaciteitstekort: \($0) u van de \($1) gevraagde spreekuururen (\($2))" },
        gapByPractice: "Tekort per praktijk:", gapHeader: ["praktijk", "prioriteit", "spreekuren/wk", "tekort u", "niet gepland u", "vervallen u"],
        whoWhere: "Wie gaat waar en wanneer (elke week):", noSessions: "geen spreekuren",
        scheduleHeader: ["medewerker", "praktijk", "dagdeel", "tijd", "uren"], backupsHeader: ["praktijk", "vervangers", "MDO"],
        fundingUsed: "Gebruikte financiering:", fundingHeader: ["stroom", "gebruikt u", "budget u", "gebruikt", "budget", "deel"],
        warnings: "Waarschuwingen:",
        readFromFile: { "Plan gelezen uit een bestand en getoetst aan het scenario (status volgens het bestand: \($0))." },
        timeWent: ("Waar de tijd bleef:", "eerste plan na", "binnen 1 % na", "binnen 0,5 % na", "laatste beter plan na", "bewezen na"),
        writtenTo: { "Geschreven naar \($0)/ (\($1))" }, theReport: { "Het rapport: \($0)" },
        changesHeading: { "Veranderingen ten opzichte van vorig kwartaal (\($0)):" }, changesHeader: ["medewerker", "praktijk", "verandering", "spreekuren"],
        stays: "blijft", leaves: "vertrekt", isNew: "nieuw",
        sessionKept: { "\($0) blijft" }, sessionMoved: { "\($0) → \($1)" }, sessionDropped: { "\($0) vervalt" }, sessionNew: { "\($0) nieuw" },
        sessionCounts: { "Spreekuren ten opzichte van vorig kwartaal: \($0) behouden, \($1) naar een ander dagdeel, \($2) vervallen, \($3) nieuw." },
        replanHeading: { "Wat er verandert vanaf \($0) (week \($1) van \($2); de weken ervoor blijven zoals het huidige plan ze maakte):" },
        replanHeader: ["medewerker", "praktijk", "verandering"], replanNothing: "niets: het huidige plan blijft zoals het is.",
        replanEnds: { "\($0) stopt" }, replanStarts: { "\($0) begint" }, replanBackupStarts: "wordt vervanger", replanBackupEnds: "niet langer vervanger",
        replanMoney: { "\($0): de weken ervoor gebruikten \($1) u van \($2) u; \($3) u over voor de rest van het kwartaal" },
        replanOverspent: "(de weken ervoor gebruikten al meer dan het budget: er is niets over)",
        replanWholeGap: { "week 1–\($1), zoals het huidige plan ze maakte: \($0) tekorturen (weeks.csv en funding.csv beslaan het hele kwartaal)" },
        replanWholeQuarter: { "Hieronder zijn het antwoord, de week van de medewerkers en de tabellen van het nieuwe plan, vanaf week \($0); de grafieken van praktijken en geld en het weekoverzicht beslaan het hele kwartaal: week 1–\($0 - 1) zoals het huidige plan ze hield, daarna het nieuwe plan." },
        replanFromMark: { "het nieuwe plan vanaf \($0)" },
        replanUncounted: { "niet meegeteld in de weken ervoor (medewerker of praktijk staat niet meer in het scenario, dus uren en geld zijn niet bekend): \($0)" },
        whyDropped: { "Waarom: het beste plan dat \($0) houdt heeft doelwaarde \($1), \($2) meer: \($3) tekorturen en \($4) ontbrekende vervangers meer." },
        noPlanKeeps: { "Waarom: geen plan kan \($0) houden (vastgezette keuzes, teamgrootte, contracturen of praktijkgrenzen sluiten het uit)." },
        cannotStay: { "\($0): geen plan kan dit koppel nog hebben (vaardigheden, beschikbaarheid of uren veranderd)." },
        notProvenBest: " (dat plan is niet bewezen het beste: de tijdslimiet stopte het)",
        quarterLine: { "Kwartaal \($0) t/m \($1), \($2) weken · \($3) medewerkers · \($4) praktijken" },
        statusLabel: "Status", statusOptimal: "het beste plan volgens de doelstelling van het scenario (bewezen optimaal)",
        statusFeasible: { "een geldig plan, niet bewezen het beste: gestopt bij een MIP-gap van \($0)" },
        statusNoBound: "een geldig plan, niet bewezen het beste: het plan van vóór de zoektocht, die stopte zonder ondergrens",
        gapLabel: "Capaciteitstekort", gapSentence: { "\($0) u van de \($1) gevraagde spreekuururen (\($2))" },
        noGap: "elke praktijk krijgt wat ze vroeg", andMore: { "en nog \($0)" },
        fundsLabel: "Gebruikt budget", of: "van", hourUnit: "u", none: "geen", alsoLabel: "Verder",
        practicesHeading: "Praktijken: gevraagde uren en wat ermee gebeurt",
        practicesChart: "Spreekuururen per praktijk in het kwartaal", hoursWord: "uren",
        heldByRegular: "door de vaste medewerker", coveredByBackup: "door een vervanger", lostNoBackup: "vervallen (verlof, geen vervanger)",
        notPlanned: "niet gepland", closedHoliday: "gesloten (feestdag)", priority: "prioriteit",
        workersHeading: "Medewerkers: een geplande week naast het contract", workersChart: "Weekbelasting per medewerker",
        hoursAWeek: "uren per week", reserved: "gereserveerd", contractHours: "contracturen",
        moneyHeading: "Geld: het budget per financieringsstroom", moneyChart: "Gebruikt en resterend budget per stroom",
        hoursQuarter: "uren in het kwartaal", used: "gebruikt", left: "over", budget: "budget",
        weeksHeading: "Elke week bij elke praktijk", practice: "praktijk", week: "week", held: "gehouden", covered: "vervangen",
        lost: "vervallen", closed: "gesloten", sessionNotPlanned: "spreekuur niet gepland",
        weekHeading: "De week: wie is waar", day: "dag", from: "vanaf",
        backupsHeading: "Vervangers en MDO", regulars: "vaste medewerkers", backups: "vervangers", mdoAttendee: "MDO",
        missingBackups: "ontbrekende vervangers",
        gapTableHeading: "Tekort per praktijk", sessionsAWeek: "spreekuren per week", gapH: "tekort u",
        workersTable: ["medewerker", "contract u/wk", "gereserveerd", "belasting", "vrij", "bezetting", "praktijken", "vervanger voor"],
        fundingHeading: "Financiering", fundingTable: ["stroom", "gebruikt u", "budget u", "gebruikt", "budget"],
        footer: "Gemaakt door teamplan uit het scenario en getoetst aan de regels. Tekorturen: spreekuururen die een praktijk vroeg en niet krijgt.",
        whyGapHeading: "Waarom het tekort",
        whyGapIntro: "Telkens één soort grens opgeheven en het scenario opnieuw opgelost: hoeveel van het tekort van elke praktijk verdwijnt. * niet bewezen (de berekening stopte bij haar tijdslimiet).",
        explainPractice: { "\($0): \($1) tekorturen. Met telkens één grens opgeheven:" },
        explainHeader: ["opgeheven grens", "tekorturen weg", "van het tekort"],
        explainTableHeader: ["praktijk", "tekort u", "opgeheven grens", "tekorturen weg", "van het tekort"],
        noSingleFamily: "geen enkele grens alleen haalt er iets van weg (er zijn er meer tegelijk nodig)",
        noGapToExplain: "Geen praktijk heeft een tekort: niets te verklaren.",
        noneMeasuredRemoves: { "geen van de gemeten grenzen haalt er iets van weg; \($0 == 1 ? "1 soort grens kon" : "\($0) soorten grenzen konden") niet worden gemeten (zie onder), daarover is dus niets bekend" },
        moreWouldBuy: { "Wat meer zou opleveren (nu \($0) tekorturen):" }, moreHeading: "Wat meer zou opleveren",
        marginalsHeader: ["verandering", "tekorturen weg", "extra", "€ per tekortuur"],
        notProvenNote: "* niet bewezen: de berekening stopte bij haar tijdslimiet (het effect is minstens wat er staat)",
        notMeasured: { "Niet gemeten (\($0)): \($1)" }, notRunInterrupted: "niet berekend: onderbroken",
        notKnown: { "Onbekend (\($0)): \($1) — gestopt bij de tijdslimiet zonder een beter plan dan dit; een langere --time-limit kan het laten zien" },
        change: { change in
            switch change {
            case .skills: "vaardigheden (iedereen overal inzetbaar)"
            case .availability: "beschikbaarheid (iedereen vrij op elk dagdeel)"
            case .workerHours: "contracturen (geen weekgrens)"
            case .budget(let stream): "budget van \(stream) (onbeperkt)"
            case .scope(let stream): "wat \(stream) betaalt (elke activiteit, elke praktijk)"
            case .maxWorkersAndPractices: "maximum medewerkers per praktijk en praktijken per medewerker"
            case .teamSize: "teamgrootte"
            case .leave: "verlof (niemand afwezig)"
            case .budgetScale(let stream, let factor): "budget van \(stream) +\(NumberStyle.dutch.apply(Format.hours((factor - 1) * 100))) %"
            case .extraWorker(let skills):
                "één medewerker meer (\(skills.isEmpty ? "geen vaardigheden" : skills.joined(separator: ", ")), \(NumberStyle.dutch.apply(Format.hours(ScenarioChange.extraWorkerHours))) u/week)"
            }
        },
        sessionSummary: { "Spreekuur bij \($0)" },
        sessionDescription: { "Wekelijks spreekuur van \($0) u bij \($1) (\($2)), gepland door teamplan voor \($3). Niet op feestdagen, sluitingsdagen en tijdens je verlof; die data zijn weggelaten." },
        closedDayName: { $0.dutchName },
        closedOn: { "Gesloten: \($0.joined(separator: ", "))." },
        coverSummary: { "Invallen bij \($0) voor \($1)" },
        coverDescription: { "Je bent vervanger bij \($0); \($1) heeft verlof op \($2)." },
        dayName: { $0.dutchName },
        numbers: .dutch, language: .nl)
}

/// Numbers as this language writes them: `552.5` / `552,5`, `€ 38,000` / `€ 38.000`.
extension Labels {
    public func hours(_ value: Double) -> String { numbers.apply(Format.hours(value)) }
    public func euros(_ value: Double) -> String { numbers.apply(Format.euros(value)) }
    public func rate(_ value: Double) -> String { numbers.apply(Format.rate(value)) }
    public func exact(_ value: Double) -> String { numbers.apply(Format.exact(value)) }
    public func seconds(_ value: Double) -> String { numbers.apply(Format.seconds(value)) }
    public func percent(_ fraction: Double) -> String { numbers.apply(Format.percent(fraction)) }
    public func percent(_ part: Double, of whole: Double) -> String { numbers.apply(Format.percent(part, of: whole)) }
    public func grouped(_ n: Int) -> String { numbers.apply(Format.grouped(n)) }
}

extension Labels {
    /// A day part for a reader: `am`; Dutch `ochtend`.
    public func partName(_ part: String) -> String { language.partName(part) }
    /// A slot for a reader: `tue-am`; Dutch `di-ochtend`.
    public func slotName(_ slot: Slot) -> String { language.slotName(slot) }
    /// A slot's text as written in a scenario (`tue-am`) for a reader; text that is not a slot stays as it is.
    public func slotName(_ text: String) -> String { language.slotName(text) }
    /// A day's short name: `mon`; Dutch `ma`.
    public func dayShortName(_ day: Weekday) -> String { language.dayShortName(day) }
}

extension Labels {
    /// What a worker's hours go to: contact, admin, travel, MDO.
    public func activity(_ activity: Activity) -> String {
        switch (activity, language) {
        case (.contact, .en): "contact"
        case (.admin, .en): "admin"
        case (.travel, .en): "travel"
        case (.mdo, _): "MDO"
        case (.contact, .nl): "cliëntcontact"
        case (.admin, .nl): "administratie"
        case (.travel, .nl): "reistijd"
        }
    }

    /// A column that counts sessions, said so: `held (sessions)`.
    public func inSessions(_ column: String) -> String {
        language == .nl ? "\(column) (spreekuren)" : "\(column) (sessions)"
    }
}

extension Labels {
    /// A solve's status in a word: `optimal`; Dutch `optimaal`.
    func statusWord(_ status: SolveResult.Status) -> String {
        guard language == .nl else { return status.rawValue }
        switch status {
        case .optimal: return "optimaal"
        case .feasible: return "geldig"
        case .noPlan: return "geen plan"
        case .stopped: return "gestopt"
        }
    }
}

extension Labels {
    /// What the least-money tie-break found, in a sentence: the money, and
    /// whether no plan of the objective spends less, or how little one might.
    /// In a replan, `from` says that the money is that of the weeks planned anew.
    public func leastMoney(_ least: LeastMoney, from: LocalDate? = nil) -> String {
        let nl = language == .nl
        func amount(_ value: Double) -> String {
            least.unit == .euros ? euros(value) : hours(value) + (nl ? " u betaald" : " h paid")
        }
        var line = (nl ? "Minste geld" : "Least money") + (from.map { nl ? " vanaf \($0)" : " from \($0)" } ?? "") + ": " + amount(least.money)
        func might(_ why: String) -> String {
            least.bound.map { nl ? "; een plan met deze doelwaarde kost misschien maar \(amount($0)) (\(why))" : "; a plan with this objective might cost as little as \(amount($0)) (\(why))" }
                ?? (nl ? "; niet bewezen het minste (\(why))" : "; not proven the least (\(why))")
        }
        switch least.ending {
        case .proven:
            line += nl ? " — geen plan met deze doelwaarde kost minder" : " — no plan with this objective costs less"
        case .timeLimit:
            line += might(nl ? "de tijdslimiet stopte de tweede zoektocht" : "the time limit stopped the second search")
        case .searchLimit:
            line += might(nl ? "zonder --time-limit krijgt de tweede zoektocht zo lang als de eerste, minstens 30 s; geef --time-limit voor meer"
                : "without --time-limit the second search gets as long as the first took, at least 30 s; give --time-limit for more")
        case .mipGap:
            line += might(nl ? "de tweede zoektocht stopte bij de gevraagde MIP-gap" : "the second search ended at the --mip-gap asked for")
        case .stopped:
            line += might(nl ? "de tweede zoektocht werd gestopt" : "the second search was stopped")
        case .noTime:
            line += nl ? "; niet bewezen het minste (de tijdslimiet liet geen tijd voor de tweede zoektocht)"
                : "; not proven the least (the time limit left no time for the second search)"
        case .rejected:
            line += nl ? "; niet bewezen het minste (het plan van de tweede zoektocht lag een fractie boven de beste doelwaarde, binnen de tolerantie van de solver, en is niet genomen)"
                : "; not proven the least (the second search's plan was a hair above the best objective, within the solver's tolerance, and was not taken)"
        }
        if least.money < least.before - 1e-6 * max(1, least.before) {
            line += nl ? " (het eerst gevonden plan kostte \(amount(least.before)))" : " (the plan found first cost \(amount(least.before)))"
        }
        if least.unit == .hours { line += nl ? "; geen stroom heeft een tarief" : "; no stream has a tariff" }
        if !least.unpriced.isEmpty {
            let names = least.unpriced.joined(separator: ", ")
            line += nl ? "; uren van \(names) (geen tarief) tellen niet als geld" : "; hours of \(names) (no tariff) count as no money"
        }
        return line + "."
    }
}
