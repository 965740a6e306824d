import Foundation

/// A scenario workbook (scenario.md, "A workbook") made into the node tree a
/// YAML scenario gives: the Scenario sheet's key–value rows the top-level
/// mapping, each table sheet a list of row mappings, Leave rows the leave
/// of their workers, every node at its cell. `ScenarioReader` then checks it
/// by the very rules, messages and did-you-means of the YAML and CSV forms.
extension ScenarioLoader {
    /// The zip signature every .xlsx starts with.
    static let zipSignature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    /// An OLE compound file: Excel 97–2003 (.xls), or any workbook saved with a password.
    static let compoundFileSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// Whether `path` names a workbook by its extension.
    static func isWorkbookName(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm")
    }

    /// Why bytes that are not YAML text are not read as a scenario, when
    /// they are a workbook under another name; nil otherwise.
    static func notText(_ bytes: [UInt8], file: String) -> Diagnostic? {
        if bytes.starts(with: zipSignature) {
            return .error(at: SourceLocation(file: file), path: "",
                          "this is a zip archive (an Excel workbook?), not a YAML scenario; teamplan reads a workbook whose name ends in .xlsx: rename it, e.g. '\(FilePath.stem(of: file)).xlsx'")
        }
        if bytes.starts(with: compoundFileSignature) {
            return .error(at: SourceLocation(file: file), path: "", "this is an Excel 97–2003 workbook (.xls) or one saved with a password, not a YAML scenario; save it as an Excel workbook (.xlsx) without a password")
        }
        return nil
    }

    /// Reads a scenario workbook's bytes. Files it names (`previous`) are
    /// read relative to `directory`, or looked up in `files` (see `load(yaml:)`).
    public static func load(workbook bytes: [UInt8], file: String, directory: String,
                            files: [String: [UInt8]]? = nil, confinedTo confinement: FolderConfinement? = nil) -> LoadedScenario {
        let named = NamedFiles(shownDirectory: FilePath.folder(of: file), directory: directory, files: files,
                               digested: digestPart(file: "", bytes), confinement: confinement)
        var diagnostics: [Diagnostic] = []
        if bytes.starts(with: compoundFileSignature) {
            diagnostics.append(.error(at: SourceLocation(file: file), path: "",
                                      "this is an Excel 97–2003 workbook (.xls) or one saved with a password; save it as an Excel workbook (.xlsx) without a password"))
        } else if !bytes.starts(with: zipSignature) {
            diagnostics.append(.error(at: SourceLocation(file: file), path: "",
                                      "this is not an Excel workbook (.xlsx): it is not a zip archive" + (bytes.isEmpty ? " (the file is empty)" : "")))
        }
        if diagnostics.hasErrors {
            return LoadedScenario(file: file, scenario: nil, diagnostics: diagnostics, tables: [])
        }
        let (workbook, problems) = XLSXReader.read(bytes, wanted: { WorkbookLayout.sheet(named: $0) != nil })
        diagnostics += problems.map { problem in
            let location = problem.sheet.map {
                SourceLocation(file: file, sheet: $0, position: problem.sheetPosition ?? 0,
                               row: problem.cell?.row, column: problem.cell?.column)
            } ?? SourceLocation(file: file)
            return .error(at: location, path: "", problem.message)
        }
        guard let workbook, !diagnostics.hasErrors else {
            return LoadedScenario(file: file, scenario: nil, diagnostics: diagnostics.sortedByLocation(), tables: [])
        }
        var builder = WorkbookTree(file: file, workbook: workbook)
        let root = builder.root()
        diagnostics += builder.diagnostics
        var scenario: Scenario?
        if let root {
            var reader = ScenarioReader(loadTable: { _, key, location, _ in
                named.diagnostics.append(.error(at: location, path: key,
                    "in a workbook the \(key) are the rows of their own sheet, not a file"))
                return nil
            }, loadPrevious: named.previous)
            scenario = reader.read(root)
            // A table sheet that did not read was said so at the sheet: not again as a missing key.
            diagnostics += reader.reader.diagnostics.filter { d in
                !(builder.unreadTables.contains(d.path) && d.message == "missing; this key is required")
            }
        }
        diagnostics = (diagnostics + named.diagnostics).sortedByLocation()
        return LoadedScenario(file: file, scenario: diagnostics.hasErrors ? nil : scenario, diagnostics: diagnostics,
                              tables: [], contentDigest: SHA256.hex(named.digested), inputFiles: named.inputFiles)
    }
}

