/// An email a feature module sends (a B2B application's receipt, its approval), written by the
/// module in the locales it knows. The core renders it like its own account emails: the same
/// `{name}` placeholders filled in one pass, `{link}` made a hyperlink in the HTML body, the
/// subject kept to one line. A locale the module lacks falls back to English.
///
/// ```swift
/// static let received = ModuleEmailTemplate(name: "b2b-application-received", texts: [
///     "en": ModuleEmailText(subject: "We received your application – {shopName}",
///                           body: "Hello {firstName},\n\nthank you …", signature: "Best regards\n{shopName}"),
///     "fi": ModuleEmailText(…),
/// ])
/// ```
public struct ModuleEmailTemplate: Sendable {
    /// The name the outbox and the email log show; start it with the module id (`b2b-approved`).
    public let name: String
    /// The words per locale (`fi`, `sv`, `nb`, `da`, `en`); `en` must be among them.
    public let texts: [String: ModuleEmailText]

    /// - Precondition: `texts` has English, the fallback for every other locale.
    public init(name: String, texts: [String: ModuleEmailText]) {
        precondition(texts["en"] != nil, "module email \(name) needs an English text, the fallback")
        self.name = name
        self.texts = texts
    }

    /// The locale the email is written in for a store of `locale`, and its words.
    public func text(for locale: String) -> (locale: String, text: ModuleEmailText) {
        if let text = texts[locale], EmailTemplate.locales.contains(locale) { return (locale, text) }
        return ("en", texts["en"]!)
    }
}

/// One language's words of a module's email: plain text with `{name}` placeholders, paragraphs
/// separated by blank lines.
public struct ModuleEmailText: Sendable {
    public let subject: String
    public let body: String
    /// The closing, such as "Best regards" and `{shopName}`.
    public let signature: String

    public init(subject: String, body: String, signature: String) {
        self.subject = subject
        self.body = body
        self.signature = signature
    }

    var emailText: EmailText { EmailText(subject: subject, body: body, signature: signature) }
}
