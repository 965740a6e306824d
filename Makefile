# teamplan — plan social workers' consultation hours at GP practices.
#   make run      install what is missing, build, plan the example in inputs/
#   make test     install what is missing, build, run every test
#   make install  put teamplan in $(PREFIX)/bin
#   make bench    plan generated regions (release build) against HiGHS and glpsol; print the table
#   make fuzz     fuzz every reader (libFuzzer + AddressSanitizer), FUZZ_SECONDS each
#   make test-sanitize  every test under AddressSanitizer, then ThreadSanitizer
#   make test-slurm     only the Slurm test: docs/scale-out.md's scripts on a one-node Slurm
#   make load-serve     teamplan serve (release build) under 50 clients and 10 plans at once; prints the figures
PREFIX ?= /usr/local
EXAMPLE ?= inputs/westelijke-mijnstreek.yaml
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The Python that makes the virtualenv (.venv); the tests and bench/run use
# the virtualenv's own, never this one's packages.
PYTHON ?= python3
VENV := .venv
REQUIREMENTS := Tests/requirements.txt
# What the tests and bench/run are started with: the virtualenv's bin first
# on the PATH, and its interpreter named outright (Tests/TeamPlanTests/Support/
# Python.swift reads TEAMPLAN_TEST_PYTHON).
WITH_VENV := PATH="$(CURDIR)/$(VENV)/bin:$$PATH" TEAMPLAN_TEST_PYTHON="$(CURDIR)/$(VENV)/bin/python3"

.PHONY: all deps venv test-deps build release run test test-slurm test-sanitize install bench load-serve fuzz clean

all: build

# GLPK (C library and glpsol) from Debian, only when it is missing.
deps:
	@if [ ! -f /usr/include/glpk.h ] || ! command -v glpsol >/dev/null 2>&1; then \
		echo "Installing GLPK (libglpk-dev, glpk-utils)…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libglpk-dev glpk-utils; \
	fi
	@[ -f /usr/include/zlib.h ] || { echo "Installing zlib (zlib1g-dev, for ZIPFoundation)…"; $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq zlib1g-dev pkg-config; }
	@command -v $(SWIFT) >/dev/null || { echo "Swift 6 is needed: https://www.swift.org/install/linux/"; exit 1; }

# The PyPI packages the tests and make bench use, pinned in $(REQUIREMENTS),
# in a virtualenv of the project's own ($(VENV)), never in the system Python.
# It is made anew only when it is missing, when $(REQUIREMENTS) differs from
# the copy installed with it ($(VENV)/requirements.txt), or when its packages
# (pip freeze) differ from the pins; afterwards they must equal the pins.
# Where `python3 -m venv` fails (Debian without ensurepip, or no python3 at
# all), Debian's python3-venv is installed first.
venv:
	@pins() { awk -F'==' '/^[[:space:]]*(#|$$)/ { next } { n = tolower($$1); gsub(/[[:space:]]/, "", n); gsub(/[-_.]+/, "-", n); \
		v = $$2; gsub(/[[:space:]]/, "", v); if (n !~ /^(pip|setuptools|wheel|distribute)$$/) print n "==" v }' | LC_ALL=C sort; }; \
	installed() { $(VENV)/bin/python3 -m pip freeze --disable-pip-version-check 2>/dev/null | pins; }; \
	current() { [ -x $(VENV)/bin/python3 ] && cmp -s $(REQUIREMENTS) $(VENV)/requirements.txt \
		&& [ "$$(pins < $(REQUIREMENTS))" = "$$(installed)" ]; }; \
	current && exit 0; \
	echo "Making $(VENV) with the pinned PyPI packages of $(REQUIREMENTS)…"; \
	rm -rf $(VENV); \
	if ! $(PYTHON) -m venv $(VENV) >/dev/null 2>&1; then \
		echo "Installing python3-venv (Debian)…"; rm -rf $(VENV); \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3 python3-venv && $(PYTHON) -m venv $(VENV) || exit 1; \
	fi; \
	$(VENV)/bin/python3 -m pip install -q --disable-pip-version-check --no-input --only-binary=:all: -r $(REQUIREMENTS) || exit 1; \
	cp $(REQUIREMENTS) $(VENV)/requirements.txt; \
	current || { echo "$(VENV) does not hold exactly the pins of $(REQUIREMENTS) (< pinned, > installed):"; \
		pins < $(REQUIREMENTS) > $(VENV)/pins.txt; installed | diff $(VENV)/pins.txt - ; rm -f $(VENV)/requirements.txt; exit 1; }

