import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads an .xlsx workbook's cells (ECMA-376 Part 1, SpreadsheetML): the
/// zip with ZIPFoundation, each XML part with Foundation's `XMLParser`.
/// Never traps, never throws: every problem is an `XLSXProblem` at the
/// file, a sheet or a cell, and reading goes on where it can.
public enum XLSXReader {
    /// The workbook's sheets, and the cells of those `wanted` says yes to
    /// (by name); nil when the file cannot be read as a workbook at all.
    public static func read(_ bytes: [UInt8], limits: XLSXLimits = XLSXLimits(),
                            wanted: (String) -> Bool = { _ in true }) -> (workbook: XLSXWorkbook?, problems: [XLSXProblem]) {
        var problems = ProblemList(limit: limits.maxProblems)
        let workbook = readWorkbook(bytes, limits: limits, wanted: wanted, problems: &problems)
        return (workbook, problems.finished)
    }

    struct ProblemList {
        let limit: Int
        var kept: [XLSXProblem] = []
        var dropped = 0

        mutating func add(_ problem: XLSXProblem) {
            if kept.count < limit { kept.append(problem) } else { dropped += 1 }
        }

        var finished: [XLSXProblem] {
            dropped == 0 ? kept : kept + [XLSXProblem("… and \(dropped) more \(dropped == 1 ? "problem" : "problems")")]
        }
    }

    private static let relationshipBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    private static let strictRelationshipBase = "http://purl.oclc.org/ooxml/officeDocument/relationships/"

    private static func readWorkbook(_ bytes: [UInt8], limits: XLSXLimits, wanted: (String) -> Bool,
                                     problems: inout ProblemList) -> XLSXWorkbook? {
        var archive: XLSXArchive
        do { archive = try XLSXArchive(bytes, limits: limits) } catch {
            if case .problem(let message) = error { problems.add(XLSXProblem(message)) }
            return nil
        }
        func part(_ path: String) -> [UInt8]?? {
            do { return .some(try archive.read(path)) } catch {
                if case .problem(let message) = error { problems.add(XLSXProblem(message)) }
                return .none
            }
        }
        // The workbook part: named by the package's relationships, or where every writer puts it.
        var workbookPath = "xl/workbook.xml"
        if let rootRels = part("_rels/.rels"), let rels = rootRels {
            let found = Relationships.parse(rels, base: "")
            if let target = found.first(where: { isType($0.type, "officeDocument") })?.target { workbookPath = target }
        } else if archive.has("_rels/.rels") {
            return nil
        }
        guard let workbookBytes = part(workbookPath) else { return nil }
        guard let workbookBytes else {
            if archive.has("content.xml") && archive.has("mimetype") {
                problems.add(XLSXProblem("this is an OpenDocument spreadsheet (.ods), not an Excel workbook; save it as Excel 2007-365 (.xlsx)"))
            } else {
                problems.add(XLSXProblem("the zip archive holds no workbook (\(workbookPath)): this is not an Excel workbook (.xlsx)"))
            }
            return nil
        }
        let folder = workbookPath.contains("/") ? String(workbookPath[..<workbookPath.lastIndex(of: "/")!]) : ""
        guard let info = parse(workbookBytes, WorkbookParser(), what: "the workbook part", problems: &problems) else { return nil }
        if info.sheets.isEmpty {
            problems.add(XLSXProblem("the workbook lists no sheets"))
            return nil
        }
        if info.sheets.count > limits.maxSheets {
            problems.add(XLSXProblem("the workbook has \(info.sheets.count) sheets; teamplan reads workbooks of at most \(limits.maxSheets)"))
            return nil
        }
        // Its relationships: the sheets' parts, the shared strings, the styles.
        let relsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/" + String(workbookPath.split(separator: "/").last ?? "") + ".rels"
        var relationships: [Relationships.Item] = []
        if let relsBytes = part(relsPath), let relsBytes { relationships = Relationships.parse(relsBytes, base: folder) }
        func target(ofType type: String, fallback: String) -> String {
            relationships.first { isType($0.type, type) }?.target ?? fallback
        }
        var sharedStrings: [String] = []
        let sharedPath = target(ofType: "sharedStrings", fallback: folder + "/sharedStrings.xml")
        if let found = part(sharedPath), let found {
            sharedStrings = parse(found, SharedStringsParser(limits: limits), what: "the shared strings", problems: &problems) ?? []
        }
        var styles = Styles()
        let stylesPath = target(ofType: "styles", fallback: folder + "/styles.xml")
        if let found = part(stylesPath), let found {
            styles = parse(found, StylesParser(), what: "the styles", problems: &problems) ?? Styles()
        }

        var sheets: [XLSXSheet] = []
        var cellsLeft = limits.maxCells
        for (position, listed) in info.sheets.enumerated() {
            var sheet = XLSXSheet(name: listed.name, position: position, cells: [])
            defer { sheets.append(sheet) }
            guard wanted(listed.name) else { continue }
            let path = relationships.first { $0.id == listed.relationship }?.target
            guard let path, let found = part(path) else {
                if path == nil {
                    problems.add(XLSXProblem(sheet: listed.name, sheetPosition: position, "the workbook names no part for this sheet; save the workbook again"))
                }
                continue
            }
            guard let found else {
                problems.add(XLSXProblem(sheet: listed.name, sheetPosition: position, "the sheet's part '\(path)' is missing from the zip archive; save the workbook again"))
                continue
            }
            let parser = SheetParser(name: listed.name, position: position, shared: sharedStrings, styles: styles,
                                     limits: limits, cellsLeft: cellsLeft)
            if let cells = parse(found, parser, what: "the sheet \(XLSXSheetName.quoted(listed.name))", sheet: (listed.name, position), problems: &problems) {
                sheet.cells = cells.sorted { $0.reference < $1.reference }
            }
            for problem in parser.problems { problems.add(problem) }
            cellsLeft = parser.cellsLeft
            if cellsLeft < 0 { break }
        }
        return XLSXWorkbook(sheets: sheets, date1904: info.date1904)
    }

