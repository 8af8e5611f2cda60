import SQLite

/// One page of the customer list as read from the database, encoded to the response body
/// after the read: the shop's reads share one database thread, so the less of a page's work
/// runs there, the more pages a second go.
struct CustomerListPage: Sendable {
    /// The rows of `CustomerListQuery`'s page SELECT: id, store, default group, blocked reason,
    /// sort value, then `fields` in order.
    let rows: [Row]
    let ids: [Int64]
    let fields: [CustomerField]
    /// Each module's list columns and their values by customer id.
    let moduleColumns: [(keys: [String], values: [Int64: [String: JSONValue]])]
    let nextCursor: String?
    let total: Int64

    /// Where a row's member comes from.
    private enum Slot {
        case id, blocked
        case column(Int, CustomerFieldValidator.ReadShape)
        case module(Int, String)
    }

    /// `{"customers":[...],"nextCursor":...,"total":...}`, each row's keys sorted once for the page.
    func encoded() -> [UInt8] {
        var members: [(key: String, slot: Slot)] = [
            ("id", .id), ("storeId", .column(1, .plain)), ("defaultGroupId", .column(2, .plain)), ("blocked", .blocked),
        ]
        for (index, field) in fields.enumerated() {
            members.append((field.key, .column(5 + index, CustomerFieldValidator.ReadShape(field.kind))))
        }
        for (module, columns) in moduleColumns.enumerated() {
            for key in columns.keys { members.append((key, .module(module, key))) }
        }
        let writer = SortedJSONObjectWriter(members)
        var out: [UInt8] = []
        out.reserveCapacity(64 + rows.count * 700)
        out.append(contentsOf: #"{"customers":["#.utf8)
        for (position, row) in rows.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            let id = ids[position]
            writer.write(to: &out) { slot in
                switch slot {
                case .id: return .int(id)
                case .blocked: return .bool(row[3] != .null)
                case .column(let index, let shape): return CustomerFieldValidator.json(shape: shape, row[index])
                case .module(let module, let key): return moduleColumns[module].values[id]?[key] ?? .null
                }
            }
        }
        out.append(contentsOf: #"],"nextCursor":"#.utf8)
        if let nextCursor { JSONValue.writeString(nextCursor, to: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: #","total":"#.utf8)
        JSONValue.writeInteger(total, to: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }
}
