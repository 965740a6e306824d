import Foundation
import TeamPlan

/// The scenario editor: the YAML as text (comments and all, saved as
/// written) and each CSV table it names as a grid, checked on every change
/// by the reader `teamplan check` uses (DraftCheck), each error shown at
/// its cell or line; saved atomically with the previous version kept.
public struct EditorFiles: Sendable {
    public struct Table: Sendable {
        /// As the scenario names it (relative to its folder).
        public var name: String
        public var path: String
        public var separator: Character
        public var bom: Bool
        public var newline: String
        public var rows: [[String]]
        public var version: String
        /// Why it is shown but not editable here.
        public var readOnly: ReadOnly?
    }

    /// Why a table is shown but not edited in the grid.
    public enum ReadOnly: Sendable, Equatable {
        /// A row with more or fewer cells than the header, or an empty line.
        case ragged
        /// A quoted cell holding a line break: the grid keeps one row a line.
        case lineBreakInCell
        /// Windows-1252 or other non-UTF-8 text.
        case notUTF8
    }

    /// What the grid offers to pick from: the scenario's slots, skills, ids,
    /// municipalities and quarter, and whatever the tables already hold (so a
    /// scenario that does not read yet still gets its pickers).
    public struct Picks: Sendable, Equatable, Codable {
        public var slots: [String] = []
        public var skills: [String] = []
        public var workers: [String] = []
        public var practices: [String] = []
        public var municipalities: [String] = []
        /// The quarter's first and last day (yyyy-mm-dd), for the date pickers.
        public var first: String?
        public var last: String?
    }

    public var yaml: String
    public var yamlVersion: String
    public var tables: [Table]
    public var picks = Picks()

    /// The scenario's files as they are on disk; nil when the YAML cannot be read.
    public init?(_ file: Workspace.ScenarioFile, in workspace: Workspace) {
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        yaml = String(decoding: data, as: UTF8.self)
        yamlVersion = SHA256.hex([UInt8](data))
        let loaded = ScenarioLoader.load(path: file.path, confinedTo: workspace.confinement)
        let directory = FilePath.folder(of: file.path)
        tables = loaded.inputFiles.dropFirst().filter { $0.path.lowercased().hasSuffix(".csv") }.compactMap { input in
            guard workspace.confinement.contains(input.path), let data = FileManager.default.contents(atPath: input.path) else { return nil }
            let bytes = [UInt8](data)
            let name = String(input.path.dropFirst(directory.count + 1))
            let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
            let text = String(bytes: bom ? Array(bytes.dropFirst(3)) : bytes, encoding: .utf8)
            let (lines, newline) = ScenarioEdit.lines(of: text ?? "")
            let header = lines.first ?? ""
            let separator = ScenarioEdit.separator(ofHeader: header)
            var readOnly: ReadOnly?
            var rows: [[String]] = []
            if let text {
                if let grid = EditorFiles.cells(text, separator: separator) {
                    rows = grid
                    if let width = grid.first?.count, grid.contains(where: { $0.count != width }) {
                        readOnly = .ragged
                    }
                } else {
                    readOnly = .lineBreakInCell
                }
            } else {
                readOnly = .notUTF8
            }
            return Table(name: name, path: input.path, separator: separator, bom: bom, newline: newline, rows: rows,
                         version: SHA256.hex(bytes), readOnly: readOnly)
        }
        picks = EditorFiles.picks(loaded.scenario, tables: tables)
    }

    /// How a column's cells are filled in: a list to choose one value from,
    /// or a picker for a list of slots or skills, or of leave periods.
    enum Pick: Equatable {
        case list(String)
        case picker(String)
    }

    static func pick(forColumn header: String) -> Pick? {
        let column = header.trimmingCharacters(in: .whitespaces).lowercased()
        if slotColumns.contains(column) { return .picker("slots") }
        if skillColumns.contains(column) { return .picker("skills") }
        if column == "leave" { return .picker("dates") }
        switch column {
        case "worker": return .list("pick-workers")
        case "practice": return .list("pick-practices")
        case "slot": return .list("pick-slots")
        case "municipality": return .list("pick-municipalities")
        case "role": return .list("pick-roles")
        case "can_substitute": return .list("pick-booleans")
        default: return nil
        }
    }

