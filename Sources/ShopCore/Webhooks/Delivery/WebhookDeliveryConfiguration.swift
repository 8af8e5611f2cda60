import Foundation

/// How the webhook worker runs: its retry policy, how much it does at once, and the HTTP
/// timeouts. The defaults suit a server; tests shorten the delays.
public struct WebhookDeliveryConfiguration: Sendable {
    /// The wait after the first failed attempt; each further one doubles it (exponential
    /// backoff), up to `maximumDelay`.
    public var initialDelay: Double = 30
    public var maximumDelay: Double = 3600
    /// After this many failed attempts a delivery is marked failed (about 11 hours with the
    /// defaults); staff can still redeliver it by hand.
    public var maximumAttempts = 15
    /// Seconds to resolve and connect to the receiver.
    public var connectTimeout: Double = 10
    /// Seconds any one read or write may block.
    public var timeout: Double = 15
    /// How long a claimed attempt may run before it counts as abandoned (a crash).
    public var claimLease: Double = 300
    /// Shops delivered to at the same time.
    public var concurrentShops = 4
    /// Deliveries claimed per pass over one shop, before other shops get their turn.
    public var batchSize = 50
    /// How often a suspended shop is looked at again.
    public var suspendedRecheck: Double = 300
    /// A PEM file of certificates trusted for `https` receivers besides the system's
    /// authorities (a private CA, a self-signed receiver); nil trusts the system's only.
    /// `serve` reads it from `SHOPADMIN_WEBHOOK_CA_FILE`.
    public var trustedCertificates: String?

    public init() {}

    /// The wait before attempt `attempts + 1`, after `attempts` failed ones.
    func delay(afterAttempts attempts: Int) -> Double {
        let exponent = Double(max(0, min(attempts - 1, 40)))
        return min(maximumDelay, initialDelay * pow(2, exponent))
    }
}
