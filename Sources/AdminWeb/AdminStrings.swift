/// The languages of the browser admin; the shop chooses one (`adminLocale` in its settings).
public enum AdminLocale: String, Sendable, CaseIterable {
    case en, fi, sv

    /// The shop's choice, English for anything else.
    public init(setting: String) { self = AdminLocale(rawValue: setting) ?? .en }
}

/// Every text of the admin's interface, in English, Finnish and Swedish. A case without all
/// three does not compile, so no page shows a missing translation.
public enum AdminText: String, Sendable, CaseIterable {
    case signIn
    case signOut
    case email
    case password
    case signInFailed
    case signInThrottled
    case signedInAs
    case customers
    case features
    case search
    case searchPlaceholder
    case filterAll
    case filterEnabled
    case filterDisabled
    case filterBlocked
    case filterPending
    case filterNewsletter
    case filter
    case id
    case socialTitle
    case firstName
    case lastName
    case phone
    case company
    case businessId
    case customerNumber
    case store
    case sales
    case enabled
    case newsletter
    case partnerOffers
    case registered
    case lastVisit
    case customersInTotal
    case firstPage
    case nextPage
    case newCustomer
    case yes
    case no
    case noCustomers
    case summary
    case personalData
    case addresses
    case orders
    case cart
    case drafts
    case none
    case privateNote
    case timeline
    case edit
    case save
    case cancel
    case create
    case block
    case blockReason
    case unblock
    case activate
    case status
    case statusActive
    case statusBlocked
    case statusPending
    case statusDisabled
    case formErrors
    case tier
    case modulesOn
    case modulesLocked
    case unlockAddOn
    case unlockFlag
    case unlockTier
    case noLockedModules
    case errorTitle
    case formExpired
    case backToCustomers
    case order
    case total
    case date
    case when
    case who
    case what
    case lines
    case street
    case postalCode
    case city
    case country
    case editCustomer
    case required
    case customer
    case moduleRequiredFields
    case moduleTags
    case moduleIncludedProducts
    case moduleCreditLimit
    case moduleAccountBalance
    case moduleB2B
    case columnCreditLimit
    case columnCreditUsed
    case columnCreditAvailable
    case columnBalance
    case columnTags
    case columnCompanyName

