import Foundation

/// What is wrong with one record of a CSV file, for the import report.
public enum CSVProblem: Sendable, Equatable {
    /// A quoted cell opened on this record was never closed: the rest of the file became one cell.
    case unbalancedQuote
    /// The cell (0-based column) is not valid UTF-8: the file was likely saved as Latin-1 or Windows-1252.
    case notUTF8(column: Int)
    /// The cell (0-based column) is longer than the reader's limit; its value was dropped, not held.
    case cellTooLarge(column: Int, limit: Int)

    /// One sentence a merchant can act on.
    public var message: String {
        switch self {
        case .unbalancedQuote:
            return "a quoted cell starting on this row is never closed (unbalanced \"); the rest of the file was read as one cell"
        case .notUTF8:
            return "the cell is not UTF-8 text; save the file as CSV UTF-8 (Excel: \"CSV UTF-8\", LibreOffice: character set Unicode UTF-8)"
        case .cellTooLarge(_, let limit):
            return "the cell is longer than \(limit) bytes"
        }
    }

    /// The 0-based column at fault, when one is.
    public var column: Int? {
        switch self {
        case .unbalancedQuote: return nil
        case .notUTF8(let column), .cellTooLarge(let column, _): return column
        }
    }
}

/// One record of a CSV file: its cells and its number (the header is record 1, as a
/// spreadsheet numbers rows when no cell holds a line break).
public struct CSVRecord: Sendable, Equatable {
    public var number: Int
    public var cells: [String]
    public var problems: [CSVProblem]
}

/// A streaming RFC 4180 reader over bytes: quoted cells with `""` escapes and line breaks,
/// CRLF or LF records, a UTF-8 byte-order mark skipped, `,`, `;` or tab detected from the
/// header line. It never fails on bad input: each record carries its problems (an unclosed
/// quote, a cell that is not UTF-8, a cell over `maxCellBytes`, whose bytes are skipped
/// rather than held), so an import can report every row. Memory is one chunk and one record.
public struct CSVReader {
    /// Gives the next chunk of the file; empty at the end.
    public typealias Source = () throws -> [UInt8]

    public private(set) var separator: UInt8
    public let maxCellBytes: Int
    private let source: Source
    private var buffer: [UInt8] = []
    private var index = 0
    private var finished = false
    private var recordNumber = 0
    private var cell: [UInt8] = []
    /// Bytes of the input consumed so far (for progress).
    public private(set) var bytesRead = 0

    /// - Parameters:
    ///   - separator: the cell separator; nil detects `,`, `;` or tab from the first line.
    ///   - maxCellBytes: the longest cell kept; longer cells are reported and dropped.
    public init(separator: UInt8? = nil, maxCellBytes: Int = 1 << 20, source: @escaping Source) throws {
        self.source = source
        self.maxCellBytes = maxCellBytes
        self.separator = separator ?? UInt8(ascii: ",")
        // The first chunk: skip a BOM (EF BB BF) and look at the header line.
        while buffer.count < 3 {
            let chunk = try source()
            if chunk.isEmpty { break }
            buffer.append(contentsOf: chunk)
        }
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { index = 3 }
        if separator == nil { self.separator = CSVReader.detectSeparator(buffer[index...]) }
        bytesRead = buffer.count
    }

    /// A reader over bytes in memory.
    public init(bytes: [UInt8], separator: UInt8? = nil, maxCellBytes: Int = 1 << 20) throws {
        var given: [UInt8]? = bytes
        try self.init(separator: separator, maxCellBytes: maxCellBytes) {
            defer { given = nil }
            return given ?? []
        }
    }

