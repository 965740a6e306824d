/// Every word of ours a sweep writes for people — sweep.html, sweep.svg,
/// sweep.csv's headers and the lines the executable prints — one table per
/// language. Numbers are written by `Labels` (`l.hours`, `l.euros`,
/// `l.percent`); the CSV's dialect by `CSVDialect`.
struct SweepWords: Sendable {
    var gapChart: String, gapAxis: String
    var objectiveChart: String, objectiveAxis: String
    var moneyChart: String, moneyAxis: String
    /// The one line of a sweep without an axis.
    var plan: String
    /// An axis as a person reads it: `team size`, `budget of wmo ×`.
    var teamSize: String, hoursScale: String, everyBudget: String, budgetOf: @Sendable (String) -> String, scenario: String
    /// The key of a chart: a hollow marker, a mark on the x axis.
    var hollowKey: String, absentKey: String
    /// A point's value in a tooltip: gap hours, objective, euros.
    var gapValue: @Sendable (String) -> String, objectiveValue: @Sendable (String) -> String
    /// A plan not proven best: its MIP gap and bound, or none yet.
    var notProven: @Sendable (String, String) -> String, notProvenNoBound: String
    /// Why a point cut short by a stop (Ctrl-C, scancel) is what it is.
    var interrupted: String
    var noPlan: String
    /// points solved, of, proven; stopped with a plan; without a plan.
    var solved: @Sendable (Int, Int, Int) -> String, unproven: @Sendable (Int) -> String, withoutPlan: @Sendable (Int) -> String
    var stoppedEarly: String
    var stepsHeading: String
    /// from, to, gap before, gap after, the change.
    var step: @Sendable (String, String, String, String, String) -> String
    /// A step to or from a plan not proven best: the point, its MIP gap.
    /// A step to or from points not proven: each point's stop (at a MIP
    /// gap; before any bound), then what that means for the step.
    var stepStoppedAt: @Sendable (String, String) -> String, stepStoppedNoBound: @Sendable (String) -> String,
        stepNotProven: @Sendable ([String]) -> String
    /// A step to or from a point without a plan: the point.
    var stepNotKnown: @Sendable (String) -> String
    var pointsHeading: String, pointsHeader: [String], streamColumn: @Sendable (String) -> String, tailHeader: [String]
    var whoHeading: String, whoHeader: [String]
    var optimal: String, feasible: String, failed: String
    /// What a point's euros are: the least of its best plans (`--least-money`), or one of them.
    var note: String, moneyNoteLeast: String, moneyNoteAny: String
    /// A euro amount not proven the least of its point's best plans.
    var notProvenLeast: String
    var unprovenNote: String
    /// The line `teamplan sweep` prints: title, planned, of, proven; stopped early.
    var outcome: @Sendable (String, Int, Int, Int) -> String, outcomeStopped: String
    var terminalHeader: (point: String, tail: [String])
    /// `--team-size`: left out (or the values given), the most workers, whether there are several scenarios.
    var teamSizeLeftOut: @Sendable (String, String, Bool) -> String
    var teamSizeNothingLeft: @Sendable (String, String, Bool) -> String
    /// `--hours-scale`: left out (or the values given), the worker, the most hours a week; the largest factor.
    var hoursLeftOut: @Sendable (String, String, String) -> String
    var hoursNothingLeft: @Sendable (String, String, String, String) -> String
    /// `--budget-scale`: the stream, the values left out (or given).
    var budgetLeftOut: @Sendable (String, String) -> String
    var budgetNothingLeft: @Sendable (String, String) -> String
    /// Between the values of a list: `0.9, 1` and Dutch `0,9; 1` (a decimal comma is no separator).
    var listSeparator: String
    /// The CSV's headers where they are not `CSVWords.headers`' (Dutch only).
    var csvHeaders: [String: String]
    var csvBudget: @Sendable (String) -> String, csvFunded: @Sendable (String) -> String, csvUsed: @Sendable (String) -> String

