/// Reads SMTP replies out of the bytes a server sends (RFC 5321 §4.2): lines of a
/// multi-line reply end in `<code>-`, the last one in `<code> ` (or the bare code).
/// Bytes, never `Character`s: in Swift `"\r\n"` is one Character.
///
/// Limits keep a hostile or broken server from making the client buffer without end: a
/// line is at most `maxLineLength` bytes and a reply at most `maxLines` lines.
struct SMTPReplyParser {
    /// RFC 5321 §4.5.3.1.5 allows 512 octets per reply line; real servers stay well below.
    static let maxLineLength = 4096
    static let maxLines = 256

    private var buffer: [UInt8] = []
    private var pending: [String] = []
    private var pendingCode: Int?

    /// Whether bytes arrived that are not yet part of a complete reply. After STARTTLS this
    /// must be false: bytes sent before the handshake would otherwise be read as if they had
    /// come over TLS (the STARTTLS command-injection flaw, CVE-2011-0411).
    var hasBufferedBytes: Bool { !buffer.isEmpty || pendingCode != nil }

    mutating func append<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
    }

    /// The next complete reply, nil when more bytes are needed.
    /// - Throws: `SMTPError` of kind `.protocolViolation` for a line that is no reply.
    mutating func next() throws(SMTPError) -> SMTPReply? {
        while let newline = buffer.firstIndex(of: 0x0A) {
            var line = Array(buffer[..<newline])
            buffer.removeSubrange(...newline)
            if line.last == 0x0D { line.removeLast() }
            guard line.count <= Self.maxLineLength else { throw Self.violation("a reply line longer than \(Self.maxLineLength) bytes") }
            let (code, isLast, text) = try Self.split(line)
            if let pendingCode, pendingCode != code {
                throw Self.violation("a multi-line reply changed its code from \(pendingCode) to \(code)")
            }
            pending.append(text)
            guard pending.count <= Self.maxLines else { throw Self.violation("a reply of more than \(Self.maxLines) lines") }
            if isLast {
                defer {
                    pending = []
                    pendingCode = nil
                }
                return SMTPReply(code: code, lines: pending)
            }
            pendingCode = code
        }
        guard buffer.count <= Self.maxLineLength else { throw Self.violation("a reply line longer than \(Self.maxLineLength) bytes") }
        return nil
    }

    /// `250-SIZE 1000` → (250, false, "SIZE 1000"); `250 OK` → (250, true, "OK"); `250` → (250, true, "").
    private static func split(_ line: [UInt8]) throws(SMTPError) -> (Int, Bool, String) {
        guard line.count >= 3, line[0...2].allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw violation("a reply line that does not start with a three-digit code")
        }
        let code = Int(line[0] - 0x30) * 100 + Int(line[1] - 0x30) * 10 + Int(line[2] - 0x30)
        guard (200...599).contains(code) else { throw violation("the reply code \(code), which SMTP does not use") }
        if line.count == 3 { return (code, true, "") }
        switch line[3] {
        case UInt8(ascii: "-"): return (code, false, String(decoding: line[4...], as: UTF8.self))
        case UInt8(ascii: " "): return (code, true, String(decoding: line[4...], as: UTF8.self))
        default: throw violation("a reply line whose code is followed by neither space nor hyphen")
        }
    }

    private static func violation(_ what: String) -> SMTPError {
        SMTPError(.protocolViolation, "the server sent \(what)")
    }
}
