/// Why an identifier was refused, as a ``field`` and a sentence for the person who typed it,
/// ready for an API error body (`{"field": "business_id", "message": "..."}`).
///
/// The message says exactly what is wrong and, where a check digit fails, which digit was
/// expected. It never repeats the whole input: phone numbers and Swedish personal identity
/// numbers are personal data, and error text ends up in logs.
public struct IdentifierError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The kind of identifier that was refused; the raw value is a stable snake_case name that an
    /// API layer may use as is or map to its own JSON field.
    public enum Field: String, Sendable, Equatable, CaseIterable {
        /// A national business ID: Y-tunnus, organisationsnummer, organisasjonsnummer or CVR.
        case businessID = "business_id"
        /// An EU VAT number or a Norwegian `NO…MVA` number.
        case vatNumber = "vat_number"
        /// A Finnish OVT (EDI) code.
        case ovtCode = "ovt_code"
        /// A telephone number.
        case phoneNumber = "phone_number"
        /// A postal code.
        case postalCode = "postal_code"
        /// A two-letter ISO 3166-1 country code given with a postal code.
        case countryCode = "country_code"
    }

    /// Which kind of identifier was refused.
    public let field: Field
    /// One or two sentences saying what is wrong, safe to show to the user and to log.
    public let message: String

    /// Creates an error; public so that higher layers and tests can build expected values.
    /// - Parameters:
    ///   - field: The kind of identifier that was refused.
    ///   - message: A sentence saying what is wrong; it must not repeat the input.
    public init(_ field: Field, _ message: String) {
        self.field = field
        self.message = message
    }

    /// The field name and the message, for logs.
    public var description: String { "\(field.rawValue): \(message)" }
}
