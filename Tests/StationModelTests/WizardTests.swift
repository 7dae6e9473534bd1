import AllocationCore
import Testing
@testable import StationModel

/// Issue 18: the wizard's state machine. Each test is a sequence of answers and what it produces: the site, the
/// question asked again with its rule's code, or the question that comes next.
@Suite struct WizardTests {
    /// The demo's four virtual stations as discovery reports them (the Eve Double has no model in the table).
    static let demoFound: [WizardContext.FoundStation] = [
        .init(id: "ACE0100201", host: "127.0.0.1", model: "NG910-60023", sockets: 1),
        .init(id: "ACE0100202", host: "127.0.0.1", model: "NG910-60023", sockets: 1),
        .init(id: "ACE0100203", host: "127.0.0.1", model: "NG910-60023", sockets: 1),
        .init(id: "ACE0100204", host: "127.0.0.1", sockets: 2),
    ]
    static let presets = ["abb-b23", "socomec-countis-e27"]

    /// What a person types for the demo site ("" is Enter, taking the default).
    static let demoAnswers: [(String, String)] = [
        ("stations", ""), ("link", "ocpp"), ("site", "Virtual demo"), ("installation.phases", ""),
        ("installation.maxCurrent", "63"),
        ("station.ACE0100201.name", "bay-1"), ("station.ACE0100201.maxCurrent", ""), ("station.ACE0100201.sockets", ""),
        ("station.ACE0100201.socket1.maxCurrent", ""), ("station.ACE0100201.socket1.phaseMapping", ""),
        ("station.ACE0100202.name", "bay-2"), ("station.ACE0100202.maxCurrent", ""), ("station.ACE0100202.sockets", ""),
        ("station.ACE0100202.socket1.maxCurrent", ""), ("station.ACE0100202.socket1.phaseMapping", ""),
        ("station.ACE0100203.name", "bay-3"), ("station.ACE0100203.maxCurrent", ""), ("station.ACE0100203.sockets", ""),
        ("station.ACE0100203.socket1.maxCurrent", ""), ("station.ACE0100203.socket1.phaseMapping", ""),
        ("station.ACE0100204.name", "bay-4-double"), ("station.ACE0100204.phases", "3"), ("station.ACE0100204.maxCurrent", "32"),
        ("station.ACE0100204.sockets", ""), ("station.ACE0100204.socket1.maxCurrent", ""),
        ("station.ACE0100204.socket1.phaseMapping", ""), ("station.ACE0100204.socket2.maxCurrent", ""),
        ("station.ACE0100204.socket2.phaseMapping", ""),
        ("scn.name", "DEMO1"), ("scn.socketSafeCurrent", ""), ("scn.alternatingPeriod", ""), ("scn.totalSafeCurrent", ""),
        ("alb.source", "modbus-tcp"), ("alb.station", "ACE0100201"), ("alb.maxCurrent", "50"), ("alb.safeCurrent", "10"),
        ("alb.includesChargers", "y"), ("alb.phaseConnected", "L1L2L3"),
        ("alb.meter.host", "127.0.0.1"), ("alb.meter.port", ""), ("alb.meter.unit", "5"), ("alb.meter.preset", "socomec-countis-e27"),
        ("file", "demo.yaml"), ("apply", "yes"), ("report", "report.html"),
    ]

    /// The demo site as `Sources/VirtualSite/Demo/virtual-demo.yaml` writes it by hand.
    static let demoSite: Site = {
        func station(_ number: Int) -> StationEntry {
            StationEntry(id: "ACE010020\(number)", name: "bay-\(number)", host: "127.0.0.1", model: "NG910-60023",
                         maxCurrent: 32, sockets: [SocketEntry(maxCurrent: 32)])
        }
        return Site(name: "Virtual demo", installation: Installation(phases: 3, maxCurrent: 63),
                    scn: SCNSettings(name: "DEMO1", socketSafeCurrent: 6, alternatingPeriod: 900),
                    alb: ALBSettings(source: .modbusTCP, maxCurrent: 50, safeCurrent: 10, includesChargers: true,
                                     phaseConnected: PhaseMapping(name: "L1L2L3"), station: "ACE0100201",
                                     meter: MeterSettings(host: "127.0.0.1", port: 502, unit: 5, preset: "socomec-countis-e27")),
                    stations: [station(1), station(2), station(3),
                               StationEntry(id: "ACE0100204", name: "bay-4-double", host: "127.0.0.1", phases: 3, maxCurrent: 32,
                                            sockets: [SocketEntry(maxCurrent: 32), SocketEntry(maxCurrent: 32)])])
    }()

