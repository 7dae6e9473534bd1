// ModbusProtocol: filled in by its issue (see ARCHITECTURE.md).
enum ModbusProtocolPlaceholder {}
