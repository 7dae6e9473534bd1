import AllocationCore
import ChargeIO
import ModbusProtocol
import StationModel

extension VirtualSiteRunner {
    /// A station's HTTPS API (SPEC §3) when the options give TLS: on its own loopback address, its password from
    /// the site file (else the demo default), the site meter seen by the station that hosts ALB (else the first).
    static func startHTTPS(_ station: VirtualStation, index: Int, site: Site, ocppURL: String,
                           meter: @escaping @Sendable () -> [MeterQuantity: Double?],
                           now: @escaping @Sendable () -> Double, options: VirtualSiteOptions) async throws -> StationHTTPSServer? {
        guard let makeSecurity = options.httpsSecurity else { return nil }
        let entry = site.stations[index]
        let address = StationHTTPSAddress.forStation(index: index, host: entry.host)
        let security: any ChannelSecurity
        do { security = try makeSecurity(entry.id, address.host) } catch {
            throw VirtualSiteError.cannotListen(host: address.host, reason: "no TLS certificate: \(error)")
        }
        // The site meter, as the station hosting load balancing reads it (the same values the Modbus meter serves).
        let meterHost = site.albStationIndex ?? 0
        let view = options.stationMeterView
        let live: @Sendable () -> StationLiveReadings = {
            let connected = station.state.withLock { $0.connected }
            guard index == meterHost else { return StationLiveReadings(connected: connected) }
            let values = meter()
            return StationLiveReadings(connected: connected, meter: view.map { $0(values) } ?? values)
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
