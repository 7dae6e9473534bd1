import Testing
@testable import ChargeCtlCLI
@testable import AllocationCore

@Suite("preview SVG chart") struct PreviewSVGRendererTests {
    static let threeSocketSVG = PreviewSVGRenderer().render(
        site: PreviewFixtures.threeSockets, result: PreviewFixtures.threeSocketResult(), siteName: "Plaza <&\"> North")

    @Test func isWellFormedSVG11() throws {
        let svg = try #require(ParsedSVG.parse(Self.threeSocketSVG))
        let root = try #require(svg.elements.first)
        #expect(root.name == "svg")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root.attributes["version"] == "1.1")
        #expect(Self.threeSocketSVG.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\""))
    }

    @Test func escapesTheSiteNameAndTitlesWithTheDuration() throws {
        #expect(Self.threeSocketSVG.contains("Plaza &lt;&amp;&quot;&gt; North"))
        #expect(!Self.threeSocketSVG.contains("Plaza <&"))
        let svg = try #require(ParsedSVG.parse(Self.threeSocketSVG))
        #expect(svg.all("title").first?.text == "Plaza <&\"> North: allocation over 0:10:00")
        #expect(svg.all("text", class: "title").first?.text == "Plaza <&\"> North: allocation over 0:10:00")
    }

    @Test func fewSocketsAreStepLinesInDistinctColours() throws {
        let svg = try #require(ParsedSVG.parse(Self.threeSocketSVG))
        let lines = svg.all("path", class: "socket-line")
        #expect(lines.map { $0.attributes["id"] } == ["socket-0", "socket-1", "socket-2"])
        #expect(Set(lines.compactMap { $0.attributes["stroke"] }).count == 3)
        #expect(svg.all("path", class: "socket-area").isEmpty)
        // Socket 1 (B) probes at 14 A, then gets 20 A: its step line goes up at 1 minute.
        let panelTop = 84.0, panelHeight = 240.0, axisTop = 25.0
        let y20 = panelTop + panelHeight - 20 / axisTop * panelHeight - 1.5
        let d = try #require(lines[1].attributes["d"])
        #expect(d.contains("V\(SVGWriter.number(y20))"))
    }

    @Test func legendNamesEverySocket() throws {
        let svg = try #require(ParsedSVG.parse(Self.threeSocketSVG))
        #expect(svg.all("text", class: "socket-label").map(\.text) == ["0 A:1", "1 B:1", "2 C:1"])
        let swatches = svg.all("rect", class: "swatch").compactMap { $0.attributes["fill"] }
        let strokes = svg.all("path", class: "socket-line").compactMap { $0.attributes["stroke"] }
        #expect(swatches == strokes)
    }

