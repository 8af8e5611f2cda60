import Cryptography
import Foundation

/// The signature of a webhook body, as Shopify signs theirs: the base64 of the HMAC-SHA256
/// of the raw body bytes under the subscription's secret, sent as `X-ShopAdmin-Hmac-SHA256`.
/// A receiver computes the same over the bytes it read and compares in constant time.
public enum WebhookSignature {
    public static let header = "X-ShopAdmin-Hmac-SHA256"

    /// The header's value for `body` under `secret`.
    public static func sign(_ body: [UInt8], secret: String) -> String {
        Data(HMACSHA256.authenticationCode(key: Array(secret.utf8), message: body)).base64EncodedString()
    }

    /// Whether `signature` is the header value for `body` under `secret` (constant time).
    public static func verify(_ body: [UInt8], secret: String, signature: String) -> Bool {
        guard let given = Data(base64Encoded: signature) else { return false }
        return ConstantTime.equals(Array(given), HMACSHA256.authenticationCode(key: Array(secret.utf8), message: body))
    }
}
