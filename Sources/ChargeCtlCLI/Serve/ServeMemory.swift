#if canImport(Glibc)
import Glibc
#endif

/// serve keeps a thousand connections in a few threads; glibc would give each thread that mallocs its own arena
/// and keep their freed pages, which showed as peak RSS in the OCPP benchmark. Two arenas suffice for two cores.
enum ServeMemory {
    static func limitArenas() {
        #if canImport(Glibc)
        // mallopt lives in <malloc.h>, which the Glibc module does not export; M_ARENA_MAX is -8 there.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(-8, 2)
        #endif
    }
}