    static func json(_ picks: Picks) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(picks)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The columns whose cells are lists of slots (`mon-am|tue-am`) or of skills.
    static let slotColumns: Set<String> = ["available", "open"]
    static let skillColumns: Set<String> = ["skills", "requires_skills"]

    static func picks(_ scenario: Scenario?, tables: [Table]) -> Picks {
        var picks = Picks()
        var slots: [String] = [], skills: [String] = [], workers: [String] = [], practices: [String] = [], municipalities: [String] = []
        if let scenario {
            slots = scenario.slots.map(\.name)
            workers = scenario.workers.map(\.id)
            practices = scenario.practices.map(\.id)
            skills = scenario.workers.flatMap(\.skills) + scenario.practices.flatMap(\.requiresSkills)
            municipalities = scenario.practices.map(\.municipality)
            picks.first = scenario.quarter.start.description
            picks.last = scenario.quarter.end.description
        }
        // What the tables hold counts too: a scenario with an error still gets its pickers.
        for table in tables where table.readOnly == nil {
            guard let header = table.rows.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else { continue }
            for row in table.rows.dropFirst() {
                for (c, column) in header.enumerated() where c < row.count {
                    let items = row[c].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                    if slotColumns.contains(column) && scenario == nil { slots += items }
                    if skillColumns.contains(column) { skills += items }
                    if column == "municipality" { municipalities += items }
                }
            }
        }
        func distinct(_ list: [String]) -> [String] { var seen = Set<String>(); return list.filter { seen.insert($0).inserted } }
        picks.slots = distinct(slots)
        picks.skills = distinct(skills).sorted()
        picks.workers = distinct(workers)
        picks.practices = distinct(practices)
        picks.municipalities = distinct(municipalities).sorted()
        return picks
    }

    /// The cells of a CSV text (RFC 4180 quoting), line by line; nil when a
    /// quoted cell spans lines (the grid keeps one row a line). A last empty line is dropped.
    static func cells(_ text: String, separator: Character) -> [[String]]? {
        var lines = ScenarioEdit.lines(of: text).lines
        if lines.last == "" { lines.removeLast() }
        var rows: [[String]] = []
        for line in lines {
            var cells: [String] = []
            var cell = ""
            var quoted = false, wasQuoted = false
            var chars = Array(line)[...]
            while let c = chars.popFirst() {
                if quoted {
                    if c == "\"" {
                        if chars.first == "\"" { cell.append("\""); chars.removeFirst() } else { quoted = false }
                    } else { cell.append(c) }
                } else if c == "\"" && cell.trimmingCharacters(in: .whitespaces).isEmpty && !wasQuoted {
                    quoted = true
                    wasQuoted = true
                    cell = ""
                } else if c == separator {
                    cells.append(cell)
                    cell = ""
                    wasQuoted = false
                } else {
                    cell.append(c)
                }
            }
            if quoted { return nil }
            cells.append(cell)
            rows.append(cells)
        }
        return rows
    }
}

