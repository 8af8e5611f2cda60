/// Writes CSV records as bytes per RFC 4180 (CRLF, quotes doubled, a cell quoted when it
/// holds the separator, `,`, `;`, a quote or a line break), optionally after a UTF-8
/// byte-order mark for spreadsheets. Formula injection is neutralised: a cell starting with
/// `=`, `+`, `-`, `@`, tab or CR gets a leading apostrophe, so Excel and LibreOffice show it
/// as text (OWASP "CSV injection"); `+` followed by digits only (an E.164 phone) is left alone.
/// The reader's `CSVCell.restore` takes the apostrophe off again on import.
public struct CSVWriter {
    public let separator: UInt8
    /// The bytes written since the last `take()`.
    public private(set) var bytes: [UInt8] = []

    public init(separator: UInt8 = UInt8(ascii: ","), byteOrderMark: Bool = false) {
        self.separator = separator
        if byteOrderMark { bytes = [0xEF, 0xBB, 0xBF] }
        bytes.reserveCapacity(1 << 16)
    }

    /// Appends one record.
    public mutating func write(_ cells: [String]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(separator) }
            CSVCell.append(cell, separator: separator, to: &bytes)
        }
        bytes.append(13)
        bytes.append(10)
    }

    /// Appends one cell of a record being built by hand; `first` leaves out the separator.
    public mutating func writeCell(_ cell: String, first: Bool) {
        if !first { bytes.append(separator) }
        CSVCell.append(cell, separator: separator, to: &bytes)
    }

    /// Ends a record built with `writeCell`.
    public mutating func endRecord() {
        bytes.append(13)
        bytes.append(10)
    }

    /// The bytes written so far, leaving the writer empty.
    public mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }
}

/// One CSV cell: quoting and formula neutralisation on the way out, and the inverse on the way in.
public enum CSVCell {
    /// Whether a cell starting with `byte` is read as a formula by a spreadsheet (`=`, `+`,
    /// `-`, `@`, tab, CR). A switch, not a `Set`: it runs for every cell, and hashing a byte
    /// per cell was a few per cent of an export.
    static func isFormulaStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13: return true
        default: return false
        }
    }

    /// The cell as text (for callers building strings).
    public static func escape(_ text: String, separator: UInt8 = UInt8(ascii: ",")) -> String {
        var out: [UInt8] = []
        append(text, separator: separator, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the cell's bytes, neutralised and quoted as needed.
    public static func append(_ text: String, separator: UInt8, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            guard let first = utf8.first else { return }
            var neutralise = isFormulaStart(first)
            if neutralise, first == UInt8(ascii: "+"), utf8.count > 1, utf8.dropFirst().allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                neutralise = false
            }
            var needsQuotes = false
            for byte in utf8
            where byte == separator || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "\"")
                || byte == 10 || byte == 13
            {
                needsQuotes = true
                break
            }
            if !needsQuotes {
                if neutralise { out.append(UInt8(ascii: "'")) }
                out.append(contentsOf: utf8)
                return
            }
            out.append(UInt8(ascii: "\""))
            if neutralise { out.append(UInt8(ascii: "'")) }
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { out.append(byte) }
                out.append(byte)
            }
            out.append(UInt8(ascii: "\""))
        }
    }

    /// A cell as read back: the apostrophe `append` put before a formula character removed.
    public static func restore(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.count >= 2, utf8.first == UInt8(ascii: "'"), isFormulaStart(utf8[utf8.index(after: utf8.startIndex)])
        else { return text }
        return String(text.dropFirst())
    }
}
