import Cryptography
import Foundation
import SQLite
import ShopCore

/// The link in the merchant's notification that approves one application (DOMAIN.md 000,
/// step 6): `<application>.<expires>.<nonce>.<signature>`, signed with HMAC-SHA256 under the
/// shop's own secret, valid for seven days and good for one approval. The signature makes the
/// link unforgeable and unalterable (a changed id or date fails it); the nonce, stored per
/// link, makes it single-use and lets a used link be told apart from a forged one.
struct ApprovalLink: Sendable {
    static let lifetime: TimeInterval = 7 * 24 * 3600

    let applicationID: Int64
    let expires: Int64
    let nonce: String

    /// Issues a link for the application, inside the write transaction that stores it.
    static func issue(_ db: Database, applicationID: Int64, shop: String, secret: [UInt8], now: Date) throws -> (
        token: String, expiresAt: Date
    ) {
        let expiresAt = now.addingTimeInterval(lifetime)
        let link = ApprovalLink(
            applicationID: applicationID, expires: Int64(expiresAt.timeIntervalSince1970), nonce: Hex.encode(SecureRandom.bytes(16)))
        try db.execute(
            "INSERT INTO b2b_approval_link(nonce, application_id, created_at) VALUES(?, ?, ?)",
            [link.nonce, applicationID, Timestamp.now()])
        return (link.payload + "." + Base64URL.encode(link.signature(shop: shop, secret: secret)), expiresAt)
    }

    /// Checks a token and returns its link; the refusals say what is wrong: 400 for a token
    /// cut short, 403 for one altered or not this shop's, 410 for one expired or used.
    static func verify(_ db: Database, token: String, shop: String, secret: [UInt8], now: Date) throws -> ApprovalLink {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, let id = Int64(parts[0]), id > 0, let expires = Int64(parts[1]), parts[2].count == 32,
            Hex.decode(parts[2]) != nil, let signature = Base64URL.decode(parts[3])
        else {
            throw HTTPError.badRequest(
                "This approval link is incomplete; open the whole link from the notification email.", code: "invalid_link",
                field: "token")
        }
        let link = ApprovalLink(applicationID: id, expires: expires, nonce: parts[2])
        guard ConstantTime.equals(signature, link.signature(shop: shop, secret: secret)) else {
            throw HTTPError(
                .forbidden, code: "link_invalid",
                message: "This approval link is not valid: it has been changed, or it belongs to another shop.", field: "token")
        }
        guard Double(expires) > now.timeIntervalSince1970 else {
            throw HTTPError(
                .gone, code: "link_expired",
                message:
                    "This approval link expired on \(Timestamp.format(Date(timeIntervalSince1970: Double(expires)))); approve the application in the admin instead.",
                field: "token")
        }
        guard let row = try db.queryRow("SELECT application_id, used_at FROM b2b_approval_link WHERE nonce = ?", [link.nonce]),
            try row.get("application_id", as: Int64.self) == id
        else {
            throw HTTPError(
                .forbidden, code: "link_invalid", message: "This approval link is not valid for any application of this shop.",
                field: "token")
        }
        if case .text(let used) = row["used_at"] {
            throw HTTPError(
                .gone, code: "link_used", message: "This approval link was already used (\(used)); each link approves once.",
                field: "token")
        }
        return link
    }

    /// Marks the link used, in the transaction of the approval it made.
    func markUsed(_ db: Database) throws {
        try db.execute("UPDATE b2b_approval_link SET used_at = ? WHERE nonce = ? AND used_at IS NULL", [Timestamp.now(), nonce])
    }

    var payload: String { "\(applicationID).\(expires).\(nonce)" }

    func signature(shop: String, secret: [UInt8]) -> [UInt8] {
        HMACSHA256.authenticationCode(key: secret, message: Array("b2b-approval:\(shop):\(payload)".utf8))
    }
}