    static func of(_ language: Language) -> SweepWords { language == .nl ? .dutch : .english }

    static let english = SweepWords(
        gapChart: "Capacity gap: consultation hours asked and not held", gapAxis: "gap hours in the quarter",
        objectiveChart: "Objective: each point's plan and, for a plan not proven best, the band down to its bound", objectiveAxis: "objective",
        moneyChart: "Money used (streams with a tariff)", moneyAxis: "euros in the quarter",
        plan: "plan",
        teamSize: "team size", hoursScale: "contract hours ×", everyBudget: "every budget ×", budgetOf: { "budget of \($0) ×" }, scenario: "scenario",
        hollowKey: "hollow: not proven best (band: bound to objective)", absentKey: "× on the axis: no plan",
        gapValue: { "gap \($0) h" }, objectiveValue: { "objective \($0)" },
        notProven: { "not proven best: MIP gap \($0), bound \($1)" }, notProvenNoBound: "not proven best: stopped before any bound",
        interrupted: "the sweep was stopped (Ctrl-C or a signal) while this point was solved; run its shard again",
        noPlan: "no plan",
        solved: { "\($0) \($0 == 1 ? "point" : "points") of \($1) solved, \($2) proven optimal" },
        unproven: { "\($0) stopped with a feasible plan (not proven)" }, withoutPlan: { "\($0) without a plan" },
        stoppedEarly: "not every point has been solved (the sweep was stopped, or a shard is missing from the merge)",
        stepsHeading: "What each step buys",
        step: { "\($0) → \($1): gap \($2) h → \($3) h (\($4) h)" },
        stepStoppedAt: { "\($0) stopped at a MIP gap of \($1)" }, stepStoppedNoBound: { "\($0) stopped before any bound" },
        stepNotProven: { "not proven: " + $0.joined(separator: " and ") + ", so the step may be larger or smaller" },
        stepNotKnown: { "not known: \($0) has no plan" },
        pointsHeading: "Every point",
        pointsHeader: ["status", "gap h", "weighted gap h", "missing backups", "pairs", "workers used", "euros used"],
        streamColumn: { "\($0): h used / funded" }, tailHeader: ["objective", "bound", "MIP gap", "seconds"],
        whoHeading: "Who works, and where the gap stays", whoHeader: ["workers used", "practices with a gap (gap h)"],
        optimal: "optimal", feasible: "feasible, not proven", failed: "failed",
        note: "Gap hours: consultation hours the practices asked for in the quarter and do not get (not planned, or lost to leave without a present backup). Each point is planned by teamplan plan on the scenario changed as its values say; its plan and summary are in points/ under the name in sweep.csv.",
        moneyNoteLeast: "Euros used: each point's plan is the one of least money among the plans with its best objective (a second, exact solve, --least-money); where that was not proven, the table says so.",
        moneyNoteAny: "Plans with the same gap may use different amounts of money: the objective weighs gap hours, missing backups and pairs, not euros; sweep with --least-money to compare the least money each point needs.",
        notProvenLeast: "not proven the least",
        unprovenNote: "A hollow marker is a plan not proven best: the time limit (or --mip-gap, or a stop) ended its search. Its band on the objective chart reaches down to the bound, below which no plan of that point can be; the bound is on the objective, not on the gap hours. A point without a plan has no marker: a × on the x axis stands for it, and the line breaks there.",
        outcome: { "\($0): \($1) of \($2) points planned (\($3) proven optimal)" }, outcomeStopped: ", stopped early",
        terminalHeader: ("point", ["status", "gap h", "euros used", "workers", "seconds"]),
        teamSizeLeftOut: { "--team-size: \($2 ? "the largest of the scenarios has" : "the scenario has") \($1) workers, so a larger team size plans as \($1) does; left out: \($0)" },
        teamSizeNothingLeft: { "--team-size \($0): \($2 ? "the largest of the scenarios has" : "the scenario has") \($1) workers, so every team size from \($1) up plans as \($1) does; give team sizes up to \($1), e.g. 1...\($1)" },
        hoursLeftOut: { "--hours-scale: \($0) would give \($1) more than \($2) contract hours a week, more than a scenario may state; left out" },
        hoursNothingLeft: { "--hours-scale \($0): every factor gives \($1) more than \($2) contract hours a week, more than a scenario may state; the largest factor is \($3)" },
        budgetLeftOut: { "--budget-scale \($0): \($1) would make a budget larger than a scenario may state; left out" },
        budgetNothingLeft: { "--budget-scale \($0)=\($1): every factor makes a budget larger than a scenario may state" },
        listSeparator: ", ",
        csvHeaders: [:], csvBudget: { "budget_scale:\($0)" }, csvFunded: { "\($0)_funded_hours" }, csvUsed: { "\($0)_used_hours" })

