import Foundation
import Testing

/// The tests' PyPI packages are pinned (Tests/requirements.txt), and the
/// Python the tests run holds exactly those: a newer HiGHS, or a system
/// Python's own packages, cannot slip in unseen.
@Suite struct PythonPinsTests {
    @Test func everyLineOfTheRequirementsIsOneNamePinnedToOneExactVersion() throws {
        let text = try String(contentsOfFile: Python.requirementsFile, encoding: .utf8)
        let read = Python.pins(text)
        #expect(read.unpinned.isEmpty, "not name==version (or a name twice): \(read.unpinned)")
        for package in ["highspy", "icalendar", "recurring-ical-events"] {
            #expect(read.pins[package] != nil, "\(package) is pinned")
        }
    }

    @Test func aRangeAWildcardAMarkerOrABareNameIsNotAPin() {
        let read = Python.pins("""
            # a comment
            highspy==1.16.0

            Typing_Extensions==4.16.0
            numpy>=2
            icalendar
            six==1.*
            tzdata==2026.6; python_version < "3.13"
            click==8.5.1 --hash=sha256:00
            highspy==1.15.1
            """)
        #expect(read.pins == ["highspy": "1.16.0", "typing-extensions": "4.16.0"])
        #expect(read.unpinned == ["numpy>=2", "icalendar", "six==1.*", "tzdata==2026.6; python_version < \"3.13\"",
                                  "click==8.5.1 --hash=sha256:00", "highspy==1.15.1"])
    }

    /// `pip freeze` of the tests' interpreter equals the pins, names
    /// normalised (pip's own tools aside). make test makes .venv anew when
    /// they differ; run by hand with another Python, this fails.
    @Test func theTestsPythonHoldsExactlyThePinnedPackages() throws {
        let pinned = Python.pins(try String(contentsOfFile: Python.requirementsFile, encoding: .utf8)).pins
        let freeze = try Executable.run(["-m", "pip", "freeze", "--disable-pip-version-check"], program: Python.interpreter)
        #expect(freeze.status == 0, "\(Python.interpreter) -m pip freeze: \(freeze.stderr)")
        var installed = Python.pins(freeze.stdout)
        for tool in ["pip", "setuptools", "wheel", "distribute"] { installed.pins[tool] = nil }
        #expect(installed.unpinned.isEmpty, "installed, not from the index at one version: \(installed.unpinned)")
        let missing = pinned.filter { installed.pins[$0.key] != $0.value }.sorted { $0.key < $1.key }
        let extra = installed.pins.filter { pinned[$0.key] != $0.value }.sorted { $0.key < $1.key }
        #expect(missing.isEmpty && extra.isEmpty,
                "\(Python.interpreter) (make test makes .venv from Tests/requirements.txt): pinned but not installed so: \(missing); installed but not pinned so: \(extra)")
    }
}
