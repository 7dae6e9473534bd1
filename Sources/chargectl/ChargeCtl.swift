import ChargeCtlCLI

/// The executable is only this: every command lives in ChargeCtlCLI so tests can run them in-process.
/// Not `main.swift`: an async root command needs `@main` (reference/environment.md §1).
@main
struct ChargeCtl {
    static func main() async {
        await ChargeCtlCommand.main()
    }
}
