import ChargeCtlCLI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The executable is only this: every command lives in ChargeCtlCLI so tests can run them in-process, through the
/// same entry (`ChargeCtlCommand.execute`) the process uses. Not `main.swift`: an async root command needs `@main`
/// (reference/environment.md §1).
@main
struct ChargeCtl {
    static func main() async {
        exit(await ChargeCtlCommand.execute(Array(CommandLine.arguments.dropFirst()), in: .live))
    }
}