/// Builds the node tree of one workbook, collecting what is wrong with its
/// sheets, headers and cells.
struct WorkbookTree {
    let file: String
    let workbook: XLSXWorkbook
    var diagnostics: [Diagnostic] = []
    /// The required tables whose sheets are there but did not read (a column missing).
    var unreadTables = Set<String>()

    init(file: String, workbook: XLSXWorkbook) {
        self.file = file
        self.workbook = workbook
    }

    func at(_ sheet: XLSXSheet, _ reference: XLSXCellReference? = nil) -> SourceLocation {
        SourceLocation(file: file, sheet: sheet.name, position: sheet.position, row: reference?.row, column: reference?.column)
    }

    mutating func error(_ location: SourceLocation, _ path: String, _ message: String) {
        diagnostics.append(.error(at: location, path: path, message))
    }

    /// The top-level mapping, or nil when a sheet it needs is missing.
    mutating func root() -> SourceNode? {
        var found: [String: XLSXSheet] = [:]
        for sheet in workbook.sheets {
            guard let layout = WorkbookLayout.sheet(named: sheet.name) else {
                error(at(sheet), "", "unknown sheet '\(sheet.name.truncatedForMessage)'"
                      + Suggestions.didYouMean(sheet.name, in: WorkbookLayout.allSheetNames)
                      + " (a scenario workbook has the sheets \(WorkbookLayout.sheets.map(\.english).joined(separator: ", ")), or in Dutch \(WorkbookLayout.sheets.map(\.dutch).joined(separator: ", ")))")
                continue
            }
            if let first = found[layout.key] {
                error(at(sheet), "", "a second sheet for the \(layout.key) (the first is '\(first.name)'); keep one")
                continue
            }
            found[layout.key] = sheet
        }
        var missing = false
        for layout in [WorkbookLayout.scenario, WorkbookLayout.workers, WorkbookLayout.practices, WorkbookLayout.funding] where found[layout.key] == nil {
            error(SourceLocation(file: file), "", "the workbook has no sheet \(layout.english) (in Dutch \(layout.dutch)), which a scenario needs")
            missing = true
        }
        guard !missing, let scenarioSheet = found["scenario"] else { return nil }

        var entries = scenarioEntries(scenarioSheet)
        let workersRows = found["workers"].flatMap { table($0, WorkbookLayout.workers) }
        var workers = workersRows
        if let leaveSheet = found["leave"], let rows = table(leaveSheet, WorkbookLayout.leave) {
            if workers != nil { addLeave(rows, sheet: leaveSheet, to: &workers!) }
        }
        func add(_ key: String, _ node: SourceNode?, at sheet: XLSXSheet?) {
            guard let node, let sheet else { return }
            entries.append(SourceNode.Entry(key: key, keyLocation: at(sheet), value: node))
        }
        add("workers", workers.map { sequence($0, found["workers"]!) }, at: found["workers"])
        add("practices", found["practices"].flatMap { table($0, WorkbookLayout.practices) }.map { sequence($0, found["practices"]!) },
            at: found["practices"])
        add("funding", found["funding"].flatMap { table($0, WorkbookLayout.funding) }.map { sequence($0, found["funding"]!) },
            at: found["funding"])
        if let sheet = found["closures"], let rows = table(sheet, WorkbookLayout.closures) {
            let items = rows.map { row -> SourceNode in
                let date = row.node.mapping?.first { $0.key == "date" }?.value
                if let date, row.node.mapping?.count == 1 { return date }
                return row.node
            }
            if let index = entries.firstIndex(where: { $0.key == "closures" }), case .sequence(let earlier) = entries[index].value.kind {
                entries[index].value.kind = .sequence(earlier + items)
            } else {
                add("closures", SourceNode(.sequence(items), at: at(sheet, XLSXCellReference(row: 1, column: 1))), at: sheet)
            }
        }
        for layout in [WorkbookLayout.pins, WorkbookLayout.avoid, WorkbookLayout.preferences] {
            guard let sheet = found[layout.key], let rows = table(sheet, layout) else { continue }
            add(layout.key, sequence(rows, sheet), at: sheet)
        }
        // Each top-level key once: a table key on the Scenario sheet was reported there.
        var seen = Set<String>()
        entries = entries.filter { seen.insert($0.key).inserted }
        return SourceNode(.mapping(entries), at: at(scenarioSheet, XLSXCellReference(row: 1, column: 1)))
    }

