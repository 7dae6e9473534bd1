/// libFuzzer entry point; a plain `swift build` links this as an executable that does nothing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = UnsafeBufferPointer(start: data, count: size)
    return 0
}