extension Pages {
    public func editor(_ file: Workspace.ScenarioFile, _ files: EditorFiles, history: [Workspace.Kept] = []) -> String {
        let base = "/scenario/" + Pages.link(file.name)
        var body = """
        <p><a href="\(Pages.escape(base))">\(w("Back to the scenario", "Terug naar het scenario"))</a></p>
        <p class="muted">\(w("Every change is checked at once by the same reader as teamplan check; an error shows at its cell. Save writes the files (the previous versions are kept in .teamplan/history) and refuses when a file was changed on disk meanwhile.",
                             "Elke wijziging wordt meteen gecontroleerd door dezelfde lezer als teamplan check; een fout staat bij zijn cel. Bewaren schrijft de bestanden (de vorige versies blijven in .teamplan/history) en weigert als een bestand intussen op schijf is gewijzigd."))</p>
        <div id="editor" data-check="\(Pages.escape(base))/check" data-save="\(Pages.escape(base))/save" data-file="\(Pages.escape(file.name))"
             data-words="\(Pages.escape(editorWords))" data-picks="\(Pages.escape(EditorFiles.json(files.picks)))">
        <p id="status" role="status" aria-live="polite"></p>
        <p><button id="save" type="button">\(w("Save", "Bewaren"))</button> <span id="undo-area"></span></p>

        """
        for table in files.tables {
            body += "<section class=\"table-editor\"><h2>\(Pages.escape(table.name))</h2>"
            if let why = table.readOnly {
                body += "<p class=\"muted\">\(Pages.escape(readOnly(why)))</p></section>"
                continue
            }
            let header = table.rows.first ?? []
            let kinds = header.map { EditorFiles.pick(forColumn: $0) }
            body += "<div class=\"scroll\"><table class=\"grid\" data-table=\"\(Pages.escape(table.name))\" data-separator=\"\(Pages.escape(String(table.separator)))\" "
                + "data-version=\"\(table.version)\" data-newline=\"\(table.newline == "\r\n" ? "crlf" : "lf")\"><thead><tr>"
                + header.map { "<th scope=\"col\">\(Pages.escape($0))</th>" }.joined()
                + "<th scope=\"col\"><span class=\"visually-hidden\">\(w("Row", "Rij"))</span></th></tr></thead><tbody>\n"
            for (r, row) in table.rows.dropFirst().enumerated() {
                body += "<tr>"
                for (c, name) in header.enumerated() {
                    let value = c < row.count ? row[c] : ""
                    let width = table.rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 4
                    let label = Pages.escape("\(table.name) \(w("row", "rij")) \(r + 2), \(name)")
                    body += kinds[c].map { if case .picker = $0 { "<td class=\"pickable\">" } else { "<td>" } } ?? "<td>"
                    body += "<input size=\"\(min(40, max(4, width + 1)))\" value=\"\(Pages.escape(value))\" aria-label=\"\(label)\""
                    switch kinds[c] {
                    case .list(let id)?: body += " list=\"\(id)\"></td>"
                    case .picker(let kind)?:
                        body += "><button type=\"button\" class=\"pick secondary\" data-pick=\"\(kind)\" aria-label=\"\(w("Choose", "Kiezen")): \(label)\" title=\"\(w("Choose", "Kiezen"))\">…</button></td>"
                    case nil: body += "></td>"
                    }
                }
                body += "<td class=\"row-actions\"><button type=\"button\" class=\"copy secondary\">\(w("Copy", "Kopiëren"))</button>"
                    + "<button type=\"button\" class=\"delete secondary\">\(w("Delete", "Verwijderen"))</button></td></tr>\n"
            }
            body += "</tbody></table></div><button type=\"button\" class=\"add secondary\">\(w("Add a row", "Rij toevoegen"))</button>"
                + "<ul class=\"errors\"></ul></section>\n"
        }
        body += """
        \(datalists(files.picks))
        <section><h2>\(Pages.escape(file.name))</h2>
        <label for="yaml">\(w("The scenario (YAML; comments are kept as written)", "Het scenario (YAML; opmerkingen blijven zoals ze staan)"))</label>
        <textarea id="yaml" spellcheck="false" rows="30" data-version="\(files.yamlVersion)">
        \(Pages.escape(files.yaml))</textarea>
        <ul class="errors" id="yaml-errors"></ul></section>
        <section><h2>\(w("Capacity estimate", "Capaciteitsschatting"))</h2><pre id="capacity"></pre></section>
        </div>
        """
        body += "<section id=\"history\"><h2>\(w("Earlier versions", "Eerdere versies"))</h2>"
        if history.isEmpty {
            body += "<p class=\"muted\">\(w("None kept yet: each save, pin, avoid or leave keeps the version before it.", "Nog geen: elke keer bewaren, vastzetten, vermijden of verlof bewaart de versie ervoor."))</p>"
        } else {
            body += "<ul>" + history.prefix(50).map { kept in
                "<li>\(Pages.escape(when(kept.stamp))) · \(Pages.escape(kept.name)) "
                    + "<form method=\"post\" action=\"\(Pages.escape(base))/restore\" class=\"inline\">"
                    + hidden("stamp", kept.stamp) + hidden("name", kept.name)
                    + "<button type=\"submit\" class=\"secondary restore\">\(w("Restore", "Terugzetten"))</button></form></li>"
            }.joined() + "</ul>"
        }
        body += "</section>"
        return page(w("Edit ", "Bewerken: ") + file.name, body, here: base + "/edit")
    }

