/// One reply of an SMTP server (RFC 5321 §4.2): a three-digit code and one or more lines of
/// text. The first digit is what the client acts on: 2 done, 3 go on, 4 try again later,
/// 5 never (§4.2.1), which is how a delivery tells a retry from a permanent failure.
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    /// The reply code, 200 to 599 (100s are not used by SMTP).
    public let code: Int
    /// The text of each line, without the code and its separator.
    public let lines: [String]

    /// Creates a reply; public so tests and callers can build expected values.
    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines.isEmpty ? [""] : lines
    }

    /// 2xx: the command succeeded.
    public var isPositiveCompletion: Bool { (200..<300).contains(code) }
    /// 3xx: the server waits for more (after DATA, during AUTH).
    public var isPositiveIntermediate: Bool { (300..<400).contains(code) }
    /// 4xx: a transient failure; the same command may succeed later (§4.2.1).
    public var isTransientFailure: Bool { (400..<500).contains(code) }
    /// 5xx: a permanent failure; sending again will fail again (§4.2.1).
    public var isPermanentFailure: Bool { (500..<600).contains(code) }

    /// The enhanced status code at the start of the text (`5.1.1`, RFC 3463), when the server
    /// gives one: more precise than the reply code for the email log.
    public var enhancedStatus: String? {
        guard let first = lines.first?.split(separator: " ", maxSplits: 1).first else { return nil }
        let parts = first.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let klass = parts.first, ["2", "4", "5"].contains(klass),
            parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) })
        else { return nil }
        return String(first)
    }

    /// The reply on one line, as logs and the email log show it: `550 5.1.1 No such user`;
    /// lines of a multi-line reply are joined with ` / `.
    public var description: String {
        "\(code) " + lines.joined(separator: " / ")
    }
}
