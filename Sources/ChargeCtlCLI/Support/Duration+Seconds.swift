extension Swift.Duration {
    /// Seconds as a Double, for reports (SPEC §7: times in seconds).
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }

    /// Tenths of a second are what a person reads in a progress line or a summary.
    var roundedSeconds: Double { (seconds * 10).rounded() / 10 }
}
