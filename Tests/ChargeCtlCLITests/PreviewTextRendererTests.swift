import Testing
@testable import ChargeCtlCLI
@testable import AllocationCore

@Suite("preview text table") struct PreviewTextRendererTests {
    /// The manual's first golden example run through the real simulator, alternating every 2 minutes.
    @Test func goldenThreeSocketOutput() {
        let text = PreviewTextRenderer(colour: false).render(site: PreviewFixtures.threeSockets,
                                                             result: PreviewFixtures.threeSocketResult())
        let expected = """
        time             0 A:1      1 B:1      2 C:1               L1
        ---------------  ---------  ---------  ---------  -----------
        0:00:00–0:01:00  -          prb 14.00  -          14.00/20.00
        0:01:00–0:02:00  -          chg 20.00  -          20.00/20.00
        0:02:00–0:03:00  -          chg  6.00  prb 14.00  20.00/20.00
        0:03:00–0:04:00  -          chg 10.00  chg 10.00  20.00/20.00
        0:04:00–0:05:00  prb 14.00  pau        chg  6.00  20.00/20.00
        0:05:00–0:06:00  pau        chg 10.00  chg 10.00  20.00/20.00
        0:06:00–0:08:00  chg 14.00  pau        chg  6.00  20.00/20.00
        0:08:00–0:10:00  chg 14.00  chg  6.00  pau        20.00/20.00
        chg charging  prb probing  pau paused  safe safe current (station lost)  fin finished  - idle  Ln: EV load/available A

        socket  energy kWh  charging   paused
        ------  ----------  --------  -------
        0 A:1        0.268   0:05:00  0:01:00
        1 B:1        0.276   0:07:00  0:03:00
        2 C:1        0.199   0:06:00  0:02:00

        phase  peak A  limit A
        -----  ------  -------
        L1      20.00    20.00

        No findings.

        """
        #expect(text == expected)
    }

