import Foundation

/// Decoders for the unit tests, written from the RFCs independently of the encoders under test
/// (the live tests use Python's email package as a second, independent reader).
enum MIMEDecoding {
    /// RFC 2045 §6.7: `=XX` is a byte, `=` at a line end is a soft break.
    static func quotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let input = Array(text.utf8)
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "=") {
                if index + 2 < input.count, input[index + 1] == 0x0D, input[index + 2] == 0x0A {
                    index += 3
                    continue
                }
                let hex = String(decoding: input[(index + 1)...(index + 2)], as: UTF8.self)
                bytes.append(UInt8(hex, radix: 16)!)
                index += 3
            } else {
                bytes.append(input[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// RFC 2047 Q encoded words, whitespace between adjacent words dropped (§6.2).
    static func encodedWords(_ text: String) -> String {
        // "\r\n" is one Character in Swift: split on whitespace, not on "\r" and "\n".
        let words = text.split(whereSeparator: \.isWhitespace)
        var bytes: [UInt8] = []
        for word in words {
            guard word.hasPrefix("=?UTF-8?Q?") && word.hasSuffix("?=") else { return "<not an encoded word: \(word)>" }
            let payload = word.dropFirst(10).dropLast(2).replacingOccurrences(of: "_", with: " ")
            bytes += Array(quotedPrintable(payload).utf8)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The header fields of a message, unfolded (RFC 5322 §2.2.3), in order.
    static func headers(_ message: [UInt8]) -> [(name: String, value: String)] {
        let text = String(decoding: message, as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n")[0]
        var fields: [(String, String)] = []
        for line in head.components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t") {
                fields[fields.count - 1].1 += "\r\n" + line
            } else if let colon = line.firstIndex(of: ":") {
                fields.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
        }
        return fields
    }

    static func header(_ message: [UInt8], _ name: String) -> String? {
        headers(message).first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
