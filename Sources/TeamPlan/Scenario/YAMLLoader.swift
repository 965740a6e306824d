import CYaml
import Foundation
import Yams

/// Reads YAML text into `SourceNode`s, refusing what could hang or blow up
/// the reader before the document is composed.
///
/// A first pass walks libyaml's event stream (the parser inside Yams):
/// syntax errors, aliases (`*name`: the "billion laughs" bomb needs them),
/// nesting deeper than `maxDepth`, more than `maxNodes` values, and duplicate
/// keys — all of them, each at its own position — are reported there. Only a
/// document that passes is composed by Yams into its node tree, whose marks
/// give every later diagnostic its line and column.
enum YAMLLoader {
    static let maxDepth = 64
    static let maxNodes = 1_000_000

    /// What the file is, for messages.
    enum Kind {
        case scenario, plan
        var noun: String { self == .scenario ? "scenario" : "plan" }
        /// How deep the file's own structure goes.
        var depth: Int { self == .scenario ? 5 : 3 }
    }

    static func load(_ text: String, file: String, kind: Kind = .scenario) -> (root: SourceNode?, diagnostics: [Diagnostic]) {
        let lines = LineMap(text)
        let problems = scanEvents(text, file: file, kind: kind, lines: lines)
        if !problems.isEmpty { return (nil, problems) }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                return (nil, [.error(at: SourceLocation(file: file, line: 1, column: 1), path: "", "the file is empty")])
            }
            return (convert(node, file: file, lines: lines), [])
        } catch {
            // The first pass has seen the same events; this is a safety net.
            return (nil, [.error(at: SourceLocation(file: file), path: "", "not valid YAML: \(error)")])
        }
    }

    private static func convert(_ node: Node, file: String, lines: LineMap) -> SourceNode {
        func located(_ mark: Mark?) -> SourceLocation {
            guard let mark else { return SourceLocation(file: file) }
            let (line, column) = lines.editorPosition(line: mark.line, column: mark.column)
            return SourceLocation(file: file, line: line, column: column)
        }
        let location = located(node.mark)
        switch node {
        case .scalar(let scalar):
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
                || scalar.style == .literal || scalar.style == .folded
            return SourceNode(.scalar(scalar.string, quoted: quoted), at: location)
        case .sequence(let sequence):
            return SourceNode(.sequence(sequence.map { convert($0, file: file, lines: lines) }), at: location)
        case .mapping(let mapping):
            let entries = mapping.map { key, value -> SourceNode.Entry in
                SourceNode.Entry(key: key.string ?? "", keyLocation: located(key.mark),
                                 value: convert(value, file: file, lines: lines))
            }
            return SourceNode(.mapping(entries), at: location)
        case .alias:
            // Refused by the first pass; Yams resolves aliases while composing.
            return SourceNode(.scalar("", quoted: false), at: location)
        }
    }

    /// One open mapping or sequence of the event walk.
    private struct Open {
        var isMapping: Bool
        var expectingKey = true
        var keys: [String: yaml_mark_t] = [:]
    }

    private static func scanEvents(_ text: String, file: String, kind: Kind, lines: LineMap) -> [Diagnostic] {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return [.error(at: SourceLocation(file: file), path: "", "out of memory while reading YAML")]
        }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        if bytes.isEmpty { bytes = [0x0A] }
        return bytes.withUnsafeBufferPointer { buffer -> [Diagnostic] in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var scan = EventScan(file: file, kind: kind, lines: lines)
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    scan.diagnostics.append(scan.parseError(parser))
                    return scan.diagnostics
                }
                defer { yaml_event_delete(&event) }
                guard scan.take(event) else { return scan.diagnostics }
            }
        }
    }

    /// The walk over libyaml's events: what it has found so far, and where it is.
    private struct EventScan {
        let file: String
        let kind: Kind
        let lines: LineMap
        var diagnostics: [Diagnostic] = []
        var stack: [Open] = []
        var nodes = 0
        var documents = 0

        init(file: String, kind: Kind, lines: LineMap) {
            self.file = file
            self.kind = kind
            self.lines = lines
        }

        func position(_ mark: yaml_mark_t) -> (line: Int, column: Int) {
            lines.editorPosition(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        }

        func at(_ mark: yaml_mark_t) -> SourceLocation {
            let (line, column) = position(mark)
            return SourceLocation(file: file, line: line, column: column)
        }

        /// What libyaml could not parse, in the user's words.
        func parseError(_ parser: yaml_parser_t) -> Diagnostic {
            let problem = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
            var message = "not valid YAML: \(problem)"
            if problem.hasPrefix("Maximum nesting level") {
                // libyaml's own limit (1000 levels) fires before ours
                // when the nesting is all on one line.
                message = "nested more than \(maxDepth) levels deep; a \(kind.noun) needs \(kind.depth) at most"
            } else if let context = parser.context.map({ String(cString: $0) }) {
                let (line, column) = position(parser.context_mark)
                message += " (\(context) at line \(line), column \(column))"
            }
            let location = parser.error == YAML_READER_ERROR
                ? SourceLocation(file: file) : at(parser.problem_mark)
            return .error(at: location, path: "", message)
        }

        /// One event; false when the walk ends here (the end of the stream,
        /// or a problem after which nothing more is worth reading).
        mutating func take(_ event: yaml_event_t) -> Bool {
            let type = event.type
            if type == YAML_STREAM_END_EVENT { return false }
            if type == YAML_DOCUMENT_START_EVENT {
                documents += 1
                if documents == 2 {
                    diagnostics.append(.error(at: at(event.start_mark), path: "",
                        "a second YAML document ('---'); a \(kind.noun) is one document"))
                    return false
                }
                return true
            }
            guard type == YAML_SCALAR_EVENT || type == YAML_ALIAS_EVENT
                || type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT
                || type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT
            else { return true }

            if type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT {
                stack.removeLast()
                finishValue(&stack)
                return true
            }
            nodes += 1
            if nodes > maxNodes {
                diagnostics.append(.error(at: at(event.start_mark), path: "",
                    "more than \(maxNodes) values in one \(kind.noun); split the tables or check the file"))
                return false
            }
            return takeNode(event)
        }

        /// A scalar, an alias, or the start of a sequence or mapping.
        mutating func takeNode(_ event: yaml_event_t) -> Bool {
            let type = event.type
            // Is this event a key of the enclosing mapping?
            let isKey = stack.last.map { $0.isMapping && $0.expectingKey } ?? false
            if type == YAML_ALIAS_EVENT {
                let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                diagnostics.append(.error(at: at(event.start_mark), path: "",
                    "YAML aliases ('*\(name)') are not allowed; write the value out in full"))
                finishValue(&stack)
                return true
            }
            if isKey { checkKey(event) }
            if type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT {
                if stack.count >= maxDepth {
                    diagnostics.append(.error(at: at(event.start_mark), path: "",
                        "nested more than \(maxDepth) levels deep; a \(kind.noun) needs \(kind.depth) at most"))
                    return false
                }
                stack.append(Open(isMapping: type == YAML_MAPPING_START_EVENT))
            } else {
                finishValue(&stack)
            }
            return true
        }

        /// A key of the enclosing mapping: plain text, and not one it already has.
        mutating func checkKey(_ event: yaml_event_t) {
            guard event.type == YAML_SCALAR_EVENT else {
                diagnostics.append(.error(at: at(event.start_mark), path: "",
                    "a key must be plain text, not a list or mapping"))
                return
            }
            let key = String(cString: event.data.scalar.value)
            if let first = stack[stack.count - 1].keys[key] {
                diagnostics.append(.error(at: at(event.start_mark), path: "",
                    "duplicate key '\(key)' (first at line \(position(first).line), column \(position(first).column)); keep one"))
            } else {
                stack[stack.count - 1].keys[key] = event.start_mark
            }
        }
    }

    /// A complete node was read: a mapping now expects the other half.
    private static func finishValue(_ stack: inout [Open]) {
        guard !stack.isEmpty, stack[stack.count - 1].isMapping else { return }
        stack[stack.count - 1].expectingKey.toggle()
    }
}

