/// What is legal in a scenario but probably not meant (scenario.md,
/// Errors: warnings keep exit 0).
enum ScenarioWarnings {
    static func collect(_ scenario: Scenario, positions: Positions, top: Fields, into reader: inout FieldReader) {
        leaveOutsideQuarter(scenario, positions.workers, &reader)
        datesOutsideQuarter(scenario, top, &reader)
        for entry in positions.practices { practiceWarnings(scenario, entry, &reader) }
        unknownMunicipalities(scenario, positions.funding, &reader)
        municipalitiesThatDifferInCase(positions.practices, &reader)
        implausibleAmounts(positions, &reader)
    }

    /// Euro amounts and hours below what any real scenario has: most often a
    /// Dutch number read the English way, or a slip of the keyboard.
    static func implausibleAmounts(_ positions: Positions, _ reader: inout FieldReader) {
        func nl(_ value: Double) -> String { NumberStyle.dutch.apply(Format.hours(value)) }
        for entry in positions.funding {
            let path = "funding[\(entry.index)]"
            switch entry.value.budget {
            case .euros(let euros, let rate):
                if euros > 0, euros < 1000 {
                    reader.warning(entry.fields["budget_eur"]?.location ?? entry.idLocation, "\(path).budget_eur",
                                   "a quarter's budget of € \(Format.hours(euros)) is implausibly small (\(Format.hours(euros / rate)) h at € \(Format.hours(rate)) an hour); "
                                   + "is the amount right? In Dutch 42.000 is forty-two thousand: write it as 42000",
                                   dutch: "een kwartaalbudget van € \(nl(euros)) is onwaarschijnlijk klein (\(nl(euros / rate)) u à € \(nl(rate)) per uur); "
                                   + "klopt het bedrag? Schrijf tweeënveertigduizend als 42000, niet als 42.000 (dat leest YAML als 42)")
                }
                if rate > 0, rate < 10 {
                    reader.warning(entry.fields["rate_eur_per_hour"]?.location ?? entry.idLocation, "\(path).rate_eur_per_hour",
                                   "a tariff of € \(Format.hours(rate)) an hour is implausibly low; is the amount right?",
                                   dutch: "een tarief van € \(nl(rate)) per uur is onwaarschijnlijk laag; klopt het bedrag?")
                }
            case .hours(let hours):
                if hours > 0, hours < 10 {
                    reader.warning(entry.fields["budget_hours"]?.location ?? entry.idLocation, "\(path).budget_hours",
                                   "a quarter's budget of \(Format.hours(hours)) h is implausibly small; is the number right?",
                                   dutch: "een kwartaalbudget van \(nl(hours)) u is onwaarschijnlijk klein; klopt het getal?")
                }
            }
        }
        for entry in positions.workers where entry.value.hoursPerWeek > 0 && entry.value.hoursPerWeek < 1 {
            reader.warning(entry.fields["hours_per_week"]?.location ?? entry.idLocation, "workers[\(entry.index)].hours_per_week",
                           "\(Format.hours(entry.value.hoursPerWeek)) contract hours a week is implausibly few; is the number right?",
                           dutch: "\(nl(entry.value.hoursPerWeek)) contracturen per week is onwaarschijnlijk weinig; klopt het getal?")
        }
        for entry in positions.practices where entry.value.sessionHours > 0 && entry.value.sessionHours < 0.25 {
            reader.warning(entry.fields["session_hours"]?.location ?? entry.idLocation, "practices[\(entry.index)].session_hours",
                           "a consultation hour of \(Format.hours(entry.value.sessionHours * 60)) minutes is implausibly short; session_hours is in hours",
                           dutch: "een spreekuur van \(nl(entry.value.sessionHours * 60)) minuten is onwaarschijnlijk kort; session_hours is in uren")
        }
    }

    /// Two practices whose municipalities differ only in case or accents:
    /// to teamplan they are two municipalities, and a stream scoped to one
    /// does not pay for the other.
    static func municipalitiesThatDifferInCase(_ practices: [ScenarioReader.Located<Practice>], _ reader: inout FieldReader) {
        var first: [String] = []
        for entry in practices {
            let name = entry.value.municipality
            if let other = Suggestions.sameButForCaseOrAccents(name, in: first) {
                reader.warning(entry.fields["municipality"]?.location ?? entry.idLocation, "practices[\(entry.index)].municipality",
                               "'\(name.truncatedForMessage)' and '\(other.truncatedForMessage)' differ only in case or accents, so they are two municipalities; did you mean '\(other.truncatedForMessage)'?",
                               dutch: "'\(name.truncatedForMessage)' en '\(other.truncatedForMessage)' verschillen alleen in hoofdletters of accenten, dus het zijn twee gemeenten; bedoelt u '\(other.truncatedForMessage)'?")
            } else if !first.contains(name) {
                first.append(name)
            }
        }
    }

    /// Leave wholly outside the quarter: leave that only crosses an edge is normal.
    static func leaveOutsideQuarter(_ scenario: Scenario, _ workers: [ScenarioReader.Located<Worker>],
                                    _ reader: inout FieldReader) {
        let quarter = scenario.quarter
        for worker in workers {
            guard case .sequence(let items)? = worker.fields["leave"]?.kind else { continue }
            for (index, range) in worker.value.leave.enumerated()
            where range.to < quarter.start || range.from > quarter.end {
                reader.warning(items[index].location, "workers[\(worker.index)].leave[\(index)]",
                               "leave \(range.from) to \(range.to) lies wholly outside the quarter (\(quarter.start) to \(quarter.end))",
                               dutch: "verlof van \(range.from) tot en met \(range.to) valt helemaal buiten het kwartaal (\(quarter.start) t/m \(quarter.end))")
            }
        }
    }

