import HTTPServer
import ShopCore

/// The language a staff member picks for their own browser, over the shop's `adminLocale`:
/// read-only members and staff who may not change the shop's settings still read the admin in
/// their language. A cookie of the browser, not of the account: it changes no shop data.
extension AdminCookies {
    static let locale = "sa_admin_locale"

    /// The browser's own choice, nil for the shop's language.
    static func chosenLocale(_ request: Request) -> AdminLocale? {
        parse(request.headers)[locale].flatMap { AdminLocale(rawValue: $0) }
    }
}
