import Foundation

/// The texts of the merchant's customer work (bulk actions, export, imports, jobs, the customer
/// page's panels and actions), in English, Finnish and Swedish. A case without all three does
/// not compile. Texts with `{n}` take a number through `AdminStrings.format`.
enum CustomerWorkText: String, Sendable, CaseIterable {
    case select
    case selectPage
    case allMatching
    case bulkAction
    case chooseAction
    case addTags
    case removeTags
    case enableAction
    case disableAction
    case deleteAction
    case sendPasswordLinks
    case tagsField
    case apply
    case export
    case confirmTitle
    case customersSelected
    case deleteImpact
    case cannotBeUndone
    case confirm
    case notCustomers
    case noSelection
    case needTags
    case tagsChanged
    case exportTitle
    case exportScope
    case exportTicked
    case format
    case fields
    case allFieldsHint
    case download
    case jobs
    case job
    case kind
    case progress
    case rate
    case timeLeft
    case result
    case started
    case startedBy
    case cancelJob
    case noJobs
    case rowsPerSecond
    case seconds
    case jobRunning
    case jobDone
    case jobFailed
    case jobCancelled
    case cancelRequested
    case refreshing
    case problems
    case row
    case column
    case problem
    case imports
    case importTitle
    case csvFile
    case separator
    case separatorDetect
    case separatorComma
    case separatorSemicolon
    case separatorTab
    case dryRun
    case runImport
    case dryRunReport
    case rows
    case willCreate
    case willUpdate
    case unchanged
    case failed
    case noProblems
    case runThisFile
    case chooseAgain
    case unknownColumns
    case ignoredColumns
    case missingFile
    case emailLog
    case subject
    case modules
    case creditLimit
    case creditUsed
    case creditAvailable
    case balance
    case balanceEntries
    case amount
    case note
    case tags
    case includedProducts
    case restrictedTo
    case notRestricted
    case categories
    case customFields
    case notInCompany
    case companyAdmin
    case companyPerson
    case companyPeople
    case riskRating
    case paymentDays
    case allowedOutstanding
    case companyGroup
    case vatNumber
    case copy
    case copyEmail
    case sendPasswordLink
    case passwordLinkSent
    case impersonate
    case impersonationToken
    case impersonationHelp
    case endImpersonation
    case impersonationEnded
    case gdprExport
    case gdprErase
    case eraseConfirm
    case erased
    case notAllowed

