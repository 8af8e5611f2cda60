import ShopCore

extension B2BEmails {
    /// På svenska.
    enum Swedish {
        static let signature = "Vänliga hälsningar\n{shopName}"

        static let received = ModuleEmailText(
            subject: "Vi har tagit emot din ansökan om företagskonto – {shopName}",
            body: """
                Hej {firstName},

                tack för att du ansöker om ett företagskonto för {companyName} hos {shopName}. Vi kontrollerar företagets uppgifter och kreditvärdighet och svarar dig per e-post, vanligtvis inom några arbetsdagar.

                Du behöver inte göra något under tiden.
                """, signature: signature)

        static let notification = ModuleEmailText(
            subject: "Ny ansökan om företagskonto: {companyName}",
            body: """
                En ny ansökan om företagskonto väntar på din granskning (ansökan {applicationId}).

                Företag: {companyName}
                Organisationsnummer: {businessId}
                Momsregistreringsnummer: {vatNumber}
                Kontaktperson: {contactName}, {email}, {phone}
                Meddelande: {message}

                Kontrollera företagets kreditvärdighet och uppgifter och lägg upp kunden i affärssystemet. Godkänn sedan ansökan genom att ange kundnumret från affärssystemet via länken (den fungerar en gång, till {expiresAt}):
                {link}

                Du kan också godkänna eller avslå ansökan i administrationen under B2B-ansökningar.
                """, signature: "ShopAdmin för {shopName}")

        static let approved = ModuleEmailText(
            subject: "Ditt företagskonto är klart – {shopName}",
            body: """
                Hej {firstName},

                din ansökan har godkänts: {companyName} har nu ett företagskonto hos {shopName}.

                Välj först ditt lösenord via länken nedan. Länken gäller i 72 timmar och kan bara användas en gång:
                {link}

                Därefter loggar du in med din e-postadress och ditt nya lösenord på {signInLink} och kan lägga beställningar.
                """, signature: signature)

        static let rejected = ModuleEmailText(
            subject: "Din ansökan om företagskonto – {shopName}",
            body: """
                Hej {firstName},

                tack för ditt intresse för ett företagskonto för {companyName}. Tyvärr kan vi inte godkänna din ansökan.

                Anledning: {reason}

                Om du har frågor kan du svara på det här meddelandet eller kontakta oss.
                """, signature: signature)
    }
}
