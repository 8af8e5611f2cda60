import Cryptography
import Foundation
import Synchronization

/// The operator console's sign-ins. The operator signs in with the operator token once; the
/// browser then holds only a random session id in an `HttpOnly` cookie, and the token stays
/// on the server (in memory, keyed by the SHA-256 of the session id, for eight hours). A
/// rotated token ends every session at its next page, since each call goes through the API.
final class OperatorConsoleSessions: Sendable {
    struct Session: Sendable {
        let token: String
        let locale: AdminLocale
        let expires: Date
    }

    static let lifetime: TimeInterval = 8 * 3600
    private let sessions = Mutex<[String: Session]>([:])

    /// Starts a session for `token`; the session id for the cookie.
    func start(token: String, locale: AdminLocale) -> String {
        let id = SecureRandom.token(byteCount: 32)
        let now = Date()
        sessions.withLock { sessions in
            sessions = sessions.filter { $0.value.expires > now }
            sessions[SHA256.hexHash(id)] = Session(token: token, locale: locale, expires: now.addingTimeInterval(Self.lifetime))
        }
        return id
    }

    /// The live session of a cookie's id.
    func session(_ id: String) -> Session? {
        let key = SHA256.hexHash(id)
        return sessions.withLock { sessions in
            guard let session = sessions[key] else { return nil }
            guard session.expires > Date() else {
                sessions[key] = nil
                return nil
            }
            return session
        }
    }

    /// Ends a session (sign-out).
    func end(_ id: String) { _ = sessions.withLock { $0.removeValue(forKey: SHA256.hexHash(id)) } }
}
