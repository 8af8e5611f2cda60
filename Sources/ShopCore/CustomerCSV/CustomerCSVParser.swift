import Foundation

/// Turns the records of an import file into customers (`CustomerImportRow`): each cell read by
/// its column's target and the field's kind, empty cells left out (an update keeps the value),
/// Magento composite address rows gathered under their customer. Checks that need the shop
/// (validation, uniqueness, the modules' required fields) happen at write time.
public struct CustomerCSVParser {
    public private(set) var reader: CSVReader
    public let header: CustomerCSVHeader
    private var pending: CustomerImportRow?
    private var finished = false
    /// Records read, header included.
    public private(set) var recordsRead = 1

    /// Reads the header row; a file without one is refused. `moduleColumns` are the enabled
    /// modules' CSV columns (`tags`).
    public init(reader: CSVReader, moduleMembers: [String], moduleColumns: [CustomerCSVColumn] = []) throws {
        var reader = reader
        guard let first = try reader.next(), first.cells.contains(where: { !$0.isEmpty }) else {
            throw HTTPError.invalid("file", "The file is empty: the first row must name the columns.", code: "empty_file")
        }
        if let problem = first.problems.first {
            throw HTTPError.invalid("file", "The header row cannot be read: \(problem.message).", code: "malformed_csv")
        }
        header = CustomerCSVHeader(first.cells, moduleMembers: moduleMembers, moduleColumns: moduleColumns)
        self.reader = reader
    }

    /// The next customer, or nil at the end of the file.
    public mutating func next() throws -> CustomerImportRow? {
        while !finished {
            guard let record = try reader.next() else {
                finished = true
                break
            }
            recordsRead = record.number
            if record.cells.allSatisfy(\.isEmpty), record.problems.isEmpty { continue }
            let row = parse(record)
            if header.format == .magentoComposite, row.input["email"] == nil, row.problems.isEmpty, var customer = pending,
                let address = row.input["addresses"]
            {
                // Magento: a row without an email is another address of the customer above.
                if case .array(let more) = address, case .array(let have)? = customer.input["addresses"] {
                    customer.input["addresses"] = .array(have + more)
                } else {
                    customer.input["addresses"] = address
                }
                customer.lastRow = row.lastRow
                pending = customer
                continue
            }
            if let done = pending {
                pending = row
                return done
            }
            pending = row
        }
        defer { pending = nil }
        return pending
    }

    func parse(_ record: CSVRecord) -> CustomerImportRow {
        var out = CustomerImportRow(row: record.number, lastRow: record.number, input: [:], problems: [])
        func problem(_ column: String?, _ code: String, _ message: String) {
            out.problems.append(CustomerImportProblem(row: record.number, column: column, code: code, message: message))
        }
        for csvProblem in record.problems {
            let column = csvProblem.column.flatMap { $0 < header.names.count ? header.names[$0] : "column \($0 + 1)" }
            switch csvProblem {
            case .unbalancedQuote: problem(column, "unbalanced_quote", csvProblem.message)
            case .notUTF8: problem(column, "not_utf8", csvProblem.message)
            case .cellTooLarge: problem(column, "cell_too_large", csvProblem.message)
            }
        }
        if record.cells.count != header.names.count {
            problem(
                nil, "wrong_cell_count",
                "the row has \(record.cells.count) cells, the header \(header.names.count); check for a missing or extra separator")
            return out
        }
        var address: [String: JSONValue] = [:]
        for (index, raw) in record.cells.enumerated() {
            guard let target = header.targets[index] else { continue }
            let text = CSVCell.restore(raw).trimmedWhitespace()
            if text.isEmpty { continue }
            let column = header.names[index]
            switch target {
            case .field(let key):
                guard let field = CustomerField.byKey[key] else { continue }
                do {
                    out.input[key] = try Self.json(field, text)
                } catch let error as HTTPError {
                    problem(column, error.code, error.message)
                } catch {
                    problem(column, "invalid_field", String(describing: error))
                }
            case .address(let key):
                if key == "isDefaultBilling" || key == "isDefaultShipping" {
                    guard let flag = Self.flag(text) else {
                        problem(column, "wrong_type", "\(column) must be 1 or 0")
                        continue
                    }
                    address[key] = .bool(flag)
                } else if key == "street", text.contains("\n") {
                    // Magento keeps the street lines in one cell.
                    let lines = text.split(separator: "\n", maxSplits: 1).map { String($0).trimmedWhitespace() }
                    address["street"] = .string(lines[0])
                    if lines.count > 1 { address["street2"] = .string(lines[1]) }
                } else {
                    address[key] = .string(key == "country" ? text.uppercased() : text)
                }
            case .store:
                out.storeCode = text
            case .groups:
                out.groupNames = text.split(whereSeparator: { $0 == "|" || $0 == "," }).map { String($0).trimmedWhitespace() }
                    .filter { !$0.isEmpty }
            case .defaultGroup:
                out.defaultGroupName = text
            case .moduleColumn(let key):
                out.moduleCells[key] = text
            case .addresses, .module:
                guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else {
                    problem(column, "malformed_json", "\(column) must be JSON, as the native export writes it")
                    continue
                }
                if case .module(let key) = target { out.input[key] = value } else { out.input["addresses"] = value }
            case .ignored:
                continue
            }
        }
        if address.contains(where: { $0.key != "isDefaultBilling" && $0.key != "isDefaultShipping" }) {
            if header.format != .magentoComposite {
                // One-address layouts carry the default address.
                address["isDefaultBilling"] = address["isDefaultBilling"] ?? .bool(true)
                address["isDefaultShipping"] = address["isDefaultShipping"] ?? .bool(true)
            }
            out.input["addresses"] = .array([.object(address)])
        }
        if header.format != .native, out.input["email"] == nil, out.input["hasAccount"] == nil {
            // Shopify and Magento keep customers without an email (guests, phone-only); here
            // they are customers without an account, which need no email.
            out.input["hasAccount"] = .bool(false)
        }
        return out
    }

    static func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "1", "y", "x": return true
        case "false", "no", "0", "n": return false
        default: return nil
        }
    }

    /// A cell as the JSON the API takes for the field; the writer validates it further.
    static func json(_ field: CustomerField, _ text: String) throws -> JSONValue {
        switch field.kind {
        case .boolean:
            guard let flag = flag(text) else {
                throw HTTPError.invalid(field.key, "\(field.key) must be true or false (yes/no, 1/0).", code: "wrong_type")
            }
            return .bool(flag)
        case .money:
            guard let amount = Int64(text) else {
                throw HTTPError.invalid(field.key, "\(field.key) must be a whole number of minor units (cents).", code: "wrong_type")
            }
            return .int(amount)
        case .codeList:
            return .array(text.split(whereSeparator: { $0 == "," || $0 == "|" }).map { .string(String($0).trimmedWhitespace()) })
        case .choice where field.key == "socialTitle":
            // Magento's "Mr." and PrestaShop's title ids 1 and 2.
            let title = text.lowercased().replacingOccurrences(of: ".", with: "")
            switch title {
            case "1": return .string("mr")
            case "2": return .string("ms")
            case "0": return .null
            default: return .string(title)
            }
        default:
            return .string(text)
        }
    }
}
