import AllocationCore
import SharedText

/// The wizard of SPEC §9 as a pure state machine: it says what comes next (a question, a meter test to run, the
/// site to show before it is written, or the end), and takes answers. It only composes a site file — the commands
/// that apply and verify it are the same ones a person runs by hand; nothing here touches a station.
public struct Wizard: Sendable {
    public enum Step: Sendable, Equatable {
        /// Ask this; `problems` is why an earlier answer to it must be given again.
        case ask(WizardQuestion, problems: [ConfigError])
        /// Read this meter now (SPEC §9: a Modbus meter is tested there and then); report with `meterTested`.
        case testMeter(MeterSettings)
        /// Read `UnlockedFeatures` of these stations of `site` over the HTTPS link now, so that a licence key is asked
        /// where a feature the site needs is locked (SPEC §9); report with `featuresRead`. Over OCPP the stations
        /// reach this laptop only once they are commissioned, so nothing is read and `apply` judges the licences.
        case readFeatures(Site, stations: [String])
        /// Show the plan and the allocation preview of this site; report with `reviewed`.
        case review(Site)
        case done(WizardResult)
    }

    public enum Reply: Sendable, Equatable {
        case accepted(warnings: [Finding])
        /// Asked again at once, with the rule's code and message.
        case rejected([ConfigError])
        case help(String)
        case wentBack(to: String)
        /// `back` at the first question (or before answers taken from `--site`).
        case cannotGoBack
    }

    public let context: WizardContext
    public private(set) var answers: [String: String]
    /// The questions answered in this session, most recent last: what `back` undoes.
    private var answered: [String] = []
    private var meterVerdicts: [(meter: MeterSettings, passed: Bool)] = []
    private var reviewedSite: Site?
    /// Stations whose features the shell was asked to read (read or not), and what it read.
    private var featuresAsked: Set<String> = []
    private var featuresFound: [String: UnlockedFeatures] = [:]

    public init(context: WizardContext, answers: [String: String] = [:]) {
        self.context = context
        self.answers = context.startingSite.map(WizardAnswers.answers(describing:)) ?? [:]
        self.answers.merge(answers) { _, given in given }
    }

    static let keepMeterID = "alb.meter.keep"
    static let meterIDs = ["alb.meter.host", "alb.meter.port", "alb.meter.unit", "alb.meter.preset"]

    var script: WizardScript { WizardScript(answers: answers, context: withFeaturesRead) }

    /// The context with the features read during the session.
    private var withFeaturesRead: WizardContext {
        var context = context
        context.features.merge(featuresFound) { _, read in read }
        return context
    }

    // MARK: What comes next

    public func next() -> Step {
        let script = script
        let siteQuestions = script.siteQuestions + script.licences
        if let pending = firstUnanswered(siteQuestions) { return .ask(pending, problems: []) }
        let draft = WizardDraft(answers: answers, questions: siteQuestions, known: context.known)
        let judged = draft.judged(fillers: false)
        guard let site = judged.site else {
            // The answers one by one were accepted, together they are not: ask again where the first rule points.
            let question = owner(of: judged.errors.first, in: siteQuestions) ?? siteQuestions[0]
            return .ask(question, problems: judged.errors.filter { owner(of: $0, in: siteQuestions) == question })
        }
        if let meter = site.alb?.meter, site.alb?.source == .modbusTCP {
            guard let verdict = meterVerdicts.last(where: { $0.meter == meter }) else { return .testMeter(meter) }
            if !verdict.passed, answers[Self.keepMeterID] == nil { return .ask(Self.keepMeter, problems: []) }
        }
        if script.link == "https" {
            let unread = site.stations.map(\.id).filter { context.features[$0] == nil && !featuresAsked.contains($0) }
            if !unread.isEmpty { return .readFeatures(site, stations: unread) }
        }
        if reviewedSite != site { return .review(site) }
        if let pending = firstUnanswered(script.closingQuestions) { return .ask(pending, problems: []) }
        let report = answers["report"].flatMap { $0.lowercased() == "none" ? nil : $0 }
        return .done(WizardResult(site: site, yaml: draft.document(fillers: false)?.yaml ?? "",
                                  file: answers["file"] ?? "site.yaml", apply: YesNo.parse(answers["apply"] ?? "") == true,
                                  report: report))
    }

    private func firstUnanswered(_ questions: [WizardQuestion]) -> WizardQuestion? {
        questions.first { answers[$0.id] == nil }
    }

    /// The question whose site field a rule's error points at (the longest matching path).
    private func owner(of error: ConfigError?, in questions: [WizardQuestion]) -> WizardQuestion? {
        guard let error else { return nil }
        return questions.filter { $0.owns(error.path) }.max { $0.depth < $1.depth }
    }

    static let keepMeter = WizardQuestion(
        id: keepMeterID, prompt: "The meter test failed: keep these meter settings anyway (yes/no)",
        help: "no asks for the meter's address, port, unit and model again; yes keeps them (for a meter not wired yet).",
        defaultAnswer: "no", completions: YesNo.words, kind: .choice(YesNo.words))

    // MARK: Answers

    public mutating func answer(_ raw: String) -> Reply {
        guard case let .ask(question, _) = next() else { return .rejected([]) }
        let text = raw.trimmingSpaces
        switch text.lowercased() {
        case "?": return .help(Self.help(question))
        case "back": return goBack()
        default: break
        }
        guard let given = text.isEmpty ? question.defaultAnswer : Self.normalised(text, for: question) else {
            return .rejected([ConfigError(code: "wizard.answer-required", path: .root + question.id,
                                          message: "this question needs an answer", hint: "type ? for help")])
        }
        switch judge(given, for: question) {
        case let .failure(errors):
            return .rejected(errors.errors)
        case let .success(warnings):
            answers[question.id] = given
            answered.removeAll { $0 == question.id }
            answered.append(question.id)
            if question.id == Self.keepMeterID, YesNo.parse(given) == false { forgetMeter() }
            return .accepted(warnings: warnings)
        }
    }

