import Foundation

/// The Python the tests run: HiGHS (ExportTests), the iCalendar parser
/// (CalendarFileTests) and the memory meter (HugeInputTests).
///
/// The interpreter is `TEAMPLAN_TEST_PYTHON`, which `make test` sets to
/// `.venv/bin/python3`, the virtualenv it fills with the pinned packages of
/// Tests/requirements.txt. Without it (`swift test` by hand) it is the
/// package's `.venv/bin/python3` when there is one, else `python3` on the
/// PATH. PythonPinsTests fails unless this interpreter holds exactly the
/// pinned packages, so the suite cannot pass on another Python's packages.
enum Python {
    static var interpreter: String {
        if let named = ProcessInfo.processInfo.environment["TEAMPLAN_TEST_PYTHON"], !named.isEmpty { return named }
        let venv = Executable.packageRoot + "/.venv/bin/python3"
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : "python3"
    }

    /// Tests/requirements.txt.
    static let requirementsFile = Executable.packageRoot + "/Tests/requirements.txt"

    /// Runs `script` with `arguments` in `directory`. The script gets a file
    /// name as `sys.argv[1]` (its own arguments follow) and writes its answer
    /// there as JSON; `answer` is that file's content, nil when it wrote
    /// none. Standard output is left to whatever the libraries print (HiGHS
    /// 1.16 prints a banner there however its output is set), so nothing is
    /// read from it by position.
    static func run(_ script: String, _ arguments: [String], in directory: String? = nil) throws
        -> (result: Executable.Result, answer: Data?) {
        // Beside the test's folder, not in it: some tests check that nothing was written there.
        let answerFile = NSTemporaryDirectory() + "teamplan-test-answer-" + UUID().uuidString + ".json"
        defer { try? FileManager.default.removeItem(atPath: answerFile) }
        let result = try Executable.run(["-c", script, answerFile] + arguments, in: directory, program: interpreter)
        return (result, FileManager.default.contents(atPath: answerFile))
    }

    /// A package name as PyPI compares them (PEP 503): lower case, each run
    /// of `-`, `_` and `.` one `-`.
    static func normalised(_ name: String) -> String {
        name.lowercased().replacingOccurrences(of: "[-_.]+", with: "-", options: .regularExpression)
    }

    /// The `name==version` lines of a requirements file or of `pip freeze`,
    /// names normalised; comments and blank lines left out. A line that is
    /// not exactly one name pinned to one version is in `unpinned`.
    static func pins(_ text: String) -> (pins: [String: String], unpinned: [String]) {
        var pins: [String: String] = [:], unpinned: [String] = []
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            // A name (PEP 508), ==, and a version of digits, letters and dots only
            // (no wildcard, no range, no marker, no option, no comment after it).
            guard line.range(of: #"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?==[0-9][A-Za-z0-9.+!]*$"#,
                             options: .regularExpression) != nil else {
                unpinned.append(line)
                continue
            }
            let parts = line.components(separatedBy: "==")
            let name = normalised(parts[0])
            if pins[name] != nil { unpinned.append(line) } else { pins[name] = parts[1] }
        }
        return (pins, unpinned)
    }
}
