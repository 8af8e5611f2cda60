/// Quoted-printable bodies (RFC 2045 §6.7): printable ASCII as it is, everything else as
/// `=XX`, lines at most 76 characters with `=` soft breaks, hard line breaks as CRLF.
///
/// Soft breaks go after spaces and URL punctuation (`/ ? & = .`) where they can, so a word or
/// a link token (`sa_ct_…`) stays on one line of the source: readable, and a log that masks
/// tokens in the raw message finds them whole.
public enum QuotedPrintable {
    /// RFC 2045 §6.7 rule 5: encoded lines are at most 76 characters.
    public static let maxLineLength = 76

    /// Encodes text with any line endings; the result's lines are joined by CRLF, without a
    /// final line break.
    public static func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        for (index, line) in lines(of: text).enumerated() {
            if index > 0 { out += [0x0D, 0x0A] }
            out += encodeLine(line)
        }
        return out
    }

    /// The lines of a text, split at CRLF, CR or LF (a trailing line break ends the last line).
    static func lines(of text: String) -> [Substring.UnicodeScalarView] {
        var lines: [Substring.UnicodeScalarView] = []
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var index = start
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == "\r" || scalar == "\n" {
                lines.append(Substring.UnicodeScalarView(scalars[start..<index]))
                let next = scalars.index(after: index)
                index = scalar == "\r" && next < scalars.endIndex && scalars[next] == "\n" ? scalars.index(after: next) : next
                start = index
            } else {
                index = scalars.index(after: index)
            }
        }
        if start < scalars.endIndex || lines.isEmpty { lines.append(Substring.UnicodeScalarView(scalars[start..<scalars.endIndex])) }
        return lines
    }

    /// Punctuation after which a soft break reads naturally; none of it occurs in tokens.
    private static let breakAfter: Set<UInt8> = Set(" \t/?&.,;:>)\"".utf8)

    private static func encodeLine(_ line: Substring.UnicodeScalarView) -> [UInt8] {
        // One atom per character, so a soft break never splits a character's bytes.
        var atoms: [(bytes: [UInt8], breakable: Bool)] = []
        let startsWithFrom = String(line).hasPrefix("From ")
        for scalar in line {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                let literal = (33...126).contains(byte) && byte != UInt8(ascii: "=") || byte == 0x20 || byte == 0x09
                // A leading "." or "From " survives careless relays better encoded.
                let first = atoms.isEmpty && (byte == UInt8(ascii: ".") || (byte == UInt8(ascii: "F") && startsWithFrom))
                if literal && !first {
                    atoms.append(([byte], breakAfter.contains(byte)))
                } else {
                    atoms.append((hex(byte), byte == UInt8(ascii: "=")))
                }
            } else {
                atoms.append((Array(String(scalar).utf8).flatMap(hex), false))
            }
        }
        // Rule 3: whitespace at the end of a line is encoded, or transports may strip it.
        if let last = atoms.last, last.bytes == [0x20] || last.bytes == [0x09] {
            atoms[atoms.count - 1] = (hex(last.bytes[0]), true)
        }
        var out: [UInt8] = []
        var current: [UInt8] = []
        var breaks: [Int] = []  // offsets in `current` after which a soft break may go
        let limit = maxLineLength - 1  // room for the "=" of a soft break
        for atom in atoms {
            while current.count + atom.bytes.count > limit {
                let cut = breaks.last(where: { $0 > 0 && current.count - $0 + atom.bytes.count <= limit }) ?? current.count
                out += current[..<cut] + [UInt8(ascii: "="), 0x0D, 0x0A]
                current.removeFirst(cut)
                breaks = breaks.filter { $0 > cut }.map { $0 - cut }
            }
            current += atom.bytes
            if atom.breakable { breaks.append(current.count) }
        }
        return out + current
    }

    private static func hex(_ byte: UInt8) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        return [UInt8(ascii: "="), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
    }
}
