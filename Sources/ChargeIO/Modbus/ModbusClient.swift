#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ModbusProtocol
import NIOCore
import NIOPosix
import Synchronization

/// A Modbus client over one connection (MBAP over TCP, RTU over TCP, or RTU over a serial port; SPEC §5). One
/// request at a time; the lock serialises callers. A connection that falls out of step (timeout, bad frame) is
/// closed and the next request reconnects, with backoff; a request that finds an idle connection dropped by the
/// server is retried once on a fresh one. Every wait is bounded by `options`.
public final class ModbusClient: ModbusConnection {
    public let endpoint: ModbusEndpoint
    public let options: ModbusClientOptions

    struct State: ~Copyable {
        var stream: DescriptorStream?
        var nextTransactionID: UInt16 = 1
        var lastExchange = ContinuousClock.now
    }

    let state = Mutex(State())

    public init(endpoint: ModbusEndpoint, options: ModbusClientOptions = .init()) {
        self.endpoint = endpoint
        self.options = options
    }

    public static let connector: ModbusConnector = { endpoint, options in ModbusClient(endpoint: endpoint, options: options) }

    public var idleSeconds: Double {
        state.withLock { Self.seconds(ContinuousClock.now - $0.lastExchange) }
    }

    public func close() { state.withLock { $0.stream = nil } }

    /// Sends `request` to `unit` and returns its normal response; an exception reply is thrown. The blocking
    /// exchange runs on NIO's blocking-I/O thread pool, never on a Swift concurrency thread: blocking those could
    /// starve the very tasks (an in-process server, a watcher) the answer depends on.
    public func send(_ request: ModbusRequest, unit: UInt8) async throws(ModbusClientError) -> ModbusResponse {
        let result: Result<ModbusResponse, ModbusClientError>
        do {
            result = try await NIOThreadPool.singleton.runIfActive {
                do throws(ModbusClientError) { return .success(try self.exchange(request, unit: unit)) } catch { return .failure(error) }
            }
        } catch {
            throw .connectionLost(endpoint: endpoint.description, reason: "the I/O thread pool is shut down")
        }
        return try result.get()
    }

    /// The synchronous core of `send`: blocks the calling thread for at most the timeout (plus connection
    /// attempts). For callers on a thread of their own, such as the benchmark's tight loop.
    public func exchange(_ request: ModbusRequest, unit: UInt8) throws(ModbusClientError) -> ModbusResponse {
        let pdu: ByteBuffer
        do { pdu = try request.encoded() } catch { throw .invalidRequest(error) }
        return try state.withLock { (state: inout State) throws(ModbusClientError) -> ModbusResponse in
            let reused = state.stream != nil
            do throws(ModbusClientError) {
                return try attempt(request, pdu: pdu, unit: unit, state: &state)
            } catch .connectionLost(let endpoint, let reason) {
                state.stream = nil
                // An idle connection the server dropped fails on first use; a fresh one is worth one retry.
                guard reused else { throw .connectionLost(endpoint: endpoint, reason: reason) }
                do throws(ModbusClientError) { return try attempt(request, pdu: pdu, unit: unit, state: &state) } catch {
                    state.stream = nil
                    throw error
                }
            } catch {
                if case .exception = error {} else if case .invalidResponse = error {} else { state.stream = nil }
                throw error
            }
        }
    }

    private func attempt(_ request: ModbusRequest, pdu: ByteBuffer, unit: UInt8, state: inout State)
        throws(ModbusClientError) -> ModbusResponse
    {
        let stream: DescriptorStream
        if let open = state.stream { stream = open } else { stream = try self.open() }
        state.stream = stream
        let transactionID = state.nextTransactionID
        state.nextTransactionID &+= 1
        let deadline = ContinuousClock.now + .milliseconds(Int64(options.timeout * 1000))
        let exchange = FrameExchange(endpoint: endpoint, stream: stream, timeout: options.timeout)
        let response = try exchange.run(request, pdu: pdu, unit: unit, transactionID: transactionID, deadline: deadline)
        state.lastExchange = .now
        do { try request.validate(response) } catch { throw .invalidResponse(error) }
        if case .exception(let function, let code) = response { throw .exception(unit: unit, function: function, code: code) }
        return response
    }

    private func open() throws(ModbusClientError) -> DescriptorStream {
        switch endpoint {
        case .serial(let path, let settings):
            return try DescriptorStream.openSerial(path: path, settings: settings)
        case .tcp(let host, let port), .rtuOverTCP(let host, let port):
            return try Self.connecting(endpoint.description, options: options) { deadline throws(DescriptorStream.OpenFailure) in
                try DescriptorStream.connect(host: host, port: port, deadline: deadline)
            }
        }
    }

    /// Connects within one budget, `options.timeout` for every attempt together (`--timeout 3` takes about 3 s, not
    /// three attempts of 3 s and their backoff): a refused attempt is retried after a doubling backoff while the
    /// budget lasts; a timed-out one has spent it.
    static func connecting<Stream>(_ endpoint: String, options: ModbusClientOptions,
                                   sleep: (Double) -> Void = { ModbusClient.sleep(seconds: $0) },
                                   attempt: (ContinuousClock.Instant) throws(DescriptorStream.OpenFailure) -> Stream)
        throws(ModbusClientError) -> Stream
    {
        let deadline = ContinuousClock.now + .milliseconds(Int64(options.timeout * 1000))
        var delay = options.backoff
        var failure = ModbusClientError.connectTimeout(endpoint: endpoint, seconds: options.timeout)
        for number in 1...options.connectAttempts {
            do throws(DescriptorStream.OpenFailure) {
                return try attempt(deadline)
            } catch {
                switch error {
                case .timedOut: throw .connectTimeout(endpoint: endpoint, seconds: options.timeout)
                case .unreachable(let reason): failure = .unreachable(endpoint: endpoint, reason: reason)
                }
            }
            guard number < options.connectAttempts, delay > 0, seconds(deadline - .now) > delay else { break }
            sleep(delay)
            delay *= 2
        }
        throw failure
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func sleep(seconds: Double) {
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 { request = remaining }
    }
}
