// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "teamplan",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "TeamPlan", targets: ["TeamPlan"]),
        .executable(name: "teamplan", targets: ["teamplan"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        // Workbooks (.xlsx) are zip archives: read and written in memory, pure Swift over zlib.
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
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
        .executableTarget(
            name: "teamplan",
            dependencies: [
                "TeamPlan",
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
            dependencies: ["TeamPlan", "TeamPlanFuzzing"],
            path: "Tests/TeamPlanTests"
        ),
    ]
)
