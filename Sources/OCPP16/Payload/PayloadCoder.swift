import Foundation

/// Converts typed payloads to and from the `JSONValue` a frame carries, enforcing the schema limits both ways.
///
/// Decoding failures of `JSONDecoder` are translated into `SchemaViolation`s with a field path, so the session can
/// answer a bad CALL with the right CALLERROR code (OCPP-J 1.6 specification §4.2.3).
public enum PayloadCoder {
    public static func decode<T: OCPPPayload>(_ type: T.Type = T.self, from payload: JSONValue) throws(SchemaViolation) -> T {
        guard case .object = payload else { throw .notAnObject(kind: payload.kind) }
        let value: T
        do {
            let data = try JSONEncoder().encode(payload)
            value = try JSONDecoder().decode(T.self, from: data)
        } catch let violation as SchemaViolation {
            throw violation
        } catch let error as DecodingError {
            throw violation(for: error)
        } catch {
            throw .wrongType(path: "")
        }
        try value.validate()
        return value
    }

    public static func encode<T: OCPPPayload>(_ value: T) throws(SchemaViolation) -> JSONValue {
        try value.validate()
        do {
            let data = try JSONEncoder().encode(value)
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch let violation as SchemaViolation {
            throw violation
        } catch {
            // Only a non-finite number could get here, and no OCPP 1.6 payload field is a floating-point number.
            throw .wrongType(path: "")
        }
    }

    static func violation(for error: DecodingError) -> SchemaViolation {
        switch error {
        case .keyNotFound(let key, let context):
            .missingField(path: path(context.codingPath + [key]))
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            .wrongType(path: path(context.codingPath))
        case .dataCorrupted(let context):
            .invalidValue(path: path(context.codingPath))
        @unknown default:
            .wrongType(path: "")
        }
    }

    /// `meterValue[0].sampledValue[1].unit` from a coding path.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var result = ""
        for key in codingPath {
            if let index = key.intValue {
                result += "[\(index)]"
            } else {
                result += result.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return result
    }
}