    private static func isType(_ type: String, _ name: String) -> Bool {
        type == relationshipBase + name || type == strictRelationshipBase + name
    }

    /// An XML part parsed by `delegate`, or nil (with a problem) when it is
    /// not well-formed. A DTD is refused before parsing: no workbook has one,
    /// and its entities could expand a small part into a huge text.
    private static func parse<P: PartParser>(_ bytes: [UInt8], _ delegate: P, what: String,
                                             sheet: (String, Int)? = nil, problems: inout ProblemList) -> P.Result? {
        let at = { (message: String) in XLSXProblem(sheet: sheet?.0, sheetPosition: sheet?.1, message) }
        if contains(bytes, "<!DOCTYPE") || contains(bytes, "<!ENTITY") {
            problems.add(at("\(what) declares a DTD, which no workbook has; teamplan does not read it"))
            return nil
        }
        // Foundation's parser on Linux traps on a name that is not UTF-8
        // (found by the fuzzer): every part a spreadsheet writes is UTF-8.
        guard String(validating: bytes, as: UTF8.self) != nil, !declaresOtherEncoding(bytes) else {
            problems.add(at("\(what) is not UTF-8 text, as every workbook's XML is; save the workbook again"))
            return nil
        }
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let counting = ElementCounter(delegate)
        parser.delegate = counting
        let ok = parser.parse()
        if let stop = delegate.stopped {
            problems.add(at(stop))
            return nil
        }
        // Foundation's parser on Linux reports no error when the text ends inside an element.
        guard ok, counting.depth == 0, counting.closedRoot else {
            let reason = !ok ? parser.parserError.map { ($0 as NSError).localizedDescription } ?? "unknown error"
                : "it ends inside an element"
            problems.add(at("\(what) is not well-formed XML (line \(parser.lineNumber), column \(parser.columnNumber): \(reason)); save the workbook again"))
            return nil
        }
        return delegate.result
    }

