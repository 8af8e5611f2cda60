import ShopCore

/// The emails of the application flow (DOMAIN.md 000, steps 2 and 7), each in Finnish,
/// Swedish, Norwegian and English; a store of another locale (Danish) gets English.
///
/// Variables: `received` {firstName} {companyName}; `notification` {applicationId}
/// {companyName} {businessId} {vatNumber} {contactName} {email} {phone} {message} {link}
/// {expiresAt}; `approved` {firstName} {companyName} {link} (set your password) {signInLink};
/// `rejected` {firstName} {companyName} {reason}. `{shopName}` is always filled in.
enum B2BEmails {
    /// The receipt to the applicant.
    static let received = ModuleEmailTemplate(
        name: "b2b-application-received",
        texts: ["en": English.received, "fi": Finnish.received, "sv": Swedish.received, "nb": Norwegian.received])
    /// The merchant's notification, with the signed approval link.
    static let notification = ModuleEmailTemplate(
        name: "b2b-application-notification",
        texts: ["en": English.notification, "fi": Finnish.notification, "sv": Swedish.notification, "nb": Norwegian.notification])
    /// The approval with sign-in instructions: a single-use link to set a password.
    static let approved = ModuleEmailTemplate(
        name: "b2b-approved", texts: ["en": English.approved, "fi": Finnish.approved, "sv": Swedish.approved, "nb": Norwegian.approved])
    /// The rejection with the merchant's reason.
    static let rejected = ModuleEmailTemplate(
        name: "b2b-rejected", texts: ["en": English.rejected, "fi": Finnish.rejected, "sv": Swedish.rejected, "nb": Norwegian.rejected])

    /// What an email shows for a value the applicant left out.
    static let none = "–"
}
