/// SPEC §7 documents fields that are `null`, not missing, when unknown (`from`, `backup`, `error`). Synthesized
/// Encodable leaves a nil optional out, so such a field is wrapped: the wrapper always writes its key.
@propertyWrapper
struct EncodedAsNull<Value: Encodable & Sendable>: Encodable, Sendable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}
