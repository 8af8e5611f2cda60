import Cryptography

/// The bearer secrets of the staff API: a readable prefix saying what the token is
/// (`sa_st_` session, `sa_at_` API token, `sa_sp_` support session, `sa_pw_` set-password),
/// then 256 random bits. Only the SHA-256 of a token is ever stored: with that much entropy a
/// slow hash adds nothing, and a stolen database yields no usable token.
enum SecretToken {
    static let session = "sa_st_"
    static let apiToken = "sa_at_"
    static let support = "sa_sp_"
    static let setPassword = "sa_pw_"

    /// A new token with `prefix`, shown once to whoever asked for it.
    static func make(_ prefix: String) -> String {
        prefix + SecureRandom.token(byteCount: 32)
    }

    /// The stored form of a token: lower-case hex SHA-256.
    static func hash(_ token: String) -> String {
        Hex.encode(SHA256.hash(token))
    }
}
