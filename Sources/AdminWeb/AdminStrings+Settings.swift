/// The texts of the shop's settings screens (groups, stores, required fields, tags, B2B
/// applications, customer prices, email log, language), in English, Finnish and Swedish. A
/// catalog of its own beside `AdminText`, so the screens add texts without touching it; a
/// case without all three languages does not compile.
public enum SettingsText: String, Sendable, CaseIterable {
    case settings, groups, newGroup, name, taxClass, taxable, taxFreeReseller, builtIn, members, rename, delete, deleteGroup
    case moveCustomersTo, keepCustomers, groupInUse, stores, newStore, code, locale, currency, country, accountScope
    case accountScopeShop, accountScopeStore, editStore, requiredFields, requiredIn, coreFields, moduleFields, customFields
    case kind, appliesTo, allStores, requiredHere, values, tags, newTag, noTags, b2bApplications, statusPending, statusApproved
    case statusRejected, applicant, submitted, erpNumber, approve, reject, rejectReason, noApplications, decision, prices
    case priceRules, noPriceRules, whyThisPrice, sku, quantity, explain, price, discount, lineTotal, rule, scope, value
    case validFrom, validTo, level, considered, chosen, emailLog, recipient, subject, attempts, lastError, noEmails, language
    case languageHint, saved, notAllowed, created, sentAt, customerID, showPrices, unavailable, allStatuses, lookUp
    case settingsHint, moduleOff, newCustomField, key, keyHint, choices, choicesHint, customerEditable, label, notRequirable
    case started, finished, reply, myLanguage, myLanguageHint, shopLanguage
    case newRule, amount, priceType, percentage, margin, minimumQuantity, note, kindPrice, kindDiscount, kindMargin, skuHint