    /// Answers in order, checking each is the question asked; meter tests pass (or as `meterPasses` says) and
    /// reviews are acknowledged.
    @discardableResult
    /// The features read over HTTPS are `features`; with `stopAtFeatures` it returns when they are to be read.
    static func drive(_ wizard: inout Wizard, _ answers: [(String, String)], meterPasses: Bool = true,
                      features: [String: UnlockedFeatures] = [:], stopAtFeatures: Bool = false) -> [Wizard.Reply] {
        var replies: [Wizard.Reply] = []
        var queue = answers[...]
        for _ in 0..<500 {
            switch wizard.next() {
            case let .ask(question, _):
                guard let (id, text) = queue.popFirst() else { return replies }
                #expect(question.id == id, "asked \(question.id), the test answers \(id)")
                replies.append(wizard.answer(text))
            case let .testMeter(meter):
                wizard.meterTested(meter, passed: meterPasses)
            case let .readFeatures(_, stations):
                if stopAtFeatures { return replies }
                wizard.featuresRead(features.filter { stations.contains($0.key) }, of: stations)
            case let .review(site):
                wizard.reviewed(site)
            case .done:
                #expect(queue.isEmpty, "done with answers left: \(queue.map(\.0))")
                return replies
            }
        }
        Issue.record("the wizard did not end")
        return replies
    }

    static func demoWizard() -> Wizard { Wizard(context: WizardContext(found: demoFound, presets: presets)) }

    /// The demo session answered up to (not including) question `id`.
    static func demo(until id: String, meterPasses: Bool = true) -> Wizard {
        var wizard = demoWizard()
        drive(&wizard, Array(demoAnswers.prefix { $0.0 != id }), meterPasses: meterPasses)
        return wizard
    }

    static func result(_ wizard: Wizard) -> WizardResult? {
        if case let .done(result) = wizard.next() { return result }
        return nil
    }

    func nextQuestion(_ wizard: Wizard) -> WizardQuestion? {
        if case let .ask(question, _) = wizard.next() { return question }
        return nil
    }

    // MARK: The whole session

    @Test func theDemoSessionWritesTheHandWrittenDemoSite() throws {
        var wizard = Self.demoWizard()
        let replies = Self.drive(&wizard, Self.demoAnswers)
        #expect(replies.allSatisfy { if case .accepted = $0 { true } else { false } })
        let result = try #require(Self.result(wizard))
        var site = result.site
        site.lines = [:]
        #expect(site == Self.demoSite)
        #expect(result.file == "demo.yaml")
        #expect(result.apply)
        #expect(result.report == "report.html")
        #expect(result.yaml.contains("site: Virtual demo\n"))
    }

    @Test func theMeterIsTestedAndThePlanReviewedBeforeTheFileQuestion() {
        var wizard = Self.demo(until: "alb.meter.preset")
        #expect(wizard.answer("socomec-countis-e27") == .accepted(warnings: []))
        guard case let .testMeter(meter) = wizard.next() else {
            Issue.record("expected a meter test, got \(wizard.next())")
            return
        }
        #expect(meter == MeterSettings(host: "127.0.0.1", port: 502, unit: 5, preset: "socomec-countis-e27"))
        wizard.meterTested(meter, passed: true)
        guard case let .review(site) = wizard.next() else {
            Issue.record("expected the review, got \(wizard.next())")
            return
        }
        wizard.reviewed(site)
        #expect(nextQuestion(wizard)?.id == "file")
    }

    // MARK: Re-prompts: the site file's rules and codes

    @Test(arguments: [
        ("installation.maxCurrent", "lots", "file.type"),
        ("installation.maxCurrent", "0.001", "current.below-minimum"),
        ("installation.maxCurrent", "1e308", "current.above-range"),
        ("installation.phases", "2", "installation.phases"),
    ])
    func aBadAnswerIsAskedAgainWithTheSiteFilesCode(_ id: String, _ bad: String, _ code: String) {
        var wizard = Self.demo(until: id)
        #expect(nextQuestion(wizard)?.id == id)
        guard case let .rejected(errors) = wizard.answer(bad) else {
            Issue.record("\(bad) was accepted for \(id)")
            return
        }
        #expect(errors.map(\.code).contains(code), "codes: \(errors.map(\.code))")
        #expect(errors.allSatisfy { $0.path.description == id })
        #expect(nextQuestion(wizard)?.id == id, "asked again at once")
    }

