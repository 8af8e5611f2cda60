extension EmailTemplate {
    /// På dansk.
    var danish: EmailText {
        let signature = "Venlig hilsen\n{shopName}"
        switch self {
        case .welcome:
            return EmailText(
                subject: "Velkommen som kunde – {shopName}",
                body: """
                    Hej {firstName},

                    tak fordi du har oprettet dig hos {shopName}. Din kundekonto er klar, og du kan logge ind med din e-mailadresse:
                    {link}
                    """, signature: signature)
        case .activationPending:
            return EmailText(
                subject: "Din konto afventer aktivering – {shopName}",
                body: """
                    Hej {firstName},

                    tak for din oprettelse hos {shopName}. Butikken gennemgår og aktiverer din konto, før du kan logge ind. Du får en ny e-mail, når kontoen er aktiveret.
                    """, signature: signature)
        case .accountActivated:
            return EmailText(
                subject: "Din konto er aktiveret – {shopName}",
                body: """
                    Hej {firstName},

                    din konto hos {shopName} er nu aktiveret. Du kan logge ind her:
                    {link}
                    """, signature: signature)
        case .passwordReset:
            return EmailText(
                subject: "Nulstil din adgangskode – {shopName}",
                body: """
                    Hej {firstName},

                    vi har modtaget en anmodning om at nulstille adgangskoden til din konto. Vælg en ny adgangskode via linket nedenfor. Linket er gyldigt i en time og kan kun bruges én gang:
                    {link}

                    Hvis du ikke har bedt om dette, kan du se bort fra denne e-mail. Din adgangskode forbliver uændret.
                    """, signature: signature)
        case .setPassword:
            return EmailText(
                subject: "Vælg din adgangskode – {shopName}",
                body: """
                    Hej {firstName},

                    der er oprettet en kundekonto til dig hos {shopName}. Vælg din adgangskode via linket nedenfor. Linket er gyldigt i 72 timer og kan kun bruges én gang:
                    {link}
                    """, signature: signature)
        }
    }
}
