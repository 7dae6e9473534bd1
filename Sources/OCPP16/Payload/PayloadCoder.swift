import Foundation
import JSONText

/// Converts typed payloads to and from the `JSONValue` a frame carries, enforcing the schema limits both ways.
///
/// Decoding failures of `JSONDecoder` are translated into `SchemaViolation`s with a field path, so the session can
/// answer a bad CALL with the right CALLERROR code (OCPP-J 1.6 specification §4.2.3).
public enum PayloadCoder {
    public static func decode<T: OCPPPayload>(_ type: T.Type = T.self, from payload: JSONValue) throws(SchemaViolation) -> T {
        guard case .object = payload else { throw .notAnObject(kind: payload.kind) }
        let value: T
        do {
            value = try T(from: JSONValueDecoder(value: payload, codingPath: []))
        } catch let violation as SchemaViolation {
            throw violation
        } catch let error as DecodingError {
            throw violation(for: error, in: payload)
        } catch {
            throw .wrongType(path: "")
        }
        try value.validate()
        return value
    }

    public static func encode<T: OCPPPayload>(_ value: T) throws(SchemaViolation) -> JSONValue {
        try value.validate()
        do {
            return try JSONValueEncoding.encode(value)
        } catch let violation as SchemaViolation {
            throw violation
        } catch {
            // Only a non-finite number could get here, and no OCPP 1.6 payload field is a floating-point number.
            throw .wrongType(path: "")
        }
    }

    static func violation(for error: DecodingError, in payload: JSONValue) -> SchemaViolation {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            // Foundation reports a number that does not fit the field's `Int` (1.5, 1e23) as corrupt data without a
            // path. Every number in the modelled OCPP 1.6 payloads is an integer, so the culprit is the first
            // non-integer number: a TypeConstraintViolation at its path.
            if let path = firstNonInteger(in: payload, path: "") { return .wrongType(path: path) }
            return .invalidValue(path: "")
        case .keyNotFound(let key, let context):
            return .missingField(path: path(context.codingPath + [key]))
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return .wrongType(path: path(context.codingPath))
        case .dataCorrupted(let context):
            return .invalidValue(path: path(context.codingPath))
        @unknown default:
            return .wrongType(path: "")
        }
    }

    static func firstNonInteger(in value: JSONValue, path: String) -> String? {
        switch value {
        case .double:
            return path
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                if let found = firstNonInteger(in: element, path: path + "[\(index)]") { return found }
            }
            return nil
        case .object(let members):
            for key in members.keys.sorted() {
                let child = path.isEmpty ? key : path + "." + key
                if let value = members[key], let found = firstNonInteger(in: value, path: child) { return found }
            }
            return nil
        default:
            return nil
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