# What the tests use beside GLPK: HiGHS's Python module (the exported model
# solved by another solver), a real iCalendar parser (the calendars) and
# openpyxl (workbooks written by another program), all in $(VENV); Chromium (report.html rendered headless) and LibreOffice Calc
# without its GUI (CSV tables and workbooks opened and saved with Dutch settings,
# the template printed to PDF) and poppler-utils (pdftotext reads that PDF) from Debian;
# Slurm and MUNGE (Tests/Slurm/run starts its own one-node cluster with them; the
# packages' own services are not used, and no systemd is needed).
test-deps: deps venv
	@command -v chromium >/dev/null || { echo "Installing chromium…"; $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }
	@command -v soffice >/dev/null || { echo "Installing LibreOffice Calc (headless)…"; $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui; }
	@command -v pdftotext >/dev/null || { echo "Installing poppler-utils (pdftotext)…"; $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq poppler-utils; }
	@for f in /usr/sbin/slurmctld /usr/sbin/slurmd /usr/sbin/munged /usr/sbin/mungekey /usr/bin/sbatch; do [ -x $$f ] || missing=1; done; \
	[ -z "$$missing" ] || { echo "Installing Slurm and MUNGE (slurm-wlm, munge)…"; $(SUDO) apt-get update -qq && \
		$(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge; }

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: build
	$(SWIFT) run --skip-build teamplan plan $(EXAMPLE)

# Builds every target (the executable too: the end-to-end tests run it),
# then runs the Swift Testing suite, then the Slurm test with that executable.
test: test-deps
	$(SWIFT) build --build-tests
	$(WITH_VENV) $(SWIFT) test --skip-build --disable-xctest
	$(WITH_VENV) Tests/Slurm/run --teamplan "$$($(SWIFT) build --show-bin-path)/teamplan"

# docs/scale-out.md's Slurm scripts, as they stand, on a one-node Slurm started
# for the test and shut down after it (Tests/Slurm/run says how); under a minute.
test-slurm: test-deps
	$(SWIFT) build
	$(WITH_VENV) Tests/Slurm/run --teamplan "$$($(SWIFT) build --show-bin-path)/teamplan"

# The suite under AddressSanitizer and ThreadSanitizer, each in its own
# build folder (the executables the tests run are built with it too). Both
# build without the Serve trait (--disable-default-traits): SwiftNIO and
# Hummingbird twice more would take CI past 30 minutes. The web server's own
# logic (the folder's rules, the job queue, the pages, the editor's saving)
# is built and tested there all the same; only its HTTP routes, tested in
# `make test`, are left out. docs/reliability.md says what each leaves out:
# - both: the suites that check a format through a real client of it
#   (LibreOffice, openpyxl, Chromium, an iCalendar parser, HiGHS, glpsol,
#   bench/run): their time goes to those programs, not to teamplan's code,
#   whose writing of the same files other suites run there; and the suites
#   that measure the search (warm starts, pinned and greedy plans, least
#   money): their time is GLPK's, which neither sanitizer instruments, while
#   the Swift around each solve runs in the solver suites (brute force with
#   pins, avoids, preferences and a previous plan) under both;
# - TSan: the suites of one thread (the fuzzers' corpora replayed, huge and
#   odd inputs, the evaluation's properties) and those of output formats and
#   files (output safety, Dutch output, funding lines, look-alike folders,
#   the plan workbook), whose plans run the threads every other plan runs:
#   ASan runs them; and the two ulimit -f tests, as TSan's runtime dies of
#   SIGBUS under a file-size limit.
# LeakSanitizer is off: Swift's runtime caches and values alive at exit()
# are reported as leaks.
SANITIZE_SKIP := --skip 'SpreadsheetRoundTripTests|WorkbookRoundTripTests|ReportPageTests|CalendarFileTests|ExportTests|OtherSolverPlanTests|BenchScriptTests|CSVInjectionTests|PythonPinsTests' \
	--skip 'WarmStartTests|PinSolverTests|GreedyPlanTests|LeastMoneyTests'
TSAN_SKIP := --skip 'FuzzReplayTests|HugeInputTests|TextLimitTests|BadInputCorpusTests|NotARegularFileTests|EvaluationPropertyTests|LanguageTests' \
	--skip 'OutputSafetyTests|DutchOutputTests|FundingLineTests|LookAlikeFolderTests|PlanWorkbookTests' \
	--skip 'aFullDiskIsExitSeventyThreeAndLeavesThePreviousOutputWhole|exportUnderAFullDiskLeavesThePreviousFileWhole'
test-sanitize: test-deps
	$(SWIFT) build --build-tests --disable-default-traits --sanitize=address --scratch-path .build-sanitize-address
	ASAN_OPTIONS=detect_leaks=0 $(WITH_VENV) $(SWIFT) test --skip-build --disable-xctest --disable-default-traits --sanitize=address --scratch-path .build-sanitize-address $(SANITIZE_SKIP)
	$(SWIFT) build --build-tests --disable-default-traits --sanitize=thread --scratch-path .build-sanitize-thread
	$(WITH_VENV) $(SWIFT) test --skip-build --disable-xctest --disable-default-traits --sanitize=thread --scratch-path .build-sanitize-thread $(SANITIZE_SKIP) $(TSAN_SKIP)

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/teamplan" $(DESTDIR)$(PREFIX)/bin/teamplan

# Peak memory needs /usr/bin/time; HiGHS comes from $(VENV).
bench: deps venv
	@[ -x /usr/bin/time ] || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq time; }
	$(WITH_VENV) bench/run

# teamplan serve under load: 50 clients reading pages for 15 s while 10 plans
# of the example are asked at once (Tests/Serve/serve_load.py, on loopback):
# no request fails, the queue drains, the server's peak memory (VmHWM).
load-serve: test-deps release
	$(WITH_VENV) python3 Tests/Serve/run_all.py --teamplan "$$($(SWIFT) build -c release --show-bin-path)/teamplan" --only load --out out/load-serve

# libFuzzer on the scenario, CSV and plan readers and on mutated scenarios;
# new coverage goes into Tests/Fuzz/*/corpus, crashes into Tests/Fuzz/*/crashes.
fuzz: deps
	Tests/Fuzz/run

clean:
	rm -rf .build .build-fuzz .build-sanitize-* out
