internal import COpenSSL
import Glibc

/// TLS over a connected TCP stream, through OpenSSL, for the SMTP client (STARTTLS, implicit
/// TLS) and the HTTP client (`https` webhooks): TLS 1.2 or newer, the server's certificate
/// verified against the trusted authorities and its name checked against the host (unless
/// the caller accepts any certificate), SNI sent for host names.
///
/// OpenSSL's error queue is per thread: every call and its error reading happen on the
/// caller's queue, one after the other.
public final class TLSConnection: ByteStream {
    private let tcp: TCPConnection
    private let context: OpaquePointer
    private let connection: OpaquePointer
    private let peer: String
    private var closed = false

    /// Runs the TLS handshake over `tcp` as a client of `host`.
    /// - Throws: `.tls` when the handshake fails or the certificate is not trusted, with
    ///   OpenSSL's reason (`certificate verify failed: self-signed certificate`).
    public init(over tcp: TCPConnection, host: String, verification: CertificateVerification) throws(StreamError) {
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw Self.failure("SSL_CTX_new", host: name) }
        // SSL_CTX_set_min_proto_version is a macro over SSL_CTX_ctrl.
        SSL_CTX_ctrl(context, SSL_CTRL_SET_MIN_PROTO_VERSION, Int(TLS1_2_VERSION), nil)
        switch verification {
        case .system:
            SSL_CTX_set_default_verify_paths(context)
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        case .trusting(let file):
            SSL_CTX_set_default_verify_paths(context)
            guard SSL_CTX_load_verify_locations(context, file, nil) == 1 else {
                SSL_CTX_free(context)
                throw StreamError(.tls, "cannot read the trusted certificates in \(file)")
            }
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        case .acceptAny:
            SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        }
        guard let connection = SSL_new(context) else {
            SSL_CTX_free(context)
            throw Self.failure("SSL_new", host: name)
        }
        self.tcp = tcp
        self.context = context
        self.connection = connection
        self.peer = name
        let isAddress = Self.isAddressLiteral(name)
        if verification != .acceptAny {
            // The certificate must name the host: OpenSSL checks only the chain unless told.
            let named = isAddress ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(connection), name) : SSL_set1_host(connection, name)
            guard named == 1 else { throw Self.failure("setting the expected host name", host: name) }
        }
        if !isAddress {
            // SNI (RFC 6066 §3); SSL_set_tlsext_host_name is a macro over SSL_ctrl.
            _ = name.withCString {
                SSL_ctrl(connection, SSL_CTRL_SET_TLSEXT_HOSTNAME, Int(TLSEXT_NAMETYPE_host_name), UnsafeMutableRawPointer(mutating: $0))
            }
        }
        guard SSL_set_fd(connection, tcp.descriptor) == 1 else { throw Self.failure("SSL_set_fd", host: name) }
        let result = SSL_connect(connection)
        guard result == 1 else {
            let verify = SSL_get_verify_result(connection)
            if verify != X509_V_OK {
                let reason = String(cString: X509_verify_cert_error_string(verify))
                ERR_clear_error()
                throw StreamError(.tls, "the TLS certificate of \(name) is not trusted: \(reason)")
            }
            throw ioFailure(result, "the TLS handshake with")
        }
    }

    deinit {
        close()
        SSL_free(connection)
        SSL_CTX_free(context)
    }

    public func write(_ bytes: [UInt8]) throws(StreamError) {
        var offset = 0
        while offset < bytes.count {
            guard !closed else { throw StreamError(.connection, "the connection to \(peer) is closed") }
            ERR_clear_error()
            let count = bytes[offset...].withUnsafeBytes { SSL_write(connection, $0.baseAddress, Int32($0.count)) }
            guard count > 0 else { throw ioFailure(count, "writing to") }
            offset += Int(count)
        }
    }

    public func read(maxCount: Int) throws(StreamError) -> [UInt8] {
        guard !closed else { throw StreamError(.connection, "the connection to \(peer) is closed") }
        var bytes = [UInt8](repeating: 0, count: maxCount)
        ERR_clear_error()
        let count = bytes.withUnsafeMutableBytes { SSL_read(connection, $0.baseAddress, Int32($0.count)) }
        if count > 0 { return Array(bytes[..<Int(count)]) }
        if SSL_get_error(connection, count) == SSL_ERROR_ZERO_RETURN { return [] }
        throw ioFailure(count, "reading from")
    }

    /// Sends close_notify when it can, then closes the socket.
    public func close() {
        guard !closed else { return }
        closed = true
        ERR_clear_error()
        _ = SSL_shutdown(connection)
        ERR_clear_error()
        tcp.close()
    }

    public var descriptor: Int32 { tcp.descriptor }

    /// Turns a failed SSL call into an error: a timeout (the socket's SO_RCVTIMEO ends in
    /// EAGAIN, which OpenSSL reports as WANT_READ), a closed connection, or OpenSSL's reason.
    private func ioFailure(_ result: Int32, _ action: String) -> StreamError {
        let savedErrno = errno
        let code = SSL_get_error(connection, result)
        defer { ERR_clear_error() }
        switch code {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            return StreamError(.timeout, "\(peer) did not answer in time")
        case SSL_ERROR_SYSCALL:
            if ERR_peek_error() == 0 {
                if savedErrno == 0 { return StreamError(.connection, "\(peer) closed the connection during TLS") }
                return tcp.failure(savedErrno, action)
            }
            return Self.failure(action, host: peer, kind: .tls)
        default:
            return Self.failure(action, host: peer, kind: .tls)
        }
    }

    /// An error carrying OpenSSL's queued reasons, then the queue cleared.
    private static func failure(_ action: String, host: String, kind: StreamError.Kind = .tls) -> StreamError {
        var reasons: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        let reason = reasons.isEmpty ? "no reason given" : reasons.joined(separator: "; ")
        return StreamError(kind, "TLS with \(host) failed (\(action)): \(reason)")
    }

    /// An IPv4 or IPv6 literal: no SNI for it (RFC 6066 §3), and its certificate names an IP.
    static func isAddressLiteral(_ name: String) -> Bool {
        if name.contains(":") { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isNumber) }
    }
}

/// Which server certificates a TLS connection accepts.
public enum CertificateVerification: Sendable, Equatable {
    /// The system's trusted authorities, and the certificate must name the host.
    case system
    /// The system's authorities plus the certificates in this PEM file (a private CA or a
    /// self-signed server); the certificate must still name the host.
    case trusting(pemFile: String)
    /// Any certificate: encrypted but not authenticated. For a self-signed relay on a local
    /// network and for tests; never the default.
    case acceptAny
}