    /// Probing: B 0–1 min, C 2–3 min, A 4–5 min. Paused: A 5–6, B 4–5 and 6–8, C 8–10 (see the text golden).
    @Test func marksProbingAndShadesPausedSpans() throws {
        let svg = try #require(ParsedSVG.parse(Self.threeSocketSVG))
        #expect(svg.all("rect", class: "probing").count == 3)
        #expect(svg.all("rect", class: "probing").allSatisfy { $0.attributes["fill"] == "url(#probing-hatch)" })
        #expect(svg.element(id: "probing-hatch")?.name == "pattern")
        let paused = svg.all("rect", class: "paused")
        #expect(paused.count == 4)
        let titles = Set(svg.elements.map(\.text).filter { $0.contains("paused") })
        #expect(titles.isSuperset(of: ["0 A:1 paused 0:05:00\u{2013}0:06:00", "1 B:1 paused 0:06:00\u{2013}0:08:00",
                                       "2 C:1 paused 0:08:00\u{2013}0:10:00"]))
    }

    @Test func onePanelPerSitePhaseWithDashedAvailableAndLimit() throws {
        let one = try #require(ParsedSVG.parse(Self.threeSocketSVG))
        #expect(one.all("g", class: "phase").map { $0.attributes["id"] } == ["phase-L1"])

        let (site, result) = PreviewFixtures.handBuilt()
        let three = try #require(ParsedSVG.parse(PreviewSVGRenderer().render(site: site, result: result, siteName: "x")))
        for phase in ["L1", "L2", "L3"] {
            let available = try #require(three.element(id: "phase-\(phase)-available"))
            #expect(available.attributes["class"] == "available")
            #expect(available.attributes["stroke-dasharray"] != nil)
            let limit = try #require(three.element(id: "phase-\(phase)-limit"))
            #expect(limit.attributes["stroke-dasharray"] == nil)
            #expect(limit.attributes["y1"] == limit.attributes["y2"])
            #expect(three.element(id: "phase-\(phase)-load")?.attributes["stroke-dasharray"] == nil)
        }
        #expect(three.all("path", class: "available").count == 3)
    }

    @Test func manySocketsAreStackedAreas() throws {
        let site = PreviewFixtures.largeSite(sockets: 20)
        let text = PreviewSVGRenderer().render(site: site, result: PreviewFixtures.largeResult(sockets: 20), siteName: "Twenty")
        let svg = try #require(ParsedSVG.parse(text))
        let areas = svg.all("path", class: "socket-area")
        #expect(areas.map { $0.attributes["id"] } == (0..<20).map { "socket-\($0)" })
        #expect(Set(areas.compactMap { $0.attributes["fill"] }).count == 20)
        #expect(areas.allSatisfy { $0.attributes["d"]?.hasSuffix("Z") == true })
        #expect(svg.all("path", class: "socket-line").isEmpty)
        #expect(svg.all("text", class: "socket-label").count == 20)
        #expect(svg.all("g", class: "phase").count == 3)
    }

    @Test func oneHundredTwentyEightSocketsStayValidAndDistinct() throws {
        let site = PreviewFixtures.largeSite(sockets: 128, maxCurrent: 400)
        let text = PreviewSVGRenderer().render(site: site, result: PreviewFixtures.largeResult(sockets: 128, duration: 7200),
                                               siteName: "Big")
        let svg = try #require(ParsedSVG.parse(text))
        let fills = svg.all("path", class: "socket-area").compactMap { $0.attributes["fill"] }
        #expect(fills.count == 128)
        #expect(Set(fills).count == 128)
        #expect(svg.all("text", class: "socket-label").count == 128)
    }

    @Test func styleCanBeForced() throws {
        let stacked = PreviewSVGRenderer(style: .stacked).render(
            site: PreviewFixtures.threeSockets, result: PreviewFixtures.threeSocketResult(), siteName: "x")
        let svg = try #require(ParsedSVG.parse(stacked))
        #expect(svg.all("path", class: "socket-area").count == 3)
        #expect(PreviewSVGRenderer(style: .lines).panelStyle(socketCount: 100) == .lines)
        #expect(PreviewSVGRenderer().panelStyle(socketCount: 8) == .lines)
        #expect(PreviewSVGRenderer().panelStyle(socketCount: 9) == .stacked)
    }

    @Test func deterministicWithAtMostTwoDecimals() throws {
        let again = PreviewSVGRenderer().render(
            site: PreviewFixtures.threeSockets, result: PreviewFixtures.threeSocketResult(), siteName: "Plaza <&\"> North")
        #expect(again == Self.threeSocketSVG)
        let (site, result) = PreviewFixtures.handBuilt()
        let text = PreviewSVGRenderer().render(site: site, result: result, siteName: "x")
        for document in [text, Self.threeSocketSVG] {
            let svg = try #require(ParsedSVG.parse(document))
            let values = svg.elements.flatMap { $0.attributes.values }
            #expect(values.contains { $0.contains(".") })
            #expect(!values.contains(where: hasLongFraction))
        }
    }

    @Test func emptyTimelineStillGivesADocument() throws {
        let empty = TimelineResult(intervals: [], summary: TimelineSummary(sockets: [:], peakPhaseLoad: .zero,
                                                                          limit: .uniform(20), findings: []),
                                   evaluatedInstants: 0)
        let svg = try #require(ParsedSVG.parse(PreviewSVGRenderer().render(site: PreviewFixtures.threeSockets,
                                                                           result: empty, siteName: "")))
        #expect(svg.all("path", class: "socket-line").count == 3)
    }

    @Test func controlCharactersAreNotCopiedIntoXML() throws {
        #expect(SVGWriter.escape("a\u{01}b'c") == "a b&apos;c")
        let svg = PreviewSVGRenderer().render(site: PreviewFixtures.threeSockets, result: PreviewFixtures.threeSocketResult(),
                                              siteName: "bad\u{07}name")
        #expect(ParsedSVG.parse(svg) != nil)
    }

    /// A digit run after a decimal point longer than two (coordinates, currents); tooltip times are text and keep
    /// their milliseconds.
    private func hasLongFraction(_ text: String) -> Bool {
        var digitsAfterPoint = -1
        var previous: Character = " "
        for character in text {
            if character == ".", previous.isNumber {
                digitsAfterPoint = 0
            } else if character.isNumber, digitsAfterPoint >= 0 {
                digitsAfterPoint += 1
                if digitsAfterPoint > 2 { return true }
            } else {
                digitsAfterPoint = -1
            }
            previous = character
        }
        return false
    }
}

