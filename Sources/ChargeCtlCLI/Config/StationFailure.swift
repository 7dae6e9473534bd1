import ChargeIO

extension CommandFailure {
    /// SPEC §1: a station that does not connect, answer or understand is a communication failure (exit 3), named
    /// with what to do. Only an invalid request of our own is exit 2: nothing was sent.
    /// `reachableAt`: this machine's addresses a station can dial (`ReachableAddress.addresses`).
    init(station error: StationError, listening address: String, reachableAt: [ReachableAddress]) {
        let message = error.description
        switch error.reason {
        case .notConnected:
            self.init(status: .communication, code: "station.not-connected", message: message,
                      hint: "point the station's back-office URL at "
                          + ReachableAddress.urls(reachableAt, station: error.station, listening: address)
                          + ", check its OCPP password, or wait longer with --wait")
        case .timedOut:
            self.init(status: .communication, code: "station.timeout", message: message,
                      hint: "the station stopped answering; check its network and run the command again")
        case .connectionClosed:
            self.init(status: .communication, code: "station.connection-lost", message: message,
                      hint: "the station dropped the connection; run the command again once it is back")
        case .callError:
            self.init(status: .communication, code: "station.call-error", message: message,
                      hint: "the station refused the request; run again with -v to see the frames")
        case .invalidReply:
            self.init(status: .communication, code: "station.invalid-reply", message: message,
                      hint: "the station's answer does not follow OCPP 1.6; run again with -v and report the frames")
        case .invalidRequest:
            self.init(status: .invalidInput, code: "station.invalid-request", message: message,
                      hint: "configuration keys are at most 50 characters, values at most 500")
        case .stopped:
            self.init(status: .communication, code: "station.stopped", message: message, hint: "run the command again")
        case .link(let code, _, let hint, let input):
            self.init(status: input ? .invalidInput : .communication, code: code, message: message, hint: hint)
        }
    }
}
