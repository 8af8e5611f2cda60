import Foundation
import SQLite

/// The customer CSV export: a filtered set (a search, list filters or everyone) in one of
/// the layouts of `CustomerCSVFormat`, read in pages of 2,000 by id, each page one short
/// read, so any size streams in constant memory without holding the shop's database.
public struct CustomerCSVExport: Sendable {
    public let format: CustomerCSVFormat
    /// Native columns, in the merchant's order (every column when none are chosen).
    public let columns: [String]
    public let separator: UInt8
    public let byteOrderMark: Bool
    /// The enabled modules' record members exported as JSON columns (`customFields`).
    let moduleMembers: [String]
    /// The enabled modules' CSV columns (`tags`), by native name, with the module that fills each.
    let moduleColumns: [(column: CustomerCSVColumn, module: any FeatureModule)]
    let modules: [any FeatureModule]
    let query: CustomerListQuery
    static let pageSize = 2000

    /// - Parameters:
    ///   - fields: native column names to export; unknown names are a 400 naming `fields`.
    ///   - separator: `,`, `;` or tab; nil takes the format's own.
    init(
        format: CustomerCSVFormat, fields: [String]?, separator: UInt8?, byteOrderMark: Bool, modules: [any FeatureModule],
        query: CustomerListQuery
    ) throws {
        self.format = format
        self.modules = modules
        self.query = query
        moduleMembers = modules.flatMap { $0.customerRecordMembers.keys.sorted() }
        moduleColumns = modules.flatMap { module in module.customerCSVColumns.map { ($0, module) } }
        let all = CustomerCSVFormat.nativeColumns(moduleMembers: moduleMembers + moduleColumns.map(\.column.name))
        if let fields, !fields.isEmpty {
            guard format == .native else {
                throw HTTPError.badRequest("fields picks columns of the native format only.", code: "invalid_query", field: "fields")
            }
            let known = Set(all)
            if let unknown = fields.first(where: { !known.contains($0) }) {
                throw HTTPError.badRequest(
                    "fields: \(unknown) is not an export column; choose from \(all.joined(separator: ", ")).", code: "invalid_query",
                    field: "fields")
            }
            columns = fields
        } else {
            columns = all
        }
        self.separator = separator ?? format.defaultSeparator
        self.byteOrderMark = byteOrderMark
        let (members, csvColumns) = (moduleMembers, Set(moduleColumns.map(\.column.name)))
        nativePlan = columns.map { column in
            switch column {
            case "store": return .store
            case "groups": return .groups
            case "defaultGroup": return .defaultGroup
            case "addresses": return .addresses
            case _ where csvColumns.contains(column): return .moduleCell(column)
            case _ where members.contains(column): return .moduleMember(column)
            default:
                guard let index = CustomerCSVRow.fieldIndex[column] else { return .empty }
                return .field(index, CustomerField.all[index].kind == .boolean)
            }
        }
        needs = Self.needs(format: format, plan: nativePlan)
    }

    /// Where each native column's cell comes from, worked out once per export rather than
    /// once per cell (the per-cell lookups were four fifths of an export's time).
    enum NativeCell: Sendable {
        case store, groups, defaultGroup, addresses, empty
        case moduleCell(String)
        case moduleMember(String)
        /// The index in `CustomerField.all`, and whether it is a yes/no field.
        case field(Int, Bool)
    }
    let nativePlan: [NativeCell]

    /// What the rows must be read with: another platform's layout may use any field, the
    /// groups and the addresses; a native export only what its columns show. Reading all of
    /// the record's columns, the groups and the addresses for ten chosen columns was half of
    /// an export's time.
    struct Needs: Sendable {
        /// Indices in `CustomerField.all`; nil for every field.
        var fields: [Int]?
        var groups = true
        var addresses = true
    }
    let needs: Needs

