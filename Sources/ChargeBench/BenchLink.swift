import Foundation
import Synchronization

/// Two network namespaces joined by a veth pair (10.77.0.1 and .2), deleted again by `remove`; or loopback
/// when this machine cannot make them (not root, no `ip`). Nothing else on the machine is touched.
struct BenchLink: CustomStringConvertible {
    var a: [String] = [], b: [String] = []
    var addressA = "127.0.0.1", addressB = "127.0.0.1", interfaceB = "lo"
    var namespaces: [String] = []

    var description: String {
        namespaces.isEmpty ? "loopback (lo)" : "network namespaces \(namespaces.joined(separator: " and ")) over veth"
    }

    static func make() -> BenchLink {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip") else { return BenchLink() }
        let tag = String(getpid() % 100_000)
        let (nsA, nsB, vethA, vethB) = ("cbA\(tag)", "cbB\(tag)", "cba\(tag)", "cbb\(tag)")
        let link = BenchLink(a: ["ip", "netns", "exec", nsA], b: ["ip", "netns", "exec", nsB],
                             addressA: "10.77.0.1", addressB: "10.77.0.2", interfaceB: vethB, namespaces: [nsA, nsB])
        let steps = [["netns", "add", nsA], ["netns", "add", nsB],
                     ["link", "add", vethA, "type", "veth", "peer", "name", vethB],
                     ["link", "set", vethA, "netns", nsA], ["link", "set", vethB, "netns", nsB],
                     ["-n", nsA, "addr", "add", "10.77.0.1/24", "dev", vethA], ["-n", nsA, "link", "set", vethA, "up"],
                     ["-n", nsB, "addr", "add", "10.77.0.2/24", "dev", vethB], ["-n", nsB, "link", "set", vethB, "up"],
                     ["-n", nsA, "link", "set", "lo", "up"], ["-n", nsB, "link", "set", "lo", "up"]]
        for step in steps where !ip(step) {
            link.remove()
            return BenchLink()
        }
        return link
    }

    func remove() {
        for namespace in namespaces { _ = Self.ip(["netns", "del", namespace]) }
    }

    static func ip(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/ip")
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

/// A child process with its stdout collected and its stdin held open until `stop`.
final class Spawned {
    let process: Process
    let input = Pipe()
    let collected = Collected()

    final class Collected: Sendable {
        let text = Mutex("")
    }

    init(_ argv: [String]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = argv
        process.standardInput = input
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        pipe.fileHandleForReading.readabilityHandler = { [collected] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            collected.text.withLock { $0 += text }
        }
        try process.run()
    }

    /// Polls until `marker` was printed, the process ended, or `seconds` passed.
    func waitForOutput(_ marker: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline, process.isRunning {
            if collected.text.withLock({ $0.contains(marker) }) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return collected.text.withLock { $0.contains(marker) }
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
    }

    /// Runs `argv` to the end: wall seconds from spawn to exit, and its stdout.
    static func timed(_ argv: [String]) throws -> (Double, String) {
        var spawned: Spawned?
        let seconds = try Stopwatch.seconds {
            let child = try Spawned(argv)
            child.process.waitUntilExit()
            spawned = child
        }
        guard let spawned else { return (seconds, "") }
        Thread.sleep(forTimeInterval: 0.05)  // the last readability callback
        return (seconds, spawned.collected.text.withLock { $0 })
    }
}