    /// An XML declaration naming an encoding other than UTF-8 (the parser would transcode).
    static func declaresOtherEncoding(_ bytes: [UInt8]) -> Bool {
        guard bytes.starts(with: Array("<?xml".utf8)) else { return false }
        let head = String(decoding: bytes.prefix(200), as: UTF8.self)
        guard let end = head.range(of: "?>"), let at = head[..<end.lowerBound].range(of: "encoding") else { return false }
        let rest = head[at.upperBound..<end.lowerBound].lowercased()
        return !(rest.contains("\"utf-8\"") || rest.contains("'utf-8'"))
    }

    private static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return false }
        var i = 0
        let last = bytes.count - needle.count
        while i <= last {
            if bytes[i] == needle[0] {
                var k = 1
                while k < needle.count, bytes[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}

// MARK: - Parts

/// An element's or attribute's name without its namespace prefix (`x:c` is `c`).
private func local(_ name: String) -> Substring {
    if let colon = name.lastIndex(of: ":") { return name[name.index(after: colon)...] }
    return Substring(name)
}

private func attributes(_ dict: [String: String]) -> [Substring: String] {
    var out: [Substring: String] = [:]
    for (key, value) in dict { out[local(key)] = value }
    return out
}

/// Forwards a part's events to its parser, counting open elements: a part
/// must close every element it opens. (The delegate's methods are
/// requirements with defaults in Linux's FoundationXML, optional elsewhere.)
private final class ElementCounter: NSObject, XMLParserDelegate {
    let inner: any XMLParserDelegate
    var depth = 0
    var closedRoot = false

    init(_ inner: any XMLParserDelegate) { self.inner = inner }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        depth += 1
        #if canImport(FoundationXML)
        inner.parser(parser, didStartElement: elementName, namespaceURI: namespaceURI, qualifiedName: qName, attributes: attributeDict)
        #else
        inner.parser?(parser, didStartElement: elementName, namespaceURI: namespaceURI, qualifiedName: qName, attributes: attributeDict)
        #endif
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        depth -= 1
        if depth == 0 { closedRoot = true }
        #if canImport(FoundationXML)
        inner.parser(parser, didEndElement: elementName, namespaceURI: namespaceURI, qualifiedName: qName)
        #else
        inner.parser?(parser, didEndElement: elementName, namespaceURI: namespaceURI, qualifiedName: qName)
        #endif
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        #if canImport(FoundationXML)
        inner.parser(parser, foundCharacters: string)
        #else
        inner.parser?(parser, foundCharacters: string)
        #endif
    }
}

/// A delegate that collects one part's content.
private protocol PartParser: XMLParserDelegate {
    associatedtype Result
    var result: Result { get }
    /// Set when the part broke a limit: parsing was abandoned, with this reason.
    var stopped: String? { get }
}

/// `_rels/*.rels`: relationship ids, types and targets (as paths in the zip).
private enum Relationships {
    struct Item {
        var id: String
        var type: String
        var target: String
    }

    final class Parser: NSObject, PartParser {
        let base: String
        var result: [Item] = []
        var stopped: String?
        init(base: String) { self.base = base }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            guard local(elementName) == "Relationship" else { return }
            let a = attributes(attributeDict)
            guard let id = a["Id"], let type = a["Type"], let target = a["Target"], a["TargetMode"] != "External" else { return }
            result.append(Item(id: id, type: type, target: Relationships.resolve(target, base: base)))
        }
    }

    static func parse(_ bytes: [UInt8], base: String) -> [Item] {
        guard !bytes.isEmpty, String(validating: bytes, as: UTF8.self) != nil, !XLSXReader.declaresOtherEncoding(bytes) else { return [] }
        let delegate = Parser(base: base)
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = delegate
        parser.shouldResolveExternalEntities = false
        guard parser.parse() else { return [] }
        return delegate.result
    }

    /// A target relative to `base` (or absolute, from the package's root) as a zip path.
    static func resolve(_ target: String, base: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == "." { continue }
            if piece == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(piece)
        }
        return parts.joined(separator: "/")
    }
}

