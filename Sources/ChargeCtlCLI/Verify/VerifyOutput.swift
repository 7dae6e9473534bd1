import ChargeHTTPS
import Foundation

/// `verify`'s one output path: the JSON document (printed with `--json`, hashed for the report either way), the
/// text, and the report file.
enum VerifyOutput {
    static func emit(_ result: VerifyResult, format: VerifyDocumentFormat?, in env: CLIEnvironment) throws -> ExitStatus {
        let report = VerifyReport(result: result)
        let json = try ReportOutput.encode(report) + "\n"
        if let format, let path = result.reportPath {
            let context = VerifyDocument.Context(date: env.now(), version: ChargeCtlCommand.configuration.version,
                                                 jsonSHA256: checksum(json))
            let document = VerifyDocument(result, context)
            let text = format == .html ? VerifyHTML.render(document) : VerifyMarkdown.render(document)
            do { try env.writeFile(path, text) } catch {
                throw CommandFailure(status: .invalidInput, code: "verify.report-unwritable", message: "cannot write the report to \(path): \(error)",
                                     hint: "choose a writable path for --report")
            }
        }
        if env.json { env.console.out(json) } else { env.console.out(report.text(colour: env.useColour)) }
        return result.exitStatus
    }

    /// SHA-256 of the document's exact bytes, in hex: `sha256sum` of what `--json` printed.
    static func checksum(_ json: String) -> String {
        SHA256.digest(Array(json.utf8)).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}
