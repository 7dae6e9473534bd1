import StationModel

/// Resolves a secret reference (site file or command line) to its value in the shell; the value is then only
/// ever written to a station, never printed (SPEC §6).
enum Secrets {
    static func resolve(_ reference: SecretRef, field: String, in env: CLIEnvironment) throws -> String {
        switch reference {
        case let .literal(value):
            return value
        case let .env(name):
            guard let value = env.variables[name], !value.isEmpty else {
                throw CommandFailure(status: .invalidInput, code: "secret.env-missing",
                                     message: "\(field): the environment variable \(name) is not set",
                                     hint: "export \(name)=… before running, or point the secret at a file with { file: PATH }")
            }
            return value
        case let .file(path):
            do {
                let text = try env.readFile(path)
                return String(text.split(whereSeparator: \.isNewline).first ?? "")
            } catch {
                throw CommandFailure(status: .invalidInput, code: "secret.file-unreadable",
                                     message: "\(field): cannot read the secret file \(path)", hint: "check the path and its permissions")
            }
        }
    }
}
