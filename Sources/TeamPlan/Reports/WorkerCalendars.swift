import Foundation

/// calendars/WORKER.ics: each worker's duties as RFC 5545, as Outlook and
/// Google Calendar import them. A regular session is one weekly event from
/// the quarter's first week to its last, with an EXDATE on every date the
/// worker does not hold it (closed, or on leave); each covering duty is a
/// single event. UIDs are stable for the same scenario, so importing a
/// re-planned quarter updates the events instead of duplicating them.
public enum WorkerCalendars {
    static let zone = "Europe/Amsterdam"

    /// The calendars of every worker with a session or a covering duty.
    /// `stamp` is when they were made (DTSTAMP).
    public static func files(_ e: Evaluation, stamp: Date, language: Language = .en) -> [(String, Data)] {
        e.scenario.workers.compactMap { worker in
            calendar(for: worker.id, e, stamp: stamp, language: language).map { ("calendars/\(worker.id).ics", Data($0.utf8)) }
        }
    }

    /// One worker's calendar, or nil without duties.
    public static func calendar(for workerID: String, _ e: Evaluation, stamp: Date, language: Language = .en) -> String? {
        let s = e.scenario
        guard let worker = s.worker(workerID), let result = e.worker(workerID) else { return nil }
        let sessions = e.plan.sessions.filter { $0.worker == workerID }
        guard !sessions.isEmpty || !result.covering.isEmpty else { return nil }
        var lines = header(worker, s)
        let event = EventContext(e: e, workerID: workerID, labels: language.labels, dtstamp: utcText(stamp),
                                 scenarioKey: uidPart(s.name + "-" + s.quarter.start.description))
        for session in sessions.sorted(by: { ($0.slot, $0.practice) < ($1.slot, $1.practice) }) {
            lines += sessionEvent(session, event)
        }
        for duty in result.covering.sorted(by: { ($0.date, $0.slot) < ($1.date, $1.slot) }) {
            lines += coverEvent(duty, event)
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// What every event of one worker's calendar shares.
    struct EventContext {
        let e: Evaluation
        let workerID: String
        let labels: Labels
        /// DTSTAMP: when the calendar was made.
        let dtstamp: String
        /// The scenario's part of every UID.
        let scenarioKey: String
        /// SEQUENCE, for calendars that update what was imported (a replan).
        var sequence: Int? = nil
    }

    /// A replan's calendars: every event a worker imported from the current
    /// plan's calendar is updated (the same UID, a higher SEQUENCE): a series
    /// that goes on keeps its start and gets the new plan's dates, one that
    /// ends stops before the replan's week (UNTIL), one with no date left is
    /// cancelled, and a covering duty the new plan no longer has is
    /// cancelled; new series and duties are new events. Weeks before the
    /// replan are as the current plan made them.
    public static func replanFiles(_ rest: Evaluation, replan: ReplanChanges, stamp: Date, language: Language = .en) -> [(String, Data)] {
        let whole = replan.scenario, current = replan.current
        let before = Evaluation(scenario: whole, plan: current)
        // The UIDs of the calendars made from the current plan: its scenario's name (as plan.json has it) and the quarter.
        let key = uidPart(current.scenario + "-" + whole.quarter.start.description)
        let sequence = Int(stamp.timeIntervalSince1970 / 60) - 26_297_280  // minutes since 2020-01-01: grows with every replan
        var held = Set<String>()  // "worker practice slot date" held by the regular
        for o in (replan.history?.occurrences ?? []) + rest.occurrences where o.state == .heldByRegular {
            held.insert("\(o.worker) \(o.practice) \(o.slot.name) \(o.date)")
        }
        let restStart = rest.scenario.quarter.start
        return whole.workers.compactMap { worker in
            let old = current.sessions.filter { $0.worker == worker.id }, new = rest.plan.sessions.filter { $0.worker == worker.id }
            let duties = (replan.history?.worker(worker.id)?.covering ?? []) + (rest.worker(worker.id)?.covering ?? [])
            // Every covering duty the current plan's calendar may hold from the replan's week on (whatever leave
            // the scenario had when it was made) is called off unless the new plan has it: cancelling a UID never
            // imported does no harm.
            let dropped = possibleDuties(of: worker.id, in: current, whole, before.calendar, from: restStart).filter { duty in
                !duties.contains { $0.date == duty.date && $0.slot == duty.slot && $0.practice == duty.practice }
            }
            guard !old.isEmpty || !new.isEmpty || !duties.isEmpty || !dropped.isEmpty else { return nil }
            var lines = header(worker, whole)
            let c = EventContext(e: before, workerID: worker.id, labels: language.labels, dtstamp: utcText(stamp),
                                 scenarioKey: key, sequence: sequence)
            for session in Set(old + new).sorted(by: { ($0.slot, $0.practice) < ($1.slot, $1.practice) }) {
                guard let slot = Slot(name: session.slot), whole.practice(session.practice) != nil,
                      whole.dayPart(named: slot.part) != nil else {
                    // A practice or slot the scenario no longer has: its series is called off.
                    lines += cancelledSeries(session, c, on: whole.quarter.start)
                    continue
                }
                let weeks = old.contains(session) ? 1...whole.quarter.weeks : replan.week...whole.quarter.weeks
                let last = new.contains(session) ? whole.quarter.weeks : replan.week - 1
                let dates = weeks.lowerBound <= last ? (weeks.lowerBound...last).map { before.calendar.date(week: $0, slot: slot) } : []
                let kept = Set(dates.filter { held.contains("\(worker.id) \(session.practice) \(session.slot) \($0)") })
                lines += seriesEvent(session, dates: dates.isEmpty ? [before.calendar.date(week: 1, slot: slot)] : dates,
                                     held: kept, cancelled: dates.isEmpty, c)
            }
            for duty in duties.sorted(by: { ($0.date, $0.slot) < ($1.date, $1.slot) }) { lines += coverEvent(duty, c) }
            for duty in dropped.sorted(by: { ($0.date, $0.slot) < ($1.date, $1.slot) }) { lines += coverEvent(duty, c, cancelled: true) }
            lines.append("END:VCALENDAR")
            return ("calendars/\(worker.id).ics", Data((lines.map(fold).joined(separator: "\r\n") + "\r\n").utf8))
        }
    }

    /// A series of a practice or slot the scenario no longer has, called off
    /// by its UID (an all-day start: its time is not known any more).
    static func cancelledSeries(_ session: Plan.Session, _ c: EventContext, on date: LocalDate) -> [String] {
        ["BEGIN:VEVENT",
         "UID:\(c.scenarioKey)-\(uidPart(c.workerID))-\(uidPart(session.practice))-\(session.slot)@teamplan",
         "DTSTAMP:\(c.dtstamp)"] + (c.sequence.map { ["SEQUENCE:\($0)"] } ?? []) + [
         "DTSTART;VALUE=DATE:\(date.compact)", "STATUS:CANCELLED", "SUMMARY:" + escape(c.labels.sessionSummary(session.practice)),
         "END:VEVENT"]
    }

    /// Each date from `start` on that `worker`, a backup in `plan`, could
    /// have stood in at one of their practices: every open occurrence of
    /// each of its sessions.
    static func possibleDuties(of worker: String, in plan: Plan, _ s: Scenario, _ calendar: QuarterCalendar,
                               from start: LocalDate) -> [Evaluation.CoverDuty] {
        var duties: [Evaluation.CoverDuty] = []
        for backup in plan.backups where backup.worker == worker {
            guard let practice = s.practice(backup.practice) else { continue }
            for session in plan.sessions where session.practice == backup.practice {
                guard let slot = Slot(name: session.slot) else { continue }
                for week in calendar.weeks {
                    let date = calendar.date(week: week, slot: slot)
                    guard date >= start, calendar.isOpen(week: week, slot: slot) else { continue }
                    duties.append(Evaluation.CoverDuty(week: week, date: date, slot: slot, practice: practice.id,
                                                       covering: session.worker, hours: s.sessionLoad(practice)))
                }
            }
        }
        return duties
    }

    /// The calendar's first lines, up to its time zone.
    static func header(_ worker: Worker, _ s: Scenario) -> [String] {
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//teamplan//teamplan 0.1//EN", "CALSCALE:GREGORIAN",
         "METHOD:PUBLISH", "X-WR-CALNAME:" + escape("\(worker.name) — \(s.name)"), "X-WR-TIMEZONE:\(zone)"] + timezone
    }

    /// A regular session: one weekly event over the quarter, with an EXDATE
    /// on every date the worker does not hold it. None when the session
    /// names what the scenario lacks.
    static func sessionEvent(_ session: Plan.Session, _ c: EventContext) -> [String] {
        let s = c.e.scenario
        guard let slot = Slot(name: session.slot) else { return [] }
        let dates = s.quarter.weeks > 0 ? (1...s.quarter.weeks).map { c.e.calendar.date(week: $0, slot: slot) } : []
        let held = Set(c.e.occurrences.filter {
            $0.practice == session.practice && $0.slot == slot && $0.worker == c.workerID && $0.state == .heldByRegular
        }.map(\.date))
        return seriesEvent(session, dates: dates, held: held, cancelled: false, c)
    }

    /// A weekly series over `dates` (its first is DTSTART, its last UNTIL),
    /// with an EXDATE on each date not `held`; with `cancelled`, the series
    /// is called off (an update of one imported before).
    static func seriesEvent(_ session: Plan.Session, dates: [LocalDate], held: Set<LocalDate>, cancelled: Bool, _ c: EventContext) -> [String] {
        let s = c.e.scenario, l = c.labels
        guard let practice = s.practice(session.practice), let slot = Slot(name: session.slot),
              let part = s.dayPart(named: slot.part), let first = dates.first, let last = dates.last else { return [] }
        let minutes = Int((practice.sessionHours * 60).rounded())
        let skipped = dates.filter { !held.contains($0) }
        var lines = ["BEGIN:VEVENT",
                     "UID:\(c.scenarioKey)-\(uidPart(c.workerID))-\(uidPart(session.practice))-\(session.slot)@teamplan",
                     "DTSTAMP:\(c.dtstamp)"] + (c.sequence.map { ["SEQUENCE:\($0)"] } ?? []) + [
                     "DTSTART;TZID=\(zone):\(localText(first, part.startMinutes))",
                     "DTEND;TZID=\(zone):\(localText(first, part.startMinutes + minutes))"]
        if cancelled {
            lines.append("STATUS:CANCELLED")
        } else {
            lines.append("RRULE:FREQ=WEEKLY;UNTIL=\(utcText(last, part.startMinutes))")
            if !skipped.isEmpty {
                lines.append("EXDATE;TZID=\(zone):" + skipped.map { localText($0, part.startMinutes) }.joined(separator: ","))
            }
        }
        lines += ["SUMMARY:" + escape(l.sessionSummary(practice.name)),
                  "LOCATION:" + escape(practice.name),
                  "DESCRIPTION:" + escape(l.sessionDescription(l.hours(practice.sessionHours), practice.name, practice.municipality, s.name)
                                          + closedNote(dates: dates, c)),
                  "TRANSP:OPAQUE", "END:VEVENT"]
        return lines
    }

    /// The closed days on the series' weekday, named, after its description.
    static func closedNote(dates: [LocalDate], _ c: EventContext) -> String {
        let on = Set(dates)
        let days = c.e.calendar.closedDays.filter { on.contains($0.date) }
        return days.isEmpty ? "" : " " + c.labels.closedOn(days.map { "\($0.date) \(c.labels.closedDayName($0))" })
    }

    /// A covering duty: a single event on its date.
    static func coverEvent(_ duty: Evaluation.CoverDuty, _ c: EventContext, cancelled: Bool = false) -> [String] {
        let s = c.e.scenario, l = c.labels
        guard let practice = s.practice(duty.practice), let part = s.dayPart(named: duty.slot.part) else { return [] }
        let regular = s.worker(duty.covering)?.name ?? duty.covering
        let minutes = Int((practice.sessionHours * 60).rounded())
        return ["BEGIN:VEVENT",
                "UID:\(c.scenarioKey)-cover-\(uidPart(c.workerID))-\(uidPart(duty.practice))-\(duty.date.compact)-\(duty.slot.name)@teamplan",
                "DTSTAMP:\(c.dtstamp)"] + (c.sequence.map { ["SEQUENCE:\($0)"] } ?? []) + [
                "DTSTART;TZID=\(zone):\(localText(duty.date, part.startMinutes))",
                "DTEND;TZID=\(zone):\(localText(duty.date, part.startMinutes + minutes))"] + (cancelled ? ["STATUS:CANCELLED"] : []) + [
                "SUMMARY:" + escape(l.coverSummary(practice.name, regular)),
                "LOCATION:" + escape(practice.name),
                "DESCRIPTION:" + escape(l.coverDescription(practice.name, regular, duty.date.description)),
                "TRANSP:OPAQUE", "END:VEVENT"]
    }

    /// Europe/Amsterdam with the EU's rules since 1996, in RRULE form.
    static let timezone = [
        "BEGIN:VTIMEZONE", "TZID:\(zone)", "X-LIC-LOCATION:\(zone)",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]

    /// `20270104T090000`.
    static func localText(_ date: LocalDate, _ minutes: Int) -> String {
        date.compact + String(format: "T%02d%02d00", minutes / 60, minutes % 60)
    }

    /// The last Sunday of a month.
    static func lastSunday(_ year: Int, _ month: Int) -> LocalDate {
        var d = LocalDate(year: year, month: month, day: 31)!
        while d.weekday != .sun { d = d.adding(days: -1) }
        return d
    }

    /// A time in Amsterdam as UTC: `20270329T070000Z`. Summer time runs from
    /// 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday
    /// of October.
    static func utcText(_ date: LocalDate, _ minutes: Int) -> String {
        let summerStart = lastSunday(date.year, 3), summerEnd = lastSunday(date.year, 10)
        // Local minutes since the start of `date`, against the switch moments in local standard/summer time.
        let summer: Bool
        if date > summerStart && date < summerEnd { summer = true }
        else if date == summerStart { summer = minutes >= 3 * 60 }
        else if date == summerEnd { summer = minutes < 2 * 60 }
        else { summer = false }
        var utc = minutes - (summer ? 120 : 60)
        var day = date
        if utc < 0 { utc += 24 * 60; day = day.adding(days: -1) }
        return day.compact + String(format: "T%02d%02d00Z", utc / 60, utc % 60)
    }

    static func utcText(_ moment: Date) -> String {
        let seconds = Int(moment.timeIntervalSince1970.rounded(.down))
        let day = LocalDate(dayNumber: LocalDate(year: 1970, month: 1, day: 1)!.dayNumber + seconds.floorDiv(86_400))
        let rest = seconds - seconds.floorDiv(86_400) * 86_400
        return day.compact + String(format: "T%02d%02d%02dZ", rest / 3600, rest / 60 % 60, rest % 60)
    }

    /// RFC 5545 TEXT: backslash, semicolon, comma and line breaks escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": break
            default: out.append(c)
            }
        }
        return out
    }

    /// Lines longer than 75 octets continue on the next line after a space,
    /// never inside a UTF-8 character.
    static func fold(_ line: String) -> String {
        var pieces: [String] = []
        var current = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            let limit = pieces.isEmpty ? 75 : 74  // a continuation starts with one space
            if octets + size > limit {
                pieces.append(current)
                current = ""
                octets = 0
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }

    /// Letters, digits and `-` for a UID.
    static func uidPart(_ text: String) -> String {
        String(text.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
    }
}

private extension Int {
    func floorDiv(_ d: Int) -> Int { self >= 0 ? self / d : -((-self + d - 1) / d) }
}

extension LocalDate {
    /// `20270104`.
    var compact: String { String(format: "%04d%02d%02d", year, month, day) }
}
