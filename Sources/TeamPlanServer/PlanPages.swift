import Foundation
import TeamPlan

/// What the plan page offers beyond reading: pin a session or avoid a pair
/// (saved into the scenario, kept by every plan after), mark a worker away
/// (who could stand in, then a replan from that date), and compare.
extension Pages {
    func hidden(_ name: String, _ value: String) -> String {
        "<input type=\"hidden\" name=\"\(name)\" value=\"\(Pages.escape(value))\">"
    }

    /// The plan's sessions, each with Pin, and Avoid for its pair.
    func actions(_ h: Headline, base: String, version: String?, others: [Workspace.PlanID]) -> String {
        guard let e = h.result.evaluation, let plan = h.result.plan else { return "" }
        let names = DisplayNames(e.scenario)
        let pinned = Set(e.scenario.pins.map { "\($0.worker)|\($0.practice)|\($0.slot?.name ?? "")" })
        var body = ""
        if !h.broken.isEmpty {
            body += "<section id=\"broken\"><h2>\(w("Changed since", "Gewijzigd sinds"))</h2><p>"
                + w("The scenario was changed after this plan was made; counted under it as it is now, the plan breaks:",
                    "Het scenario is gewijzigd nadat dit plan gemaakt is; geteld onder het scenario zoals het nu is, breekt het plan:")
                + "</p><ul>" + h.broken.map { "<li>\(Pages.escape($0))</li>" }.joined() + "</ul></section>\n"
        }
        body += "<section id=\"sessions\"><h2>\(w("Sessions", "Spreekuren"))</h2>"
        if version == nil {
            body += "<p class=\"muted\">\(w("This plan's scenario is gone or is a workbook; change it in its file.", "Het scenario van dit plan is weg of is een werkmap; wijzig het in het bestand."))</p>"
        }
        body += """
        <p class="muted">\(w("Pin a session to keep it in every plan from now on; avoid a pair to keep that worker away from that practice. Both are saved in the scenario (pins:, avoid:); plan again to see what they cost.",
                             "Zet een spreekuur vast om het in elk volgend plan te houden; vermijd een paar om die medewerker weg te houden bij die praktijk. Beide worden in het scenario bewaard (pins:, avoid:); plan opnieuw om te zien wat het kost."))</p>
        <table><thead><tr><th scope="col">\(w("Worker", "Medewerker"))</th><th scope="col">\(w("Practice", "Praktijk"))</th>\
        <th scope="col">\(w("Slot", "Dagdeel"))</th><th scope="col">\(w("Actions", "Acties"))</th></tr></thead><tbody>

        """
        for s in plan.sessions.sorted() {
            let key = "\(s.worker)|\(s.practice)|\(s.slot)"
            body += "<tr data-session=\"\(Pages.escape(key))\"><td>\(Pages.escape(names.worker(s.worker)))</td><td>\(Pages.escape(names.practice(s.practice)))</td>"
                + "<td>\(Pages.escape(language.slotName(s.slot)))</td><td class=\"actions\">"
            if pinned.contains(key) {
                body += "<span class=\"pinned\">\(w("pinned", "vast"))</span>"
            } else if let version {
                body += "<form method=\"post\" action=\"\(Pages.escape(base))/edit\" class=\"inline\">"
                    + hidden("kind", "pin") + hidden("worker", s.worker) + hidden("practice", s.practice) + hidden("slot", s.slot) + hidden("version", version)
                    + "<button type=\"submit\" class=\"pin\" aria-label=\"\(Pages.escape(w("Pin", "Vastzetten") + " " + names.worker(s.worker) + " " + names.practice(s.practice) + " " + language.slotName(s.slot)))\">\(w("Pin", "Vastzetten"))</button></form>"
                body += "<form method=\"post\" action=\"\(Pages.escape(base))/edit\" class=\"inline\">"
                    + hidden("kind", "avoid") + hidden("worker", s.worker) + hidden("practice", s.practice) + hidden("version", version)
                    + "<button type=\"submit\" class=\"avoid secondary\" aria-label=\"\(Pages.escape(w("Avoid", "Vermijden") + " " + names.worker(s.worker) + " " + names.practice(s.practice)))\">\(w("Avoid pair", "Paar vermijden"))</button></form>"
            }
            body += "</td></tr>\n"
        }
        body += "</tbody></table></section>\n"
        // A worker away: who could stand in, then a replan from that date.
        let workers = e.scenario.workers.map { "<option value=\"\(Pages.escape($0.id))\">\(Pages.escape(names.worker($0.id)))</option>" }.joined()
        let first = e.scenario.quarter.start.description
        body += """
        <section id="away"><h2>\(w("A worker away", "Een medewerker afwezig"))</h2>
        <p class="muted">\(w("Ill or on leave from a date: see which colleagues could stand in, ranked, then replan the rest of the quarter from that date.",
                             "Ziek of met verlof vanaf een datum: zie welke collega’s kunnen invallen, op volgorde, en plan dan de rest van het kwartaal opnieuw vanaf die datum."))</p>
        <form id="away-form" method="get" action="\(Pages.escape(base))/cover">
        <div><label for="away-worker">\(w("Worker", "Medewerker"))</label><select id="away-worker" name="worker">\(workers)</select></div>
        <div><label for="away-from">\(w("Away from", "Afwezig vanaf"))</label><input id="away-from" name="from" type="date" required value="\(first)"></div>
        <div><label for="away-to">\(w("Until (inclusive)", "Tot en met"))</label><input id="away-to" name="to" type="date" required value="\(first)"></div>
        <button id="cover" type="submit">\(w("Who could stand in?", "Wie kan invallen?"))</button>
        </form></section>

        """
        body += explainForm(base: base)
        if !others.isEmpty {
            let options = others.map { "<option value=\"\(Pages.escape($0.description))\">\(Pages.escape($0.stem + " · " + when($0.stamp)))</option>" }.joined()
            body += """
            <section id="compare"><h2>\(w("Compare", "Vergelijken"))</h2>
            <form id="compare-form" method="get" action="/compare">
            \(hidden("b", h.id.description))
            <div><label for="compare-a">\(w("Compare this plan with", "Vergelijk dit plan met"))</label><select id="compare-a" name="a">\(options)</select></div>
            <button id="compare-button" type="submit">\(w("Compare", "Vergelijken"))</button>
            </form></section>

            """
        }
        return body
    }

