import ShopCore

extension AdminPage {
    /// Whether the staff member's role has `permission`: a page shows an action only when the
    /// API would allow it (the API still checks every call).
    func may(_ permission: Permission) -> Bool { permissions.contains(permission.rawValue) }

    /// What an action came to, above a page's content (`#notice` on success), or nothing.
    static func outcome(_ text: String?, error: Bool = false) -> HTML {
        guard let text, !text.isEmpty else { return .empty }
        return error
            ? "<p class=\"notice error\" role=\"alert\">\(text)</p>" : "<p class=\"notice ok\" role=\"status\" id=\"notice\">\(text)</p>"
    }
}