    /// A reader over a file, read in 1 MiB chunks.
    public static func file(_ path: String, separator: UInt8? = nil, maxCellBytes: Int = 1 << 20) throws -> CSVReader {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CSVFileError(message: "cannot open \(path)")
        }
        return try CSVReader(separator: separator, maxCellBytes: maxCellBytes) {
            guard let data = try handle.read(upToCount: 1 << 20), !data.isEmpty else {
                try? handle.close()
                return []
            }
            return [UInt8](data)
        }
    }

    /// The separator most used on the first line outside quotes: `;`, tab, else `,`.
    static func detectSeparator(_ bytes: ArraySlice<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [:]
        var quoted = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if quoted { continue }
            if byte == 10 || byte == 13 { break }
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == 9 { counts[byte, default: 0] += 1 }
        }
        let best = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key != UInt8(ascii: ",")) }
        return best?.key ?? UInt8(ascii: ",")
    }

    private mutating func refill() throws -> Bool {
        if finished { return false }
        buffer = try source()
        index = 0
        if buffer.isEmpty {
            finished = true
            return false
        }
        bytesRead += buffer.count
        return true
    }

    /// The next record, or nil at the end of the file. A blank last line is no record.
    public mutating func next() throws -> CSVRecord? {
        let quote = UInt8(ascii: "\"")
        var cells: [String] = []
        var problems: [CSVProblem] = []
        var inQuotes = false
        var overflow = false
        var sawAny = false
        cell.removeAll(keepingCapacity: true)
        recordNumber += 1

        func finishCell(_ cells: inout [String], _ problems: inout [CSVProblem], _ cell: inout [UInt8], _ overflow: inout Bool) {
            if overflow {
                problems.append(.cellTooLarge(column: cells.count, limit: maxCellBytes))
                cells.append("")
            } else if let text = String(validating: cell, as: UTF8.self) {
                cells.append(text)
            } else {
                problems.append(.notUTF8(column: cells.count))
                cells.append(String(decoding: cell, as: UTF8.self))
            }
            cell.removeAll(keepingCapacity: true)
            overflow = false
        }

        while true {
            if index == buffer.count, !(try refill()) {
                // The end of the file.
                if inQuotes { problems.append(.unbalancedQuote) }
                if !sawAny { return nil }
                finishCell(&cells, &problems, &cell, &overflow)
                return CSVRecord(number: recordNumber, cells: cells, problems: problems)
            }
            // Scan a run of plain bytes at once.
            let (consumed, stop): (Int, UInt8?) = buffer.withUnsafeBufferPointer { bytes in
                var position = index
                let end = bytes.count
                let separator = self.separator
                if inQuotes {
                    while position < end, bytes[position] != quote { position += 1 }
                } else {
                    while position < end {
                        let byte = bytes[position]
                        if byte == separator || byte == 10 || byte == 13 || byte == quote { break }
                        position += 1
                    }
                }
                return (position, position < end ? bytes[position] : nil)
            }
            if consumed > index {
                sawAny = true
                if !overflow {
                    if cell.count + (consumed - index) > maxCellBytes {
                        overflow = true
                    } else {
                        cell.append(contentsOf: buffer[index..<consumed])
                    }
                }
                index = consumed
            }
            guard let stop else { continue }
            sawAny = true
            index += 1
            if inQuotes {
                // A quote: `""` is one quote, otherwise the quoted part ends.
                if index == buffer.count { _ = try refill() }
                if index < buffer.count, buffer[index] == quote {
                    index += 1
                    if !overflow { cell.append(quote) }
                } else {
                    inQuotes = false
                }
                continue
            }
            switch stop {
            case quote:
                // A quote opens a quoted part; one inside an unquoted cell is kept as text.
                if cell.isEmpty && !overflow { inQuotes = true } else if !overflow { cell.append(quote) }
            case 13:
                if index == buffer.count { _ = try refill() }
                if index < buffer.count, buffer[index] == 10 { index += 1 }
                finishCell(&cells, &problems, &cell, &overflow)
                return CSVRecord(number: recordNumber, cells: cells, problems: problems)
            case 10:
                finishCell(&cells, &problems, &cell, &overflow)
                return CSVRecord(number: recordNumber, cells: cells, problems: problems)
            default:
                finishCell(&cells, &problems, &cell, &overflow)
            }
        }
    }
}

/// A CSV file that cannot be opened.
public struct CSVFileError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