    func readOnly(_ why: EditorFiles.ReadOnly) -> String {
        switch why {
        case .ragged:
            w("A row has more or fewer cells than the header, or a line is empty: fix it in a spreadsheet or a text editor (teamplan check names the line).",
              "Een rij heeft meer of minder cellen dan de kopregel, of een regel is leeg: herstel dat in een spreadsheet of een teksteditor (teamplan check noemt de regel).")
        case .lineBreakInCell:
            w("A cell holds a line break: edit this table in a spreadsheet.", "Een cel bevat een regeleinde: bewerk deze tabel in een spreadsheet.")
        case .notUTF8:
            w("Not UTF-8 (saved by Excel as plain CSV): save it as CSV UTF-8 to edit it here.",
              "Geen UTF-8 (door Excel als gewone CSV bewaard): bewaar het als CSV UTF-8 om het hier te bewerken.")
        }
    }

    /// The lists the grid's cells offer (ids, slots, municipalities, roles).
    func datalists(_ picks: EditorFiles.Picks) -> String {
        let lists: [(String, [String])] = [("pick-workers", picks.workers), ("pick-practices", picks.practices), ("pick-slots", picks.slots),
                                           ("pick-municipalities", picks.municipalities), ("pick-roles", ["regular", "backup"]),
                                           ("pick-booleans", ["true", "false"])]
        return lists.map { id, values in
            "<datalist id=\"\(id)\">" + values.map { "<option value=\"\(Pages.escape($0))\"></option>" }.joined() + "</datalist>"
        }.joined()
    }

    var editorWords: String {
        [("checking", w("Checking…", "Controleren…")), ("ok", w("No errors.", "Geen fouten.")),
         ("errors", w("error(s): fix them before saving", "fout(en): herstel ze voor het bewaren")),
         ("saved", w("Saved.", "Bewaard.")), ("undo", w("Undo delete", "Verwijderen ongedaan maken")),
         ("line", w("line", "regel")), ("row", w("row", "rij")), ("failed", w("Not saved:", "Niet bewaard:")),
         ("done", w("Done", "Klaar")), ("period", w("Add a period", "Periode toevoegen")), ("remove", w("Remove", "Weghalen")),
         ("from", w("from", "van")), ("to", w("to", "tot en met")), ("other", w("Another", "Andere")), ("add", w("Add", "Toevoegen")),
         ("slots", w("Slots", "Dagdelen")), ("skills", w("Skills", "Vaardigheden")), ("dates", w("Periods", "Perioden"))]
            .map { $0.0 + "=" + $0.1 }.joined(separator: ";")
    }
}

/// What the editor sends: the drafts and the versions they were made from.
public struct EditorDraft: Codable, Sendable {
    public struct Table: Codable, Sendable {
        public var name: String
        public var text: String
        public var version: String
    }

    public var yaml: String
    public var yamlVersion: String
    public var tables: [Table]
}

/// What the editor gets back: every problem with its position, the estimate.
public struct EditorAnswer: Codable, Sendable {
    public struct Problem: Codable, Sendable {
        public var file: String
        public var line: Int?
        public var column: Int?
        public var severity: String
        public var message: String
    }

    public var problems: [Problem]
    public var errors: Int
    public var capacity: String?
    /// After a save: the files' new versions by name (`yaml` for the scenario).
    public var versions: [String: String]?
    public var refusal: String?

    static func of(_ check: DraftCheck, language: Language) -> EditorAnswer {
        EditorAnswer(problems: check.diagnostics.map {
            Problem(file: $0.location?.file ?? "", line: $0.location?.line, column: $0.location?.column,
                    severity: $0.severity.rawValue, message: ($0.path.isEmpty ? "" : $0.path + ": ") + $0.message(language))
        }, errors: check.diagnostics.filter { $0.severity == .error }.count, capacity: check.check?.text(language))
    }
}

extension Workspace {
    /// Checks a draft of the scenario's files.
    public func check(_ draft: EditorDraft, of file: ScenarioFile, language: Language) -> EditorAnswer {
        let tables = Dictionary(draft.tables.map { ($0.name, $0.text) }, uniquingKeysWith: { a, _ in a })
        return EditorAnswer.of(DraftCheck(scenario: file.path, shown: file.name, yaml: draft.yaml, tables: tables,
                                          confinedTo: confinement), language: language)
    }

