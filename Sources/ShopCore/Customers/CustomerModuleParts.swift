import SQLite

/// The members of the customer record that the shop's enabled feature modules own
/// (`customFields` of the required-fields module): read into every record the API shows,
/// written in the transaction of the core's fields, and checked after the write. One place,
/// so the staff API, the storefront's registration and profile, and imports run the same
/// checks. With no module the record is the core's alone and nothing extra runs.
public struct CustomerModuleParts: Sendable {
    public let modules: [any FeatureModule]

    /// - Parameter modules: the modules the shop's plan enables right now.
    public init(modules: [any FeatureModule]) { self.modules = modules }

    /// The top-level keys the modules own; a body may carry them beside the core's fields.
    public var keys: Set<String> { Set(modules.flatMap(\.customerRecordMembers.keys)) }

    /// The customer fields the modules add, for the checks.
    public var fields: [CustomerFieldDefinition] { modules.flatMap(\.customerFields) }

    /// The record as the API shows it, with the modules' members; a 404 when there is no such customer.
    public func require(_ db: Database, id: Int64) throws -> JSONValue {
        let record = try CustomerReader.require(db, id: id)
        guard !modules.isEmpty, case .object(var members) = record else { return record }
        for module in modules where !module.customerRecordMembers.isEmpty {
            for (key, value) in try module.customerRecordValues(db, customerID: id) where members[key] == nil {
                members[key] = value
            }
        }
        return .object(members)
    }

    /// What `require` reads, for building the record after the read (off the shop's database
    /// thread, which all of the shop's reads share); a 404 when there is no such customer.
    public struct Stored: Sendable {
        let customer: CustomerReader.Stored
        let members: [[String: JSONValue]]

        /// The record as `require` gives it.
        public var record: JSONValue {
            guard case .object(var object) = CustomerReader.record(customer) else { return .null }
            for values in members {
                for (key, value) in values where object[key] == nil { object[key] = value }
            }
            return .object(object)
        }
    }

    /// The stored customer and the modules' members, to make the record of later.
    public func requireStored(_ db: Database, id: Int64) throws -> Stored {
        guard let customer = try CustomerReader.stored(db, id: id) else {
            throw HTTPError.notFound("No customer with id \(id).", code: "customer_not_found")
        }
        let members = try modules.filter { !$0.customerRecordMembers.isEmpty }.map { try $0.customerRecordValues(db, customerID: id) }
        return Stored(customer: customer, members: members)
    }

    /// Hands each module its members of a create or update body.
    public func write(
        _ db: Database, customerID: Int64, storeID: Int64, input: [String: JSONValue], source: CustomerWriteSource
    ) throws {
        for module in modules {
            let keys = module.customerRecordMembers.keys
            var values: [String: JSONValue] = [:]
            for key in keys { values[key] = input[key] }
            if values.isEmpty { continue }
            try module.writeCustomerRecordValues(db, customerID: customerID, storeID: storeID, values: values, source: source)
        }
    }

    /// Every module's problems with a written customer, in module order; empty when none.
    /// An import can report these per row instead of failing the file at the first.
    public func problems(_ db: Database, _ write: CustomerWrite) throws -> [CustomerFieldError] {
        try modules.flatMap { try $0.checkCustomer(db, write) }
    }

    /// Runs the modules' checks; throws one 422 (`CustomerFieldError.refusal`) naming every
    /// field at fault, which rolls the caller's write back.
    public func check(_ db: Database, _ write: CustomerWrite) throws {
        let problems = try problems(db, write)
        if !problems.isEmpty { throw CustomerFieldError.refusal(problems) }
    }
}
