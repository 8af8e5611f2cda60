import Foundation
import ShopCore
import Testing

/// The CSV reader on raw bytes: RFC 4180 quoting, separators, the BOM, chunk boundaries and
/// every malformed input reported on its record rather than thrown.
@Suite("CSV reader")
struct CSVReaderTests {
    static func records(_ text: String, separator: UInt8? = nil, maxCellBytes: Int = 1 << 20) throws -> [CSVRecord] {
        try records(Array(text.utf8), separator: separator, maxCellBytes: maxCellBytes)
    }

    static func records(_ bytes: [UInt8], separator: UInt8? = nil, maxCellBytes: Int = 1 << 20, chunk: Int = 1 << 20) throws
        -> [CSVRecord]
    {
        var offset = 0
        var reader = try CSVReader(separator: separator, maxCellBytes: maxCellBytes) {
            defer { offset = min(bytes.count, offset + chunk) }
            return Array(bytes[offset..<min(bytes.count, offset + chunk)])
        }
        var out: [CSVRecord] = []
        while let record = try reader.next() { out.append(record) }
        return out
    }

    @Test func quotedCellsWithSeparatorsQuotesAndLineBreaks() throws {
        let rows = try Self.records("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n,,\n")
        #expect(rows.map(\.cells) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\r\nlines"], ["", "", ""]])
        #expect(rows.map(\.number) == [1, 2, 3])
        #expect(rows.allSatisfy { $0.problems.isEmpty })
    }

    @Test func detectsSemicolonAndSkipsTheByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Nimi;Sähköposti\nÅsa, AB;asa@example.se\n".utf8)
        var reader = try CSVReader(bytes: bytes)
        #expect(reader.separator == UInt8(ascii: ";"))
        #expect(try reader.next()?.cells == ["Nimi", "Sähköposti"])
        #expect(try reader.next()?.cells == ["Åsa, AB", "asa@example.se"])
        #expect(try reader.next() == nil)
    }

    @Test func sameRecordsWhateverTheChunkSize() throws {
        let text = "first,\"quoted \"\"q\"\"\r\nline\",last\r\nÄÖ,\"\",x\r\n"
        let whole = try Self.records(Array(text.utf8))
        for chunk in 1...7 {
            #expect(try Self.records(Array(text.utf8), chunk: chunk) == whole, "chunk \(chunk)")
        }
    }

    @Test func unbalancedQuoteIsReportedOnTheRecordWhereItOpened() throws {
        let rows = try Self.records("a,b\n1,\"never closed\n3,4\n")
        #expect(rows.count == 2)
        #expect(rows[1].number == 2)
        #expect(rows[1].problems == [.unbalancedQuote])
    }

    @Test func latin1CellIsReportedWithItsColumn() throws {
        // "Mäkinen" in ISO-8859-1: ä is the single byte E4.
        let bytes = Array("a,b\n1,M".utf8) + [0xE4] + Array("kinen\n".utf8)
        let rows = try Self.records(bytes)
        #expect(rows[1].problems == [.notUTF8(column: 1)])
        #expect(rows[1].problems[0].message.contains("UTF-8"))
    }

    @Test func raggedRowsKeepTheirOwnWidth() throws {
        let rows = try Self.records("a,b,c\n1\n1,2,3,4\n")
        #expect(rows.map(\.cells.count) == [3, 1, 4])
    }

    @Test func hugeCellIsDroppedAndReportedWithoutStoppingTheFile() throws {
        let big = String(repeating: "x", count: 10_000_000)
        let rows = try Self.records(Array("a,b\n1,\"\(big)\"\n2,ok\n".utf8), maxCellBytes: 1 << 20, chunk: 1 << 16)
        #expect(rows.count == 3)
        #expect(rows[1].cells == ["1", ""])
        #expect(rows[1].problems == [.cellTooLarge(column: 1, limit: 1 << 20)])
        #expect(rows[2].cells == ["2", "ok"])
    }

    @Test func noRecordForAnEmptyFileOrAFinalNewline() throws {
        #expect(try Self.records("").isEmpty)
        #expect(try Self.records("a\n").count == 1)
        #expect(try Self.records("a").map(\.cells) == [["a"]])
    }
}

/// The CSV writer: quoting, the separator, the BOM and formula neutralisation, and the
/// reader reading back exactly what it wrote.
@Suite("CSV writer")
struct CSVWriterTests {
    @Test func quotesOnlyWhatNeedsIt() {
        var writer = CSVWriter(separator: UInt8(ascii: ";"), byteOrderMark: true)
        writer.write(["plain", "a;b", "say \"x\"", "two\nlines", ""])
        #expect(writer.bytes == [0xEF, 0xBB, 0xBF] + Array("plain;\"a;b\";\"say \"\"x\"\"\";\"two\nlines\";\r\n".utf8))
    }

    @Test func neutralisesFormulasButNotPhones() {
        #expect(CSVCell.escape("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0")
        #expect(CSVCell.escape("@SUM(1)") == "'@SUM(1)")
        #expect(CSVCell.escape("-2+3") == "'-2+3")
        #expect(CSVCell.escape("+358401234567") == "+358401234567")
        #expect(CSVCell.escape("+1+1") == "'+1+1")
        #expect(CSVCell.escape("=HYPERLINK(\"x\",\"y\")") == "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")
        #expect(CSVCell.restore("'=cmd|x") == "=cmd|x")
        #expect(CSVCell.restore("'plain") == "'plain")
    }

    @Test func readerReadsBackWhatTheWriterWrote() throws {
        let rows = [["id", "name", "note"], ["1", "Åsa \"Q\" Öberg", "=1+2"], ["2", "", "line\r\nbreak; and, more"]]
        for separator in [UInt8(ascii: ","), UInt8(ascii: ";")] {
            var writer = CSVWriter(separator: separator, byteOrderMark: true)
            for row in rows { writer.write(row) }
            var reader = try CSVReader(bytes: writer.bytes)
            var back: [[String]] = []
            while let record = try reader.next() { back.append(record.cells.map(CSVCell.restore)) }
            #expect(back == rows)
        }
    }
}
