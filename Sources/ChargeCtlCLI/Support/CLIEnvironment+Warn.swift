import AllocationCore
import StationModel

extension CLIEnvironment {
    /// The one way a warning reaches a person: `warning: message`, then `  hint: …` when there is one, on stderr
    /// (SPEC §1: stdout carries only the result, and with `--json` only the document). A report that carries its
    /// warnings in its JSON document (plan, apply) still lists them there; this is the human channel.
    public func warn(_ finding: Finding) {
        console.err("warning: \(finding.message)\n" + (finding.hint.isEmpty ? "" : "  hint: \(finding.hint)\n"))
    }
}
