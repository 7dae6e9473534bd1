import NIOCore

/// What the server should do with a request addressed to a bank.
public enum RegisterBankReply: Hashable, Sendable {
    /// Send this response (possibly an exception).
    case respond(ModbusResponse)
    /// The bank has no such unit. A device stays silent, so the client times out; a gateway answers
    /// `gatewayResponse` (0x0B, Modbus Application Protocol 1.1b3 §7). The transport chooses.
    case unknownUnit(UInt8, function: FunctionCode)
    /// The PDU is empty: there is no function code to echo in an exception, so nothing can be answered.
    case unanswerable(ModbusPDUError)

    /// The response a gateway gives for `unknownUnit`; nil for the other cases.
    public var gatewayResponse: ModbusResponse? {
        guard case .unknownUnit(_, let function) = self else { return nil }
        return .exception(function: function, code: .gatewayTargetDeviceFailedToRespond)
    }
}

extension RegisterBank {
    /// Decodes a request PDU and answers it: an undecodable request gets the exception its error maps to
    /// (0x01 unsupported function, 0x03 bad quantity or length).
    public mutating func handle(pdu: ByteBuffer, unit unitID: UInt8) -> RegisterBankReply {
        guard let code = pdu.getInteger(at: pdu.readerIndex, as: UInt8.self) else { return .unanswerable(.empty) }
        let function = FunctionCode(rawValue: code)
        guard units[unitID] != nil else { return .unknownUnit(unitID, function: function) }
        do {
            return handle(try ModbusRequest(pdu: pdu), unit: unitID)
        } catch {
            return .respond(.exception(function: function, code: error.exceptionCode))
        }
    }

    /// Answers a decoded request. The checks run in the order of Modbus Application Protocol 1.1b3 §6.3/§6.12
    /// state diagrams: quantity (0x03), then address range (0x02). A write touches holding registers only and
    /// is all-or-nothing: any absent register refuses the whole write.
    public mutating func handle(_ request: ModbusRequest, unit unitID: UInt8) -> RegisterBankReply {
        guard units[unitID] != nil else { return .unknownUnit(unitID, function: request.functionCode) }
        let function = request.functionCode
        do {
            try request.validate()
        } catch {
            return .respond(.exception(function: function, code: error.exceptionCode))
        }
        let illegalAddress = RegisterBankReply.respond(.exception(function: function, code: .illegalDataAddress))
        switch request {
        case .readHoldingRegisters(let address, let quantity), .readInputRegisters(let address, let quantity):
            let table: RegisterTable = function == .readHoldingRegisters ? .holding : .input
            guard let values = read(address, count: Int(quantity), in: table, unit: unitID) else { return illegalAddress }
            return .respond(.read(table, registers: values))
        case .writeSingleRegister(let address, let value):
            guard register(address, in: .holding, unit: unitID) != nil else { return illegalAddress }
            units[unitID]?.holding[address] = value
            return .respond(.writeSingleRegister(address: address, value: value))
        case .writeMultipleRegisters(let address, let values):
            guard read(address, count: values.count, in: .holding, unit: unitID) != nil,
                (try? store(values, at: address, in: .holding, unit: unitID)) != nil
            else { return illegalAddress }
            return .respond(.writeMultipleRegisters(address: address, quantity: UInt16(values.count)))
        }
    }
}