    /// What a native export with `plan` reads; every other layout reads everything.
    static func needs(format: CustomerCSVFormat, plan: [NativeCell]) -> Needs {
        guard format == .native else { return Needs() }
        var needs = Needs(fields: [], groups: false, addresses: false)
        for cell in plan {
            switch cell {
            case .field(let index, _): needs.fields?.append(index)
            case .groups: needs.groups = true
            case .addresses: needs.addresses = true
            default: break
            }
        }
        return needs
    }

    /// The header row.
    var header: [String] {
        switch format {
        case .native: return columns
        case .shopify: return CustomerCSVFormat.shopifyHeader
        case .magento: return CustomerCSVFormat.magentoHeader
        case .magentoComposite: return CustomerCSVFormat.magentoCompositeHeader
        case .prestashop: return CustomerCSVFormat.prestashopHeader
        }
    }

    /// The header's bytes (after a BOM when asked for).
    func start() -> [UInt8] {
        var writer = CSVWriter(separator: separator, byteOrderMark: byteOrderMark)
        writer.write(header)
        return writer.take()
    }

    /// One page of customers after id `after` as CSV bytes, the number of customers and the
    /// last id (nil at the end).
    func page(_ db: Database, after: Int64, limit: Int = pageSize) throws -> (bytes: [UInt8], count: Int, last: Int64?) {
        // The modules are asked per customer only for the members the export has as columns.
        let members = format == .native ? moduleMembers.filter(columns.contains) : []
        var rows = try Self.read(db, query: query, after: after, limit: limit, modules: modules, members: members, needs: needs)
        try addModuleCells(db, to: &rows)
        var writer = CSVWriter(separator: separator)
        for row in rows { render(row, into: &writer) }
        let last = rows.last?.id
        return (writer.take(), rows.count, rows.count == limit ? last : nil)
    }

    // MARK: Reading

    /// The module CSV columns this export writes: the picked native ones, or those another
    /// platform's layout has a column for (Shopify's `Tags`).
    var writtenModuleColumns: [(column: CustomerCSVColumn, module: any FeatureModule)] {
        moduleColumns.filter { format == .native ? columns.contains($0.column.name) : $0.column.otherNames[format] != nil }
    }

    /// Fills the rows' module cells, one call per column for the whole page.
    func addModuleCells(_ db: Database, to rows: inout [CustomerCSVRow]) throws {
        let written = writtenModuleColumns
        guard !written.isEmpty, !rows.isEmpty else { return }
        let ids = rows.map(\.id)
        for (column, module) in written {
            let values = try module.customerCSVValues(db, column: column.name, customerIDs: ids)
            for index in rows.indices {
                if let text = values[rows[index].id] { rows[index].moduleCells[column.name] = text }
            }
        }
    }

    /// The cell of the module column that fills `format`'s column `name` (Shopify's `Tags`).
    func otherLayoutCell(_ row: CustomerCSVRow, _ name: String) -> String {
        guard let column = moduleColumns.first(where: { $0.column.otherNames[format] == name }) else { return "" }
        return row.moduleCells[column.column.name] ?? ""
    }

