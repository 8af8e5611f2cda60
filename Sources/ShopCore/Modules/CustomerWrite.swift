/// Where a customer create or update comes from. The same checks run for every source; the
/// source tells a module what the caller could have sent (the storefront's forms carry fewer
/// fields than the staff API) and whom an error message speaks to.
public enum CustomerWriteSource: String, Sendable, CaseIterable {
    /// Staff or an integration through `/shops/{shop}/api/customers` (create, update, copy).
    case admin
    /// A visitor registering on the storefront (`POST register`).
    case storefrontRegistration = "storefront-registration"
    /// A signed-in customer changing their own profile (`PATCH account`).
    case storefrontProfile = "storefront-profile"
    /// A row of a customer import.
    case `import`

    /// True for the storefront's forms, where the customer sets only self-service fields.
    public var isStorefront: Bool { self == .storefrontRegistration || self == .storefrontProfile }
}

/// One customer create or update as the modules' checks see it (`FeatureModule.checkCustomer`).
/// The core builds it inside the write's transaction after the core's fields and every
/// module's members are written, so a check reads the finished record and a refusal rolls the
/// whole write back.
public struct CustomerWrite: Sendable {
    public let source: CustomerWriteSource
    public let customerID: Int64
    /// The store the customer belongs to after the write.
    public let storeID: Int64
    /// True when the write makes the customer (create, copy, registration, an import's new row).
    public let isNew: Bool
    /// True when an update moved the customer to another store: that store's rules then apply
    /// to the whole record, as for a new customer.
    public let storeChanged: Bool
    /// The body as the caller sent it; a partial update carries only what changes.
    public let input: [String: JSONValue]
    /// The record after the write, as the API shows it, with the modules' members.
    public let record: JSONValue
    /// The core field keys the caller could set from this source (the registration form's
    /// fields); nil when staff could set every staff field.
    public let settableKeys: Set<String>?
    /// The customer fields the shop's enabled modules add (`FeatureModule.customerFields`).
    public let moduleFields: [CustomerFieldDefinition]

    public init(
        source: CustomerWriteSource, customerID: Int64, storeID: Int64, isNew: Bool, storeChanged: Bool,
        input: [String: JSONValue], record: JSONValue, settableKeys: Set<String>?, moduleFields: [CustomerFieldDefinition]
    ) {
        self.source = source
        self.customerID = customerID
        self.storeID = storeID
        self.isNew = isNew
        self.storeChanged = storeChanged
        self.input = input
        self.record = record
        self.settableKeys = settableKeys
        self.moduleFields = moduleFields
    }

    /// Whether the whole record answers to the store's rules: a new customer, or one that
    /// changed store. Otherwise only what the write touched does (see `touches`).
    public var checksWholeRecord: Bool { isNew || storeChanged }

    /// Whether the caller could have sent the core or module field `key` from this source.
    public func canSet(_ key: String) -> Bool { settableKeys?.contains(key) ?? true }
}

/// One problem a module found with a customer write, naming the field as the client sends
/// it (`phone`, `customFields.paymentReference`).
public struct CustomerFieldError: Sendable, Equatable {
    public let field: String
    /// A stable snake_case code: `missing_field` for a required field left empty.
    public let code: String
    /// One sentence for a person.
    public let message: String

    public init(field: String, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }

    public var json: JSONValue {
        .object(["field": .string(field), "code": .string(code), "message": .string(message)])
    }

    /// The one 422 for every problem of a write: `fields` names each field, `errors` says
    /// what is wrong with each, `field` is the first (for clients that read only one).
    /// The code is `required_fields_missing` when every problem is a missing field, the
    /// problem's own code when there is one, else `invalid_fields`.
    public static func refusal(_ errors: [CustomerFieldError]) -> HTTPError {
        let names = errors.map(\.field)
        let missingOnly = errors.allSatisfy { $0.code == "missing_field" }
        let message =
            missingOnly
            ? "Required fields are missing: \(names.joined(separator: ", "))."
            : errors.map(\.message).joined(separator: " ")
        let code = missingOnly ? "required_fields_missing" : errors.count == 1 ? errors[0].code : "invalid_fields"
        return HTTPError(
            .unprocessableEntity, code: code, message: message, field: names.first,
            details: ["fields": .array(names.map { .string($0) }), "errors": .array(errors.map(\.json))])
    }
}
