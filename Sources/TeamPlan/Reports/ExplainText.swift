/// `teamplan explain`'s answer as the terminal shows it: a short table per
/// practice with a gap, then what more would buy.
public enum ExplainText {
    /// With `names`, practices by name.
    public static func text(_ e: Explanation, language: Language = .en, names: DisplayNames? = nil) -> String {
        let l = language.labels
        var lines: [String] = []
        if e.practices.isEmpty { lines.append(l.noGapToExplain) }
        for practice in e.practices {
            lines.append(l.explainPractice(names?.practice(practice.practice) ?? practice.practice, l.hours(practice.gapHours)))
            if practice.reasons.isEmpty {
                lines.append("  " + noReasonFound(e, l))
                continue
            }
            var table = TextTable(header: l.explainHeader, rightAligned: [1, 2])
            for reason in practice.reasons {
                table.rows.append([name(reason.change, reason.description, l) + (reason.proven ? "" : " *"),
                                   l.hours(reason.hoursRemoved), l.percent(reason.hoursRemoved / practice.gapHours)])
            }
            lines.append(table.render())
        }
        if !e.marginals.isEmpty {
            lines.append("")
            lines.append(l.moreWouldBuy(l.hours(e.gapHours)))
            var table = TextTable(header: l.marginalsHeader, rightAligned: [1, 2, 3])
            for m in e.marginals {
                table.rows.append([name(m.change, m.description, l) + (m.proven ? "" : " *"), l.hours(m.gapHoursRemoved),
                                   extra(m, l), m.eurosPerGapHour.map(l.euros) ?? "–"])
            }
            lines.append(table.render())
        }
        if let line = notMeasuredLine(e, l) { lines.append(line) }
        if e.outcomes.contains(where: { $0.measurement?.proven == false }) { lines.append(l.notProvenNote) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What a practice with no reason found is told: nothing single removes
    /// it — only when every family was measured.
    static func noReasonFound(_ e: Explanation, _ l: Labels) -> String {
        e.unmeasuredFamilies == 0 ? l.noSingleFamily : l.noneMeasuredRemoves(e.unmeasuredFamilies)
    }

    /// The re-solves that gave no answer, and why, and those stopped with
    /// nothing better found; nil when there are none.
    static func notMeasuredLine(_ e: Explanation, _ l: Labels) -> String? {
        var lines: [String] = []
        let failed = e.unmeasured
        if !failed.isEmpty {
            lines.append(l.notMeasured(failed.count, failed.map {
                "\(l.change($0.change)): \($0.notMeasured == .notRun ? l.notRunInterrupted : ($0.notMeasured?.failure.description ?? ""))"
            }.joined(separator: "; ")))
        }
        let unknown = e.inconclusive
        if !unknown.isEmpty {
            lines.append(l.notKnown(unknown.count, unknown.map { l.change($0.change) }.joined(separator: "; ")))
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    /// A change in the reader's language, from its id.
    static func name(_ id: String, _ fallback: String, _ l: Labels) -> String {
        ScenarioChange(id: id).map(l.change) ?? fallback
    }

    /// The extra money (or hours) of a marginal.
    static func extra(_ m: Explanation.Marginal, _ l: Labels) -> String {
        m.extraEuros.map(l.euros) ?? m.extraHours.map { "\(l.hours($0)) \(l.hourUnit)" } ?? "–"
    }
}

extension Explanation {
    /// explain.json, like every JSON teamplan writes: sorted snake_case keys.
    public func json() throws -> String { try JSONOutput.encode(self) }
}
