import SQLite

/// A customer's groups: one or more, one of them the default (which decides discounts and
/// access, DOMAIN.md). NOT LOGGED IN is for visitors and holds no customers.
enum GroupMembership {
    static let notLoggedIn = "NOT LOGGED IN"
    static let registrationGroup = "General"

    /// Validates the requested groups; with none given, the customer lands in General.
    static func resolve(_ db: Database, groupIDs: JSONValue?, defaultGroupID: JSONValue?) throws -> (all: [Int64], defaultGroup: Int64) {
        var ids: [Int64] = []
        switch groupIDs ?? .null {
        case .null:
            break
        case .array(let items):
            for item in items {
                guard case .int(let id) = item else {
                    throw HTTPError.invalid("groupIds", "groupIds must be a list of group ids.", code: "wrong_type")
                }
                if !ids.contains(id) { ids.append(id) }
            }
        default:
            throw HTTPError.invalid("groupIds", "groupIds must be a list of group ids.", code: "wrong_type")
        }
        var defaultGroup: Int64?
        switch defaultGroupID ?? .null {
        case .null: break
        case .int(let id): defaultGroup = id
        default: throw HTTPError.invalid("defaultGroupId", "defaultGroupId must be a group id.", code: "wrong_type")
        }
        if ids.isEmpty {
            if let defaultGroup {
                ids = [defaultGroup]
            } else {
                guard let general = try db.scalar("SELECT id FROM customer_group WHERE name = ?", [registrationGroup], as: Int64.self)
                else {
                    throw HTTPError.conflict("The shop has no General group; choose groupIds.", code: "no_group", field: "groupIds")
                }
                ids = [general]
            }
        }
        for id in ids {
            guard let name = try db.scalar("SELECT name FROM customer_group WHERE id = ?", [id], as: String.self) else {
                throw HTTPError.invalid("groupIds", "No customer group with id \(id).")
            }
            guard name != notLoggedIn else {
                throw HTTPError.invalid("groupIds", "NOT LOGGED IN is for visitors and holds no customers.")
            }
        }
        let chosen = defaultGroup ?? ids[0]
        guard ids.contains(chosen) else {
            throw HTTPError.invalid("defaultGroupId", "The default group must be one of the customer's groups.")
        }
        return (ids, chosen)
    }

    static func replace(_ db: Database, customerID: Int64, with groups: [Int64]) throws {
        try db.execute("DELETE FROM customer_group_member WHERE customer_id = ?", [customerID])
        for group in groups {
            try db.execute("INSERT INTO customer_group_member(customer_id, group_id) VALUES(?, ?)", [customerID, group])
        }
    }
}