/// Where a position libyaml gives lies for a person. libyaml reads YAML 1.1,
/// where NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR
/// (U+2029) also end a line; editors end lines at LF, CRLF and CR only. In
/// a file with any of the three, libyaml's lines are mapped back to the
/// editor's (found by the scenario-yaml fuzzer: a diagnostic at line 45 of
/// a 43-line file). Columns count Unicode scalars, as libyaml's do.
struct LineMap: Sendable {
    /// Scalar offsets where each of libyaml's lines starts, and each
    /// editor line; empty when the two agree (no NEL, LS or PS).
    private var yamlStarts: [Int] = []
    private var editorStarts: [Int] = []

    init(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}" }) else { return }
        yamlStarts = [0]
        editorStarts = [0]
        for (i, scalar) in scalars.enumerated() {
            switch scalar {
            case "\n":
                yamlStarts.append(i + 1)
                editorStarts.append(i + 1)
            case "\r" where i + 1 >= scalars.count || scalars[i + 1] != "\n":
                yamlStarts.append(i + 1)
                editorStarts.append(i + 1)
            case "\u{85}", "\u{2028}", "\u{2029}":
                yamlStarts.append(i + 1)
            default:
                break
            }
        }
    }

    /// libyaml's 1-based line and column as the editor's.
    func editorPosition(line: Int, column: Int) -> (line: Int, column: Int) {
        guard !yamlStarts.isEmpty, line >= 1 else { return (line, column) }
        let offset = yamlStarts[min(line, yamlStarts.count) - 1] + max(column, 1) - 1
        // The last editor line that starts at or before the offset.
        var low = 0, high = editorStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if editorStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, offset - editorStarts[low] + 1)
    }
}