    // MARK: - Sweep

    public func sweep(_ id: Workspace.PlanID, scenario: Workspace.ScenarioFile?, files: [String]) -> String {
        let base = "/sweep/" + Pages.link(id.description)
        var body = "<p>"
        if let scenario { body += "<a href=\"/scenario/\(Pages.escape(Pages.link(scenario.name)))\">\(Pages.escape(scenario.name))</a> · " }
        body += Pages.escape(when(id.stamp)) + "</p>\n"
        body += "<section id=\"downloads\"><h2>\(w("Downloads", "Downloads"))</h2><ul>"
            + "<li><a id=\"download-zip\" href=\"\(Pages.escape(base))/zip\" download>\(w("The whole sweep folder (zip)", "De hele sweepmap (zip)"))</a></li>"
            + files.map { "<li><a href=\"\(Pages.escape(base + "/files/" + Pages.link($0)))\">\(Pages.escape($0))</a></li>" }.joined()
            + "</ul></section>\n"
        body += "<section><h2>\(w("The sweep: the chart and what each step buys", "De sweep: de grafiek en wat elke stap oplevert"))</h2>"
            + "<iframe id=\"report\" title=\"sweep.html\" src=\"\(Pages.escape(base))/files/sweep.html\"></iframe></section>"
        return page(w("Sweep of ", "Sweep van ") + (scenario?.name ?? id.stem), body, here: base)
    }

    /// The funder's questions on the scenario page: a sweep over axes.
    func sweepForm(_ file: Workspace.ScenarioFile, sweeps: [Workspace.PlanID]) -> String {
        var body = """
        <section id="sweep"><h2>\(w("Sweep: what more people or money would buy", "Sweep: wat meer mensen of geld oplevert"))</h2>
        <form id="sweep-form" method="post" action="/scenario/\(Pages.escape(Pages.link(file.name)))/sweep">
        <div><label for="team_size">\(w("Team sizes (e.g. 4...8)", "Teamgroottes (bijv. 4...8)"))</label><input id="team_size" name="team_size" placeholder="4...8"></div>
        <div><label for="budget_scale">\(w("Budget scale: every stream (*=0.8...1.2:0.1) or one (wmo=0.9,1)", "Budgetschaal: elke stroom (*=0.8...1.2:0.1) of één (wmo=0.9,1)"))</label><input id="budget_scale" name="budget_scale" placeholder="*=0.8...1.2:0.1"></div>
        <div><label for="hours_scale">\(w("Hours scale (e.g. 0.9,1)", "Urenschaal (bijv. 0.9,1)"))</label><input id="hours_scale" name="hours_scale" placeholder="0.9,1"></div>
        <div><label for="sweep_time_limit">\(w("Time limit per point (seconds)", "Tijdslimiet per punt (seconden)"))</label><input id="sweep_time_limit" name="time_limit" type="number" min="1" value="60"></div>
        <button id="run-sweep" type="submit">\(w("Run the sweep", "Sweep starten"))</button>
        </form>
        """
        if !sweeps.isEmpty {
            body += "<ul id=\"sweeps\">" + sweeps.map {
                "<li><a href=\"/sweep/\(Pages.escape(Pages.link($0.description)))\">\(Pages.escape(when($0.stamp)))</a></li>"
            }.joined() + "</ul>"
        }
        return body + "</section>\n"
    }

