/// The words after the command: positional arguments and `--name value` / `--flag` options.
/// Options may repeat (`--add-on a --add-on b`); an unknown option is an error.
struct CommandLineArguments {
    var positional: [String] = []
    private var options: [String: [String]] = [:]
    private var consumed: Set<String> = []

    /// - Parameter flags: option names that take no value.
    init(_ words: [String], flags: Set<String> = []) throws {
        var index = 0
        while index < words.count {
            let word = words[index]
            if word.hasPrefix("--") && word.count > 2 {
                var name = String(word.dropFirst(2))
                var value: String?
                if let equals = name.firstIndex(of: "=") {
                    value = String(name[name.index(after: equals)...])
                    name = String(name[..<equals])
                }
                if flags.contains(name) {
                    options[name, default: []].append(value ?? "true")
                } else {
                    if value == nil {
                        index += 1
                        guard index < words.count else { throw CLIError.usage("--\(name) needs a value") }
                        value = words[index]
                    }
                    options[name, default: []].append(value!)
                }
            } else {
                positional.append(word)
            }
            index += 1
        }
    }

    mutating func option(_ name: String) -> String? {
        consumed.insert(name)
        return options[name]?.last
    }

    mutating func options(_ name: String) -> [String] {
        consumed.insert(name)
        return options[name] ?? []
    }

    mutating func flag(_ name: String) -> Bool {
        consumed.insert(name)
        return options[name] != nil
    }

    mutating func intOption(_ name: String) throws -> Int? {
        guard let text = option(name) else { return nil }
        guard let value = Int(text) else { throw CLIError.usage("--\(name) must be a number, not \(text)") }
        return value
    }

    /// The positional argument at `index`, or a usage error naming it.
    func argument(_ index: Int, _ name: String) throws -> String {
        guard index < positional.count else { throw CLIError.usage("missing <\(name)>") }
        return positional[index]
    }

    /// Fails on options nobody asked for and on extra positional arguments.
    func finish(maxPositional: Int) throws {
        if let unknown = options.keys.sorted().first(where: { !consumed.contains($0) }) {
            throw CLIError.usage("unknown option --\(unknown)")
        }
        if positional.count > maxPositional {
            throw CLIError.usage("unexpected argument \(positional[maxPositional])")
        }
    }
}