    func sequence(_ rows: [Row], _ sheet: XLSXSheet) -> SourceNode {
        SourceNode(.sequence(rows.map(\.node)), at: at(sheet, XLSXCellReference(row: 1, column: 1)))
    }

    // MARK: The Scenario sheet

    /// Key–value rows: the key in the first column, the value in the
    /// second; a dotted key (`quarter.start`) nests. A first row `key |
    /// value` is a header; further columns are notes.
    mutating func scenarioEntries(_ sheet: XLSXSheet) -> [SourceNode.Entry] {
        var root: [SourceNode.Entry] = []
        var seen: [String: XLSXCellReference] = [:]
        for (index, row) in sheet.rows.enumerated() {
            let keyCell = row.cells.first { $0.reference.column == 1 }
            let valueCell = row.cells.first { $0.reference.column == 2 }
            guard let keyCell, let written = text(keyCell, sheet, "")?.text.trimmingCharacters(in: .whitespaces), !written.isEmpty else {
                if let valueCell, cellText(valueCell.value, sheet, valueCell.reference, "", report: false).map({ !$0.text.isEmpty }) ?? true {
                    error(at(sheet, valueCell.reference), "", "a value without a key; write the key in column A")
                }
                continue
            }
            if index == 0, WorkbookLayout.scenarioHeader.key.contains(written.lowercased()) { continue }
            let parts = WorkbookLayout.scenarioKey(written)
            let key = parts.joined(separator: ".")
            let keyAt = at(sheet, keyCell.reference)
            if let first = seen[key] {
                error(keyAt, key, "the key is given twice (first at \(first)); keep one")
                continue
            }
            seen[key] = keyCell.reference
            if ["workers", "practices", "funding", "pins", "avoid", "preferences", "leave"].contains(parts[0]) {
                let layout = WorkbookLayout.sheet(named: parts[0]) ?? WorkbookLayout.sheets.first { $0.key == parts[0] }
                error(keyAt, key, "in a workbook the \(parts[0]) are the rows of the sheet \(layout?.english ?? parts[0]) (in Dutch \(layout?.dutch ?? parts[0])), not a key")
                continue
            }
            guard let valueCell, var value = text(valueCell, sheet, key), !value.text.trimmingCharacters(in: .whitespaces).isEmpty else {
                // An empty value takes the default, as in YAML; a required key says so
                // (a part of a mapping, `overhead.mdo.hours`, is left out: the whole takes its default).
                if parts.count > 1 && key != "quarter.start" { continue }
                let node = SourceNode(.scalar("", quoted: false), at: at(sheet, XLSXCellReference(row: keyCell.reference.row, column: 2)))
                insert(parts, node, keyAt, into: &root)
                continue
            }
            value.text = value.text.trimmingCharacters(in: .whitespaces)
            let valueAt = at(sheet, valueCell.reference)
            var node = scalar(value, valueAt)
            if parts.count == 1, WorkbookLayout.scenarioListKeys.contains(parts[0]) {
                node = list(value, valueAt)
            } else if parts.last == "mdo", let mdo = MDOText.parts(value.text) {
                node = SourceNode(.mapping([
                    SourceNode.Entry(key: "every_weeks", keyLocation: valueAt, value: scalar(Text(text: mdo.every), valueAt)),
                    SourceNode.Entry(key: "hours", keyLocation: valueAt, value: scalar(Text(text: mdo.hours), valueAt)),
                ]), at: valueAt)
            }
            insert(parts, node, keyAt, into: &root)
        }
        return root
    }

    /// Puts `node` at the dotted key `parts`, making the mappings on the way.
    mutating func insert(_ parts: [String], _ node: SourceNode, _ keyAt: SourceLocation, into entries: inout [SourceNode.Entry]) {
        guard let head = parts.first else { return }
        if parts.count == 1 {
            entries.append(SourceNode.Entry(key: head, keyLocation: keyAt, value: node))
            return
        }
        var children: [SourceNode.Entry] = []
        var location = keyAt
        if let index = entries.firstIndex(where: { $0.key == head }) {
            guard case .mapping(let existing) = entries[index].value.kind else {
                error(keyAt, parts.joined(separator: "."), "'\(head)' has a value of its own (at \(entries[index].value.location.cellText)); give either it or its parts")
                return
            }
            children = existing
            location = entries[index].value.location
            insert(Array(parts.dropFirst()), node, keyAt, into: &children)
            entries[index].value = SourceNode(.mapping(children), at: location)
        } else {
            insert(Array(parts.dropFirst()), node, keyAt, into: &children)
            entries.append(SourceNode.Entry(key: head, keyLocation: keyAt, value: SourceNode(.mapping(children), at: keyAt)))
        }
    }