    /// Explain a plan: why each practice has its gap, with the marginals or not.
    func explainForm(base: String) -> String {
        """
        <section id="explain"><h2>\(w("Explain", "Verklaren"))</h2>
        <p class="muted">\(w("Why each practice has its gap: each family of rules relaxed in turn, re-solved; with the marginals also each budget +10 % and +25 % and one more worker.",
                             "Waarom elke praktijk zijn gat heeft: elke groep regels om de beurt versoepeld en opnieuw opgelost; met de marges ook elk budget +10 % en +25 % en één medewerker meer."))</p>
        <form id="explain-form" method="post" action="\(Pages.escape(base))/explain">
        <div><input id="marginals" name="marginals" type="checkbox" value="1"><label for="marginals" style="display:inline">\(w("With the marginals", "Met de marges"))</label></div>
        <button id="run-explain" type="submit">\(w("Explain this plan", "Dit plan verklaren"))</button>
        </form></section>

        """
    }

    // MARK: - Cover

    public func cover(_ h: Headline, scenario: Workspace.ScenarioFile, cover: Result<CoverWorkflow, Failure>, root: String,
                      worker: String, from: String, to: String, version: String?) -> String {
        let base = "/plan/" + Pages.link(h.id.description)
        var body = "<p><a href=\"\(Pages.escape(base))\">\(w("Back to the plan", "Terug naar het plan"))</a></p>"
        switch cover {
        case .success(let c):
            body += "<section id=\"standins\"><h2>\(w("Who could stand in", "Wie kan invallen"))</h2><pre>"
                + Pages.escape(Workspace.shownRelative(c.text(language), root: root)) + "</pre></section>"
            if let version {
                body += """
                <section><h2>\(w("Replan from this date", "Opnieuw plannen vanaf deze datum"))</h2>
                <p>\(w("Saves the leave in the scenario (the worker's leave) and plans the rest of the quarter from \(Pages.escape(from)); the weeks before stay as this plan made them.",
                       "Bewaart het verlof in het scenario (verlof van de medewerker) en plant de rest van het kwartaal opnieuw vanaf \(Pages.escape(from)); de weken ervoor blijven zoals dit plan ze maakte."))</p>
                <form id="replan-form" method="post" action="\(Pages.escape(base))/replan">
                \(hidden("worker", worker))\(hidden("from", from))\(hidden("to", to))\(hidden("version", version))
                <button id="replan" type="submit">\(w("Replan from this date", "Opnieuw plannen vanaf deze datum"))</button>
                </form></section>
                """
            }
        case .failure(let failure):
            body += "<p class=\"problem\" id=\"standins\">\(Pages.escape(Workspace.shownRelative(failure.text(language), root: root)))</p>"
        }
        return page(w("Away: ", "Afwezig: ") + worker, body, here: base + "/cover")
    }

    // MARK: - Compare

