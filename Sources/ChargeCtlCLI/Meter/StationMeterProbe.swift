import ChargeHTTPS
import ChargeIO
import ModbusProtocol

/// One look at the meter through the station (issue 15 item 6), as the vendor installer's "Test Smart Meter" dialog
/// does it: the `meter4` category once, then the meter's values by id on every poll. The session is the caller's.
struct StationMeterProbe {
    let link: any CategoryReading
    /// From the first poll's category listing (the protocol, values the station lists there).
    private(set) var listed: [String: String] = [:]

    init(link: any CategoryReading) { self.link = link }

    mutating func read(first: Bool) async throws(StationError) -> StationMeterView {
        if first {
            _ = try await link.waitForStation(timeout: .seconds(30))
            listed = Self.values(try await link.read(category: StationMeterProperties.category))
        }
        let current = Self.values(try await link.read(keys: StationMeterView.idsToRead(after: listed)))
        return StationMeterView(values: listed.merging(current) { _, new in new })
    }

    static func values(_ listing: ConfigurationListing) -> [String: String] {
        var values: [String: String] = [:]
        for key in listing.keys { if let value = key.value { values[key.key.uppercased()] = value } }
        return values
    }
}