    /// The text in each language.
    var translations: (en: String, fi: String, sv: String) {
        switch self {
        case .settings: return ("Settings", "Asetukset", "Inställningar")
        case .groups: return ("Customer groups", "Asiakasryhmät", "Kundgrupper")
        case .newGroup: return ("New group", "Uusi ryhmä", "Ny grupp")
        case .name: return ("Name", "Nimi", "Namn")
        case .taxClass: return ("Tax class", "Veroluokka", "Skatteklass")
        case .taxable: return ("Taxable", "Verollinen", "Skattepliktig")
        case .taxFreeReseller: return ("Tax-free reseller", "Veroton jälleenmyyjä", "Skattefri återförsäljare")
        case .builtIn: return ("Built-in", "Valmis ryhmä", "Inbyggd")
        case .members: return ("Customers", "Asiakkaita", "Kunder")
        case .rename: return ("Save", "Tallenna", "Spara")
        case .delete: return ("Delete", "Poista", "Ta bort")
        case .deleteGroup: return ("Delete group", "Poista ryhmä", "Ta bort grupp")
        case .moveCustomersTo: return ("Move its customers to", "Siirrä asiakkaat ryhmään", "Flytta kunderna till")
        case .keepCustomers: return ("(do not move)", "(älä siirrä)", "(flytta inte)")
        case .groupInUse:
            return (
                "The group has customers: %d. Choose a group to move them to, then delete.",
                "Ryhmässä on asiakkaita: %d. Valitse ryhmä, johon heidät siirretään, ja poista sitten.",
                "Gruppen har kunder: %d. Välj en grupp att flytta dem till och ta sedan bort."
            )
        case .stores: return ("Stores", "Kaupat", "Butiker")
        case .newStore: return ("New store", "Uusi kauppa", "Ny butik")
        case .code: return ("Code", "Tunnus", "Kod")
        case .locale: return ("Language", "Kieli", "Språk")
        case .currency: return ("Currency", "Valuutta", "Valuta")
        case .country: return ("Country", "Maa", "Land")
        case .accountScope: return ("Customer accounts", "Asiakastilit", "Kundkonton")
        case .accountScopeShop: return ("Shared by the shop's stores", "Yhteiset kaikille kaupoille", "Delas av butikerna")
        case .accountScopeStore: return ("Per store", "Kauppakohtaiset", "Per butik")
        case .editStore: return ("Edit store", "Muokkaa kauppaa", "Redigera butik")
        case .requiredFields: return ("Required fields", "Pakolliset kentät", "Obligatoriska fält")
        case .requiredIn: return ("Required in store", "Pakolliset kaupassa", "Obligatoriska i butik")
        case .coreFields: return ("Customer fields", "Asiakaskentät", "Kundfält")
        case .moduleFields: return ("Module fields", "Moduulien kentät", "Modulernas fält")
        case .customFields: return ("Custom fields", "Omat kentät", "Egna fält")
        case .kind: return ("Kind", "Tyyppi", "Typ")
        case .appliesTo: return ("Stores", "Kaupat", "Butiker")
        case .allStores: return ("All stores", "Kaikki kaupat", "Alla butiker")
        case .requiredHere: return ("Required", "Pakollinen", "Obligatorisk")
        case .values: return ("Values", "Arvoja", "Värden")
        case .tags: return ("Tags", "Tunnisteet", "Taggar")
        case .newTag: return ("New tag", "Uusi tunniste", "Ny tagg")
        case .noTags: return ("No tags yet.", "Ei vielä tunnisteita.", "Inga taggar ännu.")
        case .b2bApplications: return ("B2B applications", "B2B-hakemukset", "B2B-ansökningar")
        case .statusPending: return ("Waiting for review", "Odottaa käsittelyä", "Väntar på granskning")
        case .statusApproved: return ("Approved", "Hyväksytty", "Godkänd")
        case .statusRejected: return ("Rejected", "Hylätty", "Avslagen")
        case .applicant: return ("Applicant", "Hakija", "Sökande")
        case .submitted: return ("Submitted", "Lähetetty", "Inskickad")
        case .erpNumber: return ("ERP customer number", "ERP-asiakasnumero", "ERP-kundnummer")
        case .approve: return ("Approve", "Hyväksy", "Godkänn")
        case .reject: return ("Reject", "Hylkää", "Avslå")
        case .rejectReason: return ("Reason (the applicant is told)", "Syy (kerrotaan hakijalle)", "Orsak (meddelas den sökande)")
        case .noApplications: return ("No applications.", "Ei hakemuksia.", "Inga ansökningar.")
        case .decision: return ("Decision", "Päätös", "Beslut")
        case .prices: return ("Prices and discounts", "Hinnat ja alennukset", "Priser och rabatter")
        case .priceRules: return ("The customer's price rules", "Asiakkaan hintasäännöt", "Kundens prisregler")
        case .noPriceRules: return ("No rules of this customer's own.", "Ei asiakkaan omia sääntöjä.", "Inga egna regler för kunden.")
        case .whyThisPrice: return ("Why this price?", "Miksi tämä hinta?", "Varför detta pris?")
        case .sku: return ("SKU", "Tuotekoodi", "Artikelnummer")
        case .quantity: return ("Quantity", "Määrä", "Antal")
        case .explain: return ("Explain", "Selitä", "Förklara")
        case .price: return ("Price", "Hinta", "Pris")
        case .discount: return ("Discount", "Alennus", "Rabatt")
        case .lineTotal: return ("Line total", "Rivin summa", "Radsumma")
        case .rule: return ("Rule", "Sääntö", "Regel")
        case .scope: return ("Applies to", "Koskee", "Gäller")
        case .value: return ("Value", "Arvo", "Värde")
        case .validFrom: return ("Valid from", "Voimassa alkaen", "Giltig från")
        case .validTo: return ("Valid to", "Voimassa asti", "Giltig till")
        case .level: return ("Level", "Taso", "Nivå")
        case .considered: return ("Considered", "Tarkasteltu", "Prövad")
        case .chosen: return ("Chosen", "Valittu", "Vald")
        case .emailLog: return ("Email log", "Sähköpostiloki", "E-postlogg")
        case .recipient: return ("Recipient", "Vastaanottaja", "Mottagare")
        case .subject: return ("Subject", "Aihe", "Ämne")
        case .attempts: return ("Attempts", "Yrityksiä", "Försök")
        case .lastError: return ("Last error", "Viimeisin virhe", "Senaste fel")
        case .noEmails: return ("No emails.", "Ei sähköposteja.", "Inga e-postmeddelanden.")
        case .language: return ("Admin language", "Ylläpidon kieli", "Administrationens språk")
        case .languageHint:
            return (
                "The language of this admin for everyone in the shop.", "Ylläpidon kieli kaikille kaupan käyttäjille.",
                "Administrationens språk för alla i butiken."
            )
        case .saved: return ("Saved.", "Tallennettu.", "Sparat.")
        case .notAllowed:
            return ("Your role may not change this.", "Roolisi ei salli tämän muuttamista.", "Din roll får inte ändra detta.")
        case .created: return ("Created", "Luotu", "Skapad")
        case .sentAt: return ("Sent", "Lähetetty", "Skickad")
        case .customerID: return ("Customer ID", "Asiakkaan ID", "Kund-ID")
        case .showPrices: return ("Show prices", "Näytä hinnat", "Visa priser")
        case .unavailable: return ("Not available to this customer", "Ei saatavilla tälle asiakkaalle", "Inte tillgänglig för kunden")
        case .allStatuses: return ("All", "Kaikki", "Alla")
        case .lookUp: return ("Show", "Näytä", "Visa")
        case .settingsHint:
            return (
                "What the shop's plan gives you to set up.", "Mitä kaupan tilaus antaa asetettavaksi.",
                "Det som butikens plan låter dig ställa in."
            )
        case .newCustomField: return ("New custom field", "Uusi oma kenttä", "Nytt eget fält")
        case .key: return ("Key", "Avain", "Nyckel")
        case .keyHint:
            return (
                "As integrations see it, e.g. paymentReference", "Integraatioille, esim. paymentReference",
                "För integrationer, t.ex. paymentReference"
            )
        case .choices: return ("Choices", "Vaihtoehdot", "Val")
        case .choicesHint: return ("One a line (choice fields)", "Yksi riville (valintakentät)", "Ett per rad (valfält)")
        case .customerEditable: return ("The customer fills it in", "Asiakas täyttää sen", "Kunden fyller i det")
        case .notRequirable:
            return ("Fields that cannot be required", "Kentät, joita ei voi vaatia", "Fält som inte kan krävas")
        case .myLanguage: return ("My language in this browser", "Oma kieleni tässä selaimessa", "Mitt språk i den här webbläsaren")
        case .myLanguageHint:
            return (
                "Only for you, in this browser; it changes nothing for others.", "Vain sinulle tässä selaimessa; ei muuta mitään muille.",
                "Bara för dig i den här webbläsaren; det ändrar inget för andra."
            )
        case .shopLanguage: return ("The shop's language", "Kaupan kieli", "Butikens språk")
        case .started: return ("Started", "Alkoi", "Startade")
        case .finished: return ("Finished", "Päättyi", "Avslutades")
        case .reply: return ("Server's reply", "Palvelimen vastaus", "Serverns svar")
        case .newRule: return ("New rule for this customer", "Uusi sääntö asiakkaalle", "Ny regel för kunden")
        case .amount: return ("Price", "Hinta", "Pris")
        case .priceType: return ("Price type", "Hintatyyppi", "Pristyp")
        case .percentage: return ("Discount %", "Alennus %", "Rabatt %")
        case .margin: return ("Margin %", "Kate %", "Marginal %")
        case .minimumQuantity: return ("From quantity", "Alkaen määrästä", "Från antal")
        case .note: return ("Note", "Huomautus", "Anteckning")
        case .kindPrice: return ("Price for a product", "Tuotteen hinta", "Pris för en produkt")
        case .kindDiscount: return ("Discount on a product", "Tuotteen alennus", "Rabatt på en produkt")
        case .kindMargin: return ("Margin on every product", "Kate kaikille tuotteille", "Marginal på alla produkter")
        case .skuHint: return ("Not for a margin rule", "Ei katesäännölle", "Inte för marginalregel")
        case .label: return ("Label", "Nimike", "Etikett")
        case .moduleOff:
            return (
                "This screen belongs to a module the shop does not have.", "Tämä näkymä kuuluu moduuliin, jota kaupalla ei ole.",
                "Den här vyn hör till en modul som butiken inte har."
            )
        }
    }
}

extension AdminStrings {
    /// A settings screen's text in this language (`strings[settings: .groups]`; labelled, as
    /// both catalogs have cases of the same name).
    public subscript(settings text: SettingsText) -> String {
        let all = text.translations
        switch locale {
        case .en: return all.en
        case .fi: return all.fi
        case .sv: return all.sv
        }
    }
}
