// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "hopfield",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "hopfield", targets: ["hopfield"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C shim over ncursesw: macros and C globals as static inline accessors.
        .systemLibrary(
            name: "CNcurses",
            path: "Sources/CNcurses",
            // No pkgConfig: ncursesw's .pc adds -D flags SwiftPM rejects with a warning; the module map links it.
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // The engine: pure Swift, no UI.
        .target(name: "EnergyModels"),
        // Pattern sets and their file formats (uses the engine only for its generator and atomic writes).
        .target(name: "Patterns", dependencies: ["EnergyModels"]),
        // Pure view model: state, actions, layout, widgets rendering into a cell grid.
        .target(name: "Visualizer", dependencies: ["EnergyModels", "Patterns"]),
        // The only importer of CNcurses.
        .target(name: "TerminalIO", dependencies: ["CNcurses", "Visualizer"]),
        .executableTarget(
            name: "hopfield",
            dependencies: [
                "EnergyModels", "Patterns", "Visualizer", "TerminalIO",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "EnergyModelsTests", dependencies: ["EnergyModels"]),
        .testTarget(name: "PatternsTests", dependencies: ["Patterns", "EnergyModels"]),
        .testTarget(name: "VisualizerTests", dependencies: ["Visualizer", "EnergyModels", "Patterns"], exclude: ["Snapshots"]),
        // Runs the built executable as a user would: headless commands and the TUI under tmux.
        .testTarget(name: "EndToEndTests", dependencies: ["hopfield", "Visualizer"]),
        // Mutated files of every kind through every reader (FUZZ_CASES=100000 for a soak).
        .testTarget(name: "FuzzTests", dependencies: ["EnergyModels", "Patterns", "Visualizer"]),
    ],
    swiftLanguageModes: [.v6]
)
