import HTTPServer
import ShopCore

/// The bulk actions above the customers list: tick rows (or "all matching": the current
/// search and filters), choose an action, apply. Applying shows a confirmation first
/// (`CustomerBulkRoutes`); nothing changes on the first POST.
enum CustomerBulkBar {
    /// The actions, with what they need of the shop and of the staff member.
    enum Action: String, CaseIterable, Sendable {
        case addTags = "add-tags"
        case removeTags = "remove-tags"
        case enable
        case disable
        case sendPasswordLink = "send-password-link"
        case delete
        /// The export page for the ticked rows (or all matching): nothing changes, so no confirmation.
        case export

        var text: CustomerWorkText {
            switch self {
            case .export: return .export
            case .addTags: return .addTags
            case .removeTags: return .removeTags
            case .enable: return .enableAction
            case .disable: return .disableAction
            case .sendPasswordLink: return .sendPasswordLinks
            case .delete: return .deleteAction
            }
        }

        var isTags: Bool { self == .addTags || self == .removeTags }

        /// The API's mass action (`POST /customers/mass-actions`); nil for tags (`POST /tags/assign`)
        /// and the export (`GET /customers/export.csv`).
        var massAction: String? { isTags || self == .export ? nil : rawValue }

        /// What the staff member needs for the action (the API checks again).
        var permission: Permission {
            switch self {
            case .delete: return .customersDelete
            case .export: return .customersExport
            default: return .customersWrite
            }
        }
    }

    /// The actions this staff member may take in this shop.
    static func actions(_ page: AdminPage, hasTags: Bool) -> [Action] {
        Action.allCases.filter { action in
            if action.isTags && !hasTags { return false }
            return page.may(action.permission)
        }
    }

    /// The controls inside the list's bulk form.
    static func controls(_ page: AdminPage, total: Int64) -> HTML {
        let strings = page.strings
        let hasTags = page.modules.contains("tags")
        let options = HTML.join(
            ["<option value=\"\">\(strings[.chooseAction])</option>" as HTML]
                + actions(page, hasTags: hasTags).map { action in
                    "<option value=\"\(action.rawValue)\">\(strings[action.text])</option>"
                })
        let tags: HTML =
            hasTags
            ? "<label>\(strings[.tagsField])<input name=\"tags\" id=\"bulk-tags\" maxlength=\"500\"></label>" : .empty
        return """
            <div class="bulk" id="bulk">
            <label class="check"><input type="checkbox" name="scope" value="all" id="all-matching"> \(strings.format(.allMatching, total))</label>
            <label>\(strings[.bulkAction])<select name="action" id="bulk-action">\(options)</select></label>
            \(tags)
            <button type="submit" id="bulk-apply">\(strings[.apply])</button>
            </div>
            """
    }
}
