/// The DATA payload (RFC 5321 §4.5.2): every line ends in CRLF (a bare CR or LF is made one,
/// §2.3.8 forbids them), a line starting with "." gets a second one so it cannot end the
/// message early, and the message ends with CRLF "." CRLF.
enum DotStuffing {
    static func encode(_ message: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.count + message.count / 64 + 5)
        var atLineStart = true
        var index = 0
        while index < message.count {
            let byte = message[index]
            switch byte {
            case 0x0D:
                out += [0x0D, 0x0A]
                // CRLF is one line end; a CR alone is made one too.
                index += index + 1 < message.count && message[index + 1] == 0x0A ? 2 : 1
                atLineStart = true
                continue
            case 0x0A:
                out += [0x0D, 0x0A]
                atLineStart = true
            default:
                if atLineStart && byte == UInt8(ascii: ".") { out.append(UInt8(ascii: ".")) }
                out.append(byte)
                atLineStart = false
            }
            index += 1
        }
        if !atLineStart { out += [0x0D, 0x0A] }
        out += [UInt8(ascii: "."), 0x0D, 0x0A]
        return out
    }
}