    public func compare(_ a: Headline, _ b: Headline) -> String {
        guard let ea = a.result.evaluation, let eb = b.result.evaluation, let pa = a.result.plan, let pb = b.result.plan else {
            return problem(w("Cannot compare", "Niet te vergelijken"), "")
        }
        let na = DisplayNames(ea.scenario), nb = DisplayNames(eb.scenario)
        func change(_ x: Double, _ y: Double) -> String {
            let d = y - x
            return abs(d) < 1e-9 ? "=" : (d > 0 ? "+" : "−") + l.hours(abs(d))
        }
        func row(_ label: String, _ x: Double, _ y: Double, id: String = "") -> String {
            "<tr\(id.isEmpty ? "" : " id=\"\(id)\"")><th scope=\"row\">\(Pages.escape(label))</th><td class=\"num\">\(l.hours(x))</td><td class=\"num\">\(l.hours(y))</td><td class=\"num\">\(change(x, y))</td></tr>"
        }
        let head = "<thead><tr><th scope=\"col\"></th><th scope=\"col\" class=\"num\">A</th><th scope=\"col\" class=\"num\">B</th><th scope=\"col\" class=\"num\">B − A</th></tr></thead>"
        var body = "<p>A: <a href=\"/plan/\(Pages.escape(Pages.link(a.id.description)))\">\(Pages.escape(a.id.stem + " · " + when(a.id.stamp)))</a>"
            + " — B: <a href=\"/plan/\(Pages.escape(Pages.link(b.id.description)))\">\(Pages.escape(b.id.stem + " · " + when(b.id.stamp)))</a></p>"
        body += "<p class=\"muted\">" + w("Each plan is counted under its scenario as that is now, so a pin or leave added since counts for both.",
                                       "Elk plan is geteld onder zijn scenario zoals dat nu is, dus een vastgezet spreekuur of verlof van later telt voor beide.") + "</p>"
        let (ta, tb) = (ea.terms, eb.terms)
        body += "<section><h2>\(w("The objective", "De doelfunctie"))</h2><table id=\"terms\">\(head)<tbody>"
            + row(w("Objective", "Doelfunctie"), ta.objective, tb.objective, id: "objective")
            + row(w("Gap term (weighted gap hours × weight)", "Gatterm (gewogen gaturen × gewicht)"), ta.gapTerm, tb.gapTerm)
            + row(w("Missing backups term", "Term ontbrekende vervangers"), ta.missingBackupTerm, tb.missingBackupTerm)
            + row(w("Pairs term", "Term paren"), ta.pairTerm, tb.pairTerm)
            + row(w("Dropped pairs term", "Term vervallen paren"), ta.continuityTerm, tb.continuityTerm)
            + row(w("Dropped sessions term", "Term vervallen spreekuren"), ta.sessionChangeTerm, tb.sessionChangeTerm)
            + row(w("Unmet preference term", "Term onvervulde voorkeur"), ta.preferenceTerm, tb.preferenceTerm)
            + row(w("Capacity gap (hours)", "Capaciteitsgat (uren)"), ta.gapHours, tb.gapHours, id: "gap-hours")
            + "</tbody></table></section>\n"
        let practices = Array(Set(ea.practices.map(\.id) + eb.practices.map(\.id))).sorted()
        body += "<section><h2>\(w("Gap per practice (hours)", "Gat per praktijk (uren)"))</h2><table id=\"practices\">\(head)<tbody>"
        for p in practices {
            body += row(na.practice(p), ea.practice(p)?.gapHours ?? 0, eb.practice(p)?.gapHours ?? 0)
        }
        body += "</tbody></table></section>\n"
        let streams = Array(Set(ea.streams.map(\.id) + eb.streams.map(\.id))).sorted()
        body += "<section><h2>\(w("Money per stream", "Geld per stroom"))</h2><table id=\"streams\">\(head)<tbody>"
        for s in streams {
            let (x, y) = (ea.stream(s), eb.stream(s))
            if x?.usedEuros != nil || y?.usedEuros != nil {
                let (ex, ey) = (x?.usedEuros ?? 0, y?.usedEuros ?? 0)
                body += "<tr><th scope=\"row\">\(Pages.escape(na.stream(s)))</th><td class=\"num\">\(l.euros(ex))</td><td class=\"num\">\(l.euros(ey))</td>"
                    + "<td class=\"num\">\(abs(ey - ex) < 0.005 ? "=" : (ey > ex ? "+" : "−") + l.euros(abs(ey - ex)))</td></tr>"
            } else {
                body += row(na.stream(s) + " (" + w("hours", "uren") + ")", x?.usedHours ?? 0, y?.usedHours ?? 0)
            }
        }
        body += "</tbody></table></section>\n"
        let sa = Set(pa.sessions), sb = Set(pb.sessions)
        let gone = sa.subtracting(sb).sorted(), new = sb.subtracting(sa).sorted()
        body += "<section><h2>\(w("Who moves where", "Wie gaat waarheen"))</h2>"
        if gone.isEmpty && new.isEmpty {
            body += "<p id=\"moves\">\(w("The same sessions in both plans.", "Dezelfde spreekuren in beide plannen."))</p>"
        } else {
            body += "<ul id=\"moves\">"
            body += gone.map { "<li class=\"gone\">− \(Pages.escape(na.worker($0.worker))) · \(Pages.escape(na.practice($0.practice))) · \(Pages.escape(language.slotName($0.slot))) \(w("(only in A)", "(alleen in A)"))</li>" }.joined()
            body += new.map { "<li class=\"new\">+ \(Pages.escape(nb.worker($0.worker))) · \(Pages.escape(nb.practice($0.practice))) · \(Pages.escape(language.slotName($0.slot))) \(w("(only in B)", "(alleen in B)"))</li>" }.joined()
            body += "</ul>"
        }
        body += "</section>"
        return page(w("Compare two plans", "Twee plannen vergelijken"), body, here: "/compare")
    }
}
