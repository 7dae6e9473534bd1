// OCPP16: filled in by its issue (see ARCHITECTURE.md).
enum OCPP16Placeholder {}
