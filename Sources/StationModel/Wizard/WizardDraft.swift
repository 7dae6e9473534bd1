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
            for (field, value) in known.first(where: { $0.id == id })?.fields ?? [] {
                builder.set(station + field, value)
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
                guard let reference = SecretReference(text) else { continue }
                for path in paths { builder.set(path + reference.key, .scalar(reference.value, quoted: true)) }
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

/// `env:NAME` or `file:PATH`, the two ways a site file names a secret's place.
struct SecretReference: Equatable {
    var key: String
    var value: String

    init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map { String($0).trimmingSpaces }
        guard parts.count == 2, ["env", "file"].contains(parts[0].lowercased()), !parts[1].isEmpty else { return nil }
        key = parts[0].lowercased()
        value = parts[1]
    }
}
