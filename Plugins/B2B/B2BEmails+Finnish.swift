import ShopCore

extension B2BEmails {
    /// Suomeksi.
    enum Finnish {
        static let signature = "Ystävällisin terveisin\n{shopName}"

        static let received = ModuleEmailText(
            subject: "Olemme vastaanottaneet yritystilihakemuksesi – {shopName}",
            body: """
                Hei {firstName},

                kiitos, että haet yritystiliä yritykselle {companyName} kaupassa {shopName}. Tarkistamme yrityksen tiedot ja luottotiedot ja vastaamme sinulle sähköpostitse, yleensä muutaman arkipäivän kuluessa.

                Sinun ei tarvitse tehdä mitään sillä välin.
                """, signature: signature)

        static let notification = ModuleEmailText(
            subject: "Uusi yritystilihakemus: {companyName}",
            body: """
                Uusi yritystilihakemus odottaa käsittelyäsi (hakemus {applicationId}).

                Yritys: {companyName}
                Yritystunnus: {businessId}
                ALV-numero: {vatNumber}
                Yhteyshenkilö: {contactName}, {email}, {phone}
                Viesti: {message}

                Tarkista yrityksen luottotiedot ja muut tiedot ja perusta asiakas toiminnanohjausjärjestelmään. Hyväksy sitten hakemus syöttämällä ERP-asiakasnumero tämän linkin kautta (linkki toimii kerran, {expiresAt} asti):
                {link}

                Voit myös hyväksyä tai hylätä hakemuksen hallinnassa kohdassa B2B-hakemukset.
                """, signature: "ShopAdmin, {shopName}")

        static let approved = ModuleEmailText(
            subject: "Yritystilisi on valmis – {shopName}",
            body: """
                Hei {firstName},

                hakemuksesi on hyväksytty: yrityksellä {companyName} on nyt yritystili kaupassa {shopName}.

                Valitse ensin salasanasi alla olevasta linkistä. Linkki on voimassa 72 tuntia ja toimii vain kerran:
                {link}

                Sen jälkeen voit kirjautua sähköpostiosoitteellasi ja uudella salasanallasi osoitteessa {signInLink} ja tehdä tilauksia.
                """, signature: signature)

        static let rejected = ModuleEmailText(
            subject: "Yritystilihakemuksesi – {shopName}",
            body: """
                Hei {firstName},

                kiitos kiinnostuksestasi yritystiliin yritykselle {companyName}. Valitettavasti emme voi hyväksyä hakemustasi.

                Syy: {reason}

                Jos sinulla on kysyttävää, vastaa tähän viestiin tai ota meihin yhteyttä.
                """, signature: signature)
    }
}
