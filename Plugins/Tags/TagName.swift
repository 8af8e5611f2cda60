import Foundation
import ShopCore

/// A tag's name as the merchant wrote it, checked, with the key that makes names unique per
/// shop whatever their case ("VIP", "vip" and "Vip" are one tag; so are "Öljy" and "öljy").
struct TagName: Sendable, Hashable {
    /// The longest name a tag may have, in characters.
    static let maximumLength = 50

    /// The name as shown: trimmed and in Unicode composed form.
    let text: String
    /// The uniqueness and lookup key: `text` lowercased.
    let key: String

    /// Checks `raw`; a 422 naming `field` when it is empty, too long, holds a comma (the
    /// list filters take comma-separated names) or a control character.
    init(_ raw: String, field: String) throws {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !text.isEmpty else {
            throw HTTPError.invalid(field, "\(field) must not be empty.", code: "invalid_tag_name")
        }
        guard text.count <= TagName.maximumLength else {
            throw HTTPError.invalid(field, "\(field) must be at most \(TagName.maximumLength) characters.", code: "invalid_tag_name")
        }
        guard !text.contains(","), !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw HTTPError.invalid(field, "\(field) must not contain a comma or a control character.", code: "invalid_tag_name")
        }
        self.text = text
        self.key = TagName.key(text)
    }

    /// The key of a name: lowercased with Unicode rules, so non-ASCII letters fold too
    /// (SQLite's NOCASE folds only A-Z).
    static func key(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping.lowercased()
    }

    /// Names from a JSON list member (`tags`, `add`, `remove`), each checked and named by its
    /// index, duplicates (by key) dropped; a 422 naming `field` when it is not a list of strings.
    static func list(_ value: JSONValue?, field: String, maximum: Int = 100) throws -> [TagName] {
        guard let value else { return [] }
        guard case .array(let items) = value else {
            throw HTTPError.invalid(field, "\(field) must be a list of tag names.", code: "wrong_type")
        }
        guard items.count <= maximum else {
            throw HTTPError.invalid(field, "\(field) may name at most \(maximum) tags.", code: "too_many_tags")
        }
        var seen: Set<String> = []
        var names: [TagName] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else {
                throw HTTPError.invalid("\(field)[\(index)]", "\(field)[\(index)] must be a string.", code: "wrong_type")
            }
            let name = try TagName(text, field: "\(field)[\(index)]")
            if seen.insert(name.key).inserted { names.append(name) }
        }
        return names
    }
}
