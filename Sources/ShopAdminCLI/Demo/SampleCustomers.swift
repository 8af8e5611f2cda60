import ShopCore

/// Deterministic Nordic sample customers for the demo shop and for benchmarks: the same
/// index always gives the same person, with valid business ids, phones and postal codes.
enum SampleCustomers {
    static let firstNames: [String: [String]] = [
        "FI": [
            "Aino", "Eino", "Helmi", "Väinö", "Siiri", "Onni", "Elli", "Leevi", "Aada", "Eetu", "Iida", "Juho", "Kerttu", "Lauri", "Matti",
            "Sanna",
        ],
        "SE": [
            "Åsa", "Björn", "Elsa", "Göran", "Ingrid", "Lars", "Maja", "Nils", "Sofia", "Oskar", "Astrid", "Erik", "Karin", "Sven",
            "Linnéa", "Håkan",
        ],
        "NO": [
            "Ingrid", "Jørgen", "Kari", "Ole", "Solveig", "Håkon", "Sigrid", "Øyvind", "Tone", "Bjørn", "Ragnhild", "Espen", "Liv",
            "Torbjørn", "Åse", "Nora",
        ],
        "DK": [
            "Søren", "Mette", "Jens", "Freja", "Rasmus", "Ida", "Mads", "Signe", "Anders", "Karen", "Niels", "Sofie", "Jesper", "Birgit",
            "Lærke", "Frederik",
        ],
    ]
    static let lastNames: [String: [String]] = [
        "FI": [
            "Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen", "Koskinen", "Järvinen", "Lehtonen",
            "Saarinen",
        ],
        "SE": [
            "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Öberg", "Åhlén", "Larsson", "Olsson", "Persson", "Svensson",
            "Lindström",
        ],
        "NO": [
            "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen", "Karlsen", "Johnsen",
            "Bakke",
        ],
        "DK": [
            "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen", "Møller",
            "Kjær",
        ],
    ]
    static let companies = [
        "Oy Pohjola Tuote", "Nordic Tools AB", "Fjord Handel AS", "Kaffebrænderiet ApS", "Lapin Puu Oy", "Skärgård Design AB",
    ]

    /// A small deterministic generator (SplitMix64), so runs and machines agree.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
        mutating func digits(_ count: Int) -> String { (0..<count).map { _ in String(next() % 10) }.joined() }
    }

    /// Customer number `index` for a store in `country` (FI, SE, NO, DK), as API fields.
    static func customer(_ index: Int, country: String) -> [String: JSONValue] {
        var random = Generator(state: UInt64(index) &* 2_654_435_761 &+ UInt64(country.hashValueStable))
        let first = random.pick(firstNames[country] ?? firstNames["FI"]!)
        let last = random.pick(lastNames[country] ?? lastNames["FI"]!)
        let domain = ["FI": "fi", "SE": "se", "NO": "no", "DK": "dk"][country] ?? "com"
        let local = "\(first).\(last).\(index)".lowercased().unicodeScalars
            .map { "abcdefghijklmnopqrstuvwxyz0123456789.".unicodeScalars.contains($0) ? String($0) : "x" }.joined()
        var fields: [String: JSONValue] = [
            "firstName": .string(first), "lastName": .string(last), "email": .string("\(local)@example.\(domain)"),
            "phone": .string(phone(country, &random)),
            "newsletter": .bool(random.next() % 3 == 0), "smsMarketing": .bool(random.next() % 4 == 0),
        ]
        if index % 5 == 0 {
            fields["company"] = .string(random.pick(companies))
            if country == "FI" { fields["businessId"] = .string(finnishBusinessID(&random)) }
            fields["saleType"] = .string("domestic")
        }
        return fields
    }

    static func phone(_ country: String, _ random: inout Generator) -> String {
        switch country {
        case "SE": return "07\(random.pick(["0", "2", "3", "6"]))\(random.digits(7))"
        case "NO": return "\(random.pick(["4", "9"]))\(random.digits(7))"
        case "DK": return "\(random.pick(["2", "3", "4", "5"]))\(random.digits(7))"
        default: return "04\(random.pick(["0", "1", "4", "5"]))\(random.digits(7))"
        }
    }

    /// A Y-tunnus with a valid check digit (weights 7, 9, 10, 5, 8, 4, 2; remainder 1 unusable).
    static func finnishBusinessID(_ random: inout Generator) -> String {
        while true {
            let body = "\(1 + random.next() % 9)" + random.digits(6)
            let weights = [7, 9, 10, 5, 8, 4, 2]
            let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
            let remainder = sum % 11
            if remainder == 1 { continue }
            return "\(body)-\(remainder == 0 ? 0 : 11 - remainder)"
        }
    }
}

extension String {
    /// A hash that is the same in every process (Swift's `hashValue` is seeded per run).
    var hashValueStable: Int {
        utf8.reduce(5381) { ($0 &* 33) &+ Int($1) }
    }
}