    static let dutch = SweepWords(
        gapChart: "Capaciteitstekort: gevraagde spreekuururen die niet doorgaan", gapAxis: "tekorturen in het kwartaal",
        objectiveChart: "Doelwaarde: het plan van elk punt en, bij een plan dat niet bewezen het beste is, de band tot de ondergrens",
        objectiveAxis: "doelwaarde",
        moneyChart: "Gebruikt geld (stromen met een tarief)", moneyAxis: "euro in het kwartaal",
        plan: "plan",
        teamSize: "teamgrootte", hoursScale: "contracturen ×", everyBudget: "elk budget ×", budgetOf: { "budget van \($0) ×" }, scenario: "scenario",
        hollowKey: "open: niet bewezen het beste (band: ondergrens tot doelwaarde)", absentKey: "× op de as: geen plan",
        gapValue: { "tekort \($0) u" }, objectiveValue: { "doelwaarde \($0)" },
        notProven: { "niet bewezen het beste: MIP-gap \($0), ondergrens \($1)" }, notProvenNoBound: "niet bewezen het beste: gestopt vóór enige ondergrens",
        interrupted: "de doorrekening werd gestopt (Ctrl-C of een signaal) terwijl dit punt werd opgelost; reken het deel opnieuw",
        noPlan: "geen plan",
        solved: { "\($0) van de \($1) punten opgelost, \($2) bewezen optimaal" },
        unproven: { "\($0) gestopt met een geldig plan (niet bewezen)" }, withoutPlan: { "\($0) zonder plan" },
        stoppedEarly: "niet elk punt is opgelost (de doorrekening werd gestopt, of een deel ontbreekt in de samenvoeging)",
        stepsHeading: "Wat elke stap oplevert",
        step: { "\($0) → \($1): tekort \($2) u → \($3) u (\($4) u)" },
        stepStoppedAt: { "\($0) stopte bij een MIP-gap van \($1)" }, stepStoppedNoBound: { "\($0) stopte vóór enige ondergrens" },
        stepNotProven: { "niet bewezen: " + $0.joined(separator: " en ") + ", dus de stap kan groter of kleiner zijn" },
        stepNotKnown: { "onbekend: \($0) heeft geen plan" },
        pointsHeading: "Elk punt",
        pointsHeader: ["status", "tekort u", "gewogen tekort u", "ontbrekende vervangers", "koppels", "medewerkers ingezet", "gebruikt geld"],
        streamColumn: { "\($0): u gebruikt / gefinancierd" }, tailHeader: ["doelwaarde", "ondergrens", "MIP-gap", "seconden"],
        whoHeading: "Wie er werkt, en waar het tekort blijft", whoHeader: ["medewerkers ingezet", "praktijken met een tekort (tekort u)"],
        optimal: "optimaal", feasible: "geldig, niet bewezen", failed: "mislukt",
        note: "Tekorturen: spreekuururen die de praktijken in het kwartaal vroegen en niet krijgen (niet gepland, of vervallen door verlof zonder aanwezige vervanger). Elk punt is gepland door teamplan plan op het scenario, veranderd zoals de waarden van het punt zeggen; plan en samenvatting staan in points/ onder de naam in sweep.csv.",
        moneyNoteLeast: "Gebruikt geld: het plan van elk punt is het goedkoopste van de plannen met de beste doelwaarde van dat punt (een tweede, exacte berekening, --least-money); waar dat niet bewezen is, zegt de tabel het.",
        moneyNoteAny: "Plannen met hetzelfde tekort kunnen verschillend veel geld gebruiken: de doelstelling weegt tekorturen, ontbrekende vervangers en koppels, geen euro's; reken door met --least-money om het minste geld per punt te vergelijken.",
        notProvenLeast: "niet bewezen het minste",
        unprovenNote: "Een open markering is een plan dat niet bewezen het beste is: de tijdslimiet (of de gevraagde MIP-gap, of een stop) beëindigde de zoektocht. De band in de grafiek van de doelwaarde reikt tot de ondergrens, waaronder geen plan van dat punt kan liggen; de ondergrens geldt de doelwaarde, niet de tekorturen. Een punt zonder plan heeft geen markering: een × op de horizontale as staat ervoor, en de lijn is daar onderbroken.",
        outcome: { "\($0): \($1) van de \($2) punten gepland (\($3) bewezen optimaal)" }, outcomeStopped: ", vroeg gestopt",
        terminalHeader: ("punt", ["status", "tekort u", "gebruikt geld", "medewerkers", "seconden"]),
        teamSizeLeftOut: { "--team-size: \($2 ? "het grootste scenario heeft" : "het scenario heeft") \($1) medewerkers, dus een grotere teamgrootte geeft hetzelfde plan als \($1); weggelaten: \($0)" },
        teamSizeNothingLeft: { "--team-size \($0): \($2 ? "het grootste scenario heeft" : "het scenario heeft") \($1) medewerkers, dus elke teamgrootte vanaf \($1) geeft hetzelfde plan als \($1); geef teamgroottes tot en met \($1), bijv. 1...\($1)" },
        hoursLeftOut: { "--hours-scale: \($0) zou \($1) meer dan \($2) contracturen per week geven, meer dan een scenario mag hebben; weggelaten" },
        hoursNothingLeft: { "--hours-scale \($0): elke factor geeft \($1) meer dan \($2) contracturen per week, meer dan een scenario mag hebben; de grootste factor is \($3)" },
        budgetLeftOut: { "--budget-scale \($0): \($1) zou een budget groter maken dan een scenario mag hebben; weggelaten" },
        budgetNothingLeft: { "--budget-scale \($0)=\($1): elke factor maakt een budget groter dan een scenario mag hebben" },
        listSeparator: "; ",
        csvHeaders: [
            "index": "nummer", "point": "punt", "scenario": "scenario", "team_size": "teamgrootte", "hours_scale": "contracturen (factor)",
            "status": "status", "objective": "doelwaarde", "bound": "ondergrens", "mip_gap": "MIP-gap",
            "gap_term": "term tekort", "missing_backup_term": "term ontbrekende vervangers", "pair_term": "term koppels",
            "continuity_term": "term continuïteit", "gap_hours": "tekort (u)", "weighted_gap_hours": "gewogen tekort (u)",
            "practices_with_gap": "praktijken met tekort", "gap_by_practice": "tekort per praktijk (u)",
            "missing_backups": "ontbrekende vervangers", "pairs": "koppels", "dropped_pairs": "vervallen koppels",
            "workers_used": "medewerkers ingezet", "workers": "medewerkers", "euros_used": "gebruikt geld (EUR)",
            "solve_seconds": "rekentijd (s)", "failure": "fout", "interrupted": "afgebroken",
            "least_money_proven": "minste geld bewezen", "least_money_bound": "minste geld ondergrens (EUR)",
        ],
        csvBudget: { "budget \($0) (factor)" }, csvFunded: { "\($0) gefinancierd (u)" }, csvUsed: { "\($0) gebruikt (u)" })
}
