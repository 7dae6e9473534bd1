import AllocationCore
import ChargeIO
import StationModel

extension VirtualSiteRunner {
    /// A station's HTTPS API (SPEC §3) when the options give TLS: on its own loopback address, its password from
    /// the site file (else the demo default), the site meter seen by the station that hosts ALB (else the first).
    static func startHTTPS(_ station: VirtualStation, index: Int, site: Site, ocppURL: String, timeline: SiteTimeline,
                           now: @escaping @Sendable () -> Double, options: VirtualSiteOptions) async throws -> StationHTTPSServer? {
        guard let makeSecurity = options.httpsSecurity else { return nil }
        let entry = site.stations[index]
        let address = StationHTTPSAddress.forStation(index: index, host: entry.host)
        let security: any ChannelSecurity
        do { security = try makeSecurity(entry.id, address.host) } catch {
            throw VirtualSiteError.cannotListen(host: address.host, reason: "no TLS certificate: \(error)")
        }
        let meterHost = site.alb?.station.flatMap { id in site.stations.firstIndex { $0.id == id } } ?? 0
        let includesChargers = site.alb?.includesChargers ?? false
        let live: @Sendable () -> StationLiveReadings = {
            let connected = station.state.withLock { $0.connected }
            guard index == meterHost else { return StationLiveReadings(connected: connected) }
            let currents = timeline.meterCurrents(at: now(), includesChargers: includesChargers)
            let amps = [currents.l1, currents.l2, currents.l3]
            return StationLiveReadings(connected: connected, meter: (voltage: [230, 230, 230], current: amps, power: amps.map { $0 * 230 }))
        }
        let server = StationHTTPSServer(station: station, security: security, backOfficeURL: ocppURL,
                                        password: options.httpsPasswords[entry.id] ?? VirtualSiteOptions.defaultHTTPSPassword,
                                        lockout: options.httpsLockout, live: live, now: now)
        do { try await server.start(address) } catch {
            throw VirtualSiteError.cannotListen(host: address.host, reason: "HTTPS: \(error)")
        }
        return server
    }
}