    /// The shell ran the meter test `next()` asked for.
    public mutating func meterTested(_ meter: MeterSettings, passed: Bool) {
        meterVerdicts.append((meter, passed))
        if passed { answers[Self.keepMeterID] = nil }
    }

    /// The shell read the features of `stations` it could (`features`); the others are not asked again.
    public mutating func featuresRead(_ features: [String: UnlockedFeatures], of stations: [String]) {
        featuresAsked.formUnion(stations)
        featuresFound.merge(features) { _, read in read }
    }

    /// The shell showed the plan and the preview of this site.
    public mutating func reviewed(_ site: Site) { reviewedSite = site }

    private mutating func goBack() -> Reply {
        guard let last = answered.popLast() else { return .cannotGoBack }
        answers[last] = nil
        return .wentBack(to: last)
    }

    /// A failed meter test answered "do not keep": its questions come again.
    private mutating func forgetMeter() {
        for id in Self.meterIDs + [Self.keepMeterID] { answers[id] = nil }
        answered.removeAll { Self.meterIDs.contains($0) || $0 == Self.keepMeterID }
    }

    /// `y`/`n` for the yes/no questions; a choice in its canonical spelling.
    static func normalised(_ text: String, for question: WizardQuestion) -> String {
        if question.completions == YesNo.words, let value = YesNo.parse(text) { return value ? "yes" : "no" }
        return text
    }

    static func help(_ question: WizardQuestion) -> String {
        var lines = [question.help]
        if let value = question.defaultAnswer { lines.append("Enter takes \(value).") }
        if !question.completions.isEmpty, question.completions.count <= 12 {
            lines.append("Answers: \(question.completions.joined(separator: ", ")) (Tab completes).")
        }
        lines.append("'back' returns to the previous question; Ctrl-C cancels with nothing written to any station.")
        return lines.joined(separator: "\n")
    }

    // MARK: The rules

    /// The same rules as the site file for a site field (its decoder, then `SiteValidator`); the wizard's own
    /// questions check only their form.
    private func judge(_ text: String, for question: WizardQuestion) -> Result<[Finding], ConfigErrors> {
        let path = FieldPath.root + question.id
        switch question.kind {
        case let .choice(options):
            guard options.contains(where: { $0.lowercased() == text.lowercased() }) else {
                let suggestion = DidYouMean.suggestion(for: text, among: options)
                return .failure(ConfigErrors([ConfigError(
                    code: "file.value", path: path,
                    message: "\"\(text)\" is not one of \(options.joined(separator: ", "))" + (suggestion.map { "; did you mean \"\($0)\"?" } ?? ""),
                    hint: "Tab completes the answers")]))
            }
            return .success([])
        case .path:
            return .success([])
        case .secretReference:
            guard SecretRef(reference: text) != nil else {
                return .failure(ConfigErrors([ConfigError(code: "secret.reference", path: path,
                                                          message: "\"\(text)\" does not say where the secret is",
                                                          hint: "write env:NAME (an environment variable) or file:PATH (a file only you can read)")]))
            }
            return judgeOnSite(text, for: question)
        case .stationList:
            guard !WizardScript.stationIDs(text).isEmpty else {
                return .failure(ConfigErrors([ConfigError(code: "site.no-stations", path: path, message: "no station named",
                                                          hint: "type the stations' ids separated by commas; Tab completes the ones discovered")]))
            }
            return judgeOnSite(text, for: question)
        case .site:
            return judgeOnSite(text, for: question)
        }
    }

    private func judgeOnSite(_ text: String, for question: WizardQuestion) -> Result<[Finding], ConfigErrors> {
        var trial = answers
        trial[question.id] = text
        let script = WizardScript(answers: trial, context: withFeaturesRead)
        let questions = script.siteQuestions + script.licences
        let judged = WizardDraft(answers: trial, questions: questions, known: context.known).judged(fillers: true)
        let mine = questions.first { $0.id == question.id } ?? question
        let errors = judged.errors.filter { mine.owns($0.path) }
        guard errors.isEmpty else { return .failure(ConfigErrors(errors.map { Self.named($0, by: question) })) }
        return .success(judged.warnings.filter { warning in
            mine.sitePaths.contains { warning.field?.hasPrefix($0.description) == true }
        })
    }

    /// A rule's error, with the question's id where the file would name its field path.
    private static func named(_ error: ConfigError, by question: WizardQuestion) -> ConfigError {
        var error = error
        error.path = .root + question.id
        return error
    }
}

public struct WizardResult: Sendable, Equatable {
    public var site: Site
    /// The site file's text, as written.
    public var yaml: String
    public var file: String
    public var apply: Bool
    public var report: String?
}

extension WizardQuestion {
    /// Whether an error at `path` is about this question's answer.
    func owns(_ path: FieldPath) -> Bool {
        if case .stationList = kind {
            // The list decides the stations and their ids: `stations` itself and `stations[i].id`.
            guard path.components.first == .key("stations") else { return false }
            return path.components.count == 1 || (path.components.count == 3 && path.components.last == .key("id"))
        }
        return sitePaths.contains { path.components.starts(with: $0.components) }
    }

    var depth: Int { sitePaths.map(\.components.count).max() ?? 0 }
}
