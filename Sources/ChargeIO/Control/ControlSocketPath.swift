/// Where `serve` listens for the other commands (SPEC §1 `serve`): `$XDG_RUNTIME_DIR/chargectl/serve.sock`, else
/// the state directory (`$XDG_STATE_HOME/chargectl`, `~/.local/state/chargectl`). Per user, so another user's serve
/// is never reached.
public enum ControlSocketPath {
    public static func `default`(environment: [String: String]) -> String? {
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty { return runtime + "/chargectl/serve.sock" }
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/chargectl/serve.sock" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.local/state/chargectl/serve.sock" }
        return nil
    }
}
