extension EmailTemplate {
    /// Suomeksi.
    var finnish: EmailText {
        let signature = "Ystävällisin terveisin\n{shopName}"
        switch self {
        case .welcome:
            return EmailText(
                subject: "Tervetuloa asiakkaaksi – {shopName}",
                body: """
                    Hei {firstName},

                    kiitos rekisteröitymisestä kauppaan {shopName}. Asiakastilisi on nyt käytössä, ja voit kirjautua sisään sähköpostiosoitteellasi:
                    {link}
                    """, signature: signature)
        case .activationPending:
            return EmailText(
                subject: "Tilisi odottaa aktivointia – {shopName}",
                body: """
                    Hei {firstName},

                    kiitos rekisteröitymisestä kauppaan {shopName}. Kauppias tarkistaa ja aktivoi tilisi, minkä jälkeen voit kirjautua sisään. Saat siitä erillisen viestin.
                    """, signature: signature)
        case .accountActivated:
            return EmailText(
                subject: "Tilisi on aktivoitu – {shopName}",
                body: """
                    Hei {firstName},

                    tilisi kaupassa {shopName} on nyt aktivoitu. Voit kirjautua sisään täällä:
                    {link}
                    """, signature: signature)
        case .passwordReset:
            return EmailText(
                subject: "Salasanan vaihtaminen – {shopName}",
                body: """
                    Hei {firstName},

                    saimme pyynnön vaihtaa tilisi salasanan. Voit valita uuden salasanan alla olevasta linkistä. Linkki on voimassa tunnin ja toimii vain kerran:
                    {link}

                    Jos et pyytänyt salasanan vaihtoa, voit jättää tämän viestin huomiotta. Salasanasi pysyy ennallaan.
                    """, signature: signature)
        case .setPassword:
            return EmailText(
                subject: "Aseta salasanasi – {shopName}",
                body: """
                    Hei {firstName},

                    sinulle on luotu asiakastili kauppaan {shopName}. Aseta itsellesi salasana alla olevasta linkistä. Linkki on voimassa 72 tuntia ja toimii vain kerran:
                    {link}
                    """, signature: signature)
        }
    }
}
