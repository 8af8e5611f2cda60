/// What a staff member may do in their shop.
public enum StaffRole: String, Sendable, Codable, CaseIterable {
    case owner
    case admin
    case staff
    case readOnly = "read-only"

    /// Whether the role may change data (every method but GET and HEAD).
    public var canWrite: Bool { self != .readOnly }
}