    /// Every state, a fractional time (an EV finishing its energy), three phases, a finding with its hint.
    @Test func handBuiltStatesAndSummary() {
        let (site, result) = PreviewFixtures.handBuilt()
        let lines = PreviewTextRenderer(colour: false).lines(site: site, result: result)
        #expect(Array(lines.prefix(5)) == [
            "time                 0 ACE1:1   1 ACE1:2  2 ACE2:1            L1           L2           L3",
            "-------------------  ---------  --------  ---------  -----------  -----------  -----------",
            "0:00:00–0:01:00      prb 14.00  -         -          14.00/32.00  14.00/32.00  14.00/32.00",
            "0:01:00–0:20:34.500  chg 26.00  pau       safe 6.00  26.00/32.00  26.00/32.00  32.00/32.00",
            "0:20:34.500–1:00:00  fin        chg 6.01  -           6.01/32.00   0.00/32.00   0.00/32.00",
        ])
        #expect(Array(lines.suffix(15)) == [
            "socket    energy kWh     charging       paused",
            "--------  ----------  -----------  -----------",
            "0 ACE1:1      23.078  0:20:34.500      0:00:00",
            "1 ACE1:2       3.268  0:39:25.500  0:19:34.500",
            "2 ACE2:1       0.431  0:19:34.500      0:00:00",
            "",
            "phase  peak A  limit A",
            "-----  ------  -------",
            "L1      26.00    32.00",
            "L2      26.00    32.00",
            "L3      32.00    32.00",
            "",
            "Findings",
            "warn  allocation.over-current  socket 1: the EV drew 20 A, more than allowed (at 0:01:30)",
            "      hint: check the EV",
        ])
    }

    @Test(arguments: [false, true])
    func everyRowOfABlockHasTheSameVisibleWidth(colour: Bool) {
        let (site, result) = PreviewFixtures.handBuilt()
        let cases = [(PreviewFixtures.threeSockets, PreviewFixtures.threeSocketResult()), (site, result),
                     (PreviewFixtures.largeSite(sockets: 20), PreviewFixtures.largeResult(sockets: 20))]
        for (site, result) in cases {
            let blocks = PreviewTextTable(colour: colour).blocks(site: site, result: result)
            for block in blocks {
                let widths = Set(block.lines().map(ANSIStyle.visibleWidth))
                #expect(widths == [block.width])
            }
        }
    }

    /// The table keeps each distinct cell once and lets columns of one width and format share it: every socket
    /// cell must still be what `socketCell` makes for that socket's own column, on sites whose columns differ.
    @Test(arguments: [false, true])
    func sharedCellsAreEachColumnsOwn(colour: Bool) throws {
        var cases = [(PreviewFixtures.largeSite(sockets: 20), PreviewFixtures.largeResult(sockets: 20)), PreviewFixtures.handBuilt()]
        for example in PreviewStreamingTests.examples {
            let preview = try PreviewStreamingTests.preview(example)
            cases.append((preview.allocationSite, preview.result))
        }
        let cells = PreviewTextCells(colour: colour)
        for (site, result) in cases {
            let blocks = PreviewTextTable(colour: colour).blocks(site: site, result: result)
            let rendered = Dictionary(uniqueKeysWithValues: blocks.flatMap { block in
                block.columns.indices.map { column in (block.columns[column].header, block.rows.map { $0[column] }) }
            }.filter { $0.0 != "time" })
            for socket in site.sockets {
                let shares = result.intervals.map { $0.sockets[socket.id] ?? .idle }
                var format = PreviewTextCells.SocketColumnFormat()
                shares.forEach { format.include($0) }
                format.finish()
                #expect(rendered[SocketLabel.text(socket, in: site)] == shares.map { cells.socketCell($0, format) }, "\(site.stations.first?.id ?? "") socket \(socket.id)")
            }
        }
    }

    @Test func colourChangesNothingButTheEscapes() {
        let (site, result) = PreviewFixtures.handBuilt()
        let plain = PreviewTextRenderer(colour: false).render(site: site, result: result)
        let coloured = PreviewTextRenderer(colour: true).render(site: site, result: result)
        #expect(!plain.contains("\u{1B}"))
        #expect(coloured.contains("\u{1B}"))
        #expect(ANSIStyle.stripped(coloured) == plain)
    }

    @Test func statesAndNearLimitLoadsAreStyledWithColour() {
        let (site, result) = PreviewFixtures.handBuilt()
        let coloured = PreviewTextRenderer(colour: true).render(site: site, result: result)
        let reset = ANSIStyle.reset
        #expect(coloured.contains("\u{1B}[36mprb 14.00\(reset)"))
        #expect(coloured.contains("\u{1B}[32mchg 26.00\(reset)"))
        #expect(coloured.contains("\u{1B}[33mpau\(reset)"))
        #expect(coloured.contains("\u{1B}[35msafe 6.00\(reset)"))
        // 32 of 32 A is above 95 %: bold; 26 of 32 A (81 %) is not.
        #expect(coloured.contains("\u{1B}[1m32.00/32.00\(reset)"))
        #expect(!coloured.contains("\u{1B}[1m26.00/32.00"))
        #expect(coloured.contains("\u{1B}[33mwarn\(reset)"))
        // Idle and finished cells stay plain.
        #expect(!coloured.contains("m-\(reset)"))
        #expect(!coloured.contains("mfin"))
    }

    @Test func twentySocketsWrapIntoBlocksOfEight() {
        let site = PreviewFixtures.largeSite(sockets: 20)
        let result = PreviewFixtures.largeResult(sockets: 20)
        let blocks = PreviewTextTable(colour: false).blocks(site: site, result: result)
        let headers = blocks.map { $0.columns.map(\.header) }
        #expect(headers.count == 3)
        #expect(headers[0] == ["time"] + (0..<8).map { "\($0) S\($0 / 2):\($0 % 2 + 1)" })
        #expect(headers[1] == ["time"] + (8..<16).map { "\($0) S\($0 / 2):\($0 % 2 + 1)" })
        // The last block has room for the phase columns as well.
        #expect(headers[2] == ["time"] + (16..<20).map { "\($0) S\($0 / 2):\($0 % 2 + 1)" } + ["L1", "L2", "L3"])
        for block in blocks {
            #expect(block.rows.count == result.intervals.count)
            #expect(block.width <= 120)
        }
        let lines = PreviewTextRenderer(colour: false).lines(site: site, result: result)
        #expect(lines.allSatisfy { $0.count <= 120 })
        // Blank line between blocks: three header rules in the interval part.
        #expect(lines.filter { $0.hasPrefix("---------------  ") }.count == 3)
    }

    @Test func longStationIdsMakeNarrowerBlocksAndPhasesTheirOwn() {
        var site = PreviewFixtures.largeSite(sockets: 20)
        site.stations = site.stations.enumerated().map { StationSpec(id: "ACE000\($0.offset)1234XYZ", maxCurrent: $0.element.maxCurrent) }
        let result = PreviewFixtures.largeResult(sockets: 20)
        let blocks = PreviewTextTable(colour: false).blocks(site: site, result: result)
        let socketCounts = blocks.map { $0.columns.count - 1 }
        #expect(blocks.allSatisfy { $0.width <= 120 })
        #expect(socketCounts.dropLast().allSatisfy { $0 < 8 })
        #expect(blocks.last?.columns.map(\.header) == ["time", "L1", "L2", "L3"])
        #expect(socketCounts.dropLast().reduce(0, +) == 20)
    }

    @Test func onePhaseSiteShowsOnlyItsPhase() {
        let lines = PreviewTextRenderer(colour: false).lines(site: PreviewFixtures.threeSockets,
                                                             result: PreviewFixtures.threeSocketResult())
        #expect(lines[0].hasSuffix("L1"))
        #expect(!lines.contains { $0.contains("L2") || $0.contains("L3") })
    }

    @Test func findingsListSeverityCodeMessageAndHint() {
        let summary = PreviewTextSummary(colour: false)
        let lines = summary.findingLines([
            TimelineFinding(severity: .fail, code: "allocation.x", message: "m1", hint: "h1", socket: nil, at: nil),
            TimelineFinding(severity: .pass, code: "allocation.y", message: "m2", hint: "", socket: 2, at: 1234.5),
        ])
        #expect(lines == ["Findings", "fail  allocation.x  m1", "      hint: h1", "pass  allocation.y  m2 (at 0:20:34.500)"])
        #expect(summary.findingLines([]) == ["No findings."])
    }

    /// A real unservable EV: 1-phase 10 A site, an EV that needs 14 A (rule 3) is reported.
    @Test func realFindingFromTheSimulator() {
        var site = PreviewFixtures.threeSockets
        site.installationMaxCurrent = 10
        let result = Timeline(site: site, events: [SiteEvent(at: 0, .connect(EVProfile(minCurrent: 14), socket: 0))],
                              duration: 300).run()
        let lines = PreviewTextRenderer(colour: false).lines(site: site, result: result)
        #expect(lines.contains { $0.hasPrefix("warn  allocation.minimum-unreachable  socket 0:") && $0.hasSuffix("(at 0:01:00)") })
        #expect(lines.contains { $0.hasPrefix("      hint: raise the limits") })
        #expect(lines.contains("0:01:00–0:05:00  pau        -      -       0.00/10.00"))
    }
}
