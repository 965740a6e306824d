import Foundation

/// The Dutch of the scenario reader's errors, as a catalogue of message
/// forms: each English form (a pattern with the message's variable parts)
/// beside its Dutch. A message none matches stays English. The parts —
/// what was expected, what was found, a number — are translated the same
/// way, by the phrase forms; numbers get a decimal comma.
///
/// Warnings and notices carry their Dutch with them (`Diagnostic.dutch`);
/// the errors are many more and mostly built of a few forms, so they are
/// translated here, in one place, where a test can count what is covered.
enum DutchMessages {
    /// The Dutch of a whole message, nil when no form matches.
    static func translate(_ english: String) -> String? {
        for form in messages {
            if let dutch = form.apply(english) { return dutch }
        }
        return nil
    }

    /// A broken rule as `verify` and a refused report print it (`H5: …`,
    /// `stated: …`), in Dutch where the rule's form is known.
    static func rule(_ name: String, _ message: String) -> String? {
        translate(message).map { "\(name == "stated" ? "opgave" : name): \($0)" }
    }

    /// Text of several lines, each in Dutch where a form knows it; a line of
    /// a broken rule (`  H1: …`) keeps its indent and rule.
    static func lines(_ text: String) -> String {
        text.components(separatedBy: "\n").map { line in
            if let whole = translate(line) { return whole }
            let indent = String(line.prefix { $0 == " " })
            let rest = line.dropFirst(indent.count)
            if let colon = rest.range(of: ": "), rest[..<colon.lowerBound].range(of: #"^(H\d+|stated)$"#, options: .regularExpression) != nil,
               let dutch = rule(String(rest[..<colon.lowerBound]), String(rest[colon.upperBound...])) {
                return indent + dutch
            }
            return line
        }.joined(separator: "\n")
    }

    /// The Dutch of a part (what was expected or found), or the part as it is.
    static func phrase(_ english: String) -> String {
        for form in phrases {
            if let dutch = form.apply(english) { return dutch }
        }
        return number(english)
    }

    /// An activity as the Dutch outputs name it: `cliëntcontact`, `administratie`, `reistijd`, `MDO`.
    static func activity(_ name: String) -> String {
        ["contact": "cliëntcontact", "admin": "administratie", "travel": "reistijd", "mdo": "MDO"][name] ?? name
    }

    /// A number with a decimal point gets a decimal comma; anything else stays.
    static func number(_ text: String) -> String {
        text.range(of: #"^-?\d+\.\d+$"#, options: .regularExpression) != nil ? NumberStyle.dutch.apply(text) : text
    }

    /// One form: an English pattern and its Dutch, where `$1`… are the
    /// pattern's groups, each given as a phrase (`$p1`), a number (`$n1`),
    /// an activity (`$a1`), a slot (`$s1`: `di-ochtend`) or as it is (`$1`:
    /// names, quoted text).
    struct Form {
        let pattern: NSRegularExpression
        let dutch: String

        init(_ pattern: String, _ dutch: String) {
            self.pattern = try! NSRegularExpression(pattern: "^" + pattern + "$", options: [.dotMatchesLineSeparators])
            self.dutch = dutch
        }

        func apply(_ english: String) -> String? {
            let range = NSRange(english.startIndex..., in: english)
            guard let match = pattern.firstMatch(in: english, range: range) else { return nil }
            func group(_ i: Int) -> String {
                guard i < match.numberOfRanges, let r = Range(match.range(at: i), in: english) else { return "" }
                return String(english[r])
            }
            var out = dutch
            for i in stride(from: match.numberOfRanges - 1, through: 1, by: -1) {
                out = out.replacingOccurrences(of: "$p\(i)", with: DutchMessages.phrase(group(i)))
                out = out.replacingOccurrences(of: "$n\(i)", with: DutchMessages.number(group(i)))
                out = out.replacingOccurrences(of: "$a\(i)", with: DutchMessages.activity(group(i)))
                out = out.replacingOccurrences(of: "$w\(i)", with: ["worker": "medewerker", "practice": "praktijk", "stream": "financieringsstroom"][group(i)] ?? group(i))
                out = out.replacingOccurrences(of: "$m\(i)", with: group(i).isEmpty ? "" : "; bedoelt u '\(group(i + 1))'?")
                out = out.replacingOccurrences(of: "$l\(i)", with: group(i).components(separatedBy: ", ").map { Language.nl.slotName($0) }.joined(separator: ", "))
                out = out.replacingOccurrences(of: "$c\(i)", with: DutchMessages.translate(group(i)) ?? group(i))
                out = out.replacingOccurrences(of: "$s\(i)", with: Language.nl.slotName(group(i)))
                out = out.replacingOccurrences(of: "$\(i)", with: group(i))
            }
            return out
        }
    }

    /// `'…'`, a quoted part of a message (no quote inside).
    static let q = "'([^']*)'"

    static let phrases: [Form] = [
        Form(#"a number above (\S+) and at most (\S+)"#, "een getal boven $1 en hoogstens $2"),
        Form(#"a number from (\S+) to (\S+)"#, "een getal van $1 tot en met $2"),
        Form(#"a whole number from (\S+) to (\S+)"#, "een geheel getal van $1 tot en met $2"),
        Form(#"a whole number of at least (\S+)"#, "een geheel getal van minstens $1"),
        Form("a list", "een lijst"),
        Form("a mapping", "een mapping (sleutels met waarden)"),
        Form("an empty value", "een lege waarde"),
        Form("text", "tekst"),
        Form(#"the text "(.*)""#, "de tekst \"$1\""),
        Form(#"true or false \(or ja or nee\)"#, "true of false (of ja of nee)"),
        Form("a date YYYY-MM-DD", "een datum JJJJ-MM-DD"),
        Form(#"a list of (.+)"#, "een lijst van $p1"),
        Form(#"slots such as (\S+)"#, "dagdelen zoals $1"),
        Form("skills", "vaardigheden"),
        Form("sessions", "spreekuren"),
        Form("dates", "datums"),
        Form("workers", "medewerkers"),
        Form("practices", "praktijken"),
        Form("funding streams", "financieringsstromen"),
        Form("activities", "activiteiten"),
        Form("municipalities", "gemeenten"),
        Form("a name", "een naam"),
        Form("an id", "een id"),
        Form("a municipality", "een gemeente"),
        Form("a skill", "een vaardigheid"),
        Form("a slot", "een dagdeel"),
        Form("1 error", "1 fout"),
        Form(#"(\d+) errors"#, "$1 fouten"),
    ]

    /// What a plan breaks (Evaluation's hard rules, `verify`), without the rule's name.
    static let rules: [Form] = [
        Form(#"the session (.+) names the worker '([^']*)', who is not in the scenario"#, "het spreekuur $1 noemt medewerker '$2', die niet in het scenario staat"),
        Form(#"the session (.+) names the practice '([^']*)', which is not in the scenario"#, "het spreekuur $1 noemt praktijk '$2', die niet in het scenario staat"),
        Form(#"the session (.+) is in '([^']*)', which is not a slot of the scenario"#, "het spreekuur $1 staat op '$2', geen dagdeel van het scenario"),
        Form("the plan lists the same session more than once", "het plan noemt hetzelfde spreekuur meer dan eens"),
        Form(#"(\S+) holds a session at (\S+) but lacks the skills? it requires \((.*)\)"#, "$1 heeft een spreekuur bij $2 maar mist wat die vraagt ($3)"),
        Form(#"(\S+) holds a session at (\S+) in (\S+), but is not available in (\S+)"#, "$1 heeft een spreekuur bij $2 op $s3, maar is dan niet beschikbaar"),
        Form(#"(\S+) holds a session at (\S+) in (\S+), but (\S+) has no room in (\S+) \(open: (.*)\)"#,
             "$1 heeft een spreekuur bij $2 op $s3, maar $4 heeft dan geen ruimte (open: $6)"),
        Form(#"(\S+) holds (\d+) sessions in (\S+) \((.*)\); at most one per slot"#, "$1 heeft $2 spreekuren op $s3 ($4); hoogstens één per dagdeel"),
        Form(#"(\S+) has (\d+) sessions a week, more than the (\d+) it asks for"#, "$1 heeft $2 spreekuren per week, meer dan de $3 die ze vraagt"),
        Form(#"(\S+) has (\d+) regular workers \((.*)\), more than its max_workers of (\d+)"#, "$1 heeft $2 vaste medewerkers ($3), meer dan max_workers $4"),
        Form(#"(\S+) works at (\d+) practices \((.*)\), more than max_practices (\d+)"#, "$1 werkt bij $2 praktijken ($3), meer dan max_practices $4"),
        Form(#"(\S+?)'s? weekly load is (\S+) h, above the (\S+) plannable hours \((\S+) contract − (\S+) reserved\)"#,
             "de weekbelasting van $1 is $n2 u, meer dan de $n3 planbare uren ($n4 contract − $n5 gereserveerd)"),
        Form(#"the backup (\S+) for (\S+) is not a worker of the scenario"#, "vervanger $1 voor $2 is geen medewerker van het scenario"),
        Form(#"(\S+) is a backup for '([^']*)', which is not a practice of the scenario"#, "$1 is vervanger voor '$2', geen praktijk van het scenario"),
        Form(#"(\S+) is a backup for (\S+) but lacks a skill it requires \((.*)\)"#, "$1 is vervanger voor $2 maar mist een vaardigheid die ze vraagt ($3)"),
        Form(#"(\S+) is a backup for (\S+) but cannot substitute \(can_substitute: false\)"#, "$1 is vervanger voor $2 maar mag niet invallen (can_substitute: false)"),
        Form(#"(\S+) is a backup for (\S+) but is already one of its regulars"#, "$1 is vervanger voor $2 maar is daar al vaste medewerker"),
        Form(#"(\S+) is a backup for (\S+) but is not available in (\S+), when (\S+) holds a session"#,
             "$1 is vervanger voor $2 maar is niet beschikbaar op $s3, als $4 spreekuur houdt"),
        Form(#"(\S+) is a backup for (\S+) but holds a session at (\S+) in (\S+), when (\S+) holds one"#,
             "$1 is vervanger voor $2 maar heeft zelf een spreekuur bij $3 op $s4, als $5 er een houdt"),
        Form(#"(\S+) attends the MDO of '([^']*)', which is not a practice of the scenario"#, "$1 gaat naar het MDO van '$2', geen praktijk van het scenario"),
        Form(#"(\S+) has no MDO, yet (.+) attends one"#, "$1 heeft geen MDO, toch gaat $2 erheen"),
        Form(#"(\S+) is not served, yet (.+) attends its MDO"#, "$1 wordt niet bediend, toch gaat $2 naar het MDO"),
        Form(#"(\S+) is served and has an MDO, but no one attends it"#, "$1 wordt bediend en heeft een MDO, maar niemand gaat erheen"),
        Form(#"(\S+?)'s MDO has (\d+) attendees \((.*)\); exactly one is wanted"#, "het MDO van $1 heeft $2 deelnemers ($3); er moet er precies één zijn"),
        Form(#"(\S+) attends (\S+?)'s MDO but is not one of its regulars \((.*)\)"#, "$1 gaat naar het MDO van $2 maar is daar geen vaste medewerker ($3)"),
        Form(#"the funding line of '([^']*)' names a stream that is not in the scenario"#, "de financieringsregel van '$1' noemt een stroom die niet in het scenario staat"),
        Form(#"(\S+) pays for '([^']*)', which is not a practice of the scenario"#, "$1 betaalt voor '$2', geen praktijk van het scenario"),
        Form(#"(\S+) pays (\S+) h of (\w+) at (\S+); hours cannot be negative"#, "$1 betaalt $n2 u $a3 bij $4; uren kunnen niet negatief zijn"),
        Form(#"(\S+) pays (\S+) h of (\w+) at (\S+), but it pays only for (.*)"#, "$1 betaalt $n2 u $a3 bij $4, maar betaalt alleen voor $5"),
        Form(#"(\S+) pays (\S+) h at (\S+), which lies outside its scope"#, "$1 betaalt $n2 u bij $3, dat buiten haar bereik valt"),
        Form(#"(\S+) pays (\S+) h, above its budget of (\S+) h"#, "$1 betaalt $n2 u, meer dan het budget van $n3 u"),
        Form(#"(\S+) has (\S+) h of (\w+) worked but (\S+) h paid; every hour worked must be paid"#,
             "$1 heeft $n2 u $a3 gewerkt maar $n4 u betaald; elk gewerkt uur moet betaald worden"),
        Form(#"(\d+) workers have a session or backup role, more than team_size (\d+)"#, "$1 medewerkers hebben een spreekuur of zijn vervanger, meer dan team_size $2"),
        Form(#"(\S+) is pinned as a backup for (\S+), but is not one"#, "$1 staat vast als vervanger voor $2, maar is het niet"),
        Form(#"(\S+) is pinned to a session at (\S+) in (\S+), but does not hold it"#, "$1 staat vast voor een spreekuur bij $2 op $s3, maar houdt het niet"),
        Form(#"(\S+) is pinned as a regular of (\S+), but holds no session there"#, "$1 staat vast als vaste medewerker van $2, maar heeft daar geen spreekuur"),
        Form(#"(\S+) holds a session at (\S+), a pair to avoid"#, "$1 heeft een spreekuur bij $2, een koppel om te vermijden"),
        Form(#"(\S+) is a backup for (\S+), a pair to avoid"#, "$1 is vervanger voor $2, een koppel om te vermijden"),
        Form(#"the plan states objective (\S+), but it counts (\S+)"#, "het plan noemt doelwaarde $n1, maar telt $n2"),
        Form(#"the plan states a bound of (\S+) above its objective (\S+); a bound is never above the best plan"#,
             "het plan noemt een ondergrens $n1 boven de doelwaarde $n2; een ondergrens ligt nooit boven het beste plan"),
        Form("the plan's status is no_plan, yet it lists sessions, backups, MDO attendees or funding",
             "het plan heeft status no_plan, maar noemt spreekuren, vervangers, MDO-deelnemers of financiering"),
        Form(#"the plan states (\S+) gap hours, but it counts (\S+)"#, "het plan noemt $n1 tekorturen, maar telt $n2"),
        Form(#"the plan states (\d+) missing backups?, but it counts (\d+)"#, "het plan noemt $1 ontbrekende vervanger(s), maar telt $2"),
        Form(#"the plan states (\d+) pairs?, but it counts (\d+)"#, "het plan noemt $1 koppel(s), maar telt $2"),
        Form(#"the plan states (\d+) dropped pairs?, but it counts (\d+)"#, "het plan noemt $1 vervallen koppel(s), maar telt $2"),
        Form(#"the plan states (\d+) dropped sessions?, but it counts (\d+)"#, "het plan noemt $1 vervallen spreekuur/spreekuren, maar telt $2"),
        Form(#"the plan states an unmet preference of (\S+), but it counts (\S+)"#, "het plan noemt een onvervulde voorkeur van $n1, maar telt $n2"),
    ]

    static let messages: [Form] = rules + [
        Form(#"expected true, false or a rhythm such as 2w/1h \(every 2 weeks, 1 hour\), found (.+)"#,
             "verwacht true, false of een ritme zoals 2w/1h (elke 2 weken, 1 uur), gevonden $p1"),
        Form("no (worker|practice|stream) has the id \(q)", "er is geen $w1 met het id '$2'"),
        Form("no (worker|practice|stream) has the id \(q); did you mean \(q)\\?", "er is geen $w1 met het id '$2'; bedoelt u '$3'?"),
        Form(#"(\S+) at (\S+) is both pinned and avoided \(avoid at line (\d+), column (\d+)\); keep one"#,
             "$1 bij $2 staat zowel vast als vermeden (vermeden op regel $3, kolom $4); houd er één"),
        Form(#"(\S+) at (\S+)( in \S+)? is (pinned|avoided|preferred) twice \(first at line (\d+), column (\d+)\)"#,
             "$1 bij $2$3 staat er twee keer (eerst op regel $5, kolom $6)"),
        Form("a preference of 0 says nothing; give a weight from -100 to 100 other than 0, or leave the preference out",
             "een voorkeur van 0 zegt niets; geef een gewicht van -100 tot en met 100 anders dan 0, of laat de voorkeur weg"),
        Form(#"'([^']*)' differs from the (\w+) id '([^']*)' \(at line (\d+), column (\d+)\) only in case; their files would collide on macOS and Windows"#,
             "'$1' verschilt van het id '$3' (op regel $4, kolom $5) alleen in hoofdletters; hun bestanden zouden botsen op macOS en Windows"),
        Form("\(q) is neither a date nor nl, carnaval or none(; did you mean '([^']*)'\\?)?",
             "'$1' is geen datum en geen nl, carnaval of none$m2"),
        Form("needs a municipality name", "heeft de naam van een gemeente nodig"),
        Form(#"needs at least one day part, e\.g\. am: \{hours: 4, start: "09:00"\}"#,
             "heeft minstens één dagdeel nodig, bijvoorbeeld am: {hours: 4, start: \"09:00\"}"),
        Form(#"(\w+) is listed twice"#, "$1 staat er twee keer in"),
        Form("an empty name", "een lege naam"),
        Form("\(q) is not a role; write regular or backup", "'$1' is geen rol; schrijf regular of backup"),
        Form(#"the pin (.+) can never hold: (.+)"#, "de vastgezette keuze $1 kan nooit gelden: $2"),
        Form("unknown key", "onbekende sleutel"),
        Form("unknown key; did you mean \(q)\\?", "onbekende sleutel; bedoelt u '$1'?"),
        Form("missing; this key is required", "ontbreekt; deze sleutel is verplicht"),
        Form("needs a value", "heeft een waarde nodig"),
        Form("needs at least one entry", "heeft minstens één regel nodig"),
        Form(#"(\S+) is out of range; expected (.+)"#, "$1 valt buiten het bereik; verwacht $p2"),
        Form("\(q) is not a number; expected (.+)", "'$1' is geen getal; verwacht $p2"),
        Form("\(q) is not a finite number; expected (.+)", "'$1' is geen eindig getal; verwacht $p2"),
        Form(#"(\S+) is not a whole number; expected (.+)"#, "$1 is geen geheel getal; verwacht $p2"),
        Form(#"expected (.+), found (.+); remove the quotes"#, "verwacht $p1, gevonden $p2; haal de aanhalingstekens weg"),
        Form(#"expected (.+), found (.+); write \[(.*)\]"#, "verwacht $p1, gevonden $p2; schrijf [$3]"),
        Form(#"expected a mapping of keys \((.*)\), found (.+)"#, "verwacht een mapping van sleutels ($1), gevonden $p2"),
        Form(#"expected (.+), found (.+)"#, "verwacht $p1, gevonden $p2"),
        Form("\(q) is not a slot of this scenario; did you mean \(q)\\?", "'$1' is geen dagdeel van dit scenario; bedoelt u '$2'?"),
        Form(#"'([^']*)' is not a slot of this scenario \(slots are DAY-PART: (.*)\)"#,
             "'$1' is geen dagdeel van dit scenario (dagdelen zijn DAG-DEEL: $2)"),
        Form(#"'([^']*)' is not a date; write it as YYYY-MM-DD, e\.g\. 2027-01-04 \(or as Dutch writes it, 4-1-2027\)"#,
             "'$1' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2027-01-04 (of zoals in het Nederlands: 4-1-2027)"),
        Form(#"(\S+) does not exist: the month must be 01 to 12"#, "$1 bestaat niet: de maand moet 01 tot en met 12 zijn"),
        Form(#"(\S+) does not exist: (\w+) (\d+) has (\d+) days"#, "$1 bestaat niet: die maand van $3 heeft $4 dagen"),
        Form("unknown column \(q)", "onbekende kolom '$1'"),
        Form("unknown column \(q); did you mean \(q)\\?", "onbekende kolom '$1'; bedoelt u '$2'?"),
        Form(#"row has (\d+) cells, the header has (\d+)"#, "de rij heeft $1 cellen, de kopregel $2"),
        Form(#"(.+) is at most (\d+) characters; this one has (\S+)"#, "$p1 is hoogstens $2 tekens; deze heeft er $3"),
        Form("\(q) has a thousands separator; write the number without it, e\\.g\\. \(q)",
             "'$1' heeft een scheidingsteken voor duizendtallen; schrijf het getal zonder, bijvoorbeeld '$2'"),
        Form("\(q) has a decimal comma; write it with a point: (\\S+)", "'$1' heeft een decimale komma; schrijf hier een punt: $2"),
        Form("\(q) is too small to mean anything here; write 0 or at least 0\\.000001",
             "'$1' is te klein om hier iets te betekenen; schrijf 0 of minstens 0,000001"),
        Form(#"(\S+) h reserved is more than the (\S+) contract hours"#, "$1 u gereserveerd is meer dan de $2 contracturen"),
        Form(#"leave ends on (\S+), before it starts on (\S+)"#, "het verlof eindigt op $1, vóór het begint op $2"),
        Form(#"duplicate (\w+) id '([^']*)' \(first at line (\d+), column (\d+)\)"#, "dubbel id '$2' (eerst op regel $3, kolom $4)"),
        Form("\(q) is not an activity; expected contact, admin, travel or mdo",
             "'$1' is geen activiteit; verwacht contact, admin, travel of mdo"),
        Form(#"(\S+) is a (\w+); the quarter must start on a Monday, e\.g\. (\S+) or (\S+)"#,
             "$1 is geen maandag; het kwartaal moet op een maandag beginnen, bijvoorbeeld $3 of $4"),
        Form(#"(\d+ errors?); nothing was written"#, "$p1; er is niets geschreven"),
        Form(#"(.+): the plan breaks (\d+) rules?; nothing was written \(see teamplan verify\)"#,
             "$1: het plan breekt $2 regel(s); er is niets geschreven (zie teamplan verify)"),
        Form(#"(.+): the plan breaks (\d+) rules? of the scenario \(see teamplan verify\)"#,
             "$1: het plan breekt $2 regel(s) van het scenario (zie teamplan verify)"),
        Form("cannot read the plan \(q): no such file", "kan het plan '$1' niet lezen: dat bestand bestaat niet"),
        Form("cannot read the scenario \(q): no such file", "kan het scenario '$1' niet lezen: dat bestand bestaat niet"),
        Form(#"teamplan cover: (.+)"#, "teamplan cover: $c1"),
        Form("--(from|to) \(q) is not a date; write YYYY-MM-DD, e\\.g\\. (\\S+)", "--$1 '$2' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld $3"),
        Form(#"--to (\S+) is before --from (\S+)"#, "--to $1 ligt vóór --from $2"),
        Form(#"(\S+) to (\S+) lies outside the quarter \((\S+) to (\S+)\)"#, "$1 t/m $2 valt buiten het kwartaal ($3 t/m $4)"),
        Form(#"(\S+) is a replan that holds from (\S+); ask from that date on, or give the plan it replaced"#,
             "$1 is een herplanning vanaf $2; vraag vanaf die datum, of geef het plan dat ze verving"),
        Form(#"(.+): (\d+ errors?); nothing was written"#, "$1: $p2; er is niets geschreven"),
        Form(#"(\d+ errors?); not a plan teamplan can read"#, "$p1; geen plan dat teamplan kan lezen"),
        Form(#"(.+): (\d+ errors?); not a plan teamplan can read"#, "$1: $p2; geen plan dat teamplan kan lezen"),
        Form(#"'([^']*)' is not a time of day; write HH:MM, e\.g\. "09:00""#, "'$1' is geen tijdstip; schrijf UU:MM, bijvoorbeeld \"09:00\""),
        Form(#"'([^']*)' cannot be an id: ids name files \(calendars, folders\), so use only letters a–z, digits, '-' and '_', e\.g\. '([^']*)'"#,
             "'$1' kan geen id zijn: ids geven bestanden een naam (agenda's, mappen), gebruik dus alleen letters a–z, cijfers, '-' en '_', bijvoorbeeld '$2'"),
        Form(#"'([^']*)' is not a holiday rule; write nl \(Dutch holidays\), carnaval, none, or a list of these and of dates, e\.g\. \[nl, carnaval\]"#,
             "'$1' is geen feestdagenregel; schrijf nl (Nederlandse feestdagen), carnaval, none, of een lijst daarvan en van datums, bijvoorbeeld [nl, carnaval]"),
        Form("\(q) is not a status; expected optimal, feasible or no_plan", "'$1' is geen status; verwacht optimal, feasible of no_plan"),
        Form("\(q) is not a day; write mon, tue, wed, thu, fri, sat or sun(; did you mean '([^']*)'\\?)?",
             "'$1' is geen dag; schrijf mon, tue, wed, thu, fri, sat of sun$m2"),
        Form("\(q) is not an activity; write contact, admin, travel or mdo", "'$1' is geen activiteit; schrijf contact, admin, travel of mdo"),
        Form(#"(\S+) is not a quarter teamplan can plan; expected a date from (\d+) to (\d+)"#,
             "$1 is geen kwartaal dat teamplan kan plannen; verwacht een datum van $2 tot $3"),
        Form(#"NUL byte: this is not a text file \(or it is UTF-16; save it as "CSV UTF-8"\)"#,
             "NUL-byte: dit is geen tekstbestand (of het is UTF-16; sla het op als \"CSV UTF-8\")"),
        Form("a NUL byte: this is not a text file", "een NUL-byte: dit is geen tekstbestand"),
        Form(#"YAML aliases \('([^']*)'\) are not allowed; write the value out in full"#, "YAML-aliassen ('$1') mogen niet; schrijf de waarde helemaal uit"),
        Form(#"a second YAML document \('---'\); a scenario is one document"#, "een tweede YAML-document ('---'); een scenario is één document"),
        Form(#"a session of (\S+) h does not fit in (\S+) \(the (\S+) part is (\S+) h\)"#,
             "een spreekuur van $1 u past niet in $2 (het dagdeel $3 duurt $4 u)"),
        Form("a stream has either budget_eur or budget_hours, not both", "een stroom heeft budget_eur of budget_hours, niet allebei"),
        Form("a stream is scoped by municipalities or by practices, not both", "een stroom geldt voor gemeenten of voor praktijken, niet allebei"),
        Form("cannot read the previous plan \(q): no such file", "kan het vorige plan '$1' niet lezen: dat bestand bestaat niet"),
        Form("cannot read the (\\w+) table \(q): no such file", "kan de tabel $1 '$2' niet lezen: dat bestand bestaat niet"),
        Form("cannot use \(q) as the previous plan: it is not a valid plan.json", "kan '$1' niet als vorig plan gebruiken: het is geen geldig plan.json"),
        Form(#"contains the control character (U\+[0-9A-F]+); remove it"#, "bevat het stuurteken $1; haal het weg"),
        Form(#"duplicate column "([^"]*)" in the header \(also at line (\d+), column (\d+)\)"#,
             "kolom \"$1\" staat twee keer in de kopregel (ook op regel $2, kolom $3)"),
        Form(#"duplicate key '([^']*)' \(first at line (\d+), column (\d+)\); keep one"#,
             "sleutel '$1' staat er twee keer (eerst op regel $2, kolom $3); houd er één"),
        Form(#"empty; give the scenario a name, e\.g\. "(.*)""#, "leeg; geef het scenario een naam, bijvoorbeeld \"$1\""),
        Form("missing; a budget in euros needs the tariff rate_eur_per_hour to turn it into hours",
             "ontbreekt; een budget in euro's heeft het tarief rate_eur_per_hour nodig om er uren van te maken"),
        Form("missing; a stream needs budget_eur \\(with rate_eur_per_hour\\) or budget_hours",
             "ontbreekt; een stroom heeft budget_eur (met rate_eur_per_hour) of budget_hours nodig"),
        Form("needs at least one of contact, admin, travel, mdo", "heeft minstens één van contact, admin, travel, mdo nodig"),
        Form("needs at least one open slot", "heeft minstens één open dagdeel nodig"),
        Form(#"not valid UTF-8 text; save the (\w+) as UTF-8"#, "geen geldige UTF-8-tekst; sla het bestand op als UTF-8"),
        Form(#"not valid YAML: (.+)"#, "geen geldige YAML: $1"),
        Form(#"not valid JSON: (.+)"#, "geen geldige JSON: $1"),
        Form(#"the file is UTF-16 text; save it from the spreadsheet as "CSV UTF-8" or "CSV \(comma/semicolon separated\)""#,
             "het bestand is UTF-16-tekst; sla het vanuit het rekenblad op als \"CSV UTF-8\" of \"CSV (gescheiden door lijstscheidingsteken)\""),
        Form("the file is empty", "het bestand is leeg"),
        Form(#"nested more than (\d+) levels deep; a plan needs (\d+) at most"#, "meer dan $1 niveaus diep genest; een plan heeft er hoogstens $2 nodig"),
        Form(#"nested more than (\d+) levels deep; a scenario needs (\d+) at most"#, "meer dan $1 niveaus diep genest; een scenario heeft er hoogstens $2 nodig"),
        Form(#"'([^']*)': inside \{ \} a comma ends the entry, so this reads as (\d+) and a key '(\d+)'\. For a decimal, write it with a point: (\S+)"#,
             "'$1': binnen { } sluit een komma het item af, dus dit leest als $2 en een sleutel '$3'. Schrijf een decimaal getal hier met een punt: $4"),
        Form(#"'([^']*)': inside \{ \} a comma ends the entry, so this reads as (\d+) and a key '(\d+)'\. Write (\S+) for the thousands, or (\S+) for the decimal"#,
             "'$1': binnen { } sluit een komma het item af, dus dit leest als $2 en een sleutel '$3'. Schrijf $4 voor de duizendtallen, of $5 voor het decimale getal"),
        Form(#"'([^']*)' reads as (\S+) in English but as (\S+) in Dutch, where a point groups thousands; write (\S+), or (\S+) if that is meant"#,
             "'$1' leest als $2 in het Engels maar als $3 in het Nederlands (een punt tussen de duizendtallen); schrijf $4, of $5 als dat bedoeld is"),
        Form(#"'([^']*)' is (\S+) with points between the thousands, as Dutch writes it; write (\S+) without them"#,
             "'$1' is $2 met punten tussen de duizendtallen; schrijf $3, zonder punten"),
        Form(#"'([^']*)' reads as (\S+) in English \(a comma between the thousands\) but as (\S+) in Dutch \(a decimal comma\); write (\S+), or (\S+) if that is meant"#,
             "'$1' leest als $2 in het Engels (een komma tussen de duizendtallen) maar als $3 in het Nederlands (een decimale komma); schrijf $4, of $5 als dat bedoeld is"),
        Form(#"'([^']*)' is (\S+) with commas between the thousands; write (\S+) without them"#,
             "'$1' is $2 met komma's tussen de duizendtallen; schrijf $3, zonder komma's"),
        Form("the file is empty: the first line must name the columns", "het bestand is leeg: de eerste regel moet de kolommen noemen"),
        Form(#"unclosed quote opened at line (\d+), column (\d+)"#, "aanhalingsteken niet gesloten (geopend op regel $1, kolom $2)"),
    ]
}
