import Foundation

/// Paths of the repository's test fixtures, independent of the working directory.
enum Fixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let golden = repository.appendingPathComponent("Tests/Fixtures/golden")
    /// The spec's own copy, beside the repository in CI and on developers' machines (`../shared/golden`).
    static let sharedGolden = repository.deletingLastPathComponent().appendingPathComponent("shared/golden")
    static let examples = repository.appendingPathComponent("Docs/examples")

    static func files(in directory: URL, suffix: String = ".yaml") -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { directory.appendingPathComponent($0) }
    }
}
