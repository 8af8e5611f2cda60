extension EmailTemplate {
    /// På norsk (bokmål).
    var norwegian: EmailText {
        let signature = "Vennlig hilsen\n{shopName}"
        switch self {
        case .welcome:
            return EmailText(
                subject: "Velkommen som kunde – {shopName}",
                body: """
                    Hei {firstName},

                    takk for at du registrerte deg hos {shopName}. Kundekontoen din er klar, og du kan logge inn med e-postadressen din:
                    {link}
                    """, signature: signature)
        case .activationPending:
            return EmailText(
                subject: "Kontoen din venter på aktivering – {shopName}",
                body: """
                    Hei {firstName},

                    takk for registreringen hos {shopName}. Butikken går gjennom og aktiverer kontoen din før du kan logge inn. Du får en ny e-post når kontoen er aktivert.
                    """, signature: signature)
        case .accountActivated:
            return EmailText(
                subject: "Kontoen din er aktivert – {shopName}",
                body: """
                    Hei {firstName},

                    kontoen din hos {shopName} er nå aktivert. Du kan logge inn her:
                    {link}
                    """, signature: signature)
        case .passwordReset:
            return EmailText(
                subject: "Tilbakestill passordet ditt – {shopName}",
                body: """
                    Hei {firstName},

                    vi har mottatt en forespørsel om å tilbakestille passordet til kontoen din. Velg et nytt passord via lenken nedenfor. Lenken er gyldig i én time og kan bare brukes én gang:
                    {link}

                    Hvis du ikke ba om dette, kan du se bort fra denne e-posten. Passordet ditt forblir uendret.
                    """, signature: signature)
        case .setPassword:
            return EmailText(
                subject: "Velg passordet ditt – {shopName}",
                body: """
                    Hei {firstName},

                    det er opprettet en kundekonto til deg hos {shopName}. Velg passordet ditt via lenken nedenfor. Lenken er gyldig i 72 timer og kan bare brukes én gang:
                    {link}
                    """, signature: signature)
        }
    }
}
