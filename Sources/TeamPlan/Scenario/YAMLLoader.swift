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
        let problems = scanEvents(text, file: file, kind: kind)
        if !problems.isEmpty { return (nil, problems) }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                return (nil, [.error(at: SourceLocation(file: file, line: 1, column: 1), path: "", "the file is empty")])
            }
            return (convert(node, file: file), [])
        } catch {
            // The first pass has seen the same events; this is a safety net.
            return (nil, [.error(at: SourceLocation(file: file), path: "", "not valid YAML: \(error)")])
        }
    }

    private static func convert(_ node: Node, file: String) -> SourceNode {
        let mark = node.mark
        let location = SourceLocation(file: file, line: mark?.line, column: mark?.column)
        switch node {
        case .scalar(let scalar):
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
                || scalar.style == .literal || scalar.style == .folded
            return SourceNode(.scalar(scalar.string, quoted: quoted), at: location)
        case .sequence(let sequence):
            return SourceNode(.sequence(sequence.map { convert($0, file: file) }), at: location)
        case .mapping(let mapping):
            let entries = mapping.map { key, value -> SourceNode.Entry in
                let keyMark = key.mark
                return SourceNode.Entry(
                    key: key.string ?? "",
                    keyLocation: SourceLocation(file: file, line: keyMark?.line, column: keyMark?.column),
                    value: convert(value, file: file))
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

    private static func scanEvents(_ text: String, file: String, kind: Kind) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func at(_ mark: yaml_mark_t) -> SourceLocation {
            SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        }
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
            var stack: [Open] = []
            var nodes = 0
            var documents = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    let problem = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
                    var message = "not valid YAML: \(problem)"
                    if problem.hasPrefix("Maximum nesting level") {
                        // libyaml's own limit (1000 levels) fires before ours
                        // when the nesting is all on one line.
                        message = "nested more than \(maxDepth) levels deep; a \(kind.noun) needs \(kind.depth) at most"
                    } else if let context = parser.context.map({ String(cString: $0) }) {
                        message += " (\(context) at line \(parser.context_mark.line + 1), column \(parser.context_mark.column + 1))"
                    }
                    let location = parser.error == YAML_READER_ERROR
                        ? SourceLocation(file: file) : at(parser.problem_mark)
                    diagnostics.append(.error(at: location, path: "", message))
                    return diagnostics
                }
                defer { yaml_event_delete(&event) }
                let type = event.type
                if type == YAML_STREAM_END_EVENT { return diagnostics }
                if type == YAML_DOCUMENT_START_EVENT {
                    documents += 1
                    if documents == 2 {
                        diagnostics.append(.error(at: at(event.start_mark), path: "",
                            "a second YAML document ('---'); a \(kind.noun) is one document"))
                        return diagnostics
                    }
                    continue
                }
                guard type == YAML_SCALAR_EVENT || type == YAML_ALIAS_EVENT
                    || type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT
                    || type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT
                else { continue }

                if type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT {
                    stack.removeLast()
                    finishValue(&stack)
                    continue
                }
                nodes += 1
                if nodes > maxNodes {
                    diagnostics.append(.error(at: at(event.start_mark), path: "",
                        "more than \(maxNodes) values in one \(kind.noun); split the tables or check the file"))
                    return diagnostics
                }
                // Is this event a key of the enclosing mapping?
                let isKey = stack.last.map { $0.isMapping && $0.expectingKey } ?? false
                if type == YAML_ALIAS_EVENT {
                    let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                    diagnostics.append(.error(at: at(event.start_mark), path: "",
                        "YAML aliases ('*\(name)') are not allowed; write the value out in full"))
                    finishValue(&stack)
                    continue
                }
                if isKey {
                    if type == YAML_SCALAR_EVENT {
                        let key = String(cString: event.data.scalar.value)
                        if let first = stack[stack.count - 1].keys[key] {
                            diagnostics.append(.error(at: at(event.start_mark), path: "",
                                "duplicate key '\(key)' (first at line \(first.line + 1), column \(first.column + 1)); keep one"))
                        } else {
                            stack[stack.count - 1].keys[key] = event.start_mark
                        }
                    } else {
                        diagnostics.append(.error(at: at(event.start_mark), path: "",
                            "a key must be plain text, not a list or mapping"))
                    }
                }
                if type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT {
                    if stack.count >= maxDepth {
                        diagnostics.append(.error(at: at(event.start_mark), path: "",
                            "nested more than \(maxDepth) levels deep; a \(kind.noun) needs \(kind.depth) at most"))
                        return diagnostics
                    }
                    stack.append(Open(isMapping: type == YAML_MAPPING_START_EVENT))
                } else {
                    finishValue(&stack)
                }
            }
        }
    }

    /// A complete node was read: a mapping now expects the other half.
    private static func finishValue(_ stack: inout [Open]) {
        guard !stack.isEmpty, stack[stack.count - 1].isMapping else { return }
        stack[stack.count - 1].expectingKey.toggle()
    }
}
