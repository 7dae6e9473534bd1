import Foundation

/// An HTTP Basic `Authorization` header (RFC 7617), as security profiles 1 and 2 use it: user = the charge box
/// identity, password = the station's AuthorizationKey (Improved security for OCPP 1.6-J §3.2.1).
struct BasicAuthorization: Sendable, Hashable {
    var user: String
    var password: String

    /// Parses `Basic <base64(user:password)>`; nil for any other scheme or a malformed value. The password may hold
    /// colons: only the first one separates (RFC 7617 §2).
    init?(header: String) {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic",
              let data = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
              let text = String(data: data, encoding: .utf8),
              let colon = text.firstIndex(of: ":") else { return nil }
        user = String(text[..<colon])
        password = String(text[text.index(after: colon)...])
    }

    init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    /// The header value a client sends.
    var headerValue: String { "Basic " + Data("\(user):\(password)".utf8).base64EncodedString() }

    /// Compares every byte whatever the first difference, so the time taken does not reveal how much of a guessed
    /// password was right.
    func matches(user expectedUser: String, password expected: String) -> Bool {
        let given = Array(password.utf8), wanted = Array(expected.utf8)
        var difference = given.count ^ wanted.count
        for index in 0..<max(given.count, wanted.count) {
            difference |= Int((index < given.count ? given[index] : 0) ^ (index < wanted.count ? wanted[index] : 0))
        }
        return difference == 0 && user == expectedUser
    }
}
