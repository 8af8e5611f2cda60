import Cryptography

/// Request ids: a client's own `X-Request-Id` when it is sane (so a trace crosses systems),
/// otherwise a random per-process prefix and a counter, unique without a syscall per request.
final class RequestIDGenerator: Sendable {
    private let prefix = Hex.encode(SecureRandom.bytes(4))
    private let counter = AtomicCounter()

    func id(for inbound: String?) -> String {
        if let inbound, (1...64).contains(inbound.utf8.count),
            inbound.utf8.allSatisfy({ byte in
                (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            })
        {
            return inbound
        }
        return "\(prefix)-\(String(counter.add(), radix: 36))"
    }
}
