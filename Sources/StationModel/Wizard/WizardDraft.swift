import AllocationCore
import SharedText

/// The site the answers describe, built as the very document a site file is and judged by the site file's own
/// decoder and `SiteValidator`: a wizard answer meets exactly the rules and codes of the file (SPEC §9).
struct WizardDraft {
    let answers: [String: String]
    let questions: [WizardQuestion]
    /// What is known of each station without asking (discovery, or the site file the wizard started from).
    var known: [WizardContext.FoundStation] = []

    /// The document, or nil when a question that needs an answer has none. `fillers`: stand-ins for the unanswered
    /// ones, so one answer can be judged before the questions after it are asked.
    func document(fillers: Bool) -> ConfigNode? {
        var builder = ConfigNodeBuilder()
        let ids = WizardScript.stationIDs(answers["stations"] ?? "")
        for (index, id) in ids.enumerated() {
            let station = FieldPath.root + "stations" + index
            builder.set(station + "id", .scalar(id, quoted: true))
            for field in known.first(where: { $0.id == id })?.fields ?? [] {
                builder.set(station + field.key, field.value.value)
            }
        }
        for question in questions {
            let text = answers[question.id] ?? question.defaultAnswer ?? (fillers ? Self.filler(question) : nil)
            guard let text else { return nil }
            switch question.kind {
            case let .site(path, omitWhen):
                if omitWhen.contains(text.lowercased()) { continue }
                builder.set(path, .scalar(text, quoted: false))
            case let .secretReference(paths):
                guard let secret = SecretRef(reference: text) else { continue }
                for path in paths { builder.set(path, secret.document) }
            case .choice, .stationList, .path:
                continue
            }
        }
        return builder.node
    }

    /// The decoded site and what the site's rules say about it.
    func judged(fillers: Bool) -> (site: Site?, errors: [ConfigError], warnings: [Finding]) {
        guard let document = document(fillers: fillers) else { return (nil, [], []) }
        do {
            let site = try Site(document: document, file: nil)
            let report = SiteValidator.validate(site, link: LinkKind(rawValue: answers["link"] ?? "ocpp"))
            return (report.isValid ? site : nil, report.errors, report.warnings)
        } catch let error as ConfigError {
            return (nil, [error], [])
        } catch {
            return (nil, [], [])
        }
    }

    /// The whole site when every question has its answer and the site's rules accept it.
    func site() -> Site? { judged(fillers: false).site }

    /// A valid stand-in for a question not asked yet: only the answered questions are being judged.
    static func filler(_ question: WizardQuestion) -> String? {
        guard case let .site(path, _) = question.kind, case let .key(last)? = path.components.last else {
            return question.defaultAnswer
        }
        switch last {
        case "name": return "SCN"
        case "host": return "192.0.2.1"
        case "unit": return "1"
        case "safeCurrent": return "6"
        case "preset": return "socomec-countis-e27"
        default: return "32"
        }
    }
}

extension SecretRef {
    /// `env:NAME` or `file:PATH`, as the wizard asks for a secret's place; nil for anything else (never a secret).
    init?(reference text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map { String($0).trimmingSpaces }
        guard parts.count == 2, !parts[1].isEmpty else { return nil }
        switch parts[0].lowercased() {
        case "env": self = .env(parts[1])
        case "file": self = .file(parts[1])
        default: return nil
        }
    }

    /// The wizard's answer for this secret's place; nil for a literal secret (asked again, never shown).
    var reference: String? {
        switch self {
        case let .env(name): "env:\(name)"
        case let .file(path): "file:\(path)"
        case .literal: nil
        }
    }

    /// The secret as a site file writes it (`{env: NAME}`, `{file: PATH}`, or the literal): what `FieldReader.secret`
    /// reads back.
    var document: ConfigNode.Value {
        func place(_ key: String, _ value: String) -> ConfigNode.Value {
            .mapping([ConfigNode.Entry(key: key, keyLine: 0, value: ConfigNode(.scalar(value, quoted: true), line: 0))])
        }
        switch self {
        case let .env(name): return place("env", name)
        case let .file(path): return place("file", path)
        case let .literal(text): return .scalar(text, quoted: true)
        }
    }
}