    static func read(
        _ db: Database, query: CustomerListQuery, after: Int64, limit: Int, modules: [any FeatureModule], members: [String],
        needs: Needs
    ) throws -> [CustomerCSVRow] {
        var conditions = query.conditions + ["customer.id > ?"]
        var arguments = query.arguments + [after]
        if let search = query.search {
            guard let match = CustomerSearchIndex.matchExpression(search) else { return [] }
            conditions.append("customer.id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?)")
            arguments.append(match)
        }
        let fieldCount = CustomerField.all.count
        let read = needs.fields ?? Array(0..<fieldCount)
        let columns = read.map { ", customer.\(CustomerField.all[$0].column)" }.joined()
        let groupNames =
            needs.groups
            ? """
            (SELECT group_concat(name, '|') FROM (SELECT cg.name FROM customer_group_member m
              JOIN customer_group cg ON cg.id = m.group_id WHERE m.customer_id = customer.id ORDER BY cg.id))
            """ : "NULL"
        var rows: [CustomerCSVRow] = []
        rows.reserveCapacity(limit)
        try db.forEachRow(
            """
            SELECT customer.id, store.code AS store_code, g.name AS default_group, g.tax_class, \(groupNames) AS group_names\(columns)
            FROM customer JOIN store ON store.id = customer.store_id JOIN customer_group g ON g.id = customer.default_group_id
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY customer.id LIMIT ?
            """, arguments + [limit]
        ) { row in
            // Fields not read stay NULL: the export never looks at them.
            var fields = [SQLValue](repeating: .null, count: fieldCount)
            for (position, index) in read.enumerated() { fields[index] = row[5 + position] }
            rows.append(
                CustomerCSVRow(
                    id: try row.get(0), fields: fields, storeCode: try row.get(1),
                    groups: (row[4].textValue ?? "").split(separator: "|").map(String.init),
                    defaultGroup: try row.get(2), taxFree: row[3].textValue == "tax-free-reseller", addresses: [], modules: [:]))
        }
        guard needs.addresses, let first = rows.first?.id, let last = rows.last?.id else { return rows }
        var position: [Int64: Int] = [:]
        for (index, row) in rows.enumerated() { position[row.id] = index }
        try db.forEachRow("SELECT * FROM customer_address WHERE customer_id BETWEEN ? AND ? ORDER BY customer_id, id", [first, last]) {
            row in
            guard let index = position[try row.get("customer_id")] else { return }
            var object: [String: JSONValue] = [:]
            for (column, key) in CustomerAddress.columns where key != "id" {
                switch row[column] {
                case .text(let text): object[key] = .string(text)
                case .integer(let number): object[key] = key.hasPrefix("isDefault") ? .bool(number != 0) : .int(number)
                default: object[key] = .null
                }
            }
            rows[index].addresses.append(object)
        }
        if !members.isEmpty {
            for index in rows.indices {
                for module in modules where module.customerRecordMembers.keys.contains(where: members.contains) {
                    for (key, value) in try module.customerRecordValues(db, customerID: rows[index].id) {
                        rows[index].modules[key] = value
                    }
                }
            }
        }
        return rows
    }

    // MARK: Rendering

    func render(_ row: CustomerCSVRow, into writer: inout CSVWriter) {
        switch format {
        case .native:
            for (index, cell) in nativePlan.enumerated() { writer.writeCell(nativeCell(row, cell), first: index == 0) }
            writer.endRecord()
        case .shopify:
            let address = row.defaultAddress ?? [:]
            writer.write([
                row.cell("customerNumber"), row.cell("firstName"), row.cell("lastName"), row.cell("email"),
                row.flag("newsletter") ? "yes" : "no", address["company"]?.stringValue ?? "", address["street"]?.stringValue ?? "",
                address["street2"]?.stringValue ?? "", address["city"]?.stringValue ?? "", address["region"]?.stringValue ?? "",
                address["country"]?.stringValue ?? "", address["postalCode"]?.stringValue ?? "", address["phone"]?.stringValue ?? "",
                row.cell("phone"), row.flag("smsMarketing") ? "yes" : "no", Self.decimal(row.value("totalSales")),
                row.cell("orderCount"), row.cell("staffNote"), row.taxFree ? "yes" : "no", otherLayoutCell(row, "Tags"),
            ])
        case .magento, .magentoComposite:
            var main = [
                row.cell("email"), row.storeCode, "default", "", row.cell("registeredAt"), row.storeCode, "0", row.cell("birthday"),
                row.cell("firstName"), "0", "", row.cell("lastName"), "", "", Self.magentoPrefix(row.cell("socialTitle")), "", "", "",
                "", row.cell("vatNumber"), "", "",
            ]
            guard format == .magentoComposite else {
                writer.write(main)
                return
            }
            if row.addresses.isEmpty {
                writer.write(main + Array(repeating: "", count: 16))
                return
            }
            for (index, address) in row.addresses.enumerated() {
                if index > 0 { main = Array(repeating: "", count: main.count) }
                writer.write(main + Self.magentoAddress(address))
            }
        case .prestashop:
            let title: String
            switch row.cell("socialTitle") {
            case "mr": title = "1"
            case "mrs", "ms": title = "2"
            default: title = "0"
            }
            writer.write([
                row.cell("customerNumber"), row.flag("enabled") ? "1" : "0", title, row.cell("email"), "", row.cell("birthday"),
                row.cell("lastName"), row.cell("firstName"), row.flag("newsletter") ? "1" : "0", row.flag("partnerOffers") ? "1" : "0",
                String(row.cell("registeredAt").prefix(10)), row.groups.joined(separator: ","), row.defaultGroup,
            ])
        }
    }

