import Foundation
import HTTPServer
import SQLite

/// The marketing phone list (DOMAIN.md 002): E.164 numbers of the customers in a filtered
/// set who agreed to SMS marketing, as CSV. Streamed in pages of 5,000, each page one short
/// read, so a million-customer export neither holds the shop's database nor fills memory.
enum CustomerPhoneExport {
    static let pageSize = 5000

    static func response(shop: Shop, query: CustomerListQuery) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.set("Content-Type", "text/csv; charset=utf-8")
        headers.set("Content-Disposition", "attachment; filename=\"\(shop.slug.value)-sms-phones.csv\"")
        return HTTPResponse(
            status: .ok, headers: headers,
            body: .stream { writer in
                try await writer.write(Array("phone,firstName,lastName,customerNumber\r\n".utf8))
                var after: Int64 = 0
                while true {
                    let from = after
                    let (chunk, last) = try await shop.database.read { db -> ([UInt8], Int64?) in
                        try page(db, query: query, after: from)
                    }
                    if !chunk.isEmpty { try await writer.write(chunk) }
                    guard let last else { return }
                    after = last
                }
            })
    }

    /// One page of rows after customer id `after`, as CSV, and the last id (nil at the end).
    static func page(_ db: Database, query: CustomerListQuery, after: Int64) throws -> ([UInt8], Int64?) {
        var conditions = query.conditions + ["customer.sms_marketing = 1", "customer.phone IS NOT NULL", "customer.id > ?"]
        var arguments = query.arguments + [after]
        if let search = query.search {
            guard let match = CustomerSearchIndex.matchExpression(search) else { return ([], nil) }
            conditions.append("customer.id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?)")
            arguments.append(match)
        }
        var out: [UInt8] = []
        var last: Int64?
        var count = 0
        try db.forEachRow(
            "SELECT id, phone, first_name, last_name, customer_number FROM customer WHERE \(conditions.joined(separator: " AND ")) ORDER BY id LIMIT ?",
            arguments + [pageSize]
        ) { row in
            count += 1
            last = try row.get("id")
            let cells = [row["phone"], row["first_name"], row["last_name"], row["customer_number"]].map { value -> String in
                guard case .text(let text) = value else { return "" }
                return CSVCell.escape(text)
            }
            out.append(contentsOf: cells.joined(separator: ",").utf8)
            out.append(contentsOf: [13, 10])
        }
        return (out, count == pageSize ? last : nil)
    }
}
