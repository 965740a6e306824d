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
        public var readOnly: String?
    }

    public var yaml: String
    public var yamlVersion: String
    public var tables: [Table]

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
            var readOnly: String?
            var rows: [[String]] = []
            if let text {
                if let grid = EditorFiles.cells(text, separator: separator) {
                    rows = grid
                    if let width = grid.first?.count, grid.contains(where: { $0.count != width }) {
                        readOnly = "a row has more or fewer cells than the header, or a line is empty; fix it in a spreadsheet or a text editor (teamplan check names the line)"
                    }
                } else {
                    readOnly = "a cell holds a line break; edit this table in a spreadsheet"
                }
            } else {
                readOnly = "not UTF-8 (saved by Excel as plain CSV); save it as CSV UTF-8 to edit it here"
            }
            return Table(name: name, path: input.path, separator: separator, bom: bom, newline: newline, rows: rows,
                         version: SHA256.hex(bytes), readOnly: readOnly)
        }
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
             data-words="\(Pages.escape(editorWords))">
        <p id="status" role="status" aria-live="polite"></p>
        <p><button id="save" type="button">\(w("Save", "Bewaren"))</button> <span id="undo-area"></span></p>

        """
        for table in files.tables {
            body += "<section class=\"table-editor\"><h2>\(Pages.escape(table.name))</h2>"
            if let why = table.readOnly {
                body += "<p class=\"muted\">\(Pages.escape(why))</p></section>"
                continue
            }
            let header = table.rows.first ?? []
            body += "<div class=\"scroll\"><table class=\"grid\" data-table=\"\(Pages.escape(table.name))\" data-separator=\"\(Pages.escape(String(table.separator)))\" "
                + "data-version=\"\(table.version)\" data-newline=\"\(table.newline == "\r\n" ? "crlf" : "lf")\"><thead><tr>"
                + header.map { "<th scope=\"col\">\(Pages.escape($0))</th>" }.joined()
                + "<th scope=\"col\"><span class=\"visually-hidden\">\(w("Row", "Rij"))</span></th></tr></thead><tbody>\n"
            for (r, row) in table.rows.dropFirst().enumerated() {
                body += "<tr>"
                for (c, name) in header.enumerated() {
                    let value = c < row.count ? row[c] : ""
                    let width = table.rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 4
                    body += "<td><input size=\"\(min(40, max(4, width + 1)))\" value=\"\(Pages.escape(value))\" aria-label=\"\(Pages.escape("\(table.name) \(w("row", "rij")) \(r + 2), \(name)"))\"></td>"
                }
                body += "<td class=\"row-actions\"><button type=\"button\" class=\"copy secondary\">\(w("Copy", "Kopiëren"))</button>"
                    + "<button type=\"button\" class=\"delete secondary\">\(w("Delete", "Verwijderen"))</button></td></tr>\n"
            }
            body += "</tbody></table></div><button type=\"button\" class=\"add secondary\">\(w("Add a row", "Rij toevoegen"))</button>"
                + "<ul class=\"errors\"></ul></section>\n"
        }
        body += """
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

    var editorWords: String {
        [("checking", w("Checking…", "Controleren…")), ("ok", w("No errors.", "Geen fouten.")),
         ("errors", w("error(s): fix them before saving", "fout(en): herstel ze voor het bewaren")),
         ("saved", w("Saved.", "Bewaard.")), ("undo", w("Undo delete", "Verwijderen ongedaan maken")),
         ("line", w("line", "regel")), ("row", w("row", "rij")), ("failed", w("Not saved:", "Niet bewaard:"))]
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
            answer.refusal = "a table is named twice in what was sent; nothing was saved"
            return (answer, false)
        }
        guard answer.errors == 0 else { return (answer, false) }
        guard let current = EditorFiles(file, in: self) else {
            answer.refusal = "\(file.name) cannot be read"
            return (answer, true)
        }
        if current.yamlVersion != draft.yamlVersion {
            answer.refusal = "\(file.name) was changed on disk after the editor opened it; nothing was saved. Reload to see it."
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
                answer.refusal = "\(table.name) is not a table of this scenario that can be edited here"
                return (answer, true)
            }
            guard known.version == table.version, let old = FileManager.default.contents(atPath: known.path) else {
                answer.refusal = "\(table.name) was changed on disk after the editor opened it; nothing was saved. Reload to see it."
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
            answer.refusal = error.message + " Nothing was saved."
            return (answer, false)
        }
        var failed: [String] = []
        for (temporary, path) in temporaries where rename(temporary, path) != 0 {
            unlink(temporary)
            failed.append(Workspace.shownRelative(path, root: root))
        }
        if !failed.isEmpty { answer.refusal = "\(failed.joined(separator: ", ")) could not be saved; the other files were" }
        var versions: [String: String] = [:]
        if let saved = EditorFiles(file, in: self) {
            versions["yaml"] = saved.yamlVersion
            for t in saved.tables { versions[t.name] = t.version }
        }
        answer.versions = versions
        return (answer, false)
    }
}
