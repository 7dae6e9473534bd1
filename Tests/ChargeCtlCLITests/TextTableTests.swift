import Testing
@testable import ChargeCtlCLI

@Suite("Text table and formats") struct TextTableTests {
    @Test func fixedDecimals() {
        #expect(RenderFormat.fixed(20, places: 2) == "20.00")
        #expect(RenderFormat.fixed(6, places: 2) == "6.00")
        #expect(RenderFormat.fixed(23.0782, places: 3) == "23.078")
        #expect(RenderFormat.fixed(-3.5, places: 2) == "-3.50")
        #expect(RenderFormat.fixed(-0.001, places: 2) == "0.00")
        #expect(RenderFormat.fixed(0.125, places: 2) == "0.13")
        #expect(RenderFormat.fixed(7, places: 0) == "7")
    }

    @Test func clockShowsMillisecondsOnlyWhenFractional() {
        #expect(RenderFormat.clock(0) == "0:00:00")
        #expect(RenderFormat.clock(3600) == "1:00:00")
        #expect(RenderFormat.clock(1234.5) == "0:20:34.500")
        #expect(RenderFormat.clock(0.001) == "0:00:00.001")
        #expect(RenderFormat.clock(59.9996) == "0:01:00")
        #expect(RenderFormat.clock(90061) == "25:01:01")
        #expect(RenderFormat.span(from: 60, to: 125.25) == "0:01:00\u{2013}0:02:05.250")
    }

    @Test func alignsLeftAndRightColumns() {
        var table = TextTable(columns: [.init("name"), .init("amps", .right)])
        table.append(["a", "6.00"])
        table.append(["longer", "20.00"])
        #expect(table.lines() == [
            "name     amps",
            "------  -----",
            "a        6.00",
            "longer  20.00",
        ])
        #expect(table.width == 13)
    }

    @Test func padsOnVisibleWidthSoColourKeepsColumns() {
        func table(colour: Bool) -> TextTable {
            var table = TextTable(columns: [.init("state"), .init("A", .right), .init("note")])
            table.append([ANSIStyle.green.apply("chg", enabled: colour), ANSIStyle.bold.apply("20.00", enabled: colour), "x"])
            table.append(["pau", "0.00", "longer note"])
            table.headerStyle = .bold
            table.colour = colour
            return table
        }
        let plain = table(colour: false).lines()
        let coloured = table(colour: true).lines()
        #expect(coloured.map(ANSIStyle.stripped) == plain)
        #expect(coloured != plain)
        #expect(Set(coloured.map(ANSIStyle.visibleWidth)) == [plain[0].count])
        #expect(plain.allSatisfy { !$0.contains("\u{1B}") })
    }

    @Test func shortRowsArePaddedWithEmptyCells() {
        var table = TextTable(columns: [.init("a"), .init("b", .right)])
        table.append(["x"])
        #expect(table.lines().last == "x   ")
    }

    @Test func ansiStyleIsANoOpWhenDisabled() {
        #expect(ANSIStyle.red.apply("fail", enabled: false) == "fail")
        #expect(ANSIStyle.red.apply("fail", enabled: true) == "\u{1B}[31mfail\u{1B}[0m")
        #expect(ANSIStyle.visibleWidth("\u{1B}[1m\u{1B}[32mchg 20.00\u{1B}[0m") == 9)
        #expect(ANSIStyle.visibleWidth("0:00:00\u{2013}0:01:00") == 15)
    }
}
