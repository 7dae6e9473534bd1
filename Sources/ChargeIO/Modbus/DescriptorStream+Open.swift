#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ModbusProtocol

extension DescriptorStream {
    enum OpenFailure: Error {
        case unreachable(String)
        case timedOut
    }

    /// A TCP connection to `host:port` (IPv4 or IPv6, the first address that answers), non-blocking, with Nagle
    /// off: a Modbus request is one small segment that must leave at once.
    static func connect(host: String, port: Int, deadline: ContinuousClock.Instant) throws(OpenFailure) -> DescriptorStream {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw .unreachable("cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            entry = info.pointee.ai_next
            let descriptor = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { lastError = errorText(); continue }
            let stream = DescriptorStream(descriptor: descriptor, name: "\(host):\(port)")
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            var one: Int32 = 1
            setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            if Glibc.connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return stream }
            guard errno == EINPROGRESS else { lastError = errorText(); continue }
            do {
                try stream.wait(for: Int16(POLLOUT), until: deadline)
            } catch {
                guard case .closed(let reason) = error else { throw .timedOut }
                lastError = reason
                continue
            }
            var socketError: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &socketError, &length)
            if socketError == 0 { return stream }
            lastError = errorText(socketError)
        }
        throw .unreachable(lastError)
    }

    /// A serial port in raw mode with the meter's line settings (termios): baud, 8 data bits, parity, stop bits;
    /// reads return at once (VMIN 0, VTIME 0) because the frame decoder, not the tty driver, finds frame ends.
    static func openSerial(path: String, settings: MeterPreset.SerialSettings) throws(ModbusClientError) -> DescriptorStream {
        let descriptor = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK)
        guard descriptor >= 0 else { throw .serialPort(path: path, reason: errorText()) }
        let stream = DescriptorStream(descriptor: descriptor, name: path)
        guard let speed = baudConstant(settings.baudRate) else {
            throw .serialPort(path: path, reason: "\(settings.baudRate) baud is not a standard rate")
        }
        var options = termios()
        guard tcgetattr(descriptor, &options) == 0 else { throw .serialPort(path: path, reason: errorText()) }
        cfmakeraw(&options)
        cfsetispeed(&options, speed)
        cfsetospeed(&options, speed)
        options.c_cflag &= ~tcflag_t(CSIZE | PARENB | PARODD | CSTOPB)
        options.c_cflag |= tcflag_t(CS8 | CLOCAL | CREAD)
        switch settings.parity {
        case .none: break
        case .even: options.c_cflag |= tcflag_t(PARENB)
        case .odd: options.c_cflag |= tcflag_t(PARENB | PARODD)
        }
        if settings.stopBits == 2 { options.c_cflag |= tcflag_t(CSTOPB) }
        options.c_cc.6 = 0  // VMIN
        options.c_cc.5 = 0  // VTIME
        guard tcsetattr(descriptor, TCSANOW, &options) == 0 else { throw .serialPort(path: path, reason: errorText()) }
        tcflush(descriptor, TCIOFLUSH)
        return stream
    }

    static func baudConstant(_ rate: Int) -> speed_t? {
        let table: [Int: Int32] = [
            1200: B1200, 2400: B2400, 4800: B4800, 9600: B9600, 19200: B19200, 38400: B38400, 57600: B57600,
            115200: B115200, 230400: B230400,
        ]
        return table[rate].map { speed_t($0) }
    }
}