    func nativeCell(_ row: CustomerCSVRow, _ cell: NativeCell) -> String {
        switch cell {
        case .store: return row.storeCode
        case .groups: return row.groups.joined(separator: "|")
        case .defaultGroup: return row.defaultGroup
        case .addresses:
            return row.addresses.isEmpty
                ? "" : String(decoding: JSONValue.array(row.addresses.map { .object($0) }).serialized(), as: UTF8.self)
        case .empty: return ""
        case .moduleCell(let column): return row.moduleCells[column] ?? ""
        case .moduleMember(let column):
            guard let value = row.modules[column] else { return "" }
            if case .null = value { return "" }
            if case .object(let members) = value, members.isEmpty { return "" }
            return String(decoding: value.serialized(), as: UTF8.self)
        case .field(let index, let isBoolean):
            switch row.fields[index] {
            case .null, .blob: return ""
            case .integer(let number): return isBoolean ? (number != 0 ? "true" : "false") : String(number)
            case .text(let text): return text
            case .real(let number): return String(number)
            }
        }
    }

    static func decimal(_ value: SQLValue) -> String {
        guard case .integer(let cents) = value else { return "0.00" }
        let fraction = cents % 100
        return "\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    static func magentoPrefix(_ title: String) -> String {
        ["mr": "Mr.", "mrs": "Mrs.", "ms": "Ms.", "mx": "Mx.", "dr": "Dr."][title] ?? ""
    }

    static func magentoAddress(_ address: [String: JSONValue]) -> [String] {
        func text(_ key: String) -> String { address[key]?.stringValue ?? "" }
        let street = [text("street"), text("street2")].filter { !$0.isEmpty }.joined(separator: "\n")
        return [
            text("city"), text("company"), text("country"), "", text("firstName"), text("lastName"), "", text("postalCode"), "",
            text("region"), street, "", text("phone"), "", address["isDefaultBilling"] == .bool(true) ? "1" : "0",
            address["isDefaultShipping"] == .bool(true) ? "1" : "0",
        ]
    }
}

extension CustomerCSVExport {
    /// Every customer of the shop (the command line's export).
    /// - Parameter fields: native columns to export; nil for all.
    public static func everyone(
        format: CustomerCSVFormat, fields: [String]?, separator: UInt8?, byteOrderMark: Bool, modules: [any FeatureModule]
    ) throws -> CustomerCSVExport {
        try CustomerCSVExport(
            format: format, fields: fields, separator: separator, byteOrderMark: byteOrderMark, modules: modules,
            query: CustomerListQuery(everyone: ()))
    }

    /// Writes the whole export through `write`, reporting customers written after each page;
    /// returns how many customers were written.
    public func write(
        _ database: DatabaseQueue, progress: @Sendable (Int) -> Void = { _ in }, _ write: ([UInt8]) async throws -> Void
    ) async throws -> Int {
        try await write(start())
        var after: Int64 = 0
        var total = 0
        while true {
            let from = after
            let page = try await database.read { db in try self.page(db, after: from) }
            total += page.count
            if !page.bytes.isEmpty { try await write(page.bytes) }
            progress(total)
            guard let last = page.last else { return total }
            after = last
        }
    }
}

extension CustomerListQuery {
    /// No search, no filter: every customer.
    init(everyone: Void) {}
}
