/// The texts of the operator's console, in English, Finnish and Swedish (the operator picks
/// one at sign-in). A case without all three languages does not compile.
public enum ConsoleText: String, Sendable, CaseIterable {
    case console, operatorToken, signInHint, tokenRefused, shops, newShop, migrations, slug, name, tier, addOns, flags, status
    case customers, databaseSize, active, suspended, provision, ownerEmail, ownerPassword, ownerPasswordHint, provisioned
    case generatedPassword, changeTier, on, off, switchOn, switchOff, suspend, suspendReason, resume, deleteShop, deleteConfirm
    case deleteHint, deleted, runMigrations, runStarted, run, started, finished, progress, noRuns, noShops, refresh, back
    case b2bMode, consoleLanguage, failedAt, history

    /// The text in each language.
    var translations: (en: String, fi: String, sv: String) {
        switch self {
        case .console: return ("Operator console", "Operaattorin konsoli", "Operatörskonsol")
        case .operatorToken: return ("Operator token", "Operaattoritunnus", "Operatörstoken")
        case .signInHint:
            return (
                "Sign in with the operator token (shopadmin operator-token --rotate makes a new one).",
                "Kirjaudu operaattoritunnuksella (shopadmin operator-token --rotate tekee uuden).",
                "Logga in med operatörstoken (shopadmin operator-token --rotate skapar en ny)."
            )
        case .tokenRefused: return ("The operator token is not valid.", "Operaattoritunnus ei kelpaa.", "Operatörstoken är inte giltig.")
        case .shops: return ("Shops", "Kaupat", "Butiker")
        case .newShop: return ("New shop", "Uusi kauppa", "Ny butik")
        case .migrations: return ("Migrations", "Migraatiot", "Migreringar")
        case .slug: return ("Slug", "Tunnus", "Kortnamn")
        case .name: return ("Name", "Nimi", "Namn")
        case .tier: return ("Tier", "Taso", "Nivå")
        case .addOns: return ("Add-ons", "Lisäosat", "Tillägg")
        case .flags: return ("Flags", "Liput", "Flaggor")
        case .status: return ("Status", "Tila", "Status")
        case .customers: return ("Customers", "Asiakkaita", "Kunder")
        case .databaseSize: return ("Database", "Tietokanta", "Databas")
        case .active: return ("Active", "Käytössä", "Aktiv")
        case .suspended: return ("Suspended", "Keskeytetty", "Avstängd")
        case .provision: return ("Provision", "Luo kauppa", "Skapa butik")
        case .ownerEmail: return ("Owner's email", "Omistajan sähköposti", "Ägarens e-post")
        case .ownerPassword: return ("Owner's password", "Omistajan salasana", "Ägarens lösenord")
        case .ownerPasswordHint:
            return ("Leave empty to generate one.", "Jätä tyhjäksi, niin salasana luodaan.", "Lämna tomt för att skapa ett.")
        case .provisioned: return ("The shop is ready.", "Kauppa on valmis.", "Butiken är klar.")
        case .generatedPassword:
            return (
                "The owner's generated password (shown once):", "Omistajan luotu salasana (näytetään kerran):",
                "Ägarens skapade lösenord (visas en gång):"
            )
        case .changeTier: return ("Change tier", "Vaihda tasoa", "Byt nivå")
        case .on: return ("on", "päällä", "på")
        case .off: return ("off", "pois", "av")
        case .switchOn: return ("Switch on", "Kytke päälle", "Slå på")
        case .switchOff: return ("Switch off", "Kytke pois", "Slå av")
        case .suspend: return ("Suspend", "Keskeytä", "Stäng av")
        case .suspendReason:
            return ("Reason (the shop's staff see it)", "Syy (kaupan henkilöstö näkee sen)", "Orsak (butikens personal ser den)")
        case .resume: return ("Resume", "Palauta käyttöön", "Återuppta")
        case .deleteShop: return ("Delete shop", "Poista kauppa", "Ta bort butik")
        case .deleteConfirm: return ("Type the slug to confirm", "Vahvista kirjoittamalla tunnus", "Skriv kortnamnet för att bekräfta")
        case .deleteHint:
            return (
                "The shop's folder moves to the trash; its staff and customers lose access at once.",
                "Kaupan kansio siirtyy roskakoriin; henkilöstö ja asiakkaat menettävät pääsyn heti.",
                "Butikens mapp flyttas till papperskorgen; personal och kunder förlorar åtkomst direkt."
            )
        case .deleted: return ("The shop was deleted.", "Kauppa poistettiin.", "Butiken togs bort.")
        case .runMigrations: return ("Migrate every shop", "Migroi kaikki kaupat", "Migrera alla butiker")
        case .runStarted: return ("A migration run is under way.", "Migraatioajo on käynnissä.", "En migrering pågår.")
        case .run: return ("Run", "Ajo", "Körning")
        case .started: return ("Started", "Aloitettu", "Startad")
        case .finished: return ("Finished", "Valmis", "Klar")
        case .progress: return ("Progress", "Edistyminen", "Förlopp")
        case .noRuns: return ("No migration runs yet.", "Ei vielä migraatioajoja.", "Inga migreringar ännu.")
        case .noShops: return ("No shops yet.", "Ei vielä kauppoja.", "Inga butiker ännu.")
        case .refresh: return ("Refresh", "Päivitä", "Uppdatera")
        case .back: return ("Back to the shops", "Takaisin kauppoihin", "Tillbaka till butikerna")
        case .b2bMode: return ("B2B mode (support)", "B2B-tila (tuki)", "B2B-läge (support)")
        case .consoleLanguage: return ("Language", "Kieli", "Språk")
        case .history: return ("Changes to the shop", "Kaupan muutokset", "Ändringar av butiken")
        case .failedAt: return ("Failed at", "Epäonnistui kohdassa", "Misslyckades vid")
        }
    }
}

extension AdminStrings {
    /// An operator console text in this language (`strings[console: .shops]`).
    public subscript(console text: ConsoleText) -> String {
        let all = text.translations
        switch locale {
        case .en: return all.en
        case .fi: return all.fi
        case .sv: return all.sv
        }
    }
}
