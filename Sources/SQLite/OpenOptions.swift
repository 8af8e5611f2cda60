/// How `Database` opens a file.
///
/// The defaults are those of a request path: the file must already exist (a typo in a tenant
/// id must not create an empty shop), writable, with a 5 s busy timeout.
public struct OpenOptions: Sendable {
    /// Create the file if missing. Only provisioning passes `true`.
    public var create: Bool = false
    /// Open read-only (backups, inspection). The file must already be in WAL mode.
    public var readOnly: Bool = false
    /// How long a statement waits on a lock held by another process before `SQLITE_BUSY`.
    public var busyTimeoutMilliseconds: Int32 = 5000
    /// Require that deleted content is overwritten with zeros (`PRAGMA secure_delete`), for
    /// files holding personal data that must really be gone after erasure. `false` leaves
    /// SQLite's compiled-in default (Debian's build already turns it on).
    public var secureDelete: Bool = false
    /// Bytes of the file SQLite may memory-map for reads (`PRAGMA mmap_size`); 0 leaves it off.
    /// Large, read-heavy files (a million customers) read faster mapped than through read().
    public var memoryMapBytes: Int64 = 0
    /// Hold the file's lock for the connection's lifetime (`PRAGMA locking_mode=EXCLUSIVE`):
    /// no per-transaction file locking and no shared-memory file. Right when one connection
    /// owns the file, as every ShopAdmin database has; other processes cannot open it meanwhile.
    public var exclusiveLocking: Bool = false

    /// Options for opening a database; every parameter defaults to the request-path setting.
    /// - Parameters:
    ///   - create: create the file if it is missing.
    ///   - readOnly: open read-only.
    ///   - busyTimeoutMilliseconds: busy timeout in milliseconds.
    ///   - secureDelete: zero deleted content.
    ///   - memoryMapBytes: how much of the file to memory-map for reads.
    ///   - exclusiveLocking: keep the file locked while open.
    public init(
        create: Bool = false,
        readOnly: Bool = false,
        busyTimeoutMilliseconds: Int32 = 5000,
        secureDelete: Bool = false,
        memoryMapBytes: Int64 = 0,
        exclusiveLocking: Bool = false
    ) {
        self.create = create
        self.readOnly = readOnly
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        self.secureDelete = secureDelete
        self.memoryMapBytes = memoryMapBytes
        self.exclusiveLocking = exclusiveLocking
    }
}
