# teamplan — plan social workers' consultation hours at GP practices.
#   make run      install what is missing, build, plan the example in inputs/
#   make test     install what is missing, build, run every test
#   make install  put teamplan in $(PREFIX)/bin
#   make bench    plan every scenario in bench/ (release build) and print the table
#   make fuzz     fuzz every reader (libFuzzer + AddressSanitizer), FUZZ_SECONDS each
#   make test-sanitize  every test under AddressSanitizer, then ThreadSanitizer
PREFIX ?= /usr/local
EXAMPLE ?= inputs/westelijke-mijnstreek.yaml
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps test-deps build release run test test-sanitize install bench fuzz clean

all: build

# GLPK (C library and glpsol) from Debian, only when it is missing.
deps:
	@if [ ! -f /usr/include/glpk.h ] || ! command -v glpsol >/dev/null 2>&1; then \
		echo "Installing GLPK (libglpk-dev, glpk-utils)…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libglpk-dev glpk-utils; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "Swift 6 is needed: https://www.swift.org/install/linux/"; exit 1; }

# What the tests use beside GLPK: HiGHS's Python module (the exported model
# solved by another solver), a real iCalendar parser (the calendars) and
# Chromium (report.html rendered headless).
test-deps: deps
	@command -v chromium >/dev/null || { echo "Installing chromium…"; $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }
	@python3 -c "import highspy, icalendar, recurring_ical_events" 2>/dev/null || { echo "Installing highspy, icalendar, recurring-ical-events (PyPI)…"; \
		python3 -m pip install -q highspy icalendar recurring-ical-events || python3 -m pip install -q --break-system-packages highspy icalendar recurring-ical-events; }

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: build
	$(SWIFT) run --skip-build teamplan plan $(EXAMPLE)

# Builds every target (the executable too: the end-to-end tests run it),
# then runs the Swift Testing suite.
test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest

# The whole suite under AddressSanitizer and ThreadSanitizer, each in its own
# build folder (the executables the tests run are built with it too).
# LeakSanitizer is off: Swift's runtime caches and values alive at exit()
# are reported as leaks. Under ThreadSanitizer the ulimit -f test is left
# out: TSan's runtime itself dies of SIGBUS under a file-size limit.
test-sanitize: test-deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-sanitize-address
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --skip-build --disable-xctest --sanitize=address --scratch-path .build-sanitize-address
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-sanitize-thread
	$(SWIFT) test --skip-build --disable-xctest --sanitize=thread --scratch-path .build-sanitize-thread \
		--skip aFullDiskIsExitSeventyThreeAndLeavesThePreviousOutputWhole

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/teamplan" $(DESTDIR)$(PREFIX)/bin/teamplan

# Timings need /usr/bin/time and bc.
bench: deps
	@command -v bc >/dev/null && [ -x /usr/bin/time ] || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq time bc; }
	bench/run

# libFuzzer on the scenario, CSV and plan readers and on mutated scenarios;
# new coverage goes into Tests/Fuzz/*/corpus, crashes into Tests/Fuzz/*/crashes.
fuzz: deps
	Tests/Fuzz/run

clean:
	rm -rf .build .build-fuzz .build-sanitize-* out
