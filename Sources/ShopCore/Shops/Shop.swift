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

    public var slug: ShopSlug { record.slug }

    public func hasModule(_ id: String) -> Bool { modules.contains(id) }
}