    /// Saves a draft without errors: each file that changed, atomically,
    /// its previous version kept; refused (nothing written) when any file
    /// changed on disk since the editor read it, or when the draft has errors.
    public func save(_ draft: EditorDraft, of file: ScenarioFile, language: Language, at date: Date = Date()) -> (EditorAnswer, conflict: Bool) {
        Workspace.editing.withLock { _ in saving(draft, of: file, language: language, at: date) }
    }

    /// All or nothing: every changed file is written to a temporary file
    /// first and its previous version kept; only then are they renamed into
    /// place, so a full disk leaves every file as it was.
    func saving(_ draft: EditorDraft, of file: ScenarioFile, language: Language, at date: Date) -> (EditorAnswer, conflict: Bool) {
        var answer = check(draft, of: file, language: language)
        guard Set(draft.tables.map(\.name)).count == draft.tables.count else {
            answer.refusal = Said("a table is named twice in what was sent; nothing was saved", "een tabel staat twee keer in wat is verstuurd; er is niets bewaard")(language)
            return (answer, false)
        }
        guard answer.errors == 0 else { return (answer, false) }
        guard let current = EditorFiles(file, in: self) else {
            answer.refusal = Said("\(file.name) cannot be read", "\(file.name) kan niet gelezen worden")(language)
            return (answer, true)
        }
        if current.yamlVersion != draft.yamlVersion {
            answer.refusal = Said.changedSinceOpened(file.name)(language)
            return (answer, true)
        }
        var writes: [(path: String, bytes: [UInt8], old: Data)] = []
        // A browser's text area gives \n for every line break: the file's own are put back.
        let yamlNewline = ScenarioEdit.lines(of: current.yaml).newline
        let yaml = ScenarioEdit.lines(of: draft.yaml).lines.joined(separator: yamlNewline)
        if yaml != current.yaml, let old = FileManager.default.contents(atPath: file.path) {
            writes.append((file.path, Array(yaml.utf8), old))
        }
        for table in draft.tables {
            guard let known = current.tables.first(where: { $0.name == table.name }), known.readOnly == nil else {
                answer.refusal = Said("\(table.name) is not a table of this scenario that can be edited here",
                                      "\(table.name) is geen tabel van dit scenario die hier bewerkt kan worden")(language)
                return (answer, true)
            }
            guard known.version == table.version, let old = FileManager.default.contents(atPath: known.path) else {
                answer.refusal = Said.changedSinceOpened(table.name)(language)
                return (answer, true)
            }
            let text = ScenarioEdit.lines(of: table.text).lines.joined(separator: known.newline)
            let bytes = (known.bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
            if bytes != [UInt8](old) { writes.append((known.path, bytes, old)) }
        }
        var temporaries: [(String, String)] = []
        do throws(EditFailure) {
            for write in writes { temporaries.append((try Workspace.written(write.bytes, beside: write.path), write.path)) }
            for write in writes { try keep(write.old, of: write.path, at: date) }
        } catch {
            for (temporary, _) in temporaries { unlink(temporary) }
            answer.refusal = error.message(language) + Said(" Nothing was saved.", " Er is niets bewaard.")(language)
            return (answer, false)
        }
        var failed: [String] = []
        for (temporary, path) in temporaries where rename(temporary, path) != 0 {
            unlink(temporary)
            failed.append(Workspace.shownRelative(path, root: root))
        }
        if !failed.isEmpty {
            answer.refusal = Said("\(failed.joined(separator: ", ")) could not be saved; the other files were",
                                  "\(failed.joined(separator: ", ")) kon niet bewaard worden; de andere bestanden wel")(language)
        }
        var versions: [String: String] = [:]
        if let saved = EditorFiles(file, in: self) {
            versions["yaml"] = saved.yamlVersion
            for t in saved.tables { versions[t.name] = t.version }
        }
        answer.versions = versions
        return (answer, false)
    }
}

extension Said {
    static func changedSinceOpened(_ name: String) -> Said {
        Said("\(name) was changed on disk after the editor opened it; nothing was saved. Reload to see it.",
             "\(name) is op schijf gewijzigd nadat de editor het opende; er is niets bewaard. Laad de pagina opnieuw om het te zien.")
    }
}