    @Test func aRuleBetweenTwoAnswersIsAskedAgainAtTheSecond() {
        var wizard = Self.demo(until: "station.ACE0100201.socket1.maxCurrent")
        guard case let .rejected(errors) = wizard.answer("40") else {
            Issue.record("a socket above its station was accepted")
            return
        }
        #expect(errors.map(\.code) == ["socket.max-above-station"])
    }

    @Test(arguments: [("scn.name", "demo-1"), ("scn.alternatingPeriod", "30"), ("alb.safeCurrent", "60"),
                      ("alb.meter.unit", "300"), ("alb.meter.host", "meter.local"), ("alb.station", "ACE9999999"),
                      ("alb.source", "solar"), ("link", "modbus"), ("alb.includesChargers", "maybe")])
    func moreBadAnswersAreRefused(_ id: String, _ bad: String) {
        var wizard = Self.demo(until: id)
        #expect(nextQuestion(wizard)?.id == id)
        guard case let .rejected(errors) = wizard.answer(bad) else {
            Issue.record("\(bad) was accepted for \(id)")
            return
        }
        #expect(!errors.isEmpty)
        #expect(nextQuestion(wizard)?.id == id)
    }

    @Test func aShortAlternatingPeriodIsAcceptedWithItsWarning() {
        var wizard = Self.demo(until: "scn.alternatingPeriod")
        guard case let .accepted(warnings) = wizard.answer("300") else {
            Issue.record("300 s was refused")
            return
        }
        #expect(warnings.map(\.code) == ["scn.alternating-period-short"])
    }

    @Test func aQuestionWithoutADefaultNeedsAnAnswer() {
        var wizard = Self.demo(until: "installation.maxCurrent")
        guard case let .rejected(errors) = wizard.answer("") else {
            Issue.record("an empty answer was accepted")
            return
        }
        #expect(errors.map(\.code) == ["wizard.answer-required"])
    }