    // MARK: Table sheets

    /// One data row as a mapping, with its 0-based index and where it is.
    struct Row {
        var node: SourceNode
        var index: Int
        var reference: XLSXCellReference
    }

    /// A table sheet's rows (the first row with a value is the header), or
    /// nil when a required column is missing.
    mutating func table(_ sheet: XLSXSheet, _ layout: WorkbookLayout.Sheet) -> [Row]? {
        let rows = sheet.rows
        // An empty sheet is an empty list (`funding: []`; workers need one, and say so).
        guard let headerRow = rows.first else { return [] }
        var columns: [Int: String] = [:]
        var named = Set<Int>()
        var seen: [String: XLSXCellReference] = [:]
        for cell in headerRow.cells {
            named.insert(cell.reference.column)
            guard let name = text(cell, sheet, layout.key)?.text.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
                named.remove(cell.reference.column)
                continue
            }
            guard let key = layout.key(ofColumn: name) else {
                let allowed = layout.allColumnNames
                error(at(sheet, cell.reference), layout.key, "unknown column '\(name.truncatedForMessage)'"
                      + Suggestions.didYouMean(name.lowercased(), in: allowed)
                      + " (the columns are \(layout.columns.map(\.key).joined(separator: ", ")))")
                continue
            }
            if let first = seen[key] {
                error(at(sheet, cell.reference), layout.key, "a second column '\(key)' (the first is \(first)); keep one")
                continue
            }
            seen[key] = cell.reference
            columns[cell.reference.column] = key
        }
        var missing = false
        for key in ScenarioKeys.required(layout.key) + (layout.key == "leave" ? ["worker", "from"] : layout.key == "closures" ? ["date"] : [])
            where seen[key] == nil {
            error(at(sheet, headerRow.cells.first?.reference), layout.key,
                  "the sheet has no column '\(key)' (in Dutch '\(layout.column(key, .nl))'), which is required")
            missing = true
        }
        let listed = WorkbookLayout.listColumns[layout.key] ?? []
        var result: [Row] = []
        for row in rows.dropFirst() {
            var entries: [SourceNode.Entry] = []
            var reported = false
            for cell in row.cells {
                guard let key = columns[cell.reference.column] else {
                    if !named.contains(cell.reference.column), !reported,
                       let value = cellText(cell.value, sheet, cell.reference, "", report: false), !value.text.trimmingCharacters(in: .whitespaces).isEmpty {
                        error(at(sheet, cell.reference), layout.key, "a value in a column without a name; name the column in row \(headerRow.row), or clear the cell")
                        reported = true
                    }
                    continue
                }
                let path = "\(layout.key)[\(result.count)].\(key)"
                guard var value = text(cell, sheet, path) else {
                    // An error cell: said so; the key stays with no value ("needs a value" if required).
                    entries.append(SourceNode.Entry(key: key, keyLocation: at(sheet, cell.reference),
                                                    value: SourceNode(.scalar("", quoted: false), at: at(sheet, cell.reference))))
                    continue
                }
                value.text = value.text.trimmingCharacters(in: .whitespaces)
                if value.text.isEmpty { continue }
                let location = at(sheet, cell.reference)
                let node: SourceNode
                if listed.contains(key) {
                    node = key == "leave" ? leaveList(value, location) : list(value, location)
                } else if key == "mdo", let mdo = MDOText.parts(value.text) {
                    node = SourceNode(.mapping([
                        SourceNode.Entry(key: "every_weeks", keyLocation: location, value: scalar(Text(text: mdo.every), location)),
                        SourceNode.Entry(key: "hours", keyLocation: location, value: scalar(Text(text: mdo.hours), location)),
                    ]), at: location)
                } else {
                    node = scalar(value, location)
                }
                entries.append(SourceNode.Entry(key: key, keyLocation: location, value: node))
            }
            // A row of empty cells (once formatted, now cleared) is no row.
            if entries.isEmpty { continue }
            let first = XLSXCellReference(row: row.row, column: 1)
            result.append(Row(node: SourceNode(.mapping(entries), at: at(sheet, first)), index: result.count, reference: first))
        }
        if missing { unreadTables.insert(layout.key) }
        return missing ? nil : result
    }

    /// The Leave sheet's rows put into their workers' `leave` lists: a row
    /// without `to` is one day. An unknown worker is an error at its cell.
    mutating func addLeave(_ rows: [Row], sheet: XLSXSheet, to workers: inout [Row]) {
        var byID: [String: Int] = [:]
        for (index, worker) in workers.enumerated() {
            if case .scalar(let id, _) = worker.node.mapping?.first(where: { $0.key == "id" })?.value.kind {
                if byID[id] == nil { byID[id] = index }
            }
        }
        for row in rows {
            guard let fields = row.node.mapping else { continue }
            guard let workerNode = fields.first(where: { $0.key == "worker" })?.value,
                  case .scalar(let id, _) = workerNode.kind, !id.isEmpty else {
                error(row.node.location, "leave[\(row.index)].worker", "missing; a leave row names its worker")
                continue
            }
            guard let index = byID[id] else {
                error(workerNode.location, "leave[\(row.index)].worker",
                      "no worker has the id '\(id.truncatedForMessage)'" + Suggestions.didYouMean(id, in: byID.keys.sorted()))
                continue
            }
            var range = fields.filter { $0.key == "from" || $0.key == "to" }
            if !range.contains(where: { $0.key == "to" }), let from = range.first(where: { $0.key == "from" }) {
                range.append(SourceNode.Entry(key: "to", keyLocation: from.keyLocation, value: from.value))
            }
            let item = SourceNode(.mapping(range), at: row.node.location)
            var entries = workers[index].node.mapping ?? []
            if let leave = entries.firstIndex(where: { $0.key == "leave" }) {
                if case .sequence(let items) = entries[leave].value.kind {
                    entries[leave].value.kind = .sequence(items + [item])
                }
            } else {
                entries.append(SourceNode.Entry(key: "leave", keyLocation: row.node.location,
                                                value: SourceNode(.sequence([item]), at: row.node.location)))
            }
            workers[index].node.kind = .mapping(entries)
        }
    }

    // MARK: Cells

    /// A cell's value as text, and whether it is a number's exact value.
    struct Text {
        var text: String
        var exactNumber = false
    }

    func scalar(_ value: Text, _ location: SourceLocation) -> SourceNode {
        // Text cells read as a Dutch spreadsheet's CSV cells (a decimal comma is fine).
        var node = SourceNode(.scalar(value.text, quoted: false), at: location, csvSeparator: value.exactNumber ? nil : .semicolon)
        node.exactNumber = value.exactNumber
        return node
    }

    /// Items separated by `|`, each at the cell.
    func list(_ value: Text, _ location: SourceLocation) -> SourceNode {
        if value.exactNumber { return SourceNode(.sequence([scalar(value, location)]), at: location) }
        let items = value.text.split(separator: "|", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return SourceNode(.sequence(items.map { scalar(Text(text: $0), location) }), at: location)
    }

    /// `FROM..TO|DATE|…` as a list of `{from, to}`.
    func leaveList(_ value: Text, _ location: SourceLocation) -> SourceNode {
        guard case .sequence(let items) = list(value, location).kind else { return list(value, location) }
        return SourceNode(.sequence(items.map { item -> SourceNode in
            guard case .scalar(let text, _) = item.kind else { return item }
            let ends = text.components(separatedBy: "..")
            if ends.count > 2 { return item }
            return SourceNode(.mapping([
                SourceNode.Entry(key: "from", keyLocation: location, value: scalar(Text(text: ends[0]), location)),
                SourceNode.Entry(key: "to", keyLocation: location, value: scalar(Text(text: ends.count == 2 ? ends[1] : ends[0]), location)),
            ]), at: location)
        }), at: location)
    }

    mutating func text(_ cell: XLSXCell, _ sheet: XLSXSheet, _ path: String) -> Text? {
        cellText(cell.value, sheet, cell.reference, path, report: true)
    }

    /// What a cell shows, as the reader takes it: text as it is, a number
    /// exactly (at most 15 significant digits, as a spreadsheet shows it),
    /// a date `YYYY-MM-DD`, a time `HH:MM:SS`, a boolean `true`/`false`. An
    /// error value (`#N/A`) is an error at the cell, and nil.
    mutating func cellText(_ value: XLSXValue, _ sheet: XLSXSheet, _ reference: XLSXCellReference, _ path: String, report: Bool) -> Text? {
        switch value {
        case .text(let text):
            return Text(text: text)
        case .boolean(let flag):
            return Text(text: flag ? "true" : "false")
        case .isoDate(let text):
            if text.count >= 10, let date = LocalDate(iso: String(text.prefix(10))) {
                let rest = text.dropFirst(10)
                if rest.isEmpty || rest.allSatisfy({ "T0:.Z".contains($0) }) { return Text(text: date.description) }
            }
            return Text(text: text)
        case .error(let code):
            if report {
                error(at(sheet, reference), path, "the cell holds the spreadsheet error \(code) (a formula that failed); type the value itself")
            }
            return nil
        case .number(let number, let kind):
            switch kind {
            case .plain:
                return Text(text: WorkbookNumber.text(number), exactNumber: true)
            case .time:
                return Text(text: WorkbookNumber.duration(number))
            case .date, .dateTime:
                let day = number.rounded(.down)
                let fraction = number - day
                guard let date = WorkbookNumber.date(serial: day, date1904: workbook.date1904) else {
                    if report {
                        let why = !workbook.date1904 && day == 60
                            ? "the date serial 60 is 1900-02-29, a day that never was (Excel counts it, as Lotus 1-2-3 did); type the date"
                            : "the date serial \(WorkbookNumber.text(number)) is no date from 1900 to 9999; type the date as YYYY-MM-DD"
                        error(at(sheet, reference), path, why)
                    }
                    return nil
                }
                if fraction < 1e-9 { return Text(text: date.description) }
                return Text(text: date.description + " " + WorkbookNumber.duration(fraction))
            }
        }
    }
}

