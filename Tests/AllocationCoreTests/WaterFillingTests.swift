import Testing
@testable import AllocationCore

/// Rule 2 in isolation: rise together from zero, never below a floor, stop at the first limit met.
@Suite struct WaterFillingTests {
    typealias P = WaterFilling.Participant
    typealias C = WaterFilling.Constraint

    @Test func floorsLiftTheSmallerShareNotTheLarger() {
        let result = WaterFilling.solve([P(floor: 14, ceiling: 32), P(floor: 6, ceiling: 32)], constraints: [C(limit: 24, members: [0, 1])])
        #expect(result == [14, 10])
    }

    @Test func equalParticipantsEndEqualAndCeilingsReleaseTheRest() {
        let result = WaterFilling.solve([P(floor: 6, ceiling: 32), P(floor: 6, ceiling: 32), P(floor: 6, ceiling: 8)],
                                        constraints: [C(limit: 40, members: [0, 1, 2])])
        #expect(result == [16, 16, 8])
    }

    @Test func aSharedPhaseBindsOnlyItsMembers() {
        // Socket 0 on L1, socket 1 on L1+L3 (a 2-phase EV), socket 2 on L3 only; 20 A per phase.
        let result = WaterFilling.solve([P(floor: 6, ceiling: 32), P(floor: 6, ceiling: 32), P(floor: 6, ceiling: 32)],
                                        constraints: [C(limit: 20, members: [0, 1]), C(limit: 20, members: [1, 2])])
        #expect(result == [10, 10, 10])
        let lopsided = WaterFilling.solve([P(floor: 6, ceiling: 32), P(floor: 6, ceiling: 32)],
                                          constraints: [C(limit: 20, members: [0, 1]), C(limit: 100, members: [1])])
        #expect(lopsided == [10, 10])
    }

    @Test func floorsAtTheLimitStayAtTheirFloors() {
        let result = WaterFilling.solve([P(floor: 6, ceiling: 32), P(floor: 6, ceiling: 32)], constraints: [C(limit: 12, members: [0, 1])])
        #expect(result == [6, 6])
    }
}
