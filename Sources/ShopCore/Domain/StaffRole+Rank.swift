extension StaffRole {
    /// The role's place in the hierarchy: owner 3, admin 2, staff 1, read-only 0. A caller
    /// may hand out (to an API token) only a role at or below their own.
    public var rank: Int {
        switch self {
        case .owner: return 3
        case .admin: return 2
        case .staff: return 1
        case .readOnly: return 0
        }
    }

    /// Parses a role named in a request body, or a 422 naming `field` and the roles there are.
    static func parse(_ text: String, field: String = "role") throws -> StaffRole {
        guard let role = StaffRole(rawValue: text) else {
            throw HTTPError.invalid(
                field, "\(field) must be one of \(StaffRole.allCases.map(\.rawValue).joined(separator: ", ")).", code: "invalid_role")
        }
        return role
    }
}