    /// The text in each language.
    var translations: (en: String, fi: String, sv: String) {
        switch self {
        case .signIn: return ("Sign in", "Kirjaudu sisään", "Logga in")
        case .signOut: return ("Sign out", "Kirjaudu ulos", "Logga ut")
        case .email: return ("Email", "Sähköposti", "E-post")
        case .password: return ("Password", "Salasana", "Lösenord")
        case .signInFailed:
            return ("The email or password is not right.", "Sähköposti tai salasana on väärin.", "E-postadressen eller lösenordet är fel.")
        case .signInThrottled:
            return (
                "Too many attempts; try again in a while.", "Liian monta yritystä; yritä hetken kuluttua uudelleen.",
                "För många försök; försök igen om en stund."
            )
        case .signedInAs: return ("Signed in as", "Kirjautuneena", "Inloggad som")
        case .customers: return ("Customers", "Asiakkaat", "Kunder")
        case .features: return ("Features", "Ominaisuudet", "Funktioner")
        case .search: return ("Search", "Hae", "Sök")
        case .searchPlaceholder:
            return (
                "Name, email, phone, company, business ID", "Nimi, sähköposti, puhelin, yritys, Y-tunnus",
                "Namn, e-post, telefon, företag, organisationsnummer"
            )
        case .filterAll: return ("All", "Kaikki", "Alla")
        case .filterEnabled: return ("Enabled", "Käytössä", "Aktiverade")
        case .filterDisabled: return ("Disabled", "Pois käytöstä", "Inaktiverade")
        case .filterBlocked: return ("Blocked", "Estetyt", "Spärrade")
        case .filterPending: return ("Awaiting activation", "Odottaa aktivointia", "Väntar på aktivering")
        case .filterNewsletter: return ("Newsletter subscribers", "Uutiskirjeen tilaajat", "Nyhetsbrevsprenumeranter")
        case .filter: return ("Filter", "Suodata", "Filtrera")
        case .id: return ("ID", "ID", "ID")
        case .socialTitle: return ("Title", "Titteli", "Titel")
        case .firstName: return ("First name", "Etunimi", "Förnamn")
        case .lastName: return ("Last name", "Sukunimi", "Efternamn")
        case .phone: return ("Phone", "Puhelin", "Telefon")
        case .company: return ("Company", "Yritys", "Företag")
        case .businessId: return ("Business ID", "Y-tunnus", "Organisationsnummer")
        case .customerNumber: return ("Customer number", "Asiakasnumero", "Kundnummer")
        case .store: return ("Store", "Kauppa", "Butik")
        case .sales: return ("Sales", "Myynti", "Försäljning")
        case .enabled: return ("Enabled", "Käytössä", "Aktiverad")
        case .newsletter: return ("Newsletter", "Uutiskirje", "Nyhetsbrev")
        case .partnerOffers: return ("Partner offers", "Kumppanitarjoukset", "Partnererbjudanden")
        case .registered: return ("Registered", "Rekisteröitynyt", "Registrerad")
        case .lastVisit: return ("Last visit", "Viimeisin käynti", "Senaste besök")
        case .customersInTotal: return ("customers in total", "asiakasta yhteensä", "kunder totalt")
        case .firstPage: return ("First page", "Ensimmäinen sivu", "Första sidan")
        case .nextPage: return ("Next page", "Seuraava sivu", "Nästa sida")
        case .newCustomer: return ("New customer", "Uusi asiakas", "Ny kund")
        case .yes: return ("Yes", "Kyllä", "Ja")
        case .no: return ("No", "Ei", "Nej")
        case .noCustomers: return ("No customer matches.", "Yksikään asiakas ei vastaa hakua.", "Ingen kund matchar.")
        case .summary: return ("Summary", "Yhteenveto", "Sammanfattning")
        case .personalData: return ("Personal data", "Henkilötiedot", "Personuppgifter")
        case .addresses: return ("Addresses", "Osoitteet", "Adresser")
        case .orders: return ("Orders", "Tilaukset", "Ordrar")
        case .cart: return ("Cart", "Ostoskori", "Varukorg")
        case .drafts: return ("Draft orders", "Tilausluonnokset", "Orderutkast")
        case .none: return ("None.", "Ei yhtään.", "Inga.")
        case .privateNote: return ("Private note", "Yksityinen muistiinpano", "Privat anteckning")
        case .timeline: return ("Audit timeline", "Muutoshistoria", "Ändringshistorik")
        case .edit: return ("Edit", "Muokkaa", "Redigera")
        case .save: return ("Save", "Tallenna", "Spara")
        case .cancel: return ("Cancel", "Peruuta", "Avbryt")
        case .create: return ("Create", "Luo", "Skapa")
        case .block: return ("Block", "Estä", "Spärra")
        case .blockReason: return ("Reason the customer sees", "Syy, jonka asiakas näkee", "Orsak som kunden ser")
        case .unblock: return ("Unblock", "Poista esto", "Häv spärren")
        case .activate: return ("Activate", "Aktivoi", "Aktivera")
        case .status: return ("Status", "Tila", "Status")
        case .statusActive: return ("Active", "Aktiivinen", "Aktiv")
        case .statusBlocked: return ("Blocked", "Estetty", "Spärrad")
        case .statusPending: return ("Awaiting activation", "Odottaa aktivointia", "Väntar på aktivering")
        case .statusDisabled: return ("Disabled", "Pois käytöstä", "Inaktiverad")
        case .formErrors:
            return ("Check the fields marked below.", "Tarkista alla merkityt kentät.", "Kontrollera fälten som markerats nedan.")
        case .tier: return ("Tier", "Taso", "Nivå")
        case .modulesOn: return ("Included in your plan", "Sisältyy pakettiisi", "Ingår i ditt paket")
        case .modulesLocked: return ("Not in your plan", "Ei sisälly pakettiisi", "Ingår inte i ditt paket")
        case .unlockAddOn: return ("Unlocked by a paid add-on", "Avautuu maksullisella lisäpalvelulla", "Låses upp med ett betalt tillägg")
        case .unlockFlag: return ("Ask support to switch it on", "Pyydä tukea ottamaan se käyttöön", "Be supporten att slå på det")
        case .unlockTier: return ("modules added by upgrading", "päivitys tuo lisää moduuleja", "moduler till vid uppgradering")
        case .noLockedModules:
            return ("Your plan has every module.", "Pakettiisi sisältyvät kaikki moduulit.", "Ditt paket har alla moduler.")
        case .errorTitle: return ("Something went wrong", "Jokin meni vikaan", "Något gick fel")
        case .formExpired:
            return (
                "The form has expired; reload the page and try again.", "Lomake on vanhentunut; lataa sivu uudelleen ja yritä uudelleen.",
                "Formuläret har gått ut; ladda om sidan och försök igen."
            )
        case .backToCustomers: return ("Back to customers", "Takaisin asiakkaisiin", "Tillbaka till kunder")
        case .order: return ("Order", "Tilaus", "Order")
        case .total: return ("Total", "Yhteensä", "Summa")
        case .date: return ("Date", "Päivä", "Datum")
        case .when: return ("When", "Milloin", "När")
        case .who: return ("Who", "Kuka", "Vem")
        case .what: return ("What", "Mitä", "Vad")
        case .lines: return ("Lines", "Rivit", "Rader")
        case .street: return ("Street", "Katuosoite", "Gatuadress")
        case .postalCode: return ("Postal code", "Postinumero", "Postnummer")
        case .city: return ("City", "Kaupunki", "Ort")
        case .country: return ("Country", "Maa", "Land")
        case .editCustomer: return ("Edit customer", "Muokkaa asiakasta", "Redigera kund")
        case .required: return ("required", "pakollinen", "obligatorisk")
        case .customer: return ("Customer", "Asiakas", "Kund")
        case .moduleRequiredFields: return ("Required fields", "Pakolliset kentät", "Obligatoriska fält")
        case .moduleTags: return ("Tags", "Tunnisteet", "Taggar")
        case .moduleIncludedProducts: return ("Included products", "Sallitut tuotteet", "Inkluderade produkter")
        case .moduleCreditLimit: return ("Credit limit", "Luottoraja", "Kreditgräns")
        case .moduleAccountBalance: return ("Account balance", "Tilin saldo", "Kontosaldo")
        case .moduleB2B: return ("B2B companies", "B2B-yritykset", "B2B-företag")
        case .columnCreditLimit: return ("Credit limit", "Luottoraja", "Kreditgräns")
        case .columnCreditUsed: return ("Credit used", "Käytetty luotto", "Utnyttjad kredit")
        case .columnCreditAvailable: return ("Credit available", "Vapaa luotto", "Tillgänglig kredit")
        case .columnBalance: return ("Balance", "Saldo", "Saldo")
        case .columnTags: return ("Tags", "Tunnisteet", "Taggar")
        case .columnCompanyName: return ("Company", "Yritys", "Företag")
        }
    }

