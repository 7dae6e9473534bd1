import ChargeIO
import NIOCore
import StationModel

/// The HTTPS station link (SPEC §3, reference §4): the station's own API, reached at its address. It performs what
/// the run asks and reports what the station did; every decision stays in `StationRun`.
public final class HTTPSStationLink: StationLink, CategoryReading, @unchecked Sendable {
    public let station: String
    let session: HTTPSSession
    /// How a rebooting station is watched: the pause between `/api/info` probes.
    let pollInterval: Swift.Duration
    /// From the last full listing: the ids the station types as strings (written quoted) and their access.
    private var properties: [String: StationAPI.Property] = [:]

    public init(station: String, session: HTTPSSession, pollInterval: Swift.Duration = .seconds(1)) {
        self.station = station
        self.session = session
        self.pollInterval = pollInterval
    }

    public var address: String { session.address }

    public func waitForStation(timeout: Swift.Duration) async throws(StationError) -> StationPresence {
        do {
            let info = try await session.open()
            return StationPresence(firmware: info.firmware, identity: info.identity)
        } catch { throw error.stationError(station) }
    }

    public func firmware(timeout: Swift.Duration) async -> String? { session.info?.firmware }

    /// Every category, page by page, then the properties only readable by id (licence, SCN).
    public func readAll() async throws(StationError) -> ConfigurationListing {
        do {
            var found: [StationAPI.Property] = []
            for category in try await categories() { found += try await pages(category) }
            found += try await byIDs(StationAPI.idOnly.filter { id in !found.contains { $0.id == id } })
            return listing(found, asked: nil)
        } catch {
            throw error.stationError(station)
        }
    }

    /// One category, page by page (the meter test reads `meter4` before the meter's values, reference §4.3).
    public func read(category: String) async throws(StationError) -> ConfigurationListing {
        do { return listing(try await pages(category), asked: nil) } catch { throw error.stationError(station) }
    }

    public func read(keys: [String]) async throws(StationError) -> ConfigurationListing {
        guard !keys.isEmpty else { return ConfigurationListing(keys: []) }
        do { return listing(try await byIDs(keys), asked: keys) } catch { throw error.stationError(station) }
    }

    /// The batch's properties read first, then one POST of those not already as planned (≤ 15, reference §4.2),
    /// then the batch read back. Read first because a batch the station took but never answered (the connection
    /// dropped) is sent again by a resume: what it kept is not written twice. The station answers 200 to writes it
    /// does not keep (an unlicensed feature), so a property that does not read back as written is reported as
    /// `Rejected`, naming it — the run rolls back and exits 4 (SPEC §3).
    public func write(_ batch: [PlannedWrite]) async throws(StationError) -> [WriteStatus] {
        guard !batch.isEmpty else { return [] }
        do {
            let readable = batch.filter { !$0.isSecret }.map(\.key)
            var current: [StationAPI.Property] = []
            if !readable.isEmpty { current = try await byIDs(readable) }
            func value(_ write: PlannedWrite) -> String? { current.first { $0.id.lowercased() == write.key.lowercased() }?.value }
            let wire = batch.filter { !$0.isSatisfied(by: value($0)) }.map { write in (id: write.key, value: Self.wireValue(write, current: value(write))) }
            guard !wire.isEmpty else { return batch.map { _ in .accepted } }
            let strings = Set(properties.values.filter(\.isString).map(\.id))
            let answer = try await session.request(.POST, "/api/prop", body: StationAPI.writeBody(wire, strings: strings))
            guard (200..<300).contains(answer.status) else {
                if answer.status == 400 || answer.status == 403 || answer.status == 404 { return batch.map { _ in .rejected } }
                throw HTTPSFailure.status(answer.status, path: "/api/prop")
            }
            var after: [StationAPI.Property] = []
            if !readable.isEmpty { after = try await byIDs(readable) }
            return batch.map { write in
                guard !write.isSecret else { return .accepted }
                let found = after.first { $0.id.lowercased() == write.key.lowercased() }?.value
                return write.isSatisfied(by: found) ? .accepted : .rejected
            }
        } catch let failure as HTTPSFailure {
            throw failure.stationError(station)
        } catch {
            throw HTTPSFailure.invalidReply("\(error)").stationError(station)
        }
    }

    /// A bit field (`2064_0`) is read, only the write's bits changed, and written whole (reference §4.3).
    static func wireValue(_ write: PlannedWrite, current: String?) -> String {
        guard let mask = write.bitMask else { return write.value }
        let old = current.flatMap { Int($0) ?? Double($0).map { Int($0) } } ?? 0
        let on = (Int(write.value) ?? 0) != 0
        return String(on ? old | mask : old & ~mask)
    }

