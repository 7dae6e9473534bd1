import Logging
import NIOCore
import NIOPosix
import NIOWebSocket
import OCPP16
import Synchronization

/// An OCPP 1.6J charge point (the simulator's station side, SPEC §5): dials the central system, answers its CALLs
/// through `responder`, sends its own with `call`, and redials with capped backoff when the connection drops.
/// `run` owns every socket; cancelling its task (or `stop`) ends it.
public final class OCPPChargePoint: Sendable {
    public let configuration: ChargePointConfiguration
    /// Connection events and the central system's CALLs; finishes when `run` returns.
    public let events: AsyncStream<ChargePointEvent>
    private let eventSink: AsyncStream<ChargePointEvent>.Continuation
    private let responder: ClosureResponder
    private let group: any EventLoopGroup
    private let logger: Logger
    private let state = Mutex(State())

    private struct State {
        var link: ChargePointLink?
        var offlineFor: Duration?
        var stopped = false
        /// The central system to dial instead of `configuration.url` (a station whose back-office URL changed).
        var url: ChargePointURL?
    }

    /// `respond` answers each CALL of the central system (GetConfiguration, ChangeConfiguration, Reset, …).
    public init(configuration: ChargePointConfiguration,
                logger: Logger = Logger(label: "chargectl.chargepoint", factory: { _ in SwiftLogNoOpLogHandler() }),
                group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                respond: @escaping @Sendable (OCPPRequest, CallContext) -> CallResponse) {
        self.configuration = configuration
        self.responder = ClosureResponder(respond: respond)
        self.group = group
        self.logger = logger
        (events, eventSink) = AsyncStream.makeStream(of: ChargePointEvent.self, bufferingPolicy: .bufferingNewest(1024))
    }

    public var isConnected: Bool { state.withLock { $0.link != nil } }

    /// Sends a CALL on the open connection; fails with `connectionClosed` when there is none.
    public func call(_ request: OCPPRequest) async -> Result<OCPPConfirmation, CallFailure> {
        guard let link = state.withLock({ $0.link }) else { return .failure(.connectionClosed) }
        return await link.call(request)
    }

    /// Drops the connection (after anything queued, such as a Reset's answer, is written) and stays away for
    /// `duration`: a reboot.
    public func goOffline(for duration: Duration) {
        let link = state.withLock { state in
            state.offlineFor = duration
            return state.link
        }
        link?.close()
    }

    /// Dials `url` from the next connection on (a back-office URL written before a reboot).
    public func redial(to url: ChargePointURL) {
        state.withLock { $0.url = url }
    }

    /// Closes the connection and ends `run`.
    public func stop() {
        let link = state.withLock { state in
            state.stopped = true
            return state.link
        }
        link?.close()
    }

    /// Dials, serves, redials, until stopped, cancelled, or `maximumAttempts` dials in a row failed.
    public func run() async {
        defer { eventSink.finish() }
        var failures = 0
        while !Task.isCancelled, !state.withLock({ $0.stopped }) {
            if let offline = state.withLock({ state in defer { state.offlineFor = nil }; return state.offlineFor }) {
                do { try await Task.sleep(for: offline) } catch { return }
            }
            let reason: String
            var configuration = self.configuration
            if let url = state.withLock({ $0.url }) { configuration.url = url }
            do {
                switch try await WebSocketClientSetup.connect(configuration, group: group) {
                case .upgraded(let channel):
                    failures = 0
                    await serve(channel)
                    continue
                case .refused(let status):
                    reason = "the central system refused the upgrade (\(status))"
                }
            } catch {
                reason = "\(error)"
            }
            failures += 1
            guard failures < configuration.backoff.maximumAttempts else {
                eventSink.yield(.gaveUp)
                return
            }
            let delay = configuration.backoff.delay(afterFailures: failures - 1)
            eventSink.yield(.connectFailed(reason: reason, retryIn: delay))
            do { try await Task.sleep(for: delay) } catch { return }
        }
    }

    private func serve(_ channel: NIOAsyncChannel<WebSocketFrame, WebSocketFrame>) async {
        let (messages, outbound) = AsyncStream.makeStream(of: String.self)
        let sink = eventSink
        let session = OCPPSession(responder: responder, messageIDs: SequentialMessageIDs(prefix: "cp"))
        let link = ChargePointLink(session: session, outbound: outbound, callTimeout: configuration.callTimeout,
                                   logger: logger) { request in sink.yield(.received(request)) }
        let stopped = state.withLock { state in
            state.link = link
            return state.stopped || state.offlineFor != nil
        }
        if stopped { link.close() }
        eventSink.yield(.connected)
        await ChargePointLoop(link: link, messages: messages, logger: logger).run(channel)
        state.withLock { if $0.link === link { $0.link = nil } }
        eventSink.yield(.disconnected)
        if state.withLock({ $0.offlineFor == nil && !$0.stopped }) {
            // A dropped connection is redialled after the shortest backoff, not in a tight loop.
            try? await Task.sleep(for: configuration.backoff.initial)
        }
    }
}

/// Adapts a closure to the session's responder protocol.
struct ClosureResponder: CallResponder {
    let respond: @Sendable (OCPPRequest, CallContext) -> CallResponse

    func respond(to request: OCPPRequest, context: CallContext) -> CallResponse {
        respond(request, context)
    }
}
