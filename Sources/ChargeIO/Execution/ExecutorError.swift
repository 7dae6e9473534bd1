/// Why the executor could not even start on a station.
public enum ExecutorError: Error, Sendable, CustomStringConvertible {
    case noBackupDirectory
    case backupUnwritable(path: String)
    case secretNeeded(station: String)

    public var description: String {
        switch self {
        case .noBackupDirectory: "neither XDG_STATE_HOME nor HOME is set, so there is no folder for the backup"
        case .backupUnwritable(let path): "cannot write the backup to \(path)"
        case .secretNeeded(let station): "\(station): a secret of the run (licence key, AuthorizationKey) is not stored, and it still has to be written"
        }
    }

    public var code: String {
        switch self {
        case .noBackupDirectory: "backup.no-directory"
        case .backupUnwritable: "backup.unwritable"
        case .secretNeeded: "run.secret-needed"
        }
    }

    public var hint: String {
        switch self {
        case .noBackupDirectory: "name a folder with --backup-dir DIR"
        case .backupUnwritable: "check that the folder is writable, or choose another with --backup-dir"
        case .secretNeeded: "resume with the site file too (chargectl apply --resume RUN SITE reads its licence keys again), or run the command again"
        }
    }
}
