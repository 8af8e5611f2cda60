extension EmailTemplate {
    /// På svenska.
    var swedish: EmailText {
        let signature = "Vänliga hälsningar\n{shopName}"
        switch self {
        case .welcome:
            return EmailText(
                subject: "Välkommen som kund – {shopName}",
                body: """
                    Hej {firstName},

                    tack för att du registrerade dig hos {shopName}. Ditt kundkonto är klart och du kan logga in med din e-postadress:
                    {link}
                    """, signature: signature)
        case .activationPending:
            return EmailText(
                subject: "Ditt konto väntar på aktivering – {shopName}",
                body: """
                    Hej {firstName},

                    tack för din registrering hos {shopName}. Butiken granskar och aktiverar ditt konto innan du kan logga in. Du får ett nytt meddelande när kontot är aktiverat.
                    """, signature: signature)
        case .accountActivated:
            return EmailText(
                subject: "Ditt konto är aktiverat – {shopName}",
                body: """
                    Hej {firstName},

                    ditt konto hos {shopName} är nu aktiverat. Du kan logga in här:
                    {link}
                    """, signature: signature)
        case .passwordReset:
            return EmailText(
                subject: "Återställ ditt lösenord – {shopName}",
                body: """
                    Hej {firstName},

                    vi har fått en begäran om att återställa lösenordet till ditt konto. Välj ett nytt lösenord via länken nedan. Länken gäller i en timme och kan bara användas en gång:
                    {link}

                    Om du inte har begärt detta kan du bortse från meddelandet. Ditt lösenord förblir oförändrat.
                    """, signature: signature)
        case .setPassword:
            return EmailText(
                subject: "Välj ditt lösenord – {shopName}",
                body: """
                    Hej {firstName},

                    ett kundkonto har skapats åt dig hos {shopName}. Välj ditt lösenord via länken nedan. Länken gäller i 72 timmar och kan bara användas en gång:
                    {link}
                    """, signature: signature)
        }
    }
}
