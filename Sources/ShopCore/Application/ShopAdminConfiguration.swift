import Cryptography
import HTTPServer

/// How an instance runs: where the data lives, the HTTP limits, pool size, password cost.
public struct ShopAdminConfiguration: Sendable {
    /// The folder holding `registry.sqlite` and one folder per shop (`Tenants/` by default).
    public var dataDirectory: String
    public var http = HTTPServerConfiguration()
    /// How many shop databases stay open at once.
    public var poolCapacity = 256
    /// Staff and customer password hashing; lower only in tests.
    public var passwordAlgorithm = PasswordAlgorithm.pbkdf2SHA256(iterations: 600_000)
    /// At most this many password hashes run at once.
    public var passwordConcurrency = 2
    /// How long a staff session lasts, in seconds.
    public var staffSessionLifetime: Double = 12 * 3600
    /// Access and error log; `LogSink.disabled` for silence.
    public var log = LogSink()

    public init(dataDirectory: String) {
        self.dataDirectory = dataDirectory
    }
}
