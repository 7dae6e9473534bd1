// swift-tools-version:6.0
// The import table of ARCHITECTURE.md is encoded here so the compiler enforces it.
import PackageDescription

let nio: Target.Dependency = .product(name: "NIOCore", package: "swift-nio")

/// The meter presets of `Presets/`, embedded so the binary works alone (SPEC §2). One line per file.
let presetFiles = [
    "abb-b23.yaml",
    "carlo-gavazzi-em340.yaml",
    "eastron-sdm120ct.yaml",
    "eastron-sdm230.yaml",
    "eastron-sdm630.yaml",
    "eastron-sdm72ct.yaml",
    "eastron-sdm72d-m-v2.yaml",
    "eastron-sdm72d-m.yaml",
    "janitza-umg96rm.yaml",
    "siemens-pac2200.yaml",
    "socomec-countis-e27.yaml",
]

let package = Package(
    name: "chargectl",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "chargectl", targets: ["chargectl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        // Pure cores.
        .target(name: "AllocationCore"),
        // Text rules the cores share: the secret mask and secret keys (SPEC §6), whitespace trimming. Stdlib only.
        .target(name: "SharedText"),
        .target(name: "StationModel", dependencies: ["AllocationCore", "SharedText"]),
        .target(name: "ModbusProtocol", dependencies: [nio]),
        .target(name: "JSONText"),
        .target(name: "OCPP16", dependencies: ["JSONText", "SharedText"]),
        .target(name: "DNSSD", dependencies: [nio]),

        // Data: the shipped meter presets.
        .target(name: "ChargePresets", path: "Presets", resources: presetFiles.map { .embedInCode($0) }),

        // The shell.
        .target(name: "ChargeIO", dependencies: [
            "AllocationCore", "SharedText", "StationModel", "ModbusProtocol", "JSONText", "OCPP16", "DNSSD", "ChargePresets",
            nio,
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Yams", package: "Yams"),
        ]),
        // Simulated stations and meters for `simulate` and `demo`.
        .target(name: "VirtualSite", dependencies: [
            "ChargeIO", "SharedText", "JSONText", "StationModel", "AllocationCore", "ModbusProtocol", "OCPP16", "DNSSD", nio,
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ], resources: [.embedInCode("Demo/virtual-demo.yaml"), .embedInCode("Demo/virtual-demo.scenario.yaml")]),
        // TLS for the central system (security profile 2); only this target imports NIOSSL.
        .target(name: "ChargeTLS", dependencies: [
            "ChargeIO", nio, .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        // The station's local HTTPS API (SPEC §3): swift-nio-ssl + NIOHTTP1, one keep-alive connection per session.
        .target(name: "ChargeHTTPS", dependencies: [
            "ChargeIO", "StationModel", nio,
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOTLS", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),
        .target(name: "ChargeCtlCLI", dependencies: [
            "AllocationCore", "SharedText", "StationModel", "ChargeIO", "ChargeTLS", "ChargeHTTPS", "ModbusProtocol", "JSONText", "OCPP16", "DNSSD",
            "CReadline",
            "VirtualSite",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "chargectl", dependencies: ["ChargeCtlCLI"]),

        // Test-only: the seeded generator every property test draws from (stdlib only).
        .target(name: "TestRandom", path: "Tests/TestRandom"),
        // Test-only peers (fault-injecting Modbus server).
        .target(name: "ChargeTestSupport", dependencies: ["ChargeIO", "ModbusProtocol", "OCPP16", nio]),

        // `make bench` drivers.
        .executableTarget(name: "ChargeBench", dependencies: [
            "AllocationCore", "StationModel", "ChargeIO", "ModbusProtocol", "VirtualSite", nio,
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
        ]),

        // libFuzzer entries, one per decoder; `make fuzz` builds them with `--sanitize fuzzer` (environment.md §5).
        .executableTarget(name: "FuzzModbusFrames", dependencies: ["ModbusProtocol", nio], path: "Fuzz/FuzzModbusFrames"),
        .executableTarget(name: "FuzzDNSMessage", dependencies: ["DNSSD", nio], path: "Fuzz/FuzzDNSMessage"),
        .executableTarget(name: "FuzzOCPPFrames", dependencies: ["OCPP16"], path: "Fuzz/FuzzOCPPFrames"),
        .executableTarget(name: "FuzzSiteLoader", dependencies: ["ChargeIO", "StationModel", "AllocationCore"], path: "Fuzz/FuzzSiteLoader", exclude: ["seeds"]),

        .testTarget(name: "AllocationCoreTests", dependencies: ["AllocationCore", "TestRandom"]),
        .testTarget(name: "StationModelTests", dependencies: ["StationModel", "TestRandom", "AllocationCore", "SharedText"]),
        .testTarget(name: "ModbusProtocolTests", dependencies: ["ModbusProtocol", "TestRandom", nio]),
        .testTarget(name: "JSONTextTests", dependencies: ["JSONText", "TestRandom"]),
        .testTarget(name: "OCPP16Tests", dependencies: ["OCPP16", "JSONText", "TestRandom"]),
        .testTarget(name: "DNSSDTests", dependencies: ["DNSSD", "TestRandom", nio]),
        .testTarget(name: "ChargeIOTests", dependencies: [
            "ChargeIO", "StationModel", "AllocationCore", "ModbusProtocol", "OCPP16", "ChargeTestSupport", "DNSSD", nio,
            "ChargeTLS", .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOEmbedded", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
        ]),
        .testTarget(name: "ChargeHTTPSTests", dependencies: [
            "ChargeHTTPS", "ChargeIO", "StationModel", nio,
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        .testTarget(name: "VirtualSiteTests", dependencies: [
            "JSONText",
            "VirtualSite", "ChargeIO", "StationModel", "AllocationCore", "ModbusProtocol", "OCPP16", "ChargeTLS", nio,
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOEmbedded", package: "swift-nio"),
        ]),
        .testTarget(name: "ChargeCtlCLITests", dependencies: [
            "ChargeCtlCLI", "ChargeIO", "StationModel", "AllocationCore", "ModbusProtocol", "JSONText", "OCPP16", "DNSSD", "ChargeTestSupport",
            "VirtualSite", "ChargeHTTPS", "ChargeTLS",
            .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        ]),
    ]
)
