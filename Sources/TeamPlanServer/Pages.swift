import Foundation
import TeamPlan

/// The web page's HTML, in English or Dutch: plain HTML and CSS, one small
/// script of our own (`/app.js`), nothing fetched from elsewhere, so it
/// works offline and prints. Every text from a file or a user is escaped.
public struct Pages: Sendable {
    public var language: Language
    var l: Labels { language.labels }
    var nl: Bool { language == .nl }

    public init(language: Language) { self.language = language }

    func w(_ english: String, _ dutch: String) -> String { nl ? dutch : english }

    /// Text made safe in HTML (the reports' own escaping).
    static func escape(_ text: String) -> String { escapeMarkup(text) }

    /// A path part for a link: each `/`-separated part percent-encoded.
    static func link(_ name: String) -> String {
        name.split(separator: "/", omittingEmptySubsequences: false).map {
            String($0).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? ""
        }.joined(separator: "/")
    }

    // MARK: - The frame

    func page(_ title: String, _ body: String, here path: String = "/") -> String {
        let other: Language = nl ? .en : .nl
        let switchTo = path + (path.contains("?") ? "&" : "?") + "lang=" + other.rawValue
        return """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Pages.escape(title)) — teamplan</title>
        <link rel="stylesheet" href="/app.css">
        <script src="/app.js" defer></script>
        </head>
        <body>
        <header>
        <nav aria-label="\(w("Main", "Hoofdmenu"))"><a href="/" class="home">teamplan</a>
        <a href="\(Pages.escape(switchTo))" lang="\(other.rawValue)" class="lang">\(nl ? "English" : "Nederlands")</a></nav>
        </header>
        <main>
        <h1>\(Pages.escape(title))</h1>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    // MARK: - Scenarios

    public struct ScenarioRow: Sendable {
        public var file: Workspace.ScenarioFile
        public var headline: Headline?
        /// Why the scenario cannot be read, when it cannot.
        public var problem: String?
    }

    public func scenarios(_ rows: [ScenarioRow], folder: String) -> String {
        var body = "<p>\(w("The scenarios in", "De scenario’s in")) <code>\(Pages.escape(folder))</code>. "
            + w("Open one to check it and plan it; each plan is kept in <code>plans/</code>.",
                "Open er een om het te controleren en te plannen; elk plan wordt bewaard in <code>plans/</code>.") + "</p>\n"
        if rows.isEmpty {
            body += "<p class=\"empty\">" + w("No scenario files (.yaml, .xlsx) in this folder. Copy one from teamplan's inputs/ or make a workbook with <code>teamplan template</code>.",
                                            "Geen scenariobestanden (.yaml, .xlsx) in deze map. Kopieer er een uit inputs/ van teamplan of maak een werkmap met <code>teamplan template</code>.") + "</p>"
            return page(w("Scenarios", "Scenario’s"), body)
        }
        body += """
        <table id="scenarios">
        <thead><tr><th scope="col">\(w("Scenario", "Scenario"))</th><th scope="col">\(w("Last plan", "Laatste plan"))</th>\
        <th scope="col" class="num">\(w("Gap hours", "Gaturen"))</th><th scope="col" class="num">\(w("Money used", "Geld besteed"))</th>\
        <th scope="col">\(w("When", "Wanneer"))</th></tr></thead>
        <tbody>

        """
        for row in rows {
            let name = Pages.escape(row.file.name)
            body += "<tr data-scenario=\"\(name)\"><th scope=\"row\"><a href=\"/scenario/\(Pages.escape(Pages.link(row.file.name)))\">\(name)</a></th>"
            if let h = row.headline {
                body += "<td><a href=\"/plan/\(Pages.escape(Pages.link(h.id.description)))\">\(Pages.escape(statusWord(h.status)))</a></td>"
                    + "<td class=\"num\">\(l.hours(h.gapHours))</td><td class=\"num\">\(h.money.map(l.euros) ?? "–")</td>"
                    + "<td>\(Pages.escape(when(h.id.stamp)))</td>"
            } else if let problem = row.problem {
                body += "<td colspan=\"4\" class=\"problem\">\(Pages.escape(problem))</td>"
            } else {
                body += "<td colspan=\"4\" class=\"muted\">\(w("no plan yet", "nog geen plan"))</td>"
            }
            body += "</tr>\n"
        }
        body += "</tbody></table>"
        let options = rows.map { "<option value=\"\(Pages.escape($0.file.name))\">\(Pages.escape($0.file.name))</option>" }.joined()
        body += """
        <section id="new"><h2>\(w("A new scenario", "Een nieuw scenario"))</h2>
        <p class="muted">\(w("A copy of one of these to change (next quarter, another budget); its CSV tables are copied too.",
                             "Een kopie van een van deze om te wijzigen (volgend kwartaal, een ander budget); de CSV-tabellen worden ook gekopieerd."))</p>
        <form id="new-form" method="post" action="/new">
        <div><label for="new-from">\(w("From", "Van"))</label><select id="new-from" name="from">\(options)</select></div>
        <div><label for="new-name">\(w("Name of the new file", "Naam van het nieuwe bestand"))</label><input id="new-name" name="name" required placeholder="q2-2027.yaml"></div>
        <button id="new-button" type="submit">\(w("Make the copy and edit it", "Kopie maken en bewerken"))</button>
        </form></section>
        """
        return page(w("Scenarios", "Scenario’s"), body)
    }

    func statusWord(_ status: String) -> String {
        switch status {
        case "optimal": w("optimal", "optimaal")
        case "feasible": w("feasible (not proven best)", "toegestaan (niet bewezen beste)")
        default: status
        }
    }

    /// `2026-12-06T054012` as `2026-12-06 05:40`.
    func when(_ stamp: String) -> String {
        let parts = stamp.split(separator: "T")
        guard parts.count == 2, parts[1].count >= 4 else { return stamp }
        let time = parts[1]
        return "\(parts[0]) \(time.prefix(2)):\(time.dropFirst(2).prefix(2)):\(time.dropFirst(4).prefix(2))" + (time.count > 6 ? " (\(time.dropFirst(7)))" : "")
    }

    // MARK: - One scenario

    public func scenario(_ file: Workspace.ScenarioFile, check: Result<CheckWorkflow, Failure>, root: String,
                         plans: [Headline], jobs: [JobBoard.Snapshot], saved: String? = nil, sweeps: [Workspace.PlanID] = []) -> String {
        var body = saved.map { "<p id=\"saved\" class=\"ok\" role=\"status\">\(Pages.escape($0))</p>\n" } ?? ""
        switch check {
        case .success(let checked):
            let notes = checked.diagnostics.map { ($0.severity.rawValue, Workspace.shownRelative($0.text(language), root: root)) }
                + checked.estimate.warnings.map { ("warning", $0.text(language)) }
            body += "<section id=\"check\" data-errors=\"0\"><h2>\(w("Check", "Controle"))</h2>"
            body += notes.isEmpty ? "<p class=\"ok\">\(w("No errors, no warnings.", "Geen fouten, geen waarschuwingen."))</p>"
                : "<ul>" + notes.map { "<li class=\"\($0.0)\">\(Pages.escape($0.1))</li>" }.joined() + "</ul>"
            body += "</section>\n"
            body += """
            <p><a id="edit" href="/scenario/\(Pages.escape(Pages.link(file.name)))/edit">\(w("Edit the scenario", "Het scenario bewerken"))</a></p>
            <section><h2>\(w("Plan", "Plannen"))</h2>
            <form id="plan-form" method="post" action="/scenario/\(Pages.escape(Pages.link(file.name)))/plan">
            <label for="time_limit">\(w("Time limit (seconds, empty: until proven best)", "Tijdslimiet (seconden, leeg: tot bewezen beste)"))</label>
            <input id="time_limit" name="time_limit" type="number" min="1" step="1" inputmode="numeric">
            <button id="plan" type="submit">\(w("Plan", "Plan maken"))</button>
            </form></section>

            """
        case .failure(let failure):
            let text = Workspace.shownRelative(failure.text(language), root: root)
            body += "<section id=\"check\" data-errors=\"\(max(1, failure.diagnostics.filter { $0.severity == .error }.count))\">"
                + "<h2>\(w("Check", "Controle"))</h2><p class=\"problem\">"
                + w("The scenario cannot be planned as it is:", "Het scenario kan zo niet gepland worden:") + "</p><pre class=\"problem\">"
                + Pages.escape(text) + "</pre><p><a id=\"edit\" href=\"/scenario/\(Pages.escape(Pages.link(file.name)))/edit\">"
                + w("Edit the scenario", "Het scenario bewerken") + "</a></p></section>\n"
        }
        let running = jobs.filter { $0.scenario == file.name && !$0.state.isOver }
        if !running.isEmpty {
            body += "<section id=\"jobs\"><h2>\(w("Being planned", "Wordt gepland"))</h2><ul>"
                + running.map { "<li><a href=\"/job/\($0.id)\">\(stateWord($0.state))</a></li>" }.joined() + "</ul></section>\n"
        }
        body += "<section><h2>\(w("Plans kept", "Bewaarde plannen"))</h2>"
        if plans.isEmpty {
            body += "<p id=\"plans\" class=\"muted\">\(w("No plan yet.", "Nog geen plan."))</p>"
        } else {
            body += "<ul id=\"plans\">" + plans.map { h in
                "<li><a href=\"/plan/\(Pages.escape(Pages.link(h.id.description)))\">\(Pages.escape(when(h.id.stamp)))</a> — "
                    + Pages.escape(statusWord(h.status)) + ", " + w("gap", "gat") + " " + l.hours(h.gapHours) + " " + w("h", "u")
                    + (h.money.map { ", " + l.euros($0) } ?? "") + "</li>"
            }.joined() + "</ul>"
        }
        body += "</section>"
        if case .success(let checked) = check {
            body += "<section id=\"capacity\"><h2>\(w("Capacity estimate", "Capaciteitsschatting"))</h2><details><summary>"
                + w("Hours asked, available and funded, week by week (what teamplan check prints)",
                    "Gevraagde, beschikbare en gefinancierde uren, week voor week (wat teamplan check toont)")
                + "</summary><pre>" + Pages.escape(Workspace.shownRelative(checked.text(language), root: root)) + "</pre></details></section>\n"
            body += sweepForm(file, sweeps: sweeps)
        }
        return page(file.name, body, here: "/scenario/" + Pages.link(file.name))
    }

    func stateWord(_ state: JobBoard.State) -> String {
        switch state {
        case .queued: w("queued", "in de wachtrij")
        case .running: w("solving", "wordt opgelost")
        case .done: w("done", "klaar")
        case .failed: w("failed", "mislukt")
        case .stopped: w("stopped before any plan was found", "gestopt voordat er een plan was")
        case .cancelled: w("cancelled", "geannuleerd")
        }
    }

    // MARK: - A job

    public func job(_ s: JobBoard.Snapshot) -> String {
        let words = JobBoard.State.allWords(self)
        let body = """
        <p><a href="/scenario/\(Pages.escape(Pages.link(s.scenario)))">\(Pages.escape(s.scenario))</a></p>
        <section id="job" data-job="\(s.id)" data-words="\(Pages.escape(words))" aria-live="polite">
        <dl class="progress">
        <dt>\(w("State", "Stand"))</dt><dd id="state" data-state="\(s.state.rawValue)">\(stateWord(s.state))</dd>
        <dt>\(w("Place in the queue", "Plaats in de wachtrij"))</dt><dd id="place">\(s.place.map(String.init) ?? "–")</dd>
        <dt>\(w("Elapsed", "Verstreken"))</dt><dd id="elapsed">\(l.seconds(s.seconds))</dd>
        <dt>\(w("Best plan (objective)", "Beste plan (doelfunctie)"))</dt><dd id="objective">\(s.objective.map(l.exact) ?? "")</dd>
        <dt>\(w("Bound", "Grens"))</dt><dd id="bound">\(s.bound.map { l.exact(($0 * 100).rounded() / 100) } ?? "")</dd>
        <dt>\(w("MIP gap", "MIP-gat"))</dt><dd id="gap">\(s.mipGap.map(l.percent) ?? "")</dd>
        <dt>\(w("Points or re-solves done", "Punten of heroplossingen klaar"))</dt><dd id="steps">\(s.steps.map { "\(s.stepsDone ?? 0) / \($0)" } ?? "–")</dd>
        </dl>
        <p id="message" class="problem">\(Pages.escape(s.message ?? ""))</p>
        <button id="stop" type="button" \(s.state.isOver ? "disabled" : "")>\(w("Stop and keep the best plan", "Stoppen en het beste plan houden"))</button>
        \(s.plan.map { "<p><a id=\"plan-link\" href=\"\(Pages.escape($0))\">\(w("The plan", "Het plan"))</a></p>" } ?? "")
        </section>
        <noscript><p>\(w("Reload the page to see the progress.", "Laad de pagina opnieuw om de voortgang te zien."))</p></noscript>
        """
        return page(w("Planning ", "Plannen: ") + s.scenario, body, here: "/job/" + s.id)
    }

    // MARK: - A plan

    public func plan(_ h: Headline, scenario: Workspace.ScenarioFile?, files: [String], before: Headline? = nil,
                     actions: String = "") -> String {
        let base = "/plan/" + Pages.link(h.id.description)
        var body = "<p>"
        if let scenario {
            body += "<a href=\"/scenario/\(Pages.escape(Pages.link(scenario.name)))\">\(Pages.escape(scenario.name))</a> · "
        }
        body += Pages.escape(when(h.id.stamp)) + "</p>\n"
        body += "<section id=\"answer\" data-status=\"\(Pages.escape(h.status))\"><h2>\(w("The answer", "Het antwoord"))</h2><pre>"
            + Pages.escape(h.answer.joined(separator: "\n")) + "</pre>"
        if let money = h.money { body += "<p>\(w("Money used", "Geld besteed")): <strong>\(l.euros(money))</strong></p>" }
        // Objectives of the same weeks only: a replan counts the weeks from its date.
        if let before, before.result.plan?.from == h.result.plan?.from,
           let now = h.result.evaluation?.terms, let then = before.result.evaluation?.terms {
            let d = now.objective - then.objective
            body += "<p id=\"change\">" + w("Against the plan before it", "Tegenover het plan ervoor") + " ("
                + "<a href=\"/plan/\(Pages.escape(Pages.link(before.id.description)))\">\(Pages.escape(when(before.id.stamp)))</a>): "
                + w("objective", "doelfunctie") + " \(l.exact(then.objective)) → \(l.exact(now.objective)) ("
                + (abs(d) < 1e-9 ? w("no change", "geen verschil") : (d > 0 ? "+" : "−") + l.exact(abs(d))) + "), "
                + w("gap", "gat") + " \(l.hours(then.gapHours)) → \(l.hours(now.gapHours)) " + w("h", "u") + ". "
                + "<a id=\"compare-before\" href=\"/compare?a=\(Pages.escape(Pages.link(before.id.description)))&amp;b=\(Pages.escape(Pages.link(h.id.description)))\">"
                + w("Compare the two", "Vergelijk de twee") + "</a></p>"
        }
        body += "</section>\n" + actions + "\n"
        body += "<section id=\"downloads\"><h2>\(w("Downloads", "Downloads"))</h2><ul>"
        body += "<li><a id=\"download-zip\" href=\"\(Pages.escape(base))/zip\" download>\(w("The whole plan folder (zip)", "De hele planmap (zip)"))</a></li>"
        for file in files {
            body += "<li><a href=\"\(Pages.escape(base + "/files/" + Pages.link(file)))\" download>\(Pages.escape(file))</a></li>"
        }
        body += "</ul></section>\n"
        body += "<section><h2>\(w("Report", "Rapport"))</h2>"
            + "<p><a href=\"\(Pages.escape(base))/files/report.html\" target=\"_blank\">\(w("Open the report on its own (to print)", "Open het rapport los (om af te drukken)"))</a></p>"
            + "<iframe id=\"report\" title=\"\(w("The plan's report", "Het rapport van het plan"))\" src=\"\(Pages.escape(base))/files/report.html\"></iframe></section>"
        return page(w("Plan of ", "Plan van ") + (scenario?.name ?? h.id.stem), body, here: base)
    }

    // MARK: - Refusals

    public func problem(_ title: String, _ text: String) -> String {
        page(title, "<p class=\"problem\">\(Pages.escape(text))</p><p><a href=\"/\">\(w("To the scenarios", "Naar de scenario’s"))</a></p>")
    }
}

extension JobBoard.State {
    /// Each state's word, `state=word;…`, for the script to show.
    static func allWords(_ pages: Pages) -> String {
        allCases.map { $0.rawValue + "=" + pages.stateWord($0) }.joined(separator: ";")
    }
}

/// A kept plan's headline: what the scenarios page and the plan page show.
public struct Headline: Sendable {
    public var id: Workspace.PlanID
    public var status: String
    public var gapHours: Double
    public var money: Double?
    /// The summary's answer lines.
    public var answer: [String]

    /// The rules of the scenario as it is now that the plan breaks (a pin or
    /// a leave entered since it was made).
    public var broken: [String]
    public var result: SolveResult

    /// Kept plans do not change, so a headline is counted once per plan,
    /// language and scenario (the scenario kept beside it to compare).
    static let counted = Locked<[String: (scenario: Scenario, headline: Headline)]>([:])

    /// The plan counted under the scenario as it is now; nil when it cannot be read.
    public static func of(_ id: Workspace.PlanID, in workspace: Workspace, scenario: Scenario, language: Language) -> Headline? {
        let key = workspace.root + "|" + id.description + "|" + language.rawValue
        if let hit = counted.withLock({ $0[key] }), hit.scenario == scenario, workspace.planFolder(id) != nil { return hit.headline }
        guard let headline = count(id, in: workspace, scenario: scenario, language: language) else { return nil }
        counted.withLock { cache in
            // A bound on memory: a long session's many plans are counted again when asked.
            if cache.count > 500 { cache.removeAll() }
            cache[key] = (scenario, headline)
        }
        return headline
    }

    static func count(_ id: Workspace.PlanID, in workspace: Workspace, scenario: Scenario, language: Language) -> Headline? {
        guard let folder = workspace.planFolder(id),
              let (result, broken) = try? Inputs.countedPlan(folder + "/plan.json", scenario: scenario),
              let e = result.evaluation else { return nil }
        let euros = e.streams.compactMap(\.usedEuros)
        var answer = PlanSummary.answer(result, scenario: e.scenario, language: language)
        // A replan's summary starts with what changes from its date: shown on top as well.
        if result.plan?.from != nil, let summary = FileManager.default.contents(atPath: folder + "/summary.txt") {
            let lines = String(decoding: summary, as: UTF8.self).components(separatedBy: "\n")
            answer = Array(lines.prefix { !$0.isEmpty }) + [""] + answer
        }
        return Headline(id: id, status: result.status.rawValue, gapHours: e.terms.gapHours,
                        money: euros.isEmpty ? nil : euros.reduce(0, +), answer: answer, broken: broken, result: result)
    }
}
