import StationModel

/// Loads site and scenario files into decoded values (SPEC §2); errors name the path as the user gave it.
public enum SiteFiles {
    public static func site(path: String) throws -> Site {
        try Site(document: try YAMLDocument.load(path: path), file: path)
    }

    public static func scenario(path: String) throws -> Scenario {
        try Scenario(document: try YAMLDocument.load(path: path), file: path)
    }
}
