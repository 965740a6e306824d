// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "teamplan",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "TeamPlan", targets: ["TeamPlan"]),
        .executable(name: "teamplan", targets: ["teamplan"]),
    ],
    // `Serve` (on by default) builds `teamplan serve` and its web server. The
    // sanitizer runs of `make test-sanitize` build without it (--disable-default-traits):
    // the library they check is the same, and SwiftNIO under two more builds would
    // take CI past its time.
    traits: [
        .trait(name: "Serve", description: "teamplan serve: the local web page (Hummingbird)"),
        .default(enabledTraits: ["Serve"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        // Workbooks (.xlsx) are zip archives: read and written in memory, pure Swift over zlib.
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        // `teamplan serve`: the local web page (HTTP/1.1 on SwiftNIO). Its default traits
        // (swift-configuration, full Foundation) are not needed here.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
    ],
    targets: [
        // <glpk.h> from Debian's libglpk-dev; only Solver/ imports it.
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK"),
        // GLPK's error hook with setjmp/longjmp: a fatal GLPK error becomes a return code.
        .target(name: "GLPKShim", dependencies: ["CGLPK"], path: "Sources/GLPKShim",
                linkerSettings: [.linkedLibrary("glpk")]),
        // renameat2(RENAME_EXCHANGE): the output folder is swapped in one step.
        .target(name: "SystemShim", path: "Sources/SystemShim"),
        .target(
            name: "TeamPlan",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                "GLPKShim", "CGLPK", "SystemShim",
            ],
            path: "Sources/TeamPlan"
        ),
        // The local web app: routes, the token, jobs. No planning logic: every
        // page calls the library's workflows, as the command line does. Without
        // the Serve trait only its HTTP part is left out: the folder, the pages
        // and the job queue are still built and tested (under the sanitizers too).
        .target(
            name: "TeamPlanServer",
            dependencies: [
                "TeamPlan",
                .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Serve"])),
            ],
            path: "Sources/TeamPlanServer"
        ),
        .executableTarget(
            name: "teamplan",
            dependencies: [
                "TeamPlan",
                "TeamPlanServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/teamplan"
        ),
        // What the fuzzers check for any input (Tests/Fuzz, `make fuzz`).
        .target(
            name: "TeamPlanFuzzing",
            dependencies: ["TeamPlan", .product(name: "Yams", package: "Yams")],
            path: "Sources/TeamPlanFuzzing"
        ),
        // libFuzzer's driver under `make fuzz`; a replayer of inputs otherwise.
        .executableTarget(
            name: "teamplan-fuzz",
            dependencies: ["TeamPlanFuzzing"],
            path: "Sources/teamplan-fuzz"
        ),
        .testTarget(
            name: "TeamPlanTests",
            dependencies: ["TeamPlan", "TeamPlanFuzzing", "TeamPlanServer"],
            path: "Tests/TeamPlanTests"
        ),
    ]
)
