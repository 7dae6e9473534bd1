/// Capped exponential backoff between connection attempts: 0.1 s, 0.2 s, 0.4 s … up to 5 s, so a station whose
/// central system is not up yet neither hammers it nor waits long once it is. Pure; the shell sleeps.
public struct ReconnectBackoff: Sendable, Hashable {
    public var initial: Duration
    public var maximum: Duration
    /// Attempts before the charge point gives up (every loop is bounded); at the 5 s cap the default is ~14 h.
    public var maximumAttempts: Int

    public init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(5), maximumAttempts: Int = 10_000) {
        self.initial = initial
        self.maximum = maximum
        self.maximumAttempts = maximumAttempts
    }

    /// The wait before attempt `failures + 1`, after `failures` consecutive failures (0 → `initial`).
    public func delay(afterFailures failures: Int) -> Duration {
        var delay = initial
        for _ in 0..<max(0, min(failures, 64)) {
            delay = delay * 2
            if delay >= maximum { return maximum }
        }
        return min(delay, maximum)
    }
}
