import SQLite

/// The shop a request is about, as handlers get it: its registry record, its leased
/// database and the modules its plan enables right now.
public struct Shop: Sendable {
    public let record: ShopRecord
    public let database: DatabaseQueue
    /// Ids of the enabled modules, in catalog order.
    public let modules: [String]
    /// The customer fields those modules add, for a module that works with every field of the
    /// record (the required-fields module lets the merchant require them).
    public var customerFields: [CustomerFieldDefinition] = []
    /// What customers belong to in those modules' terms (b2b: companies) and who else does,
    /// for a module that keeps something per company (credit limits, product restrictions).
    public var affiliations = ModuleAffiliations(modules: [])
    /// The customer list's filters those modules add (tags, companies), for `customerSelection`.
    public var customerListFilters: [CustomerListFilter] = []

    public var slug: ShopSlug { record.slug }

    public func hasModule(_ id: String) -> Bool { modules.contains(id) }

    /// Every customer the shop's list shows for `filter` (an object of the list's parameters,
    /// as `GET /customers` takes them: its search and filters, the core's and the enabled
    /// modules', no sort or page; strings, numbers or true/false, as a mass action's `filter`),
    /// as one statement selecting a column `id`: a module's action over "all matching" takes
    /// exactly whom the merchant saw, however many, without holding their ids.
    /// - Throws: a 422 naming `filter` or `filter.<parameter>` for a bad or unknown parameter.
    public func customerSelection(filter: JSONValue) throws -> (sql: String, arguments: [(any SQLValueConvertible)?]) {
        let parameters = try CustomerMassAction.filterParameters(filter)
        return try CustomerMassAction.listQuery(parameters, filters: customerListFilters, moduleFields: customerFields).selection
    }
}
