import Foundation

/// How the delivery worker runs: its retry policy, how much it does at once, and the SMTP
/// timeouts. The defaults suit a server; tests shorten the delays.
public struct EmailDeliveryConfiguration: Sendable {
    /// The wait after the first transient failure; each further one doubles it (exponential
    /// backoff), up to `maximumDelay`.
    public var initialDelay: Double = 60
    public var maximumDelay: Double = 3600
    /// After this many attempts an email that still fails transiently is marked failed. With
    /// the defaults the last attempt comes about a day after the first.
    public var maximumAttempts = 30
    /// How long a claimed attempt may run before it counts as abandoned (a crash); longer than
    /// any SMTP conversation can take with the timeouts below.
    public var claimLease: Double = 600
    /// Shops delivered to at the same time.
    public var concurrentShops = 4
    /// Emails claimed per pass over one shop, before other shops get their turn.
    public var batchSize = 50
    /// How often a suspended shop is looked at again (its email waits while it is suspended).
    public var suspendedRecheck: Double = 300
    /// The EHLO name (RFC 5321 §4.1.1.1): this host's name unless set, or `localhost` when
    /// the name is not a plain DNS name.
    public var heloName = EmailDeliveryConfiguration.hostName()
    public var connectTimeout: Double = 15
    public var commandTimeout: Double = 60

    public init() {}

    private static func hostName() -> String {
        let name = ProcessInfo.processInfo.hostName
        let plain =
            !name.isEmpty
            && name.utf8.allSatisfy {
                $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
                    || ($0 < 0x80 && (Character(UnicodeScalar($0)).isLetter || Character(UnicodeScalar($0)).isNumber))
            }
        return plain ? name : "localhost"
    }

    /// The wait before attempt `attempts + 1`, after `attempts` failed ones.
    func delay(afterAttempts attempts: Int) -> Double {
        let exponent = Double(max(0, min(attempts - 1, 40)))
        return min(maximumDelay, initialDelay * pow(2, exponent))
    }
}
