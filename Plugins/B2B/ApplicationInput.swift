import NordicIdentifiers
import ShopCore

/// A B2B account application as the storefront form sends it (DOMAIN.md 000, step 1): the
/// company (name, organisation number checked for its country, which is the store's unless
/// given, VAT number, website) and the contact person (name, email, phone), with a message.
/// Each refusal is a 422 naming the member.
struct ApplicationInput: Sendable {
    static let keys: Set<String> = [
        "companyName", "country", "businessId", "vatNumber", "website", "firstName", "lastName", "email", "phone", "message",
    ]
    static let maximumMessageLength = 2000

    let companyName: String
    let country: NordicCountry
    let businessID: String
    let vatNumber: String?
    let website: String?
    let firstName: String
    let lastName: String
    let email: String
    let phone: String
    let message: String?

    /// - Parameter storeCountry: the store's country, the default for the company's.
    init(_ body: [String: JSONValue], storeCountry: String) throws {
        companyName = try B2BField.text(body, "companyName", max: 200, required: true)!
        let country = try B2BField.country(body) ?? NordicCountry(rawValue: storeCountry) ?? .finland
        let businessID = try B2BField.businessID(
            try B2BField.text(body, "businessId", max: 30, required: true)!, country: country, field: "businessId")
        self.country = country
        self.businessID = businessID
        vatNumber = try B2BField.text(body, "vatNumber", max: 30).map {
            try B2BField.vatNumber($0, country: country, businessID: businessID, field: "vatNumber")
        }
        website = try B2BField.text(body, "website", max: 200).map { try B2BField.website($0, field: "website") }
        firstName = try B2BField.text(body, "firstName", max: 100, required: true)!
        lastName = try B2BField.text(body, "lastName", max: 100, required: true)!
        email = try B2BField.email(try B2BField.text(body, "email", max: 254, required: true)!, field: "email")
        phone = try B2BField.phone(try B2BField.text(body, "phone", max: 30, required: true)!, country: country, field: "phone")
        message = try B2BField.text(body, "message", max: ApplicationInput.maximumMessageLength)
    }
}