    /// The name of a feature module by its id, nil for a module the catalog does not know.
    static func module(_ id: String) -> AdminText? {
        switch id {
        case "required-fields": return .moduleRequiredFields
        case "tags": return .moduleTags
        case "included-products": return .moduleIncludedProducts
        case "credit-limit": return .moduleCreditLimit
        case "account-balance": return .moduleAccountBalance
        case "b2b": return .moduleB2B
        default: return nil
        }
    }

    /// The heading of a list column a module adds, nil for one the catalog does not know.
    static func listColumn(_ key: String) -> AdminText? {
        switch key {
        case "creditLimit": return .columnCreditLimit
        case "creditUsed": return .columnCreditUsed
        case "creditAvailable": return .columnCreditAvailable
        case "balance": return .columnBalance
        case "tags": return .columnTags
        case "companyName": return .columnCompanyName
        default: return nil
        }
    }
}

/// The admin's texts in one language.
public struct AdminStrings: Sendable {
    public let locale: AdminLocale

    public init(_ locale: AdminLocale) { self.locale = locale }

    /// The text in this language.
    public subscript(_ text: AdminText) -> String {
        let all = text.translations
        switch locale {
        case .en: return all.en
        case .fi: return all.fi
        case .sv: return all.sv
        }
    }
}