    public func reboot(_ kind: StationRun.ResetKind) async throws(StationError) -> Bool {
        do {
            let answer = try await session.request(.POST, "/api/cmd", body: StationAPI.rebootBody)
            guard (200..<300).contains(answer.status) else { return false }
            await session.drop()
            return true
        } catch .connectionClosed {
            // The station may go down before it answers: the reboot is under way.
            await session.drop()
            return true
        } catch {
            throw error.stationError(station)
        }
    }

    /// The station goes away and `/api/info` answers again (reference §4.2); then a new session.
    public func waitForReboot(timeout: Swift.Duration) async throws(StationError) -> StationPresence {
        await session.drop()
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        // Seen down first (at most a third of the wait), so a station still finishing its old life is not taken
        // for one that came back.
        let downBy = clock.now + timeout / 3
        // Ctrl-C ends both waits (the driver reports the station interrupted).
        while clock.now < downBy, !Task.isCancelled, (try? await session.probeInfo()) != nil {
            try? await Task.sleep(for: pollInterval)
        }
        var last: HTTPSFailure = .timedOut(address: address, seconds: Int(timeout.components.seconds))
        while clock.now < deadline, !Task.isCancelled {
            do {
                _ = try await session.probeInfo()
                let info = try await session.open()
                return StationPresence(firmware: info.firmware, identity: info.identity)
            } catch let failure {
                if case .refused = failure {} else if case .timedOut = failure {} else if case .connectionClosed = failure {} else if case .unreachable = failure {} else if case .status = failure {} else {
                    throw failure.stationError(station)
                }
                last = failure
            }
            try? await Task.sleep(for: pollInterval)
        }
        throw StationError(station: station, reason: .notConnected(waited: timeout, lastRefusal: last.description))
    }

    /// Over HTTPS a boot cannot be told from a reconnect: nil, so a journaled reboot without a boot is sent again
    /// (a reboot is harmless; no setting is written twice).
    public func bootedSinceConnect(within timeout: Swift.Duration) async -> StationPresence? { nil }

    public func close() async { await session.logout() }

    // MARK: reads

    func categories() async throws(HTTPSFailure) -> [String] {
        let answer = try await session.request(.GET, "/api/categories")
        guard answer.status == 200, let names = StationAPI.categories(answer.body), !names.isEmpty else { return StationAPI.knownCategories }
        return names
    }

    /// Every page of one category; a category the station does not have answers non-200 and reads empty.
    func pages(_ category: String) async throws(HTTPSFailure) -> [StationAPI.Property] {
        var found: [StationAPI.Property] = []
        var offset = 0
        while true {
            let answer = try await session.request(.GET, StationAPI.propertyPath(category: category, offset: offset))
            guard answer.status == 200 else { break }
            let page: StationAPI.Page
            do { page = try StationAPI.page(answer.body) } catch { throw .invalidReply(error.description) }
            found += page.properties
            let next = page.offset + page.properties.count
            // Bounded: a station whose offset does not move on is read no further.
            if page.properties.isEmpty || next >= page.total || next <= offset { break }
            offset = next
        }
        return found
    }

    func byIDs(_ ids: [String]) async throws(HTTPSFailure) -> [StationAPI.Property] {
        var found: [StationAPI.Property] = []
        for start in stride(from: 0, to: ids.count, by: 32) {
            let chunk = Array(ids[start..<min(ids.count, start + 32)])
            let answer = try await session.request(.GET, StationAPI.propertyPath(ids: chunk))
            guard answer.status == 200 else {
                if answer.status == 404 || answer.status == 400 { continue }
                throw .status(answer.status, path: "/api/prop?ids=")
            }
            do { found += try StationAPI.properties(answer.body) } catch { throw .invalidReply(error.description) }
        }
        return found
    }

    func listing(_ found: [StationAPI.Property], asked: [String]?) -> ConfigurationListing {
        for property in found where property.type != nil || properties[property.id] == nil { properties[property.id] = property }
        var seen: Set<String> = []
        let keys = found.compactMap { property -> ConfigurationKey? in
            guard seen.insert(property.id.lowercased()).inserted else { return nil }
            return ConfigurationKey(key: property.id, readonly: !property.isWritable, value: property.value)
        }
        let unknown = (asked ?? []).filter { !seen.contains($0.lowercased()) }
        return ConfigurationListing(keys: keys, unknown: unknown)
    }

    /// The station's own listing: whether it lists a property as writable (for the contested `2523_1`/`2522_1`).
    public func isWritable(_ id: String) -> Bool? { properties[id].map(\.isWritable) }
}

/// A link that reads the station's properties by category (only the HTTPS API has categories).
public protocol CategoryReading: StationLink {
    func read(category: String) async throws(StationError) -> ConfigurationListing
}