    /// Closures and holidays outside the quarter.
    static func datesOutsideQuarter(_ scenario: Scenario, _ top: Fields, _ reader: inout FieldReader) {
        let quarter = scenario.quarter
        for key in ["closures", "holidays"] {
            guard case .sequence(let items)? = top[key]?.kind else { continue }
            // The list's dates in order; `nl` and `carnaval` in a holidays list are no dates.
            let dated = items.enumerated().filter { _, item in
                if case .scalar(let text, _) = item.kind { return text.contains(where: \.isNumber) }
                return true
            }
            let dates = key == "closures" ? scenario.closures : scenario.holidayRule.dates
            for ((index, item), date) in zip(dated, dates) where !quarter.contains(date) {
                reader.warning(item.location, "\(key)[\(index)]",
                               "\(date) lies outside the quarter (\(quarter.start) to \(quarter.end))",
                               dutch: "\(date) valt buiten het kwartaal (\(quarter.start) t/m \(quarter.end))")
            }
        }
    }

    /// A practice that cannot be served (no eligible worker, none available
    /// when it is open, no stream paying for an activity) or asks for more
    /// sessions than it has open slots.
    static func practiceWarnings(_ scenario: Scenario, _ entry: ScenarioReader.Located<Practice>,
                                 _ reader: inout FieldReader) {
        let practice = entry.value
        let path = "practices[\(entry.index)]"
        let eligible = scenario.workers.filter { $0.isEligible(for: practice) }
        if practice.sessionsPerWeek > 0 && eligible.isEmpty {
            let skills = practice.requiresSkills.joined(separator: ", ")
            let held = Array(Set(scenario.workers.flatMap(\.skills))).sorted()
            let hint = practice.requiresSkills.lazy.filter { !held.contains($0) }
                .compactMap { skill in Suggestions.closest(to: skill, in: held).map { (skill, $0) } }.first
            reader.warning(entry.fields["requires_skills"]?.location ?? entry.idLocation, "\(path).requires_skills",
                           "no worker has every skill \(practice.id) requires (\(skills)): it cannot be served"
                           + (hint.map { "; did you mean '\($0.1)' for '\($0.0)'?" } ?? ""),
                           dutch: "geen medewerker heeft elke vaardigheid die \(practice.id) vraagt (\(skills)): de praktijk kan niet worden bediend"
                           + (hint.map { "; bedoelt u '\($0.1)' voor '\($0.0)'?" } ?? ""))
        } else if practice.sessionsPerWeek > 0,
                  !eligible.contains(where: { w in practice.open.contains(where: w.available.contains) })
        {
            reader.warning(entry.fields["open"]?.location ?? entry.idLocation, "\(path).open",
                           "no eligible worker is available in any of \(practice.id)'s open slots (\(practice.open.map(\.name).joined(separator: ", "))): it cannot be served",
                           dutch: "geen geschikte medewerker is beschikbaar op een van de open dagdelen van \(practice.id) (\(practice.open.map(\.name).joined(separator: ", "))): de praktijk kan niet worden bediend")
        }
        if practice.sessionsPerWeek > practice.open.count {
            reader.warning(entry.fields["sessions_per_week"]?.location ?? entry.idLocation, "\(path).sessions_per_week",
                           "asks \(practice.sessionsPerWeek) sessions a week but has \(practice.open.count) open slot\(practice.open.count == 1 ? "" : "s"): at most \(practice.open.count) can be held",
                           dutch: "vraagt \(practice.sessionsPerWeek) spreekuren per week maar heeft \(practice.open.count) open dagde\(practice.open.count == 1 ? "el" : "len"): er kunnen er hoogstens \(practice.open.count) worden gehouden")
        }
        if practice.sessionsPerWeek > 0 {
            for activity in activitiesWorked(at: practice, overhead: scenario.overhead)
            where !scenario.funding.contains(where: { $0.covers(practice) && $0.pays(for: activity) }) {
                reader.warning(entry.idLocation, "\(path)",
                               "no funding stream pays for \(activity.rawValue) at \(practice.id): every hour worked must be paid, so it cannot be served",
                               dutch: "geen financieringsstroom betaalt \(DutchMessages.activity(activity.rawValue)) bij \(practice.id): elk gewerkt uur moet betaald worden, dus de praktijk kan niet worden bediend")
            }
        }
    }

    /// A stream scoped to a municipality no practice lies in.
    static func unknownMunicipalities(_ scenario: Scenario, _ funding: [ScenarioReader.Located<FundingStream>],
                                      _ reader: inout FieldReader) {
        let municipalities = Array(Set(scenario.practices.map(\.municipality))).sorted()
        for entry in funding {
            guard case .municipalities(let names) = entry.value.scope,
                  case .sequence(let items)? = entry.fields["municipalities"]?.kind else { continue }
            for (index, name) in names.enumerated() where !municipalities.contains(name) {
                reader.warning(items[index].location, "funding[\(entry.index)].municipalities[\(index)]",
                               "no practice lies in the municipality '\(name.truncatedForMessage)'"
                                + Suggestions.didYouMean(name, in: municipalities),
                               dutch: "geen praktijk ligt in de gemeente '\(name.truncatedForMessage)'"
                                + (Suggestions.closest(to: name, in: municipalities).map { "; bedoelt u '\($0)'?" } ?? ""))
            }
        }
    }

    /// The activities a served practice has hours of (model.md, Counting).
    static func activitiesWorked(at practice: Practice, overhead: Overhead) -> [Activity] {
        var activities: [Activity] = [.contact]
        if overhead.adminPerContactHour > 0 { activities.append(.admin) }
        if overhead.travelHoursPerVisit > 0 { activities.append(.travel) }
        if practice.mdo != nil { activities.append(.mdo) }
        return activities
    }
}
