/// Where a value sits in a document, printed the way a person would point at it: `stations[2].sockets[0].maxCurrent`.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) { self.components = components }

    public static let root = FieldPath()

    public func appending(_ key: String) -> FieldPath { FieldPath(components + [.key(key)]) }
    public func appending(_ index: Int) -> FieldPath { FieldPath(components + [.index(index)]) }
    public static func + (path: FieldPath, key: String) -> FieldPath { path.appending(key) }
    public static func + (path: FieldPath, index: Int) -> FieldPath { path.appending(index) }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case let .key(key): text += text.isEmpty ? key : ".\(key)"
            case let .index(index): text += "[\(index)]"
            }
        }
        return text.isEmpty ? "(document)" : text
    }
}