    /// The text in each language.
    var translations: (en: String, fi: String, sv: String) {
        switch self {
        case .select: return ("Select", "Valitse", "Välj")
        case .selectPage: return ("Select all on this page", "Valitse kaikki tällä sivulla", "Välj alla på sidan")
        case .allMatching:
            return (
                "All {n} customers the search and filters match", "Kaikki {n} hakua ja suodattimia vastaavaa asiakasta",
                "Alla {n} kunder som matchar sökningen och filtren"
            )
        case .bulkAction: return ("With the selected", "Valituille", "För de valda")
        case .chooseAction: return ("Choose an action", "Valitse toiminto", "Välj en åtgärd")
        case .addTags: return ("Add tags", "Lisää tunnisteet", "Lägg till taggar")
        case .removeTags: return ("Remove tags", "Poista tunnisteet", "Ta bort taggar")
        case .enableAction: return ("Enable", "Ota käyttöön", "Aktivera")
        case .disableAction: return ("Disable", "Poista käytöstä", "Inaktivera")
        case .deleteAction: return ("Delete", "Poista", "Radera")
        case .sendPasswordLinks:
            return ("Send password-reset emails", "Lähetä salasanan vaihtoviestit", "Skicka e-post för att återställa lösenord")
        case .tagsField: return ("Tags (comma-separated)", "Tunnisteet (pilkuin eroteltuna)", "Taggar (kommaseparerade)")
        case .apply: return ("Apply", "Suorita", "Utför")
        case .export: return ("Export", "Vie", "Exportera")
        case .confirmTitle: return ("Confirm the bulk action", "Vahvista joukkotoiminto", "Bekräfta massåtgärden")
        case .customersSelected: return ("{n} customers selected", "{n} asiakasta valittu", "{n} kunder valda")
        case .deleteImpact: return ("Deleting also removes:", "Poisto poistaa myös:", "Raderingen tar också bort:")
        case .cannotBeUndone: return ("This cannot be undone.", "Tätä ei voi perua.", "Detta kan inte ångras.")
        case .confirm: return ("Confirm", "Vahvista", "Bekräfta")
        case .notCustomers: return ("Not customers (skipped)", "Eivät ole asiakkaita (ohitetaan)", "Inte kunder (hoppas över)")
        case .noSelection:
            return (
                "Select at least one customer, or all matching.", "Valitse vähintään yksi asiakas tai kaikki hakua vastaavat.",
                "Välj minst en kund, eller alla som matchar."
            )
        case .needTags: return ("Name at least one tag.", "Anna vähintään yksi tunniste.", "Ange minst en tagg.")
        case .tagsChanged:
            return ("Tags changed on {n} customers.", "Tunnisteita muutettiin {n} asiakkaalta.", "Taggar ändrade för {n} kunder.")
        case .exportTitle: return ("Export customers", "Vie asiakkaat", "Exportera kunder")
        case .exportScope:
            return (
                "The file holds the {n} customers the search and filters match.",
                "Tiedostoon tulevat hakua ja suodattimia vastaavat {n} asiakasta.",
                "Filen innehåller de {n} kunder som matchar sökningen och filtren."
            )
        case .exportTicked:
            return (
                "The file holds the {n} customers ticked on the list.", "Tiedostoon tulevat listalla valitut {n} asiakasta.",
                "Filen innehåller de {n} kunder som markerades i listan."
            )
        case .format: return ("Format", "Muoto", "Format")
        case .fields: return ("Fields", "Kentät", "Fält")
        case .allFieldsHint:
            return (
                "None ticked: every field. Fields apply to the native format.", "Ei valintoja: kaikki kentät. Kentät koskevat omaa muotoa.",
                "Inget valt: alla fält. Fälten gäller det egna formatet."
            )
        case .download: return ("Download CSV", "Lataa CSV", "Ladda ner CSV")
        case .jobs: return ("Jobs", "Työt", "Jobb")
        case .job: return ("Job", "Työ", "Jobb")
        case .kind: return ("Kind", "Laji", "Typ")
        case .progress: return ("Progress", "Edistyminen", "Förlopp")
        case .rate: return ("Rate", "Nopeus", "Takt")
        case .timeLeft: return ("Time left", "Aikaa jäljellä", "Tid kvar")
        case .result: return ("Result", "Tulos", "Resultat")
        case .started: return ("Started", "Aloitettu", "Startad")
        case .startedBy: return ("Started by", "Aloittaja", "Startad av")
        case .cancelJob: return ("Cancel the job", "Peruuta työ", "Avbryt jobbet")
        case .noJobs: return ("No jobs yet.", "Ei vielä töitä.", "Inga jobb ännu.")
        case .rowsPerSecond: return ("rows/s", "riviä/s", "rader/s")
        case .seconds: return ("s", "s", "s")
        case .jobRunning: return ("Running", "Käynnissä", "Pågår")
        case .jobDone: return ("Done", "Valmis", "Klar")
        case .jobFailed: return ("Failed", "Epäonnistui", "Misslyckades")
        case .jobCancelled: return ("Cancelled", "Peruttu", "Avbruten")
        case .cancelRequested: return ("Cancel requested", "Peruutus pyydetty", "Avbrott begärt")
        case .refreshing:
            return (
                "This page refreshes every 2 seconds while the job runs.", "Sivu päivittyy 2 sekunnin välein työn ajan.",
                "Sidan uppdateras varannan sekund medan jobbet pågår."
            )
        case .problems: return ("Problems", "Ongelmat", "Problem")
        case .row: return ("Row", "Rivi", "Rad")
        case .column: return ("Column", "Sarake", "Kolumn")
        case .problem: return ("Problem", "Ongelma", "Problem")
        case .imports: return ("Imports", "Tuonnit", "Importer")
        case .importTitle: return ("Import customers from CSV", "Tuo asiakkaita CSV-tiedostosta", "Importera kunder från CSV")
        case .csvFile: return ("CSV file", "CSV-tiedosto", "CSV-fil")
        case .separator: return ("Separator", "Erotin", "Avgränsare")
        case .separatorDetect: return ("Detect", "Tunnista", "Identifiera")
        case .separatorComma: return ("Comma", "Pilkku", "Komma")
        case .separatorSemicolon: return ("Semicolon", "Puolipiste", "Semikolon")
        case .separatorTab: return ("Tab", "Sarkain", "Tabb")
        case .dryRun: return ("Check (dry run)", "Tarkista (koeajo)", "Kontrollera (provkörning)")
        case .runImport: return ("Import", "Tuo", "Importera")
        case .dryRunReport: return ("Dry run report", "Koeajon raportti", "Provkörningens rapport")
        case .rows: return ("Rows", "Rivit", "Rader")
        case .willCreate: return ("New", "Uudet", "Nya")
        case .willUpdate: return ("Updated", "Päivitetyt", "Uppdaterade")
        case .unchanged: return ("Unchanged", "Ennallaan", "Oförändrade")
        case .failed: return ("Failed", "Epäonnistuneet", "Misslyckade")
        case .noProblems: return ("No problems found.", "Ongelmia ei löytynyt.", "Inga problem hittades.")
        case .runThisFile: return ("Import this file", "Tuo tämä tiedosto", "Importera den här filen")
        case .chooseAgain:
            return (
                "Choose the file again to import it.", "Valitse tiedosto uudelleen tuodaksesi sen.",
                "Välj filen igen för att importera den."
            )
        case .unknownColumns: return ("Unknown columns", "Tuntemattomat sarakkeet", "Okända kolumner")
        case .ignoredColumns: return ("Ignored columns", "Ohitetut sarakkeet", "Ignorerade kolumner")
        case .missingFile: return ("Choose a CSV file.", "Valitse CSV-tiedosto.", "Välj en CSV-fil.")
        case .emailLog: return ("Email log", "Sähköpostiloki", "E-postlogg")
        case .subject: return ("Subject", "Aihe", "Ämne")
        case .modules: return ("Modules", "Moduulit", "Moduler")
        case .creditLimit: return ("Credit limit", "Luottoraja", "Kreditgräns")
        case .creditUsed: return ("Outstanding", "Avoinna", "Utestående")
        case .creditAvailable: return ("Available", "Käytettävissä", "Tillgängligt")
        case .balance: return ("Account balance", "Tilin saldo", "Kontosaldo")
        case .balanceEntries: return ("Balance entries", "Saldotapahtumat", "Saldohändelser")
        case .amount: return ("Amount", "Summa", "Belopp")
        case .note: return ("Note", "Huomautus", "Anteckning")
        case .tags: return ("Tags", "Tunnisteet", "Taggar")
        case .includedProducts: return ("Included products", "Sallitut tuotteet", "Inkluderade produkter")
        case .restrictedTo: return ("Restricted to", "Rajattu tuotteisiin", "Begränsad till")
        case .notRestricted: return ("Not restricted", "Ei rajattu", "Inte begränsad")
        case .categories: return ("Categories", "Tuoteryhmät", "Kategorier")
        case .customFields: return ("Custom fields", "Lisäkentät", "Egna fält")
        case .notInCompany: return ("Not a person of any company", "Ei minkään yrityksen henkilö", "Inte person i något företag")
        case .companyAdmin: return ("The company's admin person", "Yrityksen pääkäyttäjä", "Företagets administratör")
        case .companyPerson: return ("A person of the company", "Yrityksen henkilö", "Person i företaget")
        case .companyPeople: return ("People", "Henkilöt", "Personer")
        case .riskRating: return ("Risk rating", "Riskiluokitus", "Riskklassning")
        case .paymentDays: return ("Maximum payment days", "Maksuaika enintään (pv)", "Längsta betalningstid (dagar)")
        case .allowedOutstanding: return ("Allowed outstanding", "Sallittu avoin saldo", "Tillåtet utestående belopp")
        case .companyGroup: return ("Customer group", "Asiakasryhmä", "Kundgrupp")
        case .vatNumber: return ("VAT number", "ALV-numero", "Momsregistreringsnummer")
        case .copy: return ("Copy", "Kopioi", "Kopiera")
        case .copyEmail: return ("Email of the copy", "Kopion sähköposti", "Kopians e-post")
        case .sendPasswordLink: return ("Send password-reset email", "Lähetä salasanan vaihtoviesti", "Skicka e-post för nytt lösenord")
        case .passwordLinkSent:
            return (
                "A set-password link was emailed to the customer.", "Asiakkaalle lähetettiin salasanan asetuslinkki.",
                "En länk för att välja lösenord skickades till kunden."
            )
        case .impersonate: return ("Sign in as customer", "Kirjaudu asiakkaana", "Logga in som kunden")
        case .impersonationToken: return ("One-time sign-in token", "Kertakäyttöinen kirjautumistunnus", "Engångstoken för inloggning")
        case .impersonationHelp:
            return (
                "The storefront redeems it once (POST …/storefront/{store}/impersonation) within 5 minutes; the session is marked with your name.",
                "Verkkokauppa lunastaa sen kerran (POST …/storefront/{store}/impersonation) 5 minuutin kuluessa; istuntoon merkitään nimesi.",
                "Butiken löser in den en gång (POST …/storefront/{store}/impersonation) inom 5 minuter; sessionen märks med ditt namn."
            )
        case .endImpersonation: return ("End the impersonation", "Lopeta asiakkaana toimiminen", "Avsluta inloggningen som kund")
        case .impersonationEnded:
            return ("The impersonation has ended.", "Asiakkaana toimiminen päättyi.", "Inloggningen som kund har avslutats.")
        case .gdprExport: return ("GDPR export (JSON)", "GDPR-tietopyyntö (JSON)", "GDPR-export (JSON)")
        case .gdprErase: return ("Erase personal data (GDPR)", "Poista henkilötiedot (GDPR)", "Radera personuppgifter (GDPR)")
        case .eraseConfirm:
            return (
                "Type the customer number to confirm; this cannot be undone.", "Vahvista kirjoittamalla asiakasnumero; tätä ei voi perua.",
                "Skriv kundnumret för att bekräfta; detta kan inte ångras."
            )
        case .erased:
            return (
                "The customer's personal data was erased; orders are kept anonymised.",
                "Asiakkaan henkilötiedot poistettiin; tilaukset säilyvät nimettöminä.",
                "Kundens personuppgifter raderades; ordrarna sparas anonymiserade."
            )
        case .notAllowed:
            return ("Your role may not do this.", "Roolisi ei salli tätä.", "Din roll får inte göra detta.")
        }
    }
}

extension AdminStrings {
    /// A text of the customer work in this language.
    subscript(_ text: CustomerWorkText) -> String {
        let all = text.translations
        switch locale {
        case .en: return all.en
        case .fi: return all.fi
        case .sv: return all.sv
        }
    }

    /// A text with its `{n}` replaced by a number.
    func format(_ text: CustomerWorkText, _ number: Int64) -> String {
        self[text].replacingOccurrences(of: "{n}", with: String(number))
    }
}
