import Foundation

/// The emails the shop sends a customer about their account, each written in every store
/// locale (fi, sv, nb, da, en). A template's text names its variables in braces:
/// `{firstName}`, `{shopName}`, `{link}`.
public enum EmailTemplate: String, Sendable, CaseIterable {
    /// After registering, when the account can be used at once.
    case welcome
    /// After registering, when the merchant must activate the account first (DOMAIN.md 000).
    case activationPending = "activation-pending"
    /// When the merchant has activated a pending account.
    case accountActivated = "account-activated"
    /// A single-use link to choose a new password (valid 1 hour).
    case passwordReset = "password-reset"
    /// A single-use link to set a first password for an account the staff created (72 hours).
    case setPassword = "set-password"

    /// The locales every template is written in.
    public static let locales = ["fi", "sv", "nb", "da", "en"]

    /// The subject and body in `locale`; English for a locale the store table does not allow.
    func text(_ locale: String) -> EmailText {
        switch locale {
        case "fi": return finnish
        case "sv": return swedish
        case "nb": return norwegian
        case "da": return danish
        default: return english
        }
    }

    /// Fills in the variables and builds the text and HTML bodies.
    /// - Parameters:
    ///   - locale: the store's locale.
    ///   - variables: values for `{name}` placeholders; `link` is made a hyperlink in HTML.
    func render(_ locale: String, variables: [String: String]) -> RenderedEmail {
        text(locale).render(locale, variables: variables)
    }
}

extension EmailText {
    /// Fills in the variables and builds the text and HTML bodies; the core's templates and
    /// the modules' (`ModuleEmailTemplate`) render alike.
    func render(_ locale: String, variables: [String: String]) -> RenderedEmail {
        let text = self
        func fill(_ template: String, html: Bool) -> String {
            EmailTemplate.substitute(template) { name in
                guard let value = variables[name] else { return nil }
                guard html else { return value }
                if name == "link" { return "<a href=\"\(HTMLText.escape(value))\">\(HTMLText.escape(value))</a>" }
                return HTMLText.escape(value)
            }
        }
        // A subject is one header line: no line breaks from a name can start another header.
        let subject = fill(text.subject, html: false).split(whereSeparator: \.isNewline).joined(separator: " ")
        let body = text.body + "\n\n" + text.signature
        let paragraphs = HTMLText.escape(body).components(separatedBy: "\n\n").map { paragraph in
            "<p>" + fill(paragraph, html: true).replacingOccurrences(of: "\n", with: "<br>\n") + "</p>"
        }
        let html =
            "<!DOCTYPE html>\n<html lang=\"\(locale)\"><head><meta charset=\"utf-8\"><title>\(HTMLText.escape(subject))</title></head>\n"
            + "<body>\n\(paragraphs.joined(separator: "\n"))\n</body></html>\n"
        return RenderedEmail(subject: subject, textBody: fill(body, html: false), htmlBody: html)
    }
}

extension EmailTemplate {
    /// Replaces each `{name}` in one pass, so a value that itself holds `{link}` (a first name
    /// typed by anyone) is never expanded again. Unknown names stay as they are.
    static func substitute(_ template: String, _ value: (String) -> String?) -> String {
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            out += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            out += value(name) ?? "{\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}

/// A template's words in one language.
struct EmailText: Sendable {
    let subject: String
    let body: String
    /// The closing, such as "Best regards" and the shop's name.
    let signature: String
}

/// An email ready for the outbox.
struct RenderedEmail: Sendable, Equatable {
    let subject: String
    let textBody: String
    let htmlBody: String
}

/// Escaping text for HTML (element bodies and quoted attribute values): the one escaper the
/// emails, the modules' pages (B2B's approval page) and the browser admin share. By Unicode
/// scalar, so a `<` followed by a combining mark is escaped too.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
