// swift-tools-version: 6.0

import PackageDescription

let package = Package(
    name: "TrialStats",
    products: [
        .library(name: "TrialStats", targets: ["TrialStats"]),
        .library(name: "TrialStatsIO", targets: ["TrialStatsIO"]),
        .executable(name: "trialstats", targets: ["trialstats"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // The GNU Scientific Library, reached only through Sources/TrialStats/Numerics/GSL.swift.
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        // libxml2's HTML parser, reached only through Sources/TrialStatsIO/Documents/LibXML2.swift.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "TrialStats",
            dependencies: ["CGSL"]
        ),
        .target(
            name: "TrialStatsIO",
            dependencies: [
                "TrialStats",
                "CLibXML2",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // The report's template and styles, compiled into the program (no bundle to find at run time);
            // the bundled studies of `reproduce` (a folder each, with its study.yaml), copied beside it;
            // the fonts the PDF figures embed (their licence, OFL.txt, stays beside them in the sources).
            exclude: ["Figure/Resources/OFL.txt"],
            resources: [.embedInCode("Analysis/Resources/report.mustache"), .embedInCode("Analysis/Resources/report.css"),
                        .embedInCode("Figure/Resources/TrialStatsSans.ttf"), .embedInCode("Figure/Resources/TrialStatsSans-Bold.ttf"),
                        .copy("../../Fixtures/castle")]
        ),
        .executableTarget(
            name: "trialstats",
            dependencies: [
                "TrialStats",
                "TrialStatsIO",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Test support shared by the test targets: typed reference fixtures, exact JSON numbers.
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "TrialStatsTests",
            dependencies: ["TrialStats", "TestSupport"],
            resources: []
        ),
        .testTarget(
            name: "TrialStatsIOTests",
            dependencies: ["TrialStatsIO", "TestSupport"],
            exclude: ["FuzzCorpus"]
        ),
        .testTarget(
            name: "trialstatsTests",
            dependencies: ["trialstats", "TrialStatsIO", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
    ]
)
