import Foundation
import Testing

@testable import ShopCore

/// The JSON writers that skip dictionaries and sorting on hot paths must write exactly what
/// `JSONValue` writes for the same object.
@Suite struct JSONWritingTests {
    static let record: [String: JSONValue] = [
        "id": .int(42), "email": .string("åsa.öberg@example.se"), "note": .string("line\none \"quoted\" \\ tab\t\u{1}"),
        "enabled": .bool(true), "balance": .int(-9_223_372_036_854_775_807), "zero": .int(0), "nothing": .null,
        "groupIds": .array([.int(1), .int(2)]), "customFields": .object(["b": .string("2"), "a": .int(1)]),
        "Z-upper": .string("sorts before lower case"), "émoji": .string("🙂"), "rate": .double(0.25),
    ]

    @Test func sortedObjectWriterWritesWhatJSONValueWrites() {
        let writer = SortedJSONObjectWriter(Self.record.map { (key: $0.key, slot: $0.key) })
        var out: [UInt8] = []
        writer.write(to: &out) { key in Self.record[key]! }
        #expect(String(decoding: out, as: UTF8.self) == String(decoding: JSONValue.object(Self.record).serialized(), as: UTF8.self))
    }

    @Test func objectsOfOneShapeReuseTheirOrderAndDifferentKeySetsStillSort() {
        let expected = String(decoding: JSONValue.object(Self.record).serialized(), as: UTF8.self)
        // Twice: the second write takes the remembered order.
        #expect(String(decoding: JSONValue.object(Self.record).serialized(), as: UTF8.self) == expected)
        // Same count and lengths, other keys: must not reuse the order.
        var other = Self.record
        other["id"] = nil
        other["di"] = .int(42)
        let written = String(decoding: JSONValue.object(other).serialized(), as: UTF8.self)
        let parsed = try? JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any]
        #expect(parsed?["di"] as? Int == 42)
        #expect(parsed?.count == other.count)
        #expect(written.firstRange(of: #""customFields""#)!.lowerBound < written.firstRange(of: #""di""#)!.lowerBound)
    }

    @Test func integersAtTheEdges() {
        for value in [Int64.min, Int64.max, 0, -1, 1, 10, 1_000_000] {
            #expect(String(decoding: JSONValue.int(value).serialized(), as: UTF8.self) == String(value))
        }
    }
}