extension SourceNode {
    /// The entries of a mapping, nil for a scalar or a list.
    var mapping: [Entry]? {
        if case .mapping(let entries) = kind { return entries }
        return nil
    }
}

/// Numbers and dates as a spreadsheet stores them, as text.
enum WorkbookNumber {
    /// The shortest decimal that reads back to the number shown with 15
    /// significant digits (what a spreadsheet displays: 0.1 + 0.2 is 0.3),
    /// without an exponent: `24.5`, `38000`, `0.0000001`.
    static func text(_ value: Double) -> String {
        guard value.isFinite else { return String(value) }
        let shown = Double(String(format: "%.15g", value)) ?? value
        if shown == shown.rounded(), abs(shown) < 1e15 { return String(Int64(shown)) }
        return plain(String(shown))
    }

    /// `1.5e-07` as `0.00000015`, `1e+20` as `100000000000000000000`.
    static func plain(_ text: String) -> String {
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }), let exponent = Int(text[text.index(after: e)...]) else { return text }
        var mantissa = String(text[..<e])
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa.removeFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0]), fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = whole + fraction
        var point = whole.count + exponent
        if point <= 0 {
            digits = String(repeating: "0", count: -point + 1) + digits
            point = 1
        } else if point > digits.count {
            digits += String(repeating: "0", count: point - digits.count)
        }
        var result = String(digits.prefix(point))
        var rest = String(digits.dropFirst(point))
        while rest.hasSuffix("0") { rest.removeLast() }
        while result.count > 1, result.hasPrefix("0") { result.removeFirst() }
        if !rest.isEmpty { result += "." + rest }
        return (negative ? "-" : "") + result
    }

    /// A serial day as a date: in the 1900 system 1 is 1900-01-01 and 60 the
    /// 1900-02-29 that never was (nil); in the 1904 system 0 is 1904-01-01.
    static func date(serial: Double, date1904: Bool) -> LocalDate? {
        guard serial.isFinite, serial >= (date1904 ? 0 : 1), serial <= 2_958_465 else { return nil }
        let days = Int(serial)
        if date1904 {
            let start = LocalDate(year: 1904, month: 1, day: 1)!
            let date = start.adding(days: days)
            return date.year <= 9999 ? date : nil
        }
        if days == 60 { return nil }
        let start = LocalDate(year: 1899, month: 12, day: days < 60 ? 31 : 30)!
        let date = start.adding(days: days)
        return date.year <= 9999 ? date : nil
    }

    /// A fraction of a day (or more) as `HH:MM:SS`, hours past 24 kept
    /// (a duration); rounded to the second.
    static func duration(_ days: Double) -> String {
        guard days.isFinite, abs(days) < 1e6 else { return text(days) }
        let seconds = Int((abs(days) * 86_400).rounded())
        let pad = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return (days < 0 ? "-" : "") + "\(pad(seconds / 3600)):\(pad(seconds / 60 % 60)):\(pad(seconds % 60))"
    }
}