/// xl/workbook.xml: the sheets in order, and the date system.
private final class WorkbookParser: NSObject, PartParser {
    struct Listed {
        var name: String
        var relationship: String
    }
    var sheets: [Listed] = []
    var date1904 = false
    var stopped: String?
    var result: (sheets: [Listed], date1904: Bool) { (sheets, date1904) }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let a = attributes(attributeDict)
        switch local(elementName) {
        case "workbookPr":
            date1904 = a["date1904"] == "1" || a["date1904"] == "true"
        case "sheet":
            guard sheets.count <= 10_000 else { return }
            sheets.append(Listed(name: a["name"] ?? "", relationship: a["id"] ?? ""))
        default:
            break
        }
    }
}

/// Text inside `<t>` elements: whitespace kept, `_xHHHH_` decoded, at most
/// `limit` characters (past it, `tooLong` is set and the rest dropped).
private struct TextCollector {
    var text = ""
    var length = 0
    var tooLong = false
    let limit: Int

    init(limit: Int) { self.limit = limit }

    mutating func add(_ string: String) {
        guard !tooLong else { return }
        length += string.unicodeScalars.count
        if length > limit { tooLong = true; return }
        text += string
    }

    mutating func reset() {
        text = ""
        length = 0
        tooLong = false
    }

    /// OOXML's escape for characters XML cannot hold: `_x000D_` is a
    /// carriage return, `_x005F_` an underscore.
    static func decoded(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "_", i + 6 < scalars.count, scalars[i + 1] == "x", scalars[i + 6] == "_" {
                let hex = String(String.UnicodeScalarView(scalars[(i + 2)..<(i + 6)]))
                if hex.unicodeScalars.allSatisfy(\.properties.isASCIIHexDigit), let value = UInt32(hex, radix: 16),
                   let scalar = Unicode.Scalar(value) {
                    out.append(scalar)
                    i += 7
                    continue
                }
            }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }
}

/// xl/sharedStrings.xml: each `<si>`'s text, rich text runs joined, phonetic
/// runs (`<rPh>`) left out.
private final class SharedStringsParser: NSObject, PartParser {
    let limits: XLSXLimits
    var strings: [String] = []
    var collector: TextCollector
    var inItem = false, inText = false, inPhonetic = false
    var stopped: String?
    var result: [String] { strings }

