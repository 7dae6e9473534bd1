#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// A non-blocking file descriptor (a TCP socket or a serial port) read and written with `poll` deadlines. The
/// Modbus poll loop is one request at a time on one connection, so a blocking exchange is simpler than an event
/// loop and saves two thread hops per request (ARCHITECTURE.md allows it behind the `ModbusConnection` protocol;
/// `make bench` measures it against libmodbus). Every wait ends at a deadline.
final class DescriptorStream {
    let descriptor: Int32
    let name: String

    init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
    }

    deinit { _ = close(descriptor) }

    enum Failure: Error {
        case timedOut
        case closed(String)
    }

    /// Writes every byte before `deadline`.
    func writeAll(_ buffer: ByteBuffer, deadline: ContinuousClock.Instant) throws(Failure) {
        var offset = 0
        let count = buffer.readableBytes
        while offset < count {
            let written = buffer.withUnsafeReadableBytes { raw in
                write(descriptor, raw.baseAddress.map { $0 + offset }, count - offset)
            }
            if written > 0 {
                offset += written
            } else if written < 0, errno == EAGAIN || errno == EINTR {
                try wait(for: Int16(POLLOUT), until: deadline)
            } else {
                throw .closed(Self.errorText())
            }
        }
    }

    /// Appends what is readable to `buffer`, waiting until `deadline` for the first byte. Throws `.closed` at
    /// end of stream, so a caller never spins on zero-byte reads.
    func readAvailable(into buffer: inout ByteBuffer, deadline: ContinuousClock.Instant) throws(Failure) {
        while true {
            var result = 0
            var failure: Int32 = 0
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 512) { raw in
                result = read(descriptor, raw.baseAddress, raw.count)
                failure = result < 0 ? errno : 0
                return max(result, 0)
            }
            if result > 0 { return }
            if result == 0 { throw .closed("the peer closed the connection") }
            guard failure == EAGAIN || failure == EINTR else { throw .closed(Self.errorText(failure)) }
            try wait(for: Int16(POLLIN), until: deadline)
        }
    }

    /// Drops whatever is already waiting to be read: a late answer to an earlier, timed-out RTU request.
    func discardPending() {
        var scratch = [UInt8](repeating: 0, count: 256)
        while read(descriptor, &scratch, scratch.count) > 0 {}
    }

    func wait(for events: Int16, until deadline: ContinuousClock.Instant) throws(Failure) {
        let remaining = deadline - ContinuousClock.now
        let milliseconds = remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
        guard remaining > .zero else { throw .timedOut }
        var entry = pollfd(fd: descriptor, events: events, revents: 0)
        let ready = poll(&entry, 1, Int32(clamping: max(milliseconds, 1)))
        if ready == 0 { throw .timedOut }
        if ready < 0, errno != EINTR { throw .closed(Self.errorText()) }
    }

    static func errorText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }
}
