import NIOHTTP1
import Testing
@testable import ChargeIO

/// The upgrade decision without sockets: identity from the path, subprotocol, known stations, Basic auth.
@Suite struct OCPPHandshakePolicyTests {
    let policy = HandshakePolicy(stations: ["CP1"], acceptAny: false, passwords: ["CP1": "s3cret:with-colon"])

    func headers(protocol offered: String? = "ocpp1.6", authorization: String? = nil) -> HTTPHeaders {
        var headers = HTTPHeaders()
        if let offered { headers.add(name: "Sec-WebSocket-Protocol", value: offered) }
        if let authorization { headers.add(name: "Authorization", value: authorization) }
        return headers
    }

    @Test(arguments: [
        ("/ocpp/CP1", "CP1"), ("/CP1", "CP1"), ("/steve/websocket/CentralSystemService/CP1/", "CP1"),
        ("/ocppj/RDAM%20123?token=x", "RDAM 123"),
    ])
    func identityIsTheLastPathSegment(uri: String, identity: String) {
        #expect(HandshakePolicy.identity(fromURI: uri) == identity)
    }

    @Test func emptyPathHasNoIdentity() {
        #expect(HandshakePolicy.identity(fromURI: "/") == nil)
        #expect(HandshakePolicy.identity(fromURI: "/?x=CP1") == nil)
    }

    @Test func theRightPasswordIsAccepted() {
        let auth = BasicAuthorization(user: "CP1", password: "s3cret:with-colon").headerValue
        #expect(policy.decide(uri: "/ocpp/CP1", headers: headers(authorization: auth)) == .accept(identity: "CP1"))
        #expect(BasicAuthorization(header: auth) == BasicAuthorization(user: "CP1", password: "s3cret:with-colon"))
    }

    @Test func everyRefusalHasItsStatus() {
        let wrong = BasicAuthorization(user: "CP1", password: "guess").headerValue
        let otherUser = BasicAuthorization(user: "CP2", password: "s3cret:with-colon").headerValue
        #expect(policy.decide(uri: "/ocpp/CP1", headers: headers(authorization: wrong)) == .refuse(.wrongCredentials("CP1")))
        #expect(policy.decide(uri: "/ocpp/CP1", headers: headers(authorization: otherUser)) == .refuse(.wrongCredentials("CP1")))
        #expect(policy.decide(uri: "/ocpp/CP1", headers: headers(authorization: "Bearer x")) == .refuse(.wrongCredentials("CP1")))
        #expect(policy.decide(uri: "/ocpp/CP1", headers: headers()) == .refuse(.missingCredentials("CP1")))
        #expect(policy.decide(uri: "/ocpp/CP9", headers: headers()) == .refuse(.unknownStation("CP9")))
        #expect(policy.decide(uri: "/ocpp/CP1", headers: headers(protocol: "ocpp2.0.1")) == .refuse(.noSubprotocol))
        #expect(policy.decide(uri: "/", headers: headers()) == .refuse(.noIdentity))
        #expect(HandshakeRefusal.wrongCredentials("CP1").status == .unauthorized)
        #expect(HandshakeRefusal.wrongCredentials("CP1").headers.first(name: "WWW-Authenticate") != nil)
        #expect(HandshakeRefusal.unknownStation("CP9").status == .notFound)
    }

    @Test func severalOfferedProtocolsAndAcceptAny() {
        let open = HandshakePolicy(stations: [], acceptAny: true, passwords: [:])
        #expect(open.decide(uri: "/ocpp/ANY", headers: headers(protocol: "ocpp2.0.1, ocpp1.6")) == .accept(identity: "ANY"))
    }
}
