/// One question of the wizard (SPEC §9). Its `id` is what an answers file names (`installation.maxCurrent`,
/// `station.ACE0100201.maxCurrent`); where the answer lands in the site file decides which rules judge it.
public struct WizardQuestion: Sendable, Equatable {
    /// How an answer is read before the site's own rules judge it.
    public enum Kind: Sendable, Equatable {
        /// A value of the site file at `path`; `omitWhen` answers (`auto`, `none`) leave the field out.
        case site(FieldPath, omitWhen: [String] = [])
        /// One of a fixed set of words (the link, the ALB source, yes/no questions that are not site fields).
        case choice([String])
        /// `env:NAME` or `file:PATH`: where a secret is, never the secret (SPEC §6); it lands at every path given.
        case secretReference([FieldPath])
        /// Station ids, separated by commas or spaces.
        case stationList
        /// A path on this machine (the site file, the report).
        case path(optional: Bool)
    }

    public var id: String
    public var prompt: String
    /// What `?` prints.
    public var help: String
    /// Taken on an empty answer; nil: an answer is needed.
    public var defaultAnswer: String?
    /// Tab completion's candidates.
    public var completions: [String]
    public var kind: Kind

    public init(id: String, prompt: String, help: String, defaultAnswer: String? = nil, completions: [String] = [],
                kind: Kind) {
        self.id = id
        self.prompt = prompt
        self.help = help
        self.defaultAnswer = defaultAnswer
        self.completions = completions
        self.kind = kind
    }

    /// The site field this question fills, when it fills one.
    public var sitePaths: [FieldPath] {
        switch kind {
        case let .site(path, _): [path]
        case let .secretReference(paths): paths
        default: []
        }
    }
}

/// The yes/no words, and what they mean.
enum YesNo {
    static let words = ["yes", "no"]
    static func parse(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "y", "yes", "true", "on": true
        case "n", "no", "false", "off": false
        default: nil
        }
    }
}
