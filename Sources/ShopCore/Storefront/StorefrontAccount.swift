import SQLite

/// What a customer may see and change of their own record. Both are allowlists: a field
/// added to the record later stays staff-only until it is named here.
enum StorefrontAccount {
    /// Fields of `CustomerField.all` the customer sees on "my account"; never the staff note,
    /// ERP ids, accounting accounts, aggregates or the blocking reason.
    static let visibleKeys: [String] = [
        "customerNumber", "email", "socialTitle", "firstName", "lastName", "company", "phone", "birthday", "newsletter",
        "partnerOffers", "smsMarketing", "remoteAssistanceAllowed", "businessId", "vatNumber", "registeredAt", "lastVisitAt",
    ]

    /// Fields the customer may change themselves (`PATCH /account`).
    static let editableKeys: Set<String> = [
        "firstName", "lastName", "socialTitle", "phone", "birthday", "newsletter", "partnerOffers", "smsMarketing", "addresses",
        "remoteAssistanceAllowed",
    ]

    /// Fields a registration may carry besides `password`.
    static let registrationKeys: Set<String> = editableKeys.union(["email", "company"])

    /// The customer's own account as the storefront shows it; `modules` holds what each of
    /// the shop's enabled feature modules shows the customer (credit limit, balance), by id.
    static func view(_ db: Database, customerID: Int64, store: StorefrontStore, modules: [any FeatureModule]) throws -> JSONValue {
        let record = try CustomerReader.require(db, id: customerID)
        let settings = try ShopSettings.load(db)
        var account: [String: JSONValue] = [:]
        for key in visibleKeys where key != "birthday" || settings.birthdayEnabled {
            account[key] = record[key] ?? .null
        }
        account["addresses"] = record["addresses"] ?? .array([])
        var home: [String: JSONValue] = [:]
        if case .int(let storeID)? = record["storeId"], let registered = try StorefrontStore.find(db, id: storeID) {
            home = ["code": .string(registered.code), "name": .string(registered.name)]
        }
        account["store"] = .object(home)
        var moduleData: [String: JSONValue] = [:]
        let affiliations = ModuleAffiliations(modules: modules)
        for module in modules {
            if let data = try module.accountData(db, customerID: customerID, affiliations: affiliations) { moduleData[module.id] = data }
        }
        account["modules"] = .object(moduleData)
        return .object(account)
    }

    /// Checks a `PATCH /account` body field by field and returns the patch to apply: a field
    /// the customer may not set is refused by name (object- and field-level authorization),
    /// and an address id must be one of the customer's own. `moduleKeys` (custom fields) pass
    /// through: each module refuses those of its members the customer may not set.
    static func selfServicePatch(
        _ db: Database, customerID: Int64, body: [String: JSONValue], moduleKeys: Set<String> = []
    ) throws -> [String: JSONValue] {
        for key in body.keys.sorted() where !editableKeys.contains(key) && !moduleKeys.contains(key) {
            throw refusal(key)
        }
        var patch = body
        if let addresses = body["addresses"] {
            patch["addresses"] = try ownAddresses(db, customerID: customerID, addresses)
        }
        return patch
    }

    /// The 422 for a field the customer may not set.
    static func refusal(_ key: String) -> HTTPError {
        switch key {
        case "email":
            return .invalid(
                key, "email is your sign-in and cannot be changed here; contact the shop to change it.", code: "field_not_editable")
        case "password":
            return .invalid(key, "Change the password with POST account/password, giving the current one.", code: "field_not_editable")
        case _
        where CustomerField.byKey[key] != nil || CustomerField.structuralKeys.contains(key)
            || ["id", "version", "blocked", "groupIds", "storeId"].contains(key):
            return .invalid(key, "\(key) cannot be changed from the storefront.", code: "field_not_editable")
        default:
            return .invalid(
                key, "\(key) is not a field of your account; you may change: \(editableKeys.sorted().joined(separator: ", ")).",
                code: "unknown_field")
        }
    }

    /// The addresses with their ids removed (the list replaces the customer's addresses),
    /// after checking that every id given is one of the customer's own.
    private static func ownAddresses(_ db: Database, customerID: Int64, _ list: JSONValue) throws -> JSONValue {
        guard case .array(let items) = list else { return list }
        let own = Set(
            try db.query("SELECT id FROM customer_address WHERE customer_id = ?", [customerID]).map { try $0.get("id", as: Int64.self) })
        return .array(
            try items.enumerated().map { index, item in
                guard case .object(var members) = item, let id = members["id"] else { return item }
                guard case .int(let number) = id, own.contains(number) else {
                    throw HTTPError.invalid(
                        "addresses[\(index)].id", "addresses[\(index)].id is not one of your addresses.", code: "not_your_address")
                }
                members["id"] = nil
                return .object(members)
            })
    }
}
