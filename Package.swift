// swift-tools-version:6.0
// The import table of ARCHITECTURE.md is encoded here so the compiler enforces it.
import PackageDescription

let nio: Target.Dependency = .product(name: "NIOCore", package: "swift-nio")

let package = Package(
    name: "chargectl",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "chargectl", targets: ["chargectl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        // Pure cores.
        .target(name: "AllocationCore"),
        .target(name: "StationModel", dependencies: ["AllocationCore"]),
        .target(name: "ModbusProtocol", dependencies: [nio]),
        .target(name: "OCPP16"),
        .target(name: "DNSSD", dependencies: [nio]),

        // The shell.
        .target(name: "ChargeIO", dependencies: [
            "AllocationCore", "StationModel", "ModbusProtocol", "OCPP16", "DNSSD",
            nio,
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Yams", package: "Yams"),
        ]),
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),
        .target(name: "ChargeCtlCLI", dependencies: [
            "AllocationCore", "StationModel", "ChargeIO", "CReadline",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "chargectl", dependencies: ["ChargeCtlCLI"]),

        // `make bench` drivers.
        .executableTarget(name: "ChargeBench", dependencies: ["AllocationCore", "StationModel", "ChargeIO"]),

        // libFuzzer entries, one per decoder; `make fuzz` builds them with `--sanitize fuzzer` (environment.md §5).
        .executableTarget(name: "FuzzModbusFrames", dependencies: ["ModbusProtocol", nio], path: "Fuzz/FuzzModbusFrames"),
        .executableTarget(name: "FuzzDNSMessage", dependencies: ["DNSSD", nio], path: "Fuzz/FuzzDNSMessage"),

        .testTarget(name: "AllocationCoreTests", dependencies: ["AllocationCore"]),
        .testTarget(name: "StationModelTests", dependencies: ["StationModel", "AllocationCore"]),
        .testTarget(name: "ModbusProtocolTests", dependencies: ["ModbusProtocol", nio]),
        .testTarget(name: "OCPP16Tests", dependencies: ["OCPP16"]),
        .testTarget(name: "DNSSDTests", dependencies: ["DNSSD", nio]),
        .testTarget(name: "ChargeIOTests", dependencies: [
            "ChargeIO", "StationModel", "AllocationCore", "OCPP16", nio,
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
        ]),
        .testTarget(name: "ChargeCtlCLITests", dependencies: ["ChargeCtlCLI", "ChargeIO", "StationModel", "OCPP16"]),
    ]
)
