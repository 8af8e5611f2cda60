import ShopCore

extension B2BEmails {
    /// På norsk (bokmål).
    enum Norwegian {
        static let signature = "Vennlig hilsen\n{shopName}"

        static let received = ModuleEmailText(
            subject: "Vi har mottatt søknaden din om bedriftskonto – {shopName}",
            body: """
                Hei {firstName},

                takk for at du søker om bedriftskonto for {companyName} hos {shopName}. Vi kontrollerer bedriftens opplysninger og kredittverdighet og svarer deg på e-post, vanligvis innen noen virkedager.

                Du trenger ikke gjøre noe i mellomtiden.
                """, signature: signature)

        static let notification = ModuleEmailText(
            subject: "Ny søknad om bedriftskonto: {companyName}",
            body: """
                En ny søknad om bedriftskonto venter på behandling (søknad {applicationId}).

                Bedrift: {companyName}
                Organisasjonsnummer: {businessId}
                MVA-nummer: {vatNumber}
                Kontaktperson: {contactName}, {email}, {phone}
                Melding: {message}

                Kontroller bedriftens kredittverdighet og opplysninger, og opprett kunden i ERP-systemet. Godkjenn deretter søknaden ved å oppgi kundenummeret fra ERP-systemet via lenken (den virker én gang, til {expiresAt}):
                {link}

                Du kan også godkjenne eller avslå søknaden i administrasjonen under B2B-søknader.
                """, signature: "ShopAdmin for {shopName}")

        static let approved = ModuleEmailText(
            subject: "Bedriftskontoen din er klar – {shopName}",
            body: """
                Hei {firstName},

                søknaden din er godkjent: {companyName} har nå bedriftskonto hos {shopName}.

                Velg først passordet ditt via lenken nedenfor. Lenken er gyldig i 72 timer og kan bare brukes én gang:
                {link}

                Deretter logger du inn med e-postadressen din og det nye passordet på {signInLink} og kan legge inn bestillinger.
                """, signature: signature)

        static let rejected = ModuleEmailText(
            subject: "Søknaden din om bedriftskonto – {shopName}",
            body: """
                Hei {firstName},

                takk for din interesse for bedriftskonto for {companyName}. Dessverre kan vi ikke godkjenne søknaden din.

                Begrunnelse: {reason}

                Har du spørsmål, kan du svare på denne e-posten eller kontakte oss.
                """, signature: signature)
    }
}