@Suite("SVG chart axes") struct SVGChartAxesTests {
    @Test func timeTicksFollowTheDuration() {
        let twoHours = SVGTimeAxis(duration: 7200)
        #expect(twoHours.unitName == "min")
        #expect(twoHours.ticks.map(twoHours.label) == ["0", "15", "30", "45", "60", "75", "90", "105", "120"])
        let tenMinutes = SVGTimeAxis(duration: 600)
        #expect(tenMinutes.ticks.map(tenMinutes.label) == (0...10).map(String.init))
        let ninetySeconds = SVGTimeAxis(duration: 90)
        #expect(ninetySeconds.title == "time (s)")
        #expect(ninetySeconds.ticks.map(ninetySeconds.label) == (0...9).map { "\($0 * 10)" })
        let dayAndHalf = SVGTimeAxis(duration: 36 * 3600)
        #expect(dayAndHalf.title == "time (h)")
        #expect(dayAndHalf.ticks.map(dayAndHalf.label) == (0...9).map { "\($0 * 4)" })
        #expect(SVGTimeAxis(duration: 0).ticks == [0, 1])
    }

    @Test func ampereAxisEndsOnARoundValueAboveTheData() {
        let twenty = SVGAmpAxis(dataMax: 20)
        #expect(twenty.top == 25)
        #expect(twenty.ticks == [0, 5, 10, 15, 20, 25])
        let large = SVGAmpAxis(dataMax: 400)
        #expect(large.top == 500)
        #expect(large.step == 100)
        #expect(SVGAmpAxis(dataMax: 0).top >= 1)
    }

    @Test func stepPathsMergeEqualNeighbours() {
        let panel = SVGPanel(left: 0, top: 0, width: 100, height: 100, time: SVGTimeAxis(duration: 100),
                             amps: SVGAmpAxis(dataMax: 80))
        let d = SVGStepPath.line([.init(from: 0, to: 10, value: 50), .init(from: 10, to: 20, value: 50),
                                  .init(from: 20, to: 100, value: 0)], in: panel)
        #expect(d == "M0 50 H20 V100 H100")
        let area = SVGStepPath.area([.init(from: 0, to: 50, base: 0, top: 50), .init(from: 50, to: 100, base: 10, top: 20)], in: panel)
        #expect(area == "M0 50 H50 V80 H100 V90 H50 V100 H0 Z")
    }

    @Test func paletteIsDistinctAndValidHex() {
        for count in [1, 8, 10, 11, 128] {
            let colours = SVGPalette.colours(count: count)
            #expect(colours.count == count)
            #expect(Set(colours).count == count)
            #expect(colours.allSatisfy { $0.count == 7 && $0.hasPrefix("#") && $0.dropFirst().allSatisfy(\.isHexDigit) })
        }
        #expect(SVGPalette.hex(hue: 0, saturation: 1, lightness: 0.5) == "#ff0000")
        #expect(SVGPalette.hex(hue: 240, saturation: 1, lightness: 0.5) == "#0000ff")
    }
}