    init(limits: XLSXLimits) {
        self.limits = limits
        // A string too long for a cell is kept that long, and refused where a cell uses it.
        collector = TextCollector(limit: limits.maxCellText)
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        switch local(elementName) {
        case "si":
            inItem = true
            collector.reset()
        case "t" where inItem && !inPhonetic: inText = true
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch local(elementName) {
        case "si":
            inItem = false
            if strings.count >= limits.maxSharedStrings {
                stopped = "the shared string table has more than \(limits.maxSharedStrings) entries"
                parser.abortParsing()
                return
            }
            strings.append(collector.tooLong ? Self.tooLongMarker : TextCollector.decoded(collector.text))
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { collector.add(string) }
    }

    /// Stands for a shared string longer than a cell may hold (U+FFFF is no character).
    static let tooLongMarker = "\u{FFFF}too long"
}

/// What styles.xml says of number formats: for each cell style (`s`), how
/// its number shows.
private struct Styles {
    var kinds: [XLSXNumberKind] = []

    func kind(_ style: Int?) -> XLSXNumberKind {
        guard let style, style >= 0, style < kinds.count else { return .plain }
        return kinds[style]
    }

    /// The built-in formats (ECMA-376 Part 1, 18.8.30) that show a date or time;
    /// 27–36 and 50–58 are the East Asian date formats.
    static func builtIn(_ id: Int) -> XLSXNumberKind {
        switch id {
        case 14...17, 27...36, 50...58: .date
        case 22: .dateTime
        case 18...21, 45...47: .time
        default: .plain
        }
    }

    /// A format code's kind: its first section, without quoted text, escaped
    /// characters, fills and colours; d or y (or m without h or s) is a date,
    /// h or s (or [h], [m], [s], elapsed time) a time.
    static func kind(ofCode code: String) -> XLSXNumberKind {
        var date = false, time = false, month = false
        var quoted = false, skipNext = false, inBracket = false
        var bracket = ""
        for character in code.lowercased() {
            if skipNext { skipNext = false; continue }
            if quoted { if character == "\"" { quoted = false }; continue }
            if inBracket {
                if character == "]" {
                    inBracket = false
                    if !bracket.isEmpty, bracket.allSatisfy({ "hms".contains($0) }) { time = true }
                } else {
                    bracket.append(character)
                }
                continue
            }
            switch character {
            case ";": return date ? (time ? .dateTime : .date) : (time ? .time : (month ? .date : .plain))
            case "\"": quoted = true
            case "\\", "_", "*": skipNext = true
            case "[": inBracket = true; bracket = ""
            case "d", "y", "e": date = true
            case "h", "s": time = true
            case "m": month = true
            default: break
            }
        }
        if code.lowercased() == "general" { return .plain }
        return date ? (time ? .dateTime : .date) : (time ? .time : (month ? .date : .plain))
    }
}

private final class StylesParser: NSObject, PartParser {
    var codes: [Int: String] = [:]
    var formats: [Int] = []
    var inCellXfs = false
    var stopped: String?
    var result: Styles {
        Styles(kinds: formats.map { id in codes[id].map { Styles.kind(ofCode: $0) } ?? Styles.builtIn(id) })
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let a = attributes(attributeDict)
        switch local(elementName) {
        case "numFmt":
            if let id = a["numFmtId"].flatMap({ Int($0) }), let code = a["formatCode"], codes.count < 10_000 { codes[id] = code }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs:
            if formats.count < 100_000 { formats.append(a["numFmtId"].flatMap { Int($0) } ?? 0) }
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        if local(elementName) == "cellXfs" { inCellXfs = false }
    }
}

/// A worksheet's `<sheetData>`: every cell with a value.
private final class SheetParser: NSObject, PartParser {
    let name: String
    let position: Int
    let shared: [String]
    let styles: Styles
    let limits: XLSXLimits
    var cellsLeft: Int
    var cells: [XLSXCell] = []
    var problems: [XLSXProblem] = []
    var stopped: String?
    var result: [XLSXCell] { cells }

    // The row and cell being read.
    var row = 0
    var column = 0
    var cellReference: XLSXCellReference?
    var cellType = "n"
    var cellStyle: Int?
    var hasFormula = false
    var inValue = false, inInline = false, inText = false, inPhonetic = false
    var value: TextCollector
    var inline: TextCollector
    var seen = Set<XLSXCellReference>()
    var inSheetData = false

    init(name: String, position: Int, shared: [String], styles: Styles, limits: XLSXLimits, cellsLeft: Int) {
        self.name = name
        self.position = position
        self.shared = shared
        self.styles = styles
        self.limits = limits
        self.cellsLeft = cellsLeft
        value = TextCollector(limit: limits.maxCellText)
        inline = TextCollector(limit: limits.maxCellText)
    }

    func problem(_ cell: XLSXCellReference?, _ message: String) {
        guard problems.count <= limits.maxProblems else { return }
        problems.append(XLSXProblem(sheet: name, sheetPosition: position, cell: cell, message))
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        switch local(elementName) {
        case "sheetData": inSheetData = true
        case "row" where inSheetData:
            let a = attributes(attributeDict)
            if let r = a["r"] {
                if let number = Int(r), number >= 1, number <= XLSXCellReference.maxRow {
                    row = number
                } else {
                    problem(nil, "a row numbered '\(r.prefix(20))'; rows are numbered 1 to \(XLSXCellReference.maxRow); save the workbook again")
                    row = min(row + 1, XLSXCellReference.maxRow)
                }
            } else {
                row = min(row + 1, XLSXCellReference.maxRow)
            }
            column = 0
        case "c" where inSheetData:
            let a = attributes(attributeDict)
            if row == 0 { row = 1 }
            cellReference = nil
            if let r = a["r"] {
                if let reference = XLSXCellReference(r) {
                    cellReference = reference
                    if reference.row != row {
                        problem(reference, "the cell \(r) is inside row \(row); save the workbook again")
                    }
                } else {
                    problem(nil, "a cell at '\(r.prefix(20))', which is no cell of a sheet (A1 to XFD1048576); save the workbook again")
                }
            } else if column < XLSXCellReference.maxColumn {
                cellReference = XLSXCellReference(row: row, column: column + 1)
            }
            if let cellReference { column = cellReference.column }
            cellType = a["t"] ?? "n"
            cellStyle = a["s"].flatMap { Int($0) }
            hasFormula = false
            value.reset()
            inline.reset()
        case "v": inValue = true
        case "f": hasFormula = true
        case "is": inInline = true
        case "t" where inInline && !inPhonetic: inText = true
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue { value.add(string) } else if inText { inline.add(string) }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch local(elementName) {
        case "sheetData": inSheetData = false
        case "v": inValue = false
        case "is": inInline = false
        case "t": inText = false
        case "rPh": inPhonetic = false
        case "c" where inSheetData:
            guard let reference = cellReference else { return }
            cellReference = nil
            guard let cellValue = cellValue(at: reference) else { return }
            guard seen.insert(reference).inserted else {
                problem(reference, "the sheet holds this cell twice; save the workbook again")
                return
            }
            cellsLeft -= 1
            if cellsLeft < 0 {
                stopped = "the workbook has more than \(limits.maxCells) cells with a value; teamplan reads at most that many"
                parser.abortParsing()
                return
            }
            cells.append(XLSXCell(reference: reference, value: cellValue))
        default: break
        }
    }

    /// The cell's value by its type, nil for an empty cell (or one with a problem).
    func cellValue(at reference: XLSXCellReference) -> XLSXValue? {
        let tooLong = "more than \(limits.maxCellText) characters, more than a cell holds"
        if value.tooLong || inline.tooLong {
            problem(reference, tooLong)
            return nil
        }
        let raw = value.text
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        switch cellType {
        case "s":
            guard !trimmed.isEmpty else { return nil }
            guard let index = Int(trimmed), index >= 0, index < shared.count else {
                problem(reference, "the cell names shared string \(trimmed.prefix(20)), which the workbook does not have; save the workbook again")
                return nil
            }
            if shared[index] == SharedStringsParser.tooLongMarker {
                problem(reference, tooLong)
                return nil
            }
            return .text(shared[index])
        case "inlineStr":
            return .text(TextCollector.decoded(inline.text))
        case "str":
            if hasFormula && raw.isEmpty && value.length == 0 { return formulaWithoutValue(reference) }
            return .text(TextCollector.decoded(raw))
        case "b":
            switch trimmed {
            case "1", "true": return .boolean(true)
            case "0", "false": return .boolean(false)
            case "": return hasFormula ? formulaWithoutValue(reference) : nil
            default:
                problem(reference, "'\(trimmed.prefix(20))' is no boolean; save the workbook again")
                return nil
            }
        case "e":
            return .error(trimmed.isEmpty ? "#VALUE!" : String(trimmed.prefix(20)))
        case "d":
            return trimmed.isEmpty ? nil : .isoDate(trimmed)
        case "n":
            guard !trimmed.isEmpty else { return hasFormula ? formulaWithoutValue(reference) : nil }
            guard let number = Double(trimmed), number.isFinite,
                  trimmed.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 == 0x45 || $0 == 0x65 })
            else {
                problem(reference, "'\(trimmed.prefix(20))' is stored as a number but is none; save the workbook again")
                return nil
            }
            return .number(number == 0 ? 0 : number, styles.kind(cellStyle))
        default:
            problem(reference, "a cell of the unknown type '\(cellType.prefix(20))'; save the workbook again")
            return nil
        }
    }

    func formulaWithoutValue(_ reference: XLSXCellReference) -> XLSXValue? {
        problem(reference, "a formula whose value was never computed (the workbook was written by a program, not saved by a spreadsheet); open it in a spreadsheet and save it, or type the value")
        return nil
    }
}
