import SQLite
import ShopCore
import Synchronization

/// Which required fields a customer lacks, in SQL, for three users that must agree: the check
/// after every write, the customer list's `incomplete` filter, and the list of incomplete
/// customers. A customer's requirements are those of their store: its required set and the
/// required custom fields that apply to it. Erased customers (GDPR) are never incomplete.
struct MissingFields: Sendable {
    let catalog: RequirableCatalog

    /// The required custom fields of the customer's store that the customer has no value for.
    private static let lackingCustomFields = """
        SELECT 'customFields.' || f.key AS name FROM custom_field f
        WHERE f.required = 1
          AND (f.all_stores = 1 OR EXISTS (SELECT 1 FROM custom_field_store s WHERE s.field_id = f.id AND s.store_id = customer.store_id))
          AND NOT EXISTS (SELECT 1 FROM customer_custom_value v WHERE v.customer_id = customer.id AND v.field_id = f.id)
        """

    /// The required core and module fields of the customer's store that the customer lacks.
    private var lackingFields: String {
        """
        SELECT r.field_key AS name FROM required_field r
        WHERE r.store_id = customer.store_id AND \(catalog.lacksSQL(keyExpression: "r.field_key"))
        """
    }

    /// A condition over `customer`: true when the customer lacks a field their store requires.
    var incompleteCondition: String {
        "customer.erased_at IS NULL AND (EXISTS (\(lackingFields)) OR EXISTS (\(MissingFields.lackingCustomFields)))"
    }

    /// An expression over `customer`: the names of the fields the customer lacks, comma-separated, or NULL.
    var namesExpression: String {
        "(SELECT group_concat(name, ',') FROM (\(lackingFields) UNION ALL \(MissingFields.lackingCustomFields)))"
    }

    /// The names in `text` (from `namesExpression`) in the catalog's order.
    func names(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map(String.init).sorted { catalog.order($0) < catalog.order($1) }
    }

    /// The fields one customer lacks, in the catalog's order.
    func names(_ db: Database, customerID: Int64) throws -> [String] {
        names(try db.scalar(namesQuery, [customerID], as: String?.self) ?? nil)
    }

    /// The query behind `names(_:customerID:)`, built once per set of module fields: building
    /// it on every write was a fifth of an import's CPU.
    private var namesQuery: String {
        let signature = catalog.fields.count
        if let cached = Self.namesQueries.withLock({ $0[signature] }), cached.catalog == catalog.fields { return cached.sql }
        let sql = "SELECT \(namesExpression) FROM customer WHERE id = ? AND erased_at IS NULL"
        Self.namesQueries.withLock { $0[signature] = (catalog.fields, sql) }
        return sql
    }
    private static let namesQueries = Mutex<[Int: (catalog: [RequirableField], sql: String)]>([:])

    /// The check after a create or update. A new customer, or one moved to another store,
    /// must have every field their store requires that the caller could have sent (the
    /// registration form cannot carry a business id). An update of an existing customer must
    /// not leave empty a required field it touches; a field it does not touch that was
    /// already missing (required after the customer was made) stays missing and the customer
    /// stays listed as incomplete: a customer unsubscribing from the newsletter is never held
    /// up by a field the merchant added later, where Magento refuses the whole save.
    func problems(_ db: Database, _ write: CustomerWrite) throws -> [CustomerFieldError] {
        let lacking = try names(db, customerID: write.customerID)
        if lacking.isEmpty { return [] }
        let custom = write.input["customFields"].flatMap { value -> [String: JSONValue]? in
            if case .object(let members) = value { return members }
            return nil
        }
        var editable: Set<String>?
        var problems: [CustomerFieldError] = []
        for name in lacking {
            if name.hasPrefix("customFields.") {
                let key = String(name.dropFirst("customFields.".count))
                if write.source.isStorefront {
                    if editable == nil {
                        editable = Set(try CustomField.all(db).filter(\.customerEditable).map(\.key))
                    }
                    if editable?.contains(key) != true { continue }
                }
                if !write.checksWholeRecord && custom?[key] == nil { continue }
            } else {
                if !write.canSet(name) { continue }
                if !write.checksWholeRecord && write.input[name] == nil { continue }
            }
            problems.append(CustomerFieldError(field: name, code: "missing_field", message: try message(db, name, storeID: write.storeID)))
        }
        return problems
    }

    private func message(_ db: Database, _ name: String, storeID: Int64) throws -> String {
        let store = try StoreRef.find(db, id: storeID)
        return "\(name) is required for customers of store \(store?.code ?? String(storeID))."
    }
}