    @Test func duplicateStationIdsAreRefused() {
        var wizard = Self.demoWizard()
        guard case let .rejected(errors) = wizard.answer("ACE0100201, ACE0100201") else {
            Issue.record("a duplicate id was accepted")
            return
        }
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { $0.path.description == "stations" })
    }

    @Test func aSecretIsNamedByWhereItIsNeverTyped() {
        var wizard = Self.demoWizard()
        Self.drive(&wizard, [("stations", ""), ("link", "https")])
        #expect(nextQuestion(wizard)?.id == "httpsPassword")
        guard case let .rejected(errors) = wizard.answer("hunter2") else {
            Issue.record("a literal password was accepted")
            return
        }
        #expect(errors.map(\.code) == ["secret.reference"])
        #expect(wizard.answer("env:SITE_PASSWORD") == .accepted(warnings: []))
    }

    // MARK: back, ?, branches

    @Test func backReturnsToThePreviousQuestionAndForgetsItsAnswer() {
        var wizard = Self.demoWizard()
        Self.drive(&wizard, Array(Self.demoAnswers.prefix(3)))
        #expect(nextQuestion(wizard)?.id == "installation.phases")
        #expect(wizard.answer("back") == .wentBack(to: "site"))
        #expect(nextQuestion(wizard)?.id == "site")
        #expect(wizard.answers["site"] == nil)
        #expect(wizard.answer("Renamed") == .accepted(warnings: []))
        #expect(nextQuestion(wizard)?.id == "installation.phases")
    }

    @Test func backAtTheFirstQuestionSaysSo() {
        var wizard = Self.demoWizard()
        #expect(wizard.answer("back") == .cannotGoBack)
    }

    @Test func aQuestionMarkExplainsAndAsksAgain() {
        var wizard = Self.demoWizard()
        Self.drive(&wizard, Array(Self.demoAnswers.prefix(4)))
        guard case let .help(text) = wizard.answer("?") else {
            Issue.record("? did not explain")
            return
        }
        #expect(text.contains("amperes per phase"))
        #expect(nextQuestion(wizard)?.id == "installation.maxCurrent")
    }

    @Test func oneStationHasNoSCNQuestions() throws {
        var wizard = Self.demoWizard()
        Self.drive(&wizard, [
            ("stations", "ACE0100201"), ("link", ""), ("site", "Home"), ("installation.phases", "1"), ("installation.maxCurrent", "25"),
            ("station.ACE0100201.name", ""), ("station.ACE0100201.maxCurrent", "16"), ("station.ACE0100201.sockets", ""),
            ("station.ACE0100201.socket1.maxCurrent", ""), ("station.ACE0100201.socket1.phaseMapping", "L1"),
            ("alb.source", "p1"), ("alb.maxCurrent", "25"), ("alb.safeCurrent", "6"), ("alb.includesChargers", ""),
            ("alb.phaseConnected", ""), ("file", ""), ("apply", ""),
        ])
        let result = try #require(Self.result(wizard))
        #expect(result.site.scn == nil)
        #expect(result.site.alb?.source == .p1)
        #expect(result.site.alb?.meter == nil)
        #expect(result.site.stations[0].sockets[0].phaseMapping?.name == "L1")
        #expect(result.file == "site.yaml")
        #expect(!result.apply)
        #expect(result.report == nil)
    }

    @Test func anEMSSourceAsksForItsModeAndValidity() throws {
        var wizard = Self.demoWizard()
        let before = Array(Self.demoAnswers.prefix { $0.0 != "alb.source" })
        Self.drive(&wizard, before + [
            ("alb.source", "ems"), ("alb.station", ""), ("alb.maxCurrent", "50"), ("alb.safeCurrent", "10"),
            ("alb.includesChargers", "no"), ("alb.phaseConnected", ""), ("alb.ems.mode", "socket"), ("alb.ems.validityTime", "120"),
            ("file", ""), ("apply", "no"),
        ])
        let result = try #require(Self.result(wizard))
        #expect(result.site.alb?.ems == EMSSettings(mode: .socket, validityTime: 120))
        #expect(result.site.alb?.station == "ACE0100201")
    }

    @Test func theHTTPSLinkAsksAboutPhaseSwitchingAndPutsThePasswordOnEveryStation() throws {
        var wizard = Self.demoWizard()
        var answers = Self.demoAnswers
        answers.insert(("httpsPassword", "env:SITE_PASSWORD"), at: 2)
        answers[1] = ("link", "https")
        let index = try #require(answers.firstIndex { $0.0 == "alb.phaseConnected" })
        answers.insert(("alb.allowPhaseSwitching", "yes"), at: index + 1)
        answers[answers.firstIndex { $0.0 == "alb.meter.preset" }!] = ("alb.meter.preset", "abb-b23")
        Self.drive(&wizard, answers)
        let result = try #require(Self.result(wizard))
        #expect(result.site.stations.allSatisfy { $0.httpsPassword == .env("SITE_PASSWORD") })
        #expect(result.site.alb?.allowPhaseSwitching == true)
        #expect(result.site.alb?.meter?.preset == "abb-b23", "any preset over HTTPS")
    }

    @Test func overOCPPAMeterOtherThanSocomecIsRefused() {
        var wizard = Self.demo(until: "alb.meter.preset")
        guard case let .rejected(errors) = wizard.answer("abb-b23") else {
            Issue.record("an ABB meter was accepted over OCPP")
            return
        }
        #expect(errors.map(\.code) == ["alb.ocpp-meter-preset"])
    }

    @Test func aFailedMeterTestAsksWhetherToKeepAndNoAsksTheMeterAgain() {
        var wizard = Self.demo(until: "file", meterPasses: false)
        #expect(nextQuestion(wizard)?.id == "alb.meter.keep")
        #expect(wizard.answer("n") == .accepted(warnings: []))
        #expect(nextQuestion(wizard)?.id == "alb.meter.host")
        #expect(wizard.answers["alb.meter.unit"] == nil)
    }

    @Test func aFailedMeterTestKeptGoesOn() {
        var wizard = Self.demo(until: "file", meterPasses: false)
        #expect(wizard.answer("yes") == .accepted(warnings: []))
        guard case .review = wizard.next() else {
            Issue.record("expected the review")
            return
        }
    }

    @Test func aLockedFeatureAsksForTheLicenceKey() throws {
        var context = WizardContext(found: Self.demoFound, presets: Self.presets)
        context.features = ["ACE0100201": UnlockedFeatures(bits: 0x1), "ACE0100202": UnlockedFeatures(bits: 0x5)]
        var wizard = Wizard(context: context)
        let before = Array(Self.demoAnswers.prefix { $0.0 != "file" })
        Self.drive(&wizard, before + [("station.ACE0100201.licenseKey", "file:/secure/bay1.key")])
        #expect(nextQuestion(wizard)?.id == "file")
        Self.drive(&wizard, [("file", ""), ("apply", "no")])
        let result = try #require(Self.result(wizard))
        #expect(result.site.stations[0].licenseKey == .file("/secure/bay1.key"))
        #expect(result.site.stations[1].licenseKey == nil)
        #expect(!result.yaml.contains("hunter"))
    }

    /// Over HTTPS the wizard has the shell read each station's features once the site is known (SPEC §9: licence
    /// keys where a needed feature is locked); over OCPP it never asks for them.
    @Test func overHTTPSTheFeaturesAreReadOnceAndALockedOneAsksForTheKey() throws {
        var answers = Array(Self.demoAnswers.prefix { $0.0 != "file" })
        answers.insert(("httpsPassword", "env:SITE_PASSWORD"), at: 2)
        answers[1] = ("link", "https")
        let index = try #require(answers.firstIndex { $0.0 == "alb.phaseConnected" })
        answers.insert(("alb.allowPhaseSwitching", "no"), at: index + 1)

        var wizard = Self.demoWizard()
        Self.drive(&wizard, answers, stopAtFeatures: true)
        guard case let .readFeatures(site, stations) = wizard.next() else {
            Issue.record("expected the features to be read, got \(wizard.next())")
            return
        }
        #expect(stations == site.stations.map(\.id) && stations.count == 4)
        // Bay 1 has only the SCN (the site's ALB runs on it); bay 3 could not be read; the others have both.
        wizard.featuresRead(["ACE0100201": UnlockedFeatures(bits: 0x1), "ACE0100202": UnlockedFeatures(bits: 0x5),
                             "ACE0100204": UnlockedFeatures(bits: 0x5)], of: stations)
        let licence = try #require(nextQuestion(wizard))
        #expect(licence.id == "station.ACE0100201.licenseKey" && licence.prompt.contains("lacks alb"), "\(licence.prompt)")
        #expect(wizard.answer("env:BAY1_KEY") == .accepted(warnings: []))
        // Read once: the site changed (its licence key), and still nothing more is read.
        guard case .review = wizard.next() else {
            Issue.record("expected the review, got \(wizard.next())")
            return
        }
        Self.drive(&wizard, [("file", ""), ("apply", "no")])
        let result = try #require(Self.result(wizard))
        #expect(result.site.stations[0].licenseKey == .env("BAY1_KEY"))
        #expect(result.site.stations.dropFirst().allSatisfy { $0.licenseKey == nil })

        // Stations that could not be read ask for nothing: apply judges their licences.
        var unread = Self.demoWizard()
        Self.drive(&unread, answers)
        #expect(nextQuestion(unread)?.id == "file")

        var overOCPP = Self.demoWizard()
        Self.drive(&overOCPP, Array(Self.demoAnswers.prefix { $0.0 != "file" }), stopAtFeatures: true)
        #expect(nextQuestion(overOCPP)?.id == "file", "over OCPP the features are not read")
    }

    @Test func startingFromASiteFileAsksOnlyWhatIsMissing() throws {
        var start = Self.demoSite
        start.scn?.totalSafeCurrent = 40
        var wizard = Wizard(context: WizardContext(found: Self.demoFound, presets: Self.presets, startingSite: start))
        Self.drive(&wizard, [("file", ""), ("apply", "no")])
        let result = try #require(Self.result(wizard))
        var site = result.site
        site.lines = [:]
        #expect(site == start)
    }

    @Test func aSiteFileAnswerThatNoLongerHoldsIsAskedAgain() throws {
        var start = Self.demoSite
        start.stations[0].sockets[0].maxCurrent = 40  // above its station's 32 A
        let wizard = Wizard(context: WizardContext(found: Self.demoFound, presets: Self.presets, startingSite: start))
        guard case let .ask(question, problems) = wizard.next() else {
            Issue.record("expected a question")
            return
        }
        #expect(question.id == "station.ACE0100201.socket1.maxCurrent")
        #expect(problems.map(\.code) == ["socket.max-above-station"])
    }

    // MARK: The file it writes

    @Test func theYAMLQuotesWhatWouldNotReadBack() {
        let node = ConfigNode(.mapping([
            .init(key: "site", keyLine: 0, value: ConfigNode(.scalar("Bay: North # 2", quoted: false), line: 0)),
            .init(key: "id", keyLine: 0, value: ConfigNode(.scalar("007", quoted: true), line: 0)),
            .init(key: "n", keyLine: 0, value: ConfigNode(.scalar("32", quoted: false), line: 0)),
        ]), line: 0)
        #expect(node.yaml == "site: \"Bay: North # 2\"\nid: \"007\"\nn: 32\n")
    }
}
