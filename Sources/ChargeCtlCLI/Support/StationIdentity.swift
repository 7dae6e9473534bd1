/// SPEC §1: STATION is an OCPP identity, which the station sends as the last segment of its URL path
/// (`ws://HOST:PORT/ocpp/<id>`). One that cannot be one (`""`, `A/B`, `A B`) never connects, so it is exit 2 at
/// once rather than exit 3 after the whole `--wait`. The characters are OCPP's identifierString (OCPP 2.0.1
/// part 2 §2.1.1, what 1.6J stations accept in practice), up to 48 of them.
enum StationIdentity {
    static let characters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789*-_=:+|@.")
    static let maxLength = 48

    static func check(_ id: String, field: String = "STATION") throws {
        let problem: String? = if id.isEmpty {
            "is empty"
        } else if id.count > maxLength {
            "has \(id.count) characters, more than the \(maxLength) an OCPP identity may have"
        } else if let bad = id.first(where: { !characters.contains($0) }) {
            bad == " " ? "contains a space" : "contains \"\(bad)\""
        } else {
            nil
        }
        guard let problem else { return }
        throw CommandFailure(status: .invalidInput, code: "station.identity",
                             message: "\(field) \"\(id)\" \(problem): it cannot be a station's OCPP identity (charge box id)",
                             hint: "give the identity the station connects with (letters, digits and * - _ = : + | @ .), as its back-office URL ends: ws://…/ocpp/<id>")
    }
}
