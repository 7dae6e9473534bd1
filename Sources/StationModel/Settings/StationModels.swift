import SharedText

/// The manual's model table (§4.5): the `chargePointModel` a station sends in BootNotification tells its phases,
/// socket type and variant. A model not in the table is reported as unknown, never guessed.
public struct StationModelInfo: Sendable, Equatable {
    public enum SocketType: String, Sendable { case t2 = "T2", t2s = "T2S", cable = "Cable" }
    public var chargePointModel: String
    public var article: String
    public var description: String
    public var phases: Int
    public var socketType: SocketType
    /// RFID, Mobile, DE (a German calibration-law variant), or none.
    public var variant: String?
}

public enum StationModels {
    /// (model number suffix, phases, socket type, variant); article = "9044" + suffix, model = "NG910-" + suffix.
    private static let rows: [(String, Int, StationModelInfo.SocketType, String?)] = [
        ("60003", 1, .t2, nil), ("60005", 1, .t2s, nil), ("60007", 1, .cable, nil),
        ("60023", 3, .t2, nil), ("60025", 3, .t2s, nil), ("60027", 3, .cable, nil),
        ("60123", 3, .t2, "DE"), ("60127", 3, .cable, "DE"),
        ("60503", 1, .t2, nil), ("60505", 1, .t2s, nil), ("60507", 1, .cable, nil),
        ("60523", 3, .t2, nil), ("60525", 3, .t2s, nil), ("60527", 3, .cable, nil),
        ("60553", 1, .t2, "RFID"), ("60555", 1, .t2s, "RFID"), ("60557", 1, .cable, "RFID"),
        ("60573", 1, .t2, "Mobile"), ("60575", 1, .t2s, "Mobile"), ("60577", 1, .cable, "Mobile"),
        ("60583", 3, .t2, "RFID"), ("60585", 3, .t2s, "RFID"), ("60587", 3, .cable, "RFID"),
        ("60593", 3, .t2, "Mobile"), ("60595", 3, .t2s, "Mobile"), ("60597", 3, .cable, "Mobile"),
    ]

    public static let all: [StationModelInfo] = rows.map { suffix, phases, socket, variant in
        let name = ["Eve Single Pro-line", variant == "DE" ? "DE" : nil, "\(phases)PH", socket.rawValue,
                    variant == "DE" ? nil : variant].compactMap { $0 }.joined(separator: " ")
        return StationModelInfo(chargePointModel: "NG910-\(suffix)", article: "9044\(suffix)", description: name,
                                phases: phases, socketType: socket, variant: variant)
    }

    private static let byModel = Dictionary(uniqueKeysWithValues: all.map { ($0.chargePointModel.uppercased(), $0) })

    /// The row for a `chargePointModel` (or article number); nil when the manual does not list it.
    public static func lookup(_ model: String) -> StationModelInfo? {
        let key = model.trimmingSpaces.uppercased()
        return byModel[key] ?? all.first { $0.article == key }
    }
}
