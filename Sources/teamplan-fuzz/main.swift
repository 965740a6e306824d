// teamplan-fuzz TARGET [libFuzzer options] [CORPUS...]
//
// Built by `make fuzz` with coverage and AddressSanitizer (TEAMPLAN_FUZZ
// defined): libFuzzer's driver runs TARGET on inputs it makes.
// Built normally: runs TARGET once on each file (or every file of each
// folder) given, to reproduce a crash or replay a corpus by hand.
// Targets: scenario-yaml, csv-table, plan-json, scenario-mutation, sweep-table, workbook.
// `teamplan-fuzz scenario-mutation --show INPUT` prints the scenario an
// input of the structure-aware target makes (its previous plan: previous.json).
import Foundation
import TeamPlanFuzzing

let arguments = CommandLine.arguments
// libFuzzer starts itself again for -merge, -jobs and -fork with the options
// it was given: the target's name travels in the environment for those.
let target: FuzzTarget
let options: [String]
if arguments.count >= 2, let named = FuzzTarget(rawValue: arguments[1]) {
    target = named
    options = Array(arguments.dropFirst(2))
    setenv("TEAMPLAN_FUZZ_TARGET", named.rawValue, 1)
} else if let name = ProcessInfo.processInfo.environment["TEAMPLAN_FUZZ_TARGET"], let named = FuzzTarget(rawValue: name) {
    target = named
    options = Array(arguments.dropFirst())
} else {
    let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
    FileHandle.standardError.write(Data("usage: teamplan-fuzz TARGET [options] [CORPUS...]; targets: \(names)\n".utf8))
    exit(64)
}

#if TEAMPLAN_FUZZ
typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: FuzzCallback) -> CInt

// The target's name is ours, not libFuzzer's: hand it the rest.
nonisolated(unsafe) var selected = target
var argv: [UnsafeMutablePointer<CChar>?] = [strdup(arguments[0])] + options.map { strdup($0) } + [nil]
var argc = CInt(argv.count - 1)
let status = argv.withUnsafeMutableBufferPointer { buffer -> CInt in
    var pointer = buffer.baseAddress!
    return LLVMFuzzerRunDriver(&argc, &pointer) { data, size in
        selected.run(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }
}
exit(status)
#else
// `teamplan-fuzz scenario-mutation --show INPUT`: the scenario an input makes.
if target == .scenarioMutation, options.first == "--show", options.count == 2,
   let data = FileManager.default.contents(atPath: options[1]) {
    print(FuzzTarget.mutatedScenario([UInt8](data)) ?? "(no YAML)", terminator: "")
    exit(0)
}
var files: [String] = []
for path in options {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        files += names.sorted().filter { !$0.hasPrefix(".") }.map { path + "/" + $0 }
    } else {
        files.append(path)
    }
}
for file in files {
    guard let data = FileManager.default.contents(atPath: file) else {
        FileHandle.standardError.write(Data("cannot read \(file)\n".utf8))
        exit(66)
    }
    target.run([UInt8](data))
}
print("\(target.rawValue): \(files.count) inputs, no crash")
#endif
