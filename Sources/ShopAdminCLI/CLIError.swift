/// A command-line failure: printed as one line, exit status 2 for usage, 1 otherwise.
enum CLIError: Error, CustomStringConvertible {
    case usage(String)
    case failed(String)

    var description: String {
        switch self {
        case .usage(let message): return message + " (see: shopadmin help)"
        case .failed(let message): return message
        }
    }

    var exitCode: Int32 {
        if case .usage = self { return 2 }
        return 1
    }
}
